import type { LedgerEvent } from '../../../app/events/event.js';
import {
  ALERT_EVENT_TYPES,
  alertIdOf,
  type AlertChangedData,
  type AlertRaisedData,
  type AlertRecord,
  type ConsultationOpenedData,
  type DeliveryAttemptedData,
  type DeliveryParkedData,
} from '../../../app/alerts/records.js';
import { canonicalJson } from '../../../domain/canonical-json.js';
import type { Applier, PostgresStateArea } from './area.js';

/**
 * Alerts, the PostgreSQL twin of src/store/sqlite/areas/alerts.ts: escalation alerts and early
 * warnings, their deliveries (one row per alert and target, folded from its attempts), every alert
 * event with its ledger entry, and guarantor consultations. Every event carries the snapshot it
 * changes, so an applier upserts it.
 *
 * Records and event data stay TEXT holding canonical JSON (not JSONB): JSONB would reorder keys
 * and normalise numbers, and the reads must parse back exactly what SQLite's do. Times in
 * milliseconds and ledger indexes are BIGINT.
 */
export const alertsArea: PostgresStateArea = {
  name: 'alerts',
  migrations: [
    {
      area: 'alerts',
      version: 1,
      name: 'alerts, deliveries, alert events, consultations',
      sql: `
        CREATE TABLE alerts (
          id TEXT PRIMARY KEY,
          kind TEXT NOT NULL,
          state TEXT NOT NULL,
          level INTEGER NOT NULL,
          sector_id TEXT,
          raised_at_ms BIGINT NOT NULL,
          record TEXT NOT NULL,
          updated_ledger_idx BIGINT NOT NULL
        );
        CREATE INDEX alerts_state ON alerts (state);
        CREATE INDEX alerts_raised ON alerts (raised_at_ms, id);
        CREATE TABLE alert_deliveries (
          alert_id TEXT NOT NULL,
          channel TEXT NOT NULL,
          target TEXT NOT NULL,
          recipient TEXT NOT NULL,
          attempts INTEGER NOT NULL,
          status TEXT NOT NULL,
          next_at_ms BIGINT,
          last_error TEXT,
          updated_ledger_idx BIGINT NOT NULL,
          PRIMARY KEY (alert_id, channel, target)
        );
        CREATE TABLE alert_events (
          ledger_idx BIGINT PRIMARY KEY,
          alert_id TEXT NOT NULL,
          type TEXT NOT NULL,
          at TEXT NOT NULL,
          actor TEXT NOT NULL,
          data TEXT NOT NULL
        );
        CREATE INDEX alert_events_alert ON alert_events (alert_id, ledger_idx);
        CREATE TABLE consultations (
          id TEXT PRIMARY KEY,
          record TEXT NOT NULL,
          opened_at_ms BIGINT NOT NULL,
          ledger_idx BIGINT NOT NULL
        );
      `,
    },
  ],
  tables: ['alert_events', 'alert_deliveries', 'consultations', 'alerts'],
  keys: {
    alerts: 'id',
    alert_deliveries: "alert_id || ' ' || channel || ' ' || target",
    alert_events: 'ledger_idx',
    consultations: 'id',
  },
  appliers(db) {
    const run = (name: string, text: string, values: unknown[]) => db.query({ name: `truceline_alerts_${name}`, text, values });

    const putAlert = (record: AlertRecord, index: number) => {
      const a = record.alert;
      return run(
        'put_alert',
        `INSERT INTO alerts (id, kind, state, level, sector_id, raised_at_ms, record, updated_ledger_idx)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (id) DO UPDATE SET state = excluded.state, level = excluded.level,
           record = excluded.record, updated_ledger_idx = excluded.updated_ledger_idx`,
        [
          a.id,
          record.kind,
          a.state,
          record.kind === 'escalation' ? record.alert.level : 0,
          a.sectorId,
          a.raisedAtMs,
          // Canonical JSON: a replay reads the event back from its kept content with its keys sorted.
          canonicalJson(record),
          index,
        ],
      );
    };
    const hasAlert = async (id: string) => (await run('has_alert', 'SELECT 1 FROM alerts WHERE id = $1', [id])).rows.length > 0;
    const needAlert = async (e: LedgerEvent, index: number, id: string) => {
      if (!(await hasAlert(id))) throw new Error(`${e.type} at ${index}: no alert ${id} (no alert.raised before it)`);
    };
    const putDelivery = (v: {
      alertId: string;
      channel: string;
      target: string;
      recipient: string;
      attempts: number;
      status: string;
      nextAtMs: number | null;
      lastError: string | null;
      index: number;
    }) =>
      run(
        'put_delivery',
        `INSERT INTO alert_deliveries (alert_id, channel, target, recipient, attempts, status, next_at_ms, last_error, updated_ledger_idx)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (alert_id, channel, target) DO UPDATE SET attempts = excluded.attempts, status = excluded.status,
           next_at_ms = excluded.next_at_ms, last_error = excluded.last_error, updated_ledger_idx = excluded.updated_ledger_idx`,
        [v.alertId, v.channel, v.target, v.recipient, v.attempts, v.status, v.nextAtMs, v.lastError, v.index],
      );
    const logEvent = (e: LedgerEvent, index: number) =>
      run('put_event', 'INSERT INTO alert_events (ledger_idx, alert_id, type, at, actor, data) VALUES ($1, $2, $3, $4, $5, $6)', [
        index,
        alertIdOf(e.type, e.data),
        e.type,
        e.at,
        e.actor,
        canonicalJson(e.data),
      ]);

    const appliers: Record<string, Applier> = {
      'alert.raised': async (e, index) => {
        const d = e.data as unknown as AlertRaisedData;
        if (await hasAlert(d.record.alert.id)) throw new Error(`alert.raised at ${index}: alert ${d.record.alert.id} exists already`);
        await putAlert(d.record, index);
        await logEvent(e, index);
      },
      'alert.delivery_attempted': async (e, index) => {
        const d = e.data as unknown as DeliveryAttemptedData;
        await needAlert(e, index, d.alertId);
        await putDelivery({
          alertId: d.alertId,
          channel: d.channel,
          target: d.target,
          recipient: d.recipient,
          attempts: d.attempt,
          status: d.ok ? 'delivered' : 'retrying',
          nextAtMs: d.ok ? null : d.retryAtMs,
          lastError: d.ok ? null : (d.error ?? (d.status !== null ? `HTTP ${d.status}` : 'failed')),
          index,
        });
        if (d.record) await putAlert(d.record, index);
        await logEvent(e, index);
      },
      'alert.delivery_parked': async (e, index) => {
        const d = e.data as unknown as DeliveryParkedData;
        await needAlert(e, index, d.alertId);
        await putDelivery({
          alertId: d.alertId,
          channel: d.channel,
          target: d.target,
          recipient: d.recipient,
          attempts: d.attempts,
          status: 'parked',
          nextAtMs: null,
          lastError: d.reason,
          index,
        });
        await logEvent(e, index);
      },
      'consultation.opened': async (e, index) => {
        const { consultation: c } = e.data as unknown as ConsultationOpenedData;
        await run('put_consultation', 'INSERT INTO consultations (id, record, opened_at_ms, ledger_idx) VALUES ($1, $2, $3, $4)', [
          c.id,
          canonicalJson(c),
          c.openedAtMs,
          index,
        ]);
        await logEvent(e, index);
      },
    };
    const changed: Applier = async (e, index) => {
      const d = e.data as unknown as AlertChangedData;
      await needAlert(e, index, d.alertId);
      if (d.record.alert.id !== d.alertId) throw new Error(`${e.type} at ${index}: record is alert ${d.record.alert.id}, not ${d.alertId}`);
      await putAlert(d.record, index);
      await logEvent(e, index);
    };
    for (const type of ['alert.acknowledged', 'alert.overdue', 'alert.escalated']) appliers[type] = changed;
    const missing = ALERT_EVENT_TYPES.filter((t) => !appliers[t]);
    if (missing.length > 0) throw new Error(`alerts area: no applier for ${missing.join(', ')}`);
    return appliers;
  },
};
