/** Reads of the reports area (areas/reports.ts) for the SQLite store. */
import type Database from 'better-sqlite3';
import type { StoredReport } from '../port.js';

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

const COLUMNS =
  'kind, date, model_sha256, period_from, period_to, approved_by, approved_at, ledger_idx';

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

export function readPublishedReports(db: Database.Database): StoredReport[] {
  const rows = db
    .prepare(`SELECT ${COLUMNS} FROM published_reports ORDER BY date DESC, kind`)
    .all() as Row[];
  return rows.map(toStored);
}

export function readPublishedReport(
  db: Database.Database,
  kind: string,
  date: string,
): StoredReport | null {
  const row = db
    .prepare(`SELECT ${COLUMNS} FROM published_reports WHERE kind = ? AND date = ?`)
    .get(kind, date) as Row | undefined;
  return row ? toStored(row) : null;
}
