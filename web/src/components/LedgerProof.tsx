import { useCallback, useEffect, useState } from 'react';
import { useI18n } from '../i18n/I18n.js';
import type { MessageKey } from '../i18n/messages.js';
import { toHex } from '../proof/bytes.js';
import { httpLogSource, verifyLedgerEntry, type ProofResult, type Trust } from '../proof/verify.js';
import { loadTrust, TrustedKeys } from './TrustedKeys.js';

/** Where the server publishes its ledger (src/server/authz.ts LEDGER_PREFIX). */
const LOG_PREFIX = '/log';

type State = { readonly status: 'checking' } | { readonly status: 'done'; readonly r: ProofResult };

/**
 * The ledger proof of one entry, checked here in the browser (web/src/proof): the published
 * checkpoint's signature, the witnesses' cosignatures, the entry's leaf hash and its inclusion
 * under the signed root, rebuilt from the tiles. Shows "verified" or "not verified" with the
 * step that failed and why. The server's own proof routes are not used.
 */
export function LedgerProof({ index }: { index: number | null }) {
  const { t, num, dateTime } = useI18n();
  const [state, setState] = useState<State>({ status: 'checking' });
  const [round, setRound] = useState(0);
  const [trust, setTrust] = useState<Trust>(loadTrust);
  const again = useCallback(() => setRound((r) => r + 1), []);

  useEffect(() => {
    if (index === null) return;
    let live = true;
    setState({ status: 'checking' });
    verifyLedgerEntry(httpLogSource(LOG_PREFIX), index, trust).then((r) => {
      if (live) setState({ status: 'done', r });
    });
    return () => {
      live = false;
    };
  }, [index, round, trust]);

  if (index === null)
    return (
      <section className="proof" aria-labelledby="proof-title">
        <h3 id="proof-title">{t('proof.title')}</h3>
        <p>{t('proof.none')}</p>
      </section>
    );

  const r = state.status === 'done' ? state.r : null;
  const verdict = r === null ? 'checking' : r.ok ? 'verified' : 'not-verified';
  return (
    <section className="proof" aria-labelledby="proof-title" aria-busy={r === null}>
      <h3 id="proof-title">{t('proof.title')}</h3>
      <p className="proof-entry">
        <a href={`${LOG_PREFIX}/entries/${index}`}>{t('proof.entry', { index })}</a>
      </p>
      <p id="proof-verdict" className={`verdict ${verdict}`} data-verdict={verdict} role="status">
        {r === null
          ? t('proof.checking')
          : r.ok
            ? `✓ ${t('proof.verified')}`
            : `✗ ${t('proof.notVerified')}`}
      </p>
      {r && !r.ok && (
        <p className="proof-reason" data-step={r.step}>
          <strong>{t('proof.failedAt', { step: t(`proof.step.${r.step}` as MessageKey) })}</strong>
          <br />
          <span lang="en">{r.reason}</span>
        </p>
      )}
      {r?.checkpoint && (
        <dl className="proof-facts">
          <div>
            <dt>{t('proof.checkpoint')}</dt>
            <dd>
              {t('proof.checkpointOf', {
                origin: r.checkpoint.origin,
                size: num(r.checkpoint.size),
              })}
            </dd>
          </div>
          <div>
            <dt>{t('proof.root')}</dt>
            <dd>
              <code>{toHex(r.checkpoint.root)}</code>
            </dd>
          </div>
          {r.leafHash && (
            <div>
              <dt>{t('proof.leafHash')}</dt>
              <dd>
                <code>{r.leafHash}</code>
              </dd>
            </div>
          )}
          {r.ok && (
            <>
              <div>
                <dt>{t('proof.key')}</dt>
                <dd>
                  {r.key.source === 'ledger'
                    ? t('proof.keyLedger', {
                        name: r.key.name,
                        id: r.key.keyId,
                        index: r.key.ledgerIndex ?? 0,
                      })
                    : t('proof.keyTrusted', { name: r.key.name, id: r.key.keyId })}
                </dd>
              </div>
              <div>
                <dt>{t('proof.witnesses')}</dt>
                <dd>
                  {r.witnesses.length === 0 ? (
                    t('proof.witnessesNone')
                  ) : (
                    <ul>
                      {r.witnesses.map((w) => (
                        <li key={w.name}>
                          {w.checked && w.timestamp !== undefined
                            ? t('proof.witnessChecked', {
                                name: w.name,
                                time: dateTime(w.timestamp * 1000),
                              })
                            : t('proof.witnessUnchecked', { name: w.name, id: w.keyId })}
                        </li>
                      ))}
                    </ul>
                  )}
                </dd>
              </div>
              <div>
                <dt>{t('proof.event')}</dt>
                <dd>
                  <code>{recordedType(r.entry)}</code>
                </dd>
              </div>
            </>
          )}
        </dl>
      )}
      <p className="note">{t('proof.how')}</p>
      {r && (
        <button type="button" className="secondary" onClick={again}>
          {t('proof.recheck')}
        </button>
      )}
      <TrustedKeys onChange={setTrust} />
    </section>
  );
}

/** The event type a verified leaf records (a ledger leaf is an event's canonical JSON). */
function recordedType(entry: Uint8Array): string {
  try {
    const e = JSON.parse(new TextDecoder().decode(entry)) as { type?: unknown; sealed?: unknown };
    return typeof e.type === 'string' ? e.type : '—';
  } catch {
    return '—';
  }
}
