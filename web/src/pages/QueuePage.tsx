import { useState, type MouseEvent } from 'react';
import { loadQueue, QUEUE_STATUSES } from '../api/pages.js';
import type { IncidentFeature } from '../api/types.js';
import { useI18n } from '../i18n/I18n.js';
import type { MessageKey } from '../i18n/messages.js';
import { useLoad } from './useLoad.js';

const HOUR_MS = 3_600_000;

/** Oldest first: the start of the incident's window, then its id. */
export function oldestFirst(a: IncidentFeature, b: IncidentFeature): number {
  return (
    Date.parse(a.properties.window.from) - Date.parse(b.properties.window.from) ||
    a.id.localeCompare(b.id)
  );
}

/**
 * The verification queue (analysts, the chief monitor): incidents whose workflow waits on them
 * (reported, triaged, under investigation), oldest first, each linking to its incident page.
 */
export function QueuePage({ onOpenIncident }: { onOpenIncident: (id: string) => void }) {
  const { t, tn, dateTime, num } = useI18n();
  const { state, reload } = useLoad((signal) => loadQueue(QUEUE_STATUSES, signal));
  const [shown, setShown] = useState<readonly string[]>(QUEUE_STATUSES);
  const now = Date.now();

  if (state.status === 'loading') return <p className="busy">{t('count.loading')}</p>;
  if (state.status === 'error')
    return (
      <p className="error" role="alert">
        {t('queue.error', { detail: state.detail })}
      </p>
    );
  const counts = Object.fromEntries(
    QUEUE_STATUSES.map((s) => [s, state.data.filter((f) => f.properties.status === s).length]),
  );
  const rows = state.data.filter((f) => shown.includes(f.properties.status)).sort(oldestFirst);
  const open = (id: string) => (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    onOpenIncident(id);
  };
  return (
    <div className="queue-page">
      <div className="toolbar">
        <fieldset>
          <legend>{t('queue.statuses')}</legend>
          {QUEUE_STATUSES.map((s) => (
            <label key={s}>
              <input
                type="checkbox"
                name="queue-status"
                value={s}
                checked={shown.includes(s)}
                onChange={() =>
                  setShown((v) => (v.includes(s) ? v.filter((x) => x !== s) : [...v, s]))
                }
              />{' '}
              {t(`status.${s}` as MessageKey)} ({num(counts[s] ?? 0)})
            </label>
          ))}
        </fieldset>
        <button type="button" className="secondary" onClick={reload}>
          {t('queue.refresh')}
        </button>
      </div>
      <p role="status">{tn('queue.count', rows.length)}</p>
      {rows.length > 0 && (
        <table className="data" data-count={rows.length}>
          <caption className="visually-hidden">{t('queue.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('queue.incident')}</th>
              <th scope="col">{t('queue.status')}</th>
              <th scope="col">{t('queue.since')}</th>
              <th scope="col">{t('queue.waiting')}</th>
              <th scope="col">{t('queue.what')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((f) => {
              const p = f.properties;
              const hours = Math.max(0, Math.floor((now - Date.parse(p.window.from)) / HOUR_MS));
              return (
                <tr key={f.id} data-incident={f.id} data-status={p.status}>
                  <td>
                    <a href={`?incident=${encodeURIComponent(f.id)}`} onClick={open(f.id)}>
                      {f.id}
                    </a>
                  </td>
                  <td>{t(`status.${p.status}` as MessageKey)}</td>
                  <td>{dateTime(p.window.from)}</td>
                  <td>{tn('queue.hours', hours)}</td>
                  <td>
                    {p.events.map((e) => t(`event.${e}` as MessageKey)).join(', ')} × {num(p.count)}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}
