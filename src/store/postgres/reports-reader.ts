/** Reads of the reports area (areas/reports.ts) for the PostgreSQL store, answering as SQLite's reports-reader does. */
import type { StoredReport } from '../port.js';
import type { Queryable } from './connection.js';

interface Row {
  kind: 'daily' | 'weekly';
  date: string;
  model_sha256: string;
  period_from: string;
  period_to: string;
  approved_by: string;
  approved_at: string;
  ledger_idx: number;
}

const COLUMNS = 'kind, date, model_sha256, period_from, period_to, approved_by, approved_at, ledger_idx';

const toStored = (r: Row): StoredReport => ({
  kind: r.kind,
  date: r.date,
  modelSha256: r.model_sha256,
  from: r.period_from,
  to: r.period_to,
  approvedBy: r.approved_by,
  approvedAt: r.approved_at,
  ledgerIndex: r.ledger_idx,
});

/** Newest date first, then kind; COLLATE "C" orders text by bytes, as SQLite does. */
export async function readPublishedReports(db: Queryable): Promise<StoredReport[]> {
  const { rows } = await db.query<Row>({
    name: 'truceline_reports_list',
    text: `SELECT ${COLUMNS} FROM published_reports ORDER BY date COLLATE "C" DESC, kind COLLATE "C"`,
  });
  return rows.map(toStored);
}

export async function readPublishedReport(db: Queryable, kind: string, date: string): Promise<StoredReport | null> {
  const { rows } = await db.query<Row>({
    name: 'truceline_reports_get',
    text: `SELECT ${COLUMNS} FROM published_reports WHERE kind = $1 AND date = $2`,
    values: [kind, date],
  });
  return rows[0] ? toStored(rows[0]) : null;
}
