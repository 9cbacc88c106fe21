import { useEffect, useState } from 'react';
import { ApiError, getIncident } from '../api/client.js';
import type { Agreement, IncidentFeature, ObservationFeature } from '../api/types.js';
import { LedgerProof } from '../components/LedgerProof.js';
import { useI18n } from '../i18n/I18n.js';
import { MESSAGES, type MessageKey } from '../i18n/messages.js';
import { UNDETERMINED } from '../incidents/shape.js';
import { observedSpan } from '../view/time.js';
import { loadWorkflow, replyWindows, type WorkflowLoad } from './incident-data.js';
import './incident-page.css';

type Load =
  | { readonly status: 'loading' }
  | { readonly status: 'missing' }
  | { readonly status: 'ready'; readonly feature: IncidentFeature }
  | { readonly status: 'error'; readonly detail: string };

/**
 * One incident on a page of its own (`?incident=<id>`): what happened, the observations and
 * sources it was fused from (those the reader may see), the provisions it matched with what was
 * measured, its attribution and confidence with the reason ("undetermined" is said as such, never
 * shown as a side), its uncertainty region and origin (drawn on the map beside it), the
 * verification history and the parties' replies when the role may read them, and the ledger
 * proof of its current state checked in the browser. All values are rendered as text.
 */
