import { useMemo, useState } from 'react';
import {
  ceilingOf,
  declarationTotals,
  DECLARED_MEASURES,
  listDeclarations,
  type Ceilings,
  type DeclaredMeasure,
  type StoredDeclaration,
} from '../api/pages.js';
import type { Agreement, User } from '../api/types.js';
import { CeilingGauge } from '../components/CeilingGauge.js';
import { DeclarationHistory } from '../components/DeclarationHistory.js';
import { useI18n } from '../i18n/I18n.js';
import type { MessageKey } from '../i18n/messages.js';
import { useLoad } from './useLoad.js';

/**
 * Force declarations against the agreement's ceilings: per party, its latest declaration as one
 * gauge per measure (troops, each equipment category), the history of its declarations, and the
 * finding candidates the checks raised, which the server sends only to mission staff and the
 * declaring party's liaison.
 */
export function DeclarationsPage({ user, agreement }: { user: User; agreement: Agreement | null }) {
  const { t, dateTime } = useI18n();
  const { state } = useLoad(listDeclarations);
  const [measure, setMeasure] = useState<DeclaredMeasure>('troops');
  const ceilings = (agreement as (Agreement & { ceilings?: Ceilings }) | null)?.ceilings;
  const declarations = state.status === 'ready' ? state.data : [];
  const byParty = useMemo(() => {
    const m = new Map<string, StoredDeclaration[]>();
    for (const d of declarations) {
      const list = m.get(d.declaration.party) ?? [];
      list.push(d);
      m.set(d.declaration.party, list);
    }
    for (const list of m.values())
      list.sort((a, b) => a.declaration.asOf.localeCompare(b.declaration.asOf));
    return m;
  }, [declarations]);

  if (state.status === 'loading') return <p className="busy">{t('count.loading')}</p>;
  if (state.status === 'error')
    return (
      <p className="error" role="alert">
        {t('decl.error', { detail: state.detail })}
      </p>
    );
  const parties = [
    ...(agreement?.parties ?? []).map((p) => ({ id: p.id, name: p.name })),
    ...[...byParty.keys()]
      .filter((id) => !agreement?.parties.some((p) => p.id === id))
      .map((id) => ({ id, name: id })),
  ];
  const measureLabel = (m: DeclaredMeasure) => t(`decl.measure.${m}` as MessageKey);
  return (
    <div className="declarations-page" data-count={declarations.length}>
      {user.role === 'liaison' && <p className="note">{t('decl.liaisonNote')}</p>}
      <div className="party-cards">
        {parties.map((p) => {
          const list = byParty.get(p.id) ?? [];
          const latest = list[list.length - 1];
          const totals = latest ? declarationTotals(latest) : null;
          return (
            <section
              key={p.id}
              className="party-card"
              data-party={p.id}
              aria-labelledby={`decl-${p.id}`}
            >
              <h3 id={`decl-${p.id}`}>{p.name}</h3>
              {!latest || !totals ? (
                <p className="note">{t('decl.noneForParty')}</p>
              ) : (
                <>
                  <p className="meta">
                    {t('decl.latest', {
                      asOf: latest.declaration.asOf,
                      by: latest.submittedBy,
                      at: dateTime(latest.submittedAt),
                      units: latest.declaration.units.length,
                    })}
                  </p>
                  {DECLARED_MEASURES.map((m) => (
                    <CeilingGauge
                      key={m}
                      label={measureLabel(m)}
                      declared={totals[m]}
                      ceiling={ceilingOf(ceilings, p.id, m)}
                    />
                  ))}
                  <Candidates declaration={latest} />
                </>
              )}
            </section>
          );
        })}
      </div>
      <section className="history-section" aria-labelledby="decl-history">
        <h3 id="decl-history">{t('decl.history')}</h3>
        <label>
          {t('decl.measure')}{' '}
          <select
            name="measure"
            value={measure}
            onChange={(e) => setMeasure(e.target.value as DeclaredMeasure)}
          >
            {DECLARED_MEASURES.map((m) => (
              <option key={m} value={m}>
                {measureLabel(m)}
              </option>
            ))}
          </select>
        </label>
        <DeclarationHistory
          title={t('decl.historyOf', { measure: measureLabel(measure) })}
          series={parties
            .filter((p) => byParty.has(p.id))
            .map((p) => ({
              id: p.id,
              name: p.name,
              points: byParty
                .get(p.id)!
                .map((d) => [d.declaration.asOf, declarationTotals(d)[measure]] as const),
            }))}
          ceilings={Object.fromEntries(
            parties.map((p) => [p.id, ceilingOf(ceilings, p.id, measure)]),
          )}
        />
      </section>
    </div>
  );
}

const CANDIDATE_KINDS: readonly string[] = [
  'ceiling_exceeded',
  'declared_change',
  'undeclared_equipment',
  'undeclared_unit',
  'equipment_in_withdrawal_zone',
];

function Candidates({ declaration }: { declaration: StoredDeclaration }) {
  const { t, dateTime } = useI18n();
  // Absent: the server does not show this caller the candidates.
  if (!declaration.candidates) return null;
  return (
    <div className="candidates" data-count={declaration.candidates.length}>
      <h4>{t('decl.candidates')}</h4>
      {declaration.candidates.length === 0 ? (
        <p className="note">{t('decl.noCandidates', { at: dateTime(declaration.checkedAt) })}</p>
      ) : (
        <ul>
          {declaration.candidates.map((c, i) => (
            <li key={i} data-kind={c.kind}>
              <strong>
                {CANDIDATE_KINDS.includes(c.kind) ? t(`decl.kind.${c.kind}` as MessageKey) : c.kind}
              </strong>
              : {c.text}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
