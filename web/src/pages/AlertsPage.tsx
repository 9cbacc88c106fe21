import { useState } from 'react';
import {
  acknowledgeAlert,
  alertDeliveries,
  listAlerts,
  type AlertView,
  type DeliveryView,
} from '../api/pages.js';
import type { Role } from '../api/vocabulary.js';
import { useI18n } from '../i18n/I18n.js';
import type { MessageKey } from '../i18n/messages.js';
import { errorText, useLoad } from './useLoad.js';

/** The recipient function each role acknowledges for (src/app/alerts/config.ts ROLE_RECIPIENTS). */
const RECIPIENT_OF: Partial<Record<Role, string>> = {
  chief: 'chief_monitor',
  guarantor: 'guarantors',
  liaison: 'party_liaisons',
};
const ALERT_STATES = ['raised', 'delivered', 'acknowledged', 'overdue', 'escalated'] as const;
/** How many alerts' deliveries are asked for at once (one request each). */
const DELIVERY_DETAILS = 50;

interface AlertRow {
  readonly alert: AlertView;
  readonly deliveries: readonly DeliveryView[] | null;
}

async function loadAlerts(signal: AbortSignal): Promise<AlertRow[]> {
  const alerts = await listAlerts(signal);
  const details = await Promise.all(
    alerts.map((a, i) =>
      i < DELIVERY_DETAILS ? alertDeliveries(a.id, signal).catch(() => null) : null,
    ),
  );
  return alerts.map((alert, i) => ({ alert, deliveries: details[i] ?? null }));
}

/** Whether a user of `role` may acknowledge `a` now (the server decides again). */
export function mayAcknowledge(a: AlertView, role: Role): boolean {
  const mine = RECIPIENT_OF[role];
  return (
    mine !== undefined &&
    a.recipients.includes(mine) &&
    a.state !== 'acknowledged' &&
    a.state !== 'escalated'
  );
}

/**
 * Alerts and early warnings (guarantors, the chief monitor, analysts, admins), newest first, with
 * level, time, state and where each was delivered; a recipient acknowledges from here.
 */
export function AlertsPage({ role }: { role: Role }) {
  const { t, dateTime, num } = useI18n();
  const { state, reload } = useLoad(loadAlerts);
  const [filter, setFilter] = useState<string>('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const ack = async (a: AlertView) => {
    setBusy(a.id);
    try {
      const out = await acknowledgeAlert(a.id);
      setMessage({
        ok: true,
        text: t(out.recorded ? 'alerts.acked' : 'alerts.ackedAlready', { id: a.id }),
      });
      reload();
    } catch (err) {
      setMessage({ ok: false, text: t('alerts.ackFailed', { detail: errorText(err) }) });
    } finally {
      setBusy(null);
    }
  };

  if (state.status === 'loading') return <p className="busy">{t('count.loading')}</p>;
  if (state.status === 'error')
    return (
      <p className="error" role="alert">
        {t('alerts.error', { detail: state.detail })}
      </p>
    );
  const rows = state.data.filter((r) => !filter || r.alert.state === filter);
  return (
    <div className="alerts-page">
      <div className="toolbar">
        <label>
          {t('alerts.stateFilter')}{' '}
          <select name="alert-state" value={filter} onChange={(e) => setFilter(e.target.value)}>
            <option value="">{t('filters.all')}</option>
            {ALERT_STATES.map((s) => (
              <option key={s} value={s}>
                {t(`alerts.state.${s}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p role="status" className={message ? (message.ok ? 'done' : 'error') : 'visually-hidden'}>
        {message?.text ?? ''}
      </p>
      {rows.length === 0 ? (
        <p className="note">{t('alerts.none')}</p>
      ) : (
        <table className="data" data-count={rows.length}>
          <caption>{t('alerts.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('alerts.level')}</th>
              <th scope="col">{t('alerts.alert')}</th>
              <th scope="col">{t('alerts.raised')}</th>
              <th scope="col">{t('alerts.state')}</th>
              <th scope="col">{t('alerts.deliveries')}</th>
              <th scope="col">{t('alerts.action')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ alert: a, deliveries }) => (
              <tr key={a.id} data-alert={a.id} data-state={a.state}>
                <td>
                  <span className={`level level-${Math.min(3, a.level)}`}>
                    {a.kind === 'early_warning'
                      ? t('alerts.warning')
                      : t('alerts.levelN', { n: num(a.level) })}
                  </span>
                </td>
                <td>
                  <p className="summary">{a.summary}</p>
                  <p className="meta">
                    <code>{a.id}</code>
                    {a.sectorId && <> · {t('alerts.sector', { id: a.sectorId })}</>}
                    {' · '}
                    {t('alerts.recipients', { list: a.recipients.join(', ') })}
                  </p>
                </td>
                <td>
                  {dateTime(a.raisedAt)}
                  {a.ackDeadline && (
                    <p className="meta">{t('alerts.deadline', { at: dateTime(a.ackDeadline) })}</p>
                  )}
                </td>
                <td>
                  <span className={`state state-${a.state}`}>
                    {t(`alerts.state.${a.state}` as MessageKey)}
                  </span>
                  {a.acknowledgedBy && (
                    <p className="meta">{t('alerts.by', { who: a.acknowledgedBy })}</p>
                  )}
                </td>
                <td>
                  <Deliveries list={deliveries} />
                </td>
                <td>
                  {mayAcknowledge(a, role) ? (
                    <button
                      type="button"
                      disabled={busy === a.id}
                      aria-label={t('alerts.ackOne', { id: a.id })}
                      onClick={() => void ack(a)}
                    >
                      {t('alerts.ack')}
                    </button>
                  ) : (
                    <span className="meta">—</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function Deliveries({ list }: { list: readonly DeliveryView[] | null }) {
  const { t, num } = useI18n();
  if (list === null) return <span className="meta">{t('alerts.deliveriesUnknown')}</span>;
  if (list.length === 0) return <span className="meta">{t('alerts.noDeliveries')}</span>;
  return (
    <ul className="deliveries">
      {list.map((d) => (
        <li key={`${d.channel}:${d.target}`} data-status={d.status}>
          <span className={`delivery delivery-${d.status}`}>
            {t(`alerts.delivery.${d.status}` as MessageKey)}
          </span>{' '}
          {t(`alerts.channel.${d.channel}` as MessageKey)} · {d.recipient} ·{' '}
          {t('alerts.attempts', { n: num(d.attempts) })}
          {d.lastError && <span className="meta"> · {d.lastError}</span>}
        </li>
      ))}
    </ul>
  );
}