export function IncidentPage({
  id,
  parties,
  onClose,
  onLoaded,
}: {
  id: string;
  parties: Agreement['parties'];
  onClose: () => void;
  /** The incident as loaded (null until then), so the map can draw its region and origin. */
  onLoaded: (f: IncidentFeature | null) => void;
}) {
  const { t, num, dateTime } = useI18n();
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [workflow, setWorkflow] = useState<WorkflowLoad>({ status: 'loading' });

  useEffect(() => {
    const abort = new AbortController();
    setLoad({ status: 'loading' });
    onLoaded(null);
    getIncident(id, abort.signal).then(
      (feature) => {
        setLoad({ status: 'ready', feature });
        onLoaded(feature);
      },
      (err: unknown) => {
        if (abort.signal.aborted) return;
        if (err instanceof ApiError && err.status === 404) setLoad({ status: 'missing' });
        else setLoad({ status: 'error', detail: err instanceof Error ? err.message : String(err) });
      },
    );
    setWorkflow({ status: 'loading' });
    loadWorkflow(id, abort.signal).then(setWorkflow, (err: unknown) => {
      if (!abort.signal.aborted)
        setWorkflow({ status: 'error', detail: err instanceof Error ? err.message : String(err) });
    });
    return () => abort.abort();
  }, [id, onLoaded]);

  const header = (
    <header>
      <h2 id="incident-page-title">{t('incident.title', { id })}</h2>
      <button type="button" className="secondary" onClick={onClose}>
        {t('page.back')}
      </button>
    </header>
  );
  if (load.status !== 'ready')
    return (
      <article className="incident-page" aria-labelledby="incident-page-title">
        {header}
        {load.status === 'loading' ? (
          <p className="busy">{t('page.loading')}</p>
        ) : (
          <p role="alert">
            {load.status === 'missing'
              ? t('page.notFound', { id })
              : t('page.error', { detail: load.detail })}
          </p>
        )}
      </article>
    );

  const f = load.feature;
  const p = f.properties;
  const pct = (x: number) => `${num(Math.round(x * 100))} %`;
  const partyName = (party: string) => parties.find((x) => x.id === party)?.name ?? party;
  const undetermined = p.attribution.party === UNDETERMINED;
  const known = (key: string) => key in MESSAGES.en;
  const label = (prefix: string, v: string) =>
    known(`${prefix}.${v}`) ? t(`${prefix}.${v}` as MessageKey) : v;
  const latLon = (lon: number, lat: number) =>
    `${num(Math.abs(lat), 4)}° ${lat < 0 ? 'S' : 'N'}, ${num(Math.abs(lon), 4)}° ${lon < 0 ? 'W' : 'E'}`;
  const observations = p.observations ?? [];

  return (
    <article className="incident-page" aria-labelledby="incident-page-title" data-id={p.id}>
      {header}
      <section aria-labelledby="page-summary">
        <h3 id="page-summary">{t('page.summary')}</h3>
        <dl>
          <Row k={t('incident.events')} v={p.events.map((e) => label('event', e)).join(', ')} />
          <Row k={t('incident.count')} v={num(p.count)} />
          <Row
            k={t('incident.weapon')}
            v={
              label('weapon', p.weapon) +
              (p.calibreMm !== undefined ? ` (${num(p.calibreMm)} mm)` : '')
            }
          />
          <Row
            k={t('incident.window')}
            v={
              p.window.from === p.window.to
                ? dateTime(p.window.from)
                : `${dateTime(p.window.from)} – ${dateTime(p.window.to)}`
            }
          />
          <Row k={t('incident.status')} v={label('status', p.status)} />
        </dl>
      </section>

      <LedgerProof index={p.updatedLedgerIndex ?? null} />

      <section aria-labelledby="page-attribution">
        <h3 id="page-attribution">{t('page.attribution')}</h3>
        <p className="attribution" data-party={p.attribution.party}>
          {undetermined
            ? t('incident.undetermined')
            : t('incident.attributedTo', {
                party: partyName(p.attribution.party),
                pct: pct(p.attribution.confidence),
              })}
        </p>
        {p.attribution.reason && (
          <p>
            {t('incident.reason')}: <span lang="en">{p.attribution.reason}</span>
          </p>
        )}
        {Object.keys(p.attribution.shares).length > 0 && (
          <dl>
            {Object.entries(p.attribution.shares).map(([party, share]) => (
              <Row
                key={party}
                k={`${t('page.shares')}: ${party === UNDETERMINED ? t('incident.undetermined') : partyName(party)}`}
                v={pct(share)}
              />
            ))}
          </dl>
        )}
      </section>

      <section aria-labelledby="page-region">
        <h3 id="page-region">{t('page.region')}</h3>
        <dl>
          <Row
            k={t('incident.place')}
            v={`${latLon(f.geometry.coordinates[0], f.geometry.coordinates[1])}, ${t('incident.radius', { m: num(Math.round(p.radius90M)) })}`}
          />
          {p.origin ? (
            <Row
              k={t('incident.origin')}
              v={`${latLon(p.origin.location[0], p.origin.location[1])}, ${t('incident.radius', { m: num(Math.round(p.origin.radius90M)) })}${p.origin.method ? ` (${p.origin.method})` : ''}`}
            />
          ) : null}
        </dl>
        {!p.origin && <p>{t('page.noOrigin')}</p>}
        <p className="note">{t('page.onMap')}</p>
      </section>

      <section aria-labelledby="page-provisions">
        <h3 id="page-provisions">{t('page.provisions')}</h3>
        {p.provisions.length === 0 ? (
          <p>{t('incident.noProvisions')}</p>
        ) : (
          <ul className="provisions">
            {p.provisions.map((m) => (
              <li key={m.provisionId} data-provision={m.provisionId}>
                <strong>{label('provision', m.kind)}</strong> <code>{m.provisionId}</code>
                <br />
                <span lang="en">{m.text}</span>
                {m.measured && (
                  <>
                    <br />
                    {t('page.measured', {
                      quantity: label('quantity', m.measured.quantity),
                      value: num(m.measured.value, 2),
                      unit: m.measured.unit,
                    })}
                    {m.measured.limit !== undefined &&
                      `; ${t('page.limit', { limit: num(m.measured.limit, 2), unit: m.measured.unit })}`}
                  </>
                )}
                <br />
                <span className="confidence">
                  {t('incident.provisionConfidence', { pct: pct(m.confidence) })}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="page-observations">
        <h3 id="page-observations">{t('page.observations')}</h3>
        {observations.length === 0 ? (
          <p>{t('page.noObservations')}</p>
        ) : (
          <ul className="observations" data-count={observations.length}>
            {observations.map((o) => (
              <ObservationItem key={o.id} o={o} label={label} />
            ))}
          </ul>
        )}
      </section>

      <WorkflowSections workflow={workflow} partyName={partyName} label={label} />
    </article>
  );
}

function Row({ k, v }: { k: string; v: string }) {
  return (
    <div>
      <dt>{k}</dt>
      <dd>{v}</dd>
    </div>
  );
}

function ObservationItem({
  o,
  label,
}: {
  o: ObservationFeature;
  label: (prefix: string, v: string) => string;
}) {
  const { t, num, dateTime } = useI18n();
  const x = o.properties;
  const span = observedSpan(x);
  const time =
    span.from === span.to ? dateTime(span.from) : `${dateTime(span.from)} – ${dateTime(span.to)}`;
  const kind = label('source', x.source.kind);
  return (
    <li data-id={o.id}>
      <strong>{x.id}</strong>:{' '}
      {t('page.observation', {
        event: label('event', x.event),
        weapon: label('weapon', x.weapon),
        count: num(x.count),
        time,
      })}
      <br />
      {x.source.party
        ? t('page.sourceParty', { kind, id: x.source.id, party: x.source.party })
        : t('page.source', { kind, id: x.source.id })}
      {x.text && (
        <>
          <br />
          <q lang={x.lang}>{x.text}</q>
        </>
      )}
      {x.evidence && x.evidence.length > 0 && (
        <ul className="hashes">
          {x.evidence.map((e) => (
            <li key={e.sha256}>
              <code>{e.sha256}</code> {e.mediaType ?? ''}
            </li>
          ))}
        </ul>
      )}
      {x.ledgerIndex !== undefined && (
        <>
          {' '}
          <a href={`/log/entries/${x.ledgerIndex}`}>{t('proof.entry', { index: x.ledgerIndex })}</a>
        </>
      )}
    </li>
  );
}

function WorkflowSections({
  workflow,
  partyName,
  label,
}: {
  workflow: WorkflowLoad;
  partyName: (p: string) => string;
  label: (prefix: string, v: string) => string;
}) {
  const { t, dateTime } = useI18n();
  if (workflow.status === 'loading') return null;
  if (workflow.status === 'hidden')
    return (
      <section aria-labelledby="page-workflow">
        <h3 id="page-workflow">{t('page.workflow')}</h3>
        <p className="note">{t('page.workflowHidden')}</p>
      </section>
    );
  if (workflow.status === 'error')
    return (
      <section aria-labelledby="page-workflow">
        <h3 id="page-workflow">{t('page.workflow')}</h3>
        <p role="alert">{workflow.detail}</p>
      </section>
    );
  const w = workflow.workflow;
  const replies = replyWindows(w);
  return (
    <>
      <section aria-labelledby="page-workflow">
        <h3 id="page-workflow">{t('page.workflow')}</h3>
        {w.events.length === 0 ? (
          <p>{t('page.workflowNone')}</p>
        ) : (
          <ol className="workflow" data-count={w.events.length}>
            {w.events.map(({ ledgerIndex, event: e }) => (
              <li key={ledgerIndex}>
                {e.at ? `${dateTime(e.at)}: ` : ''}
                <code>{e.type}</code>
                {e.from && e.to && e.from !== e.to
                  ? ` ${t('page.step', { from: label('status', e.from), to: label('status', e.to) })}`
                  : ''}
                {e.by ? `, ${t('page.by', { by: e.by, role: e.role ?? '' })}` : ''}
                {e.reason ? (
                  <>
                    {': '}
                    <span>{e.reason}</span>
                  </>
                ) : null}{' '}
                <a href={`/log/entries/${ledgerIndex}`}>#{ledgerIndex}</a>
              </li>
            ))}
          </ol>
        )}
      </section>
      <section aria-labelledby="page-replies">
        <h3 id="page-replies">{t('page.replies')}</h3>
        {replies.length === 0 ? (
          <p>{t('page.repliesNone')}</p>
        ) : (
          <ul className="replies">
            {replies.map(({ finding, window: r }) => (
              <li key={finding}>
                {t('page.replyWindow', {
                  party: partyName(r.party),
                  deadline: dateTime(r.deadline),
                })}{' '}
                ({label('replyStatus', r.status)})
                {r.reply && (
                  <>
                    <br />
                    {t('page.replied', { at: dateTime(r.reply.at) })}: <q>{r.reply.text}</q>
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
