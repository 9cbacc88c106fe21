/**
 * Reads of the alerts area (src/store/sqlite/areas/alerts.ts) for SqliteStore: alerts,
 * deliveries, the alert events and consultations, parsed back from their canonical JSON.
 */
import type Database from 'better-sqlite3';
import type {
  AlertRecord,
  ConsultationRecord,
  StoredAlert,
  StoredAlertEvent,
  StoredConsultation,
  StoredDelivery,
} from '../../app/alerts/records.js';

interface AlertRow {
  record: string;
  updated_ledger_idx: number;
}

const toAlert = (r: AlertRow): StoredAlert => ({
  record: JSON.parse(r.record) as AlertRecord,
  updatedLedgerIndex: r.updated_ledger_idx,
});

/** Every alert, oldest raised first. */
export function readAlerts(db: Database.Database): StoredAlert[] {
  return (
    db
      .prepare('SELECT record, updated_ledger_idx FROM alerts ORDER BY raised_at_ms, id')
      .all() as AlertRow[]
  ).map(toAlert);
}

export function readAlert(db: Database.Database, id: string): StoredAlert | null {
  const row = db.prepare('SELECT record, updated_ledger_idx FROM alerts WHERE id = ?').get(id) as
    AlertRow | undefined;
  return row ? toAlert(row) : null;
}

/** Deliveries of one alert, or of every alert. */
export function readAlertDeliveries(db: Database.Database, alertId?: string): StoredDelivery[] {
  const sql = `SELECT alert_id, channel, target, recipient, attempts, status, next_at_ms, last_error, updated_ledger_idx
    FROM alert_deliveries ${alertId === undefined ? '' : 'WHERE alert_id = ?'} ORDER BY alert_id, channel, target`;
  const rows = db.prepare(sql).all(...(alertId === undefined ? [] : [alertId])) as {
    alert_id: string;
    channel: StoredDelivery['channel'];
    target: string;
    recipient: string;
    attempts: number;
    status: StoredDelivery['status'];
    next_at_ms: number | null;
    last_error: string | null;
    updated_ledger_idx: number;
  }[];
  return rows.map((r) => ({
    alertId: r.alert_id,
    channel: r.channel,
    target: r.target,
    recipient: r.recipient,
    attempts: r.attempts,
    status: r.status,
    nextAtMs: r.next_at_ms,
    lastError: r.last_error,
    updatedLedgerIndex: r.updated_ledger_idx,
  }));
}

/** Alert events of one alert (or consultation), or all, in ledger order. */
export function readAlertEvents(db: Database.Database, alertId?: string): StoredAlertEvent[] {
  const sql = `SELECT ledger_idx, alert_id, type, at, actor, data FROM alert_events ${alertId === undefined ? '' : 'WHERE alert_id = ?'} ORDER BY ledger_idx`;
  const rows = db.prepare(sql).all(...(alertId === undefined ? [] : [alertId])) as {
    ledger_idx: number;
    alert_id: string;
    type: string;
    at: string;
    actor: string;
    data: string;
  }[];
  return rows.map((r) => ({
    ledgerIndex: r.ledger_idx,
    alertId: r.alert_id,
    type: r.type,
    at: r.at,
    actor: r.actor,
    data: JSON.parse(r.data) as Record<string, unknown>,
  }));
}

export function readConsultation(db: Database.Database, id: string): StoredConsultation | null {
  const row = db.prepare('SELECT record, ledger_idx FROM consultations WHERE id = ?').get(id) as
    { record: string; ledger_idx: number } | undefined;
  return row
    ? { consultation: JSON.parse(row.record) as ConsultationRecord, ledgerIndex: row.ledger_idx }
    : null;
}

export function readConsultations(db: Database.Database): StoredConsultation[] {
  const rows = db
    .prepare('SELECT record, ledger_idx FROM consultations ORDER BY opened_at_ms, id')
    .all() as { record: string; ledger_idx: number }[];
  return rows.map((row) => ({
    consultation: JSON.parse(row.record) as ConsultationRecord,
    ledgerIndex: row.ledger_idx,
  }));
}
