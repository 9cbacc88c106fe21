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
import type { StateArea } from './area.js';

/**
 * Alerts (src/app/alerts): escalation alerts and early warnings, their deliveries, and the
 * guarantor consultations the top level opens. Every event carries the snapshot it changes, so
 * an applier upserts it.
 *
 * - `alerts`: one row per alert; `record` the canonical JSON of {kind, alert}.
 * - `alert_deliveries`: one row per alert and target (webhook URL or email address), folded from
 *   its attempts: retrying (with the next try's time), delivered or parked.
 * - `alert_events`: every alert event with its ledger entry, in ledger order (the history the
 *   API shows; the leaves themselves are sealed).
 * - `consultations`: one row per consultation with its evidence and clock.
 */
export const alertsArea: StateArea = {
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
          raised_at_ms INTEGER NOT NULL,
          record TEXT NOT NULL,
          updated_ledger_idx INTEGER NOT NULL
        );
        CREATE INDEX alerts_state ON alerts (state);
        CREATE TABLE alert_deliveries (
          alert_id TEXT NOT NULL,
          channel TEXT NOT NULL,
          target TEXT NOT NULL,
          recipient TEXT NOT NULL,
          attempts INTEGER NOT NULL,
          status TEXT NOT NULL,
          next_at_ms INTEGER,
          last_error TEXT,
          updated_ledger_idx INTEGER NOT NULL,
          PRIMARY KEY (alert_id, channel, target)
        );
        CREATE TABLE alert_events (
          ledger_idx INTEGER PRIMARY KEY,
          alert_id TEXT NOT NULL,
          type TEXT NOT NULL,
          at TEXT NOT NULL,
          actor TEXT NOT NULL,
          data TEXT NOT NULL
        );
        CREATE INDEX alert_events_alert ON alert_events (alert_id);
        CREATE TABLE consultations (
          id TEXT PRIMARY KEY,
          record TEXT NOT NULL,
          opened_at_ms INTEGER NOT NULL,
          ledger_idx INTEGER NOT NULL
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
    const s = {
      putAlert: db.prepare(
        `INSERT INTO alerts (id, kind, state, level, sector_id, raised_at_ms, record, updated_ledger_idx)
         VALUES (@id, @kind, @state, @level, @sector_id, @raised_at_ms, @record, @idx)
         ON CONFLICT (id) DO UPDATE SET state = excluded.state, level = excluded.level,
           record = excluded.record, updated_ledger_idx = excluded.updated_ledger_idx`,
      ),
      hasAlert: db.prepare('SELECT 1 FROM alerts WHERE id = ?').pluck(),
      putDelivery: db.prepare(
        `INSERT INTO alert_deliveries (alert_id, channel, target, recipient, attempts, status, next_at_ms, last_error, updated_ledger_idx)
         VALUES (@alert_id, @channel, @target, @recipient, @attempts, @status, @next_at_ms, @last_error, @idx)
         ON CONFLICT (alert_id, channel, target) DO UPDATE SET attempts = excluded.attempts, status = excluded.status,
           next_at_ms = excluded.next_at_ms, last_error = excluded.last_error, updated_ledger_idx = excluded.updated_ledger_idx`,
      ),
      putEvent: db.prepare(
        'INSERT INTO alert_events (ledger_idx, alert_id, type, at, actor, data) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      putConsultation: db.prepare(
        'INSERT INTO consultations (id, record, opened_at_ms, ledger_idx) VALUES (?, ?, ?, ?)',
      ),
    };

    const putAlert = (record: AlertRecord, index: number): void => {
      const a = record.alert;
      s.putAlert.run({
        id: a.id,
        kind: record.kind,
        state: a.state,
        level: record.kind === 'escalation' ? record.alert.level : 0,
        sector_id: a.sectorId,
        raised_at_ms: a.raisedAtMs,
        // Canonical JSON: a replay reads the event back from its kept content with its keys sorted.
        record: canonicalJson(record),
        idx: index,
      });
    };
    const needAlert = (e: LedgerEvent, index: number, id: string): void => {
      if (!s.hasAlert.get(id))
        throw new Error(`${e.type} at ${index}: no alert ${id} (no alert.raised before it)`);
    };
    const logEvent = (e: LedgerEvent, index: number): void => {
      s.putEvent.run(
        index,
        alertIdOf(e.type, e.data),
        e.type,
        e.at,
        e.actor,
        canonicalJson(e.data),
      );
    };

    const appliers: Record<string, (e: LedgerEvent, index: number) => void> = {
      'alert.raised': (e, index) => {
        const d = e.data as unknown as AlertRaisedData;
        if (s.hasAlert.get(d.record.alert.id))
          throw new Error(`alert.raised at ${index}: alert ${d.record.alert.id} exists already`);
        putAlert(d.record, index);
        logEvent(e, index);
      },
      'alert.delivery_attempted': (e, index) => {
        const d = e.data as unknown as DeliveryAttemptedData;
        needAlert(e, index, d.alertId);
        s.putDelivery.run({
          alert_id: d.alertId,
          channel: d.channel,
          target: d.target,
          recipient: d.recipient,
          attempts: d.attempt,
          status: d.ok ? 'delivered' : 'retrying',
          next_at_ms: d.ok ? null : d.retryAtMs,
          last_error: d.ok
            ? null
            : (d.error ?? (d.status !== null ? `HTTP ${d.status}` : 'failed')),
          idx: index,
        });
        if (d.record) putAlert(d.record, index);
        logEvent(e, index);
      },
      'alert.delivery_parked': (e, index) => {
        const d = e.data as unknown as DeliveryParkedData;
        needAlert(e, index, d.alertId);
        s.putDelivery.run({
          alert_id: d.alertId,
          channel: d.channel,
          target: d.target,
          recipient: d.recipient,
          attempts: d.attempts,
          status: 'parked',
          next_at_ms: null,
          last_error: d.reason,
          idx: index,
        });
        logEvent(e, index);
      },
      'consultation.opened': (e, index) => {
        const d = e.data as unknown as ConsultationOpenedData;
        s.putConsultation.run(
          d.consultation.id,
          canonicalJson(d.consultation),
          d.consultation.openedAtMs,
          index,
        );
        logEvent(e, index);
      },
    };
    const changed = (e: LedgerEvent, index: number): void => {
      const d = e.data as unknown as AlertChangedData;
      needAlert(e, index, d.alertId);
      if (d.record.alert.id !== d.alertId)
        throw new Error(
          `${e.type} at ${index}: record is alert ${d.record.alert.id}, not ${d.alertId}`,
        );
      putAlert(d.record, index);
      logEvent(e, index);
    };
    for (const type of ['alert.acknowledged', 'alert.overdue', 'alert.escalated'])
      appliers[type] = changed;
    const missing = ALERT_EVENT_TYPES.filter((t) => !appliers[t]);
    if (missing.length > 0) throw new Error(`alerts area: no applier for ${missing.join(', ')}`);
    return appliers;
  },
};
