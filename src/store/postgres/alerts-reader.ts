/**
 * Reads of the alerts area (src/store/postgres/areas/alerts.ts) for PostgresStore, answering
 * exactly what src/store/sqlite/alerts-reader.ts answers: records parsed back from their
 * canonical JSON, ledger indexes and times as numbers, absent values as null.
 *
 * Text is ordered with COLLATE "C" (byte order of the UTF-8), which is SQLite's BINARY order;
 * the database's own collation (en_US and the like) would sort ids with `:` or mixed case
 * differently.
 */
import type {
  AlertRecord,
  ConsultationRecord,
  StoredAlert,
  StoredAlertEvent,
  StoredConsultation,
  StoredDelivery,
} from '../../app/alerts/records.js';
import type { Queryable } from './connection.js';

interface AlertRow {
  record: string;
  updated_ledger_idx: number;
}

const toAlert = (r: AlertRow): StoredAlert => ({
  record: JSON.parse(r.record) as AlertRecord,
  updatedLedgerIndex: r.updated_ledger_idx,
});

/** Every alert, oldest raised first (ties by id). */
export async function readAlerts(db: Queryable): Promise<StoredAlert[]> {
  const { rows } = await db.query<AlertRow>({
    name: 'truceline_alerts_read_all',
    text: 'SELECT record, updated_ledger_idx FROM alerts ORDER BY raised_at_ms, id COLLATE "C"',
  });
  return rows.map(toAlert);
}

export async function readAlert(db: Queryable, id: string): Promise<StoredAlert | null> {
  const { rows } = await db.query<AlertRow>({
    name: 'truceline_alerts_read_one',
    text: 'SELECT record, updated_ledger_idx FROM alerts WHERE id = $1',
    values: [id],
  });
  return rows[0] ? toAlert(rows[0]) : null;
}

interface DeliveryRow {
  alert_id: string;
  channel: StoredDelivery['channel'];
  target: string;
  recipient: string;
  attempts: number;
  status: StoredDelivery['status'];
  next_at_ms: number | null;
  last_error: string | null;
  updated_ledger_idx: number;
}

const DELIVERY_COLUMNS = 'alert_id, channel, target, recipient, attempts, status, next_at_ms, last_error, updated_ledger_idx';
const DELIVERY_ORDER = 'ORDER BY alert_id COLLATE "C", channel COLLATE "C", target COLLATE "C"';

/** Deliveries of one alert, or of every alert. */
export async function readAlertDeliveries(db: Queryable, alertId?: string): Promise<StoredDelivery[]> {
  const { rows } = await db.query<DeliveryRow>(
    alertId === undefined
      ? { name: 'truceline_alerts_read_deliveries', text: `SELECT ${DELIVERY_COLUMNS} FROM alert_deliveries ${DELIVERY_ORDER}` }
      : {
          name: 'truceline_alerts_read_deliveries_of',
          text: `SELECT ${DELIVERY_COLUMNS} FROM alert_deliveries WHERE alert_id = $1 ${DELIVERY_ORDER}`,
          values: [alertId],
        },
  );
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

interface EventRow {
  ledger_idx: number;
  alert_id: string;
  type: string;
  at: string;
  actor: string;
  data: string;
}

/** Alert events of one alert (or consultation), or all, in ledger order. */
export async function readAlertEvents(db: Queryable, alertId?: string): Promise<StoredAlertEvent[]> {
  const columns = 'ledger_idx, alert_id, type, at, actor, data';
  const { rows } = await db.query<EventRow>(
    alertId === undefined
      ? { name: 'truceline_alerts_read_events', text: `SELECT ${columns} FROM alert_events ORDER BY ledger_idx` }
      : {
          name: 'truceline_alerts_read_events_of',
          text: `SELECT ${columns} FROM alert_events WHERE alert_id = $1 ORDER BY ledger_idx`,
          values: [alertId],
        },
  );
  return rows.map((r) => ({
    ledgerIndex: r.ledger_idx,
    alertId: r.alert_id,
    type: r.type,
    at: r.at,
    actor: r.actor,
    data: JSON.parse(r.data) as Record<string, unknown>,
  }));
}

interface ConsultationRow {
  record: string;
  ledger_idx: number;
}

const toConsultation = (r: ConsultationRow): StoredConsultation => ({
  consultation: JSON.parse(r.record) as ConsultationRecord,
  ledgerIndex: r.ledger_idx,
});

export async function readConsultation(db: Queryable, id: string): Promise<StoredConsultation | null> {
  const { rows } = await db.query<ConsultationRow>({
    name: 'truceline_alerts_read_consultation',
    text: 'SELECT record, ledger_idx FROM consultations WHERE id = $1',
    values: [id],
  });
  return rows[0] ? toConsultation(rows[0]) : null;
}

/** Every consultation, oldest opened first (ties by id). */
export async function readConsultations(db: Queryable): Promise<StoredConsultation[]> {
  const { rows } = await db.query<ConsultationRow>({
    name: 'truceline_alerts_read_consultations',
    text: 'SELECT record, ledger_idx FROM consultations ORDER BY opened_at_ms, id COLLATE "C"',
  });
  return rows.map(toConsultation);
}
