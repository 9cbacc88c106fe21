import { useI18n } from '../i18n/I18n.js';
import type { MessageKey } from '../i18n/messages.js';
import { countByState, type QueuedReport } from './queue.js';

export interface OutboxProps {
  readonly reports: readonly QueuedReport[];
  readonly online: boolean;
  readonly onSync: () => void;
  readonly onResend: (id: string) => void;
  readonly onForget: (id: string) => void;
}

/**
 * Every report on this tablet with its state, newest first: queued, sending, stored, duplicate,
 * conflict, or rejected with each field and the server's reason; and its photos' uploads.
 */
export function Outbox({ reports, online, onSync, onResend, onForget }: OutboxProps) {
  const { t, tn, dateTime } = useI18n();
  const counts = countByState(reports);
  const sorted = [...reports].sort((a, b) => b.createdMs - a.createdMs);
  return (
    <section className="field-card outbox" aria-labelledby="outbox-h">
      <div className="outbox-head">
        <h2 id="outbox-h">{t('field.outbox')}</h2>
        <button type="button" onClick={onSync} id="sync-now">
          {t('field.syncNow')}
        </button>
      </div>
      <p id="outbox-summary" aria-live="polite" data-waiting={counts.queued + counts.sending}>
        {online ? t('field.online') : t('field.offline')} ·{' '}
        {tn('field.waiting', counts.queued + counts.sending)}
      </p>
      {sorted.length === 0 ? (
        <p>{t('field.outboxEmpty')}</p>
      ) : (
        <ul className="reports">
          {sorted.map((r) => (
            <li
              key={r.id}
              className={`report state-${r.state}`}
              data-id={r.id}
              data-state={r.state}
            >
              <div className="report-line">
                <span className="state-badge">{t(`field.state.${r.state}` as MessageKey)}</span>
                <span>
                  {t(`event.${String(r.observation.event)}` as MessageKey)} ·{' '}
                  {typeof r.observation.observedAt === 'string'
                    ? dateTime(r.observation.observedAt)
                    : ''}
                </span>
              </div>
              <p className="report-id">{r.id}</p>
              {r.state === 'queued' && r.lastError && (
                <p className="note">{t('field.retrying', { detail: r.lastError })}</p>
              )}
              {r.state === 'conflict' && <p className="note">{t('field.conflictHint')}</p>}
              {r.issues.length > 0 && (
                <ul className="issues">
                  {r.issues.map((i, k) => (
                    <li key={k}>
                      <code>{i.path}</code>: {i.reason}
                    </li>
                  ))}
                </ul>
              )}
              {r.photos.length > 0 && (
                <ul className="photos">
                  {r.photos.map((p) => (
                    <li key={p.key} data-photo-state={p.state}>
                      {p.name}: {t(`field.photo.${p.state}` as MessageKey)}
                      {p.error ? ` (${p.error})` : ''}
                    </li>
                  ))}
                </ul>
              )}
              <div className="report-actions">
                {(r.state === 'stored' || r.state === 'duplicate') && (
                  <button type="button" className="resend" onClick={() => onResend(r.id)}>
                    {t('field.resend')}
                  </button>
                )}
                {r.state !== 'queued' && r.state !== 'sending' && (
                  <button type="button" className="forget" onClick={() => onForget(r.id)}>
                    {t('field.forget')}
                  </button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
