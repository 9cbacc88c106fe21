/**
 * Store.incidentColumns for PostgreSQL, the twin of src/store/sqlite/incident-columns.ts: the
 * incidents changed after a ledger index (their own `incident.*` event or a workflow event that
 * moved their status) with their filter columns, and the aliases a merge made since then. One
 * statement, so one snapshot; the same pages as the SQLite adapter.
 */
import pg from 'pg';
import type { IncidentColumnsPage, IncidentColumnsRow } from '../port.js';
import type { Queryable } from './connection.js';

// `bound`: the ledger index of the `limit`-th change; the page takes every change up to it, so
// the changes of one ledger index (a merge and its retargeted aliases) are never split.
const SQL = `
  WITH live AS (
    -- An incident's last change is the later of its own event and its workflow's: the larger of
    -- the two indexes past $1 (an index at or before $1 is never the larger one).
    SELECT rid, MAX(idx) AS idx FROM (
      SELECT rid, updated_ledger_idx AS idx FROM incidents WHERE updated_ledger_idx > $1
      UNION ALL
      SELECT i.rid, w.updated_ledger_idx FROM incident_workflows w JOIN incidents i ON i.id = w.incident_id
      WHERE w.updated_ledger_idx > $1
    ) changed GROUP BY rid
  ),
  gone AS (SELECT alias, ledger_idx AS idx FROM incident_aliases WHERE ledger_idx > $1),
  bound AS (
    SELECT COALESCE(
      (SELECT idx FROM (SELECT idx FROM live UNION ALL SELECT idx FROM gone) c ORDER BY idx LIMIT 1 OFFSET $2),
      9007199254740991) AS b
  )
  SELECT l.idx, i.id, i.lon, i.lat, i.t_from, i.t_to, i.status, i.visibility, i.party,
    i.attributed_party, i.snapshot::jsonb -> 'incident' ->> 'weapon',
    ARRAY(SELECT jsonb_array_elements_text(i.snapshot::jsonb -> 'incident' -> 'events')),
    ARRAY(SELECT provision_id FROM incident_provisions p WHERE p.incident_id = i.id
      UNION SELECT kind FROM incident_provisions p WHERE p.incident_id = i.id)
  FROM live l JOIN incidents i ON i.rid = l.rid
  WHERE l.idx <= (SELECT b FROM bound)
  UNION ALL
  SELECT idx, alias, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
  FROM gone WHERE idx <= (SELECT b FROM bound)
  ORDER BY 1`;

type RawRow = [number, string, number | null, number, number, number, string, string, string | null, string, string, string[], string[]];

export async function readIncidentColumns(
  db: Queryable,
  afterLedgerIndex: number,
  limit: number,
): Promise<IncidentColumnsPage> {
  if (!Number.isInteger(limit) || limit < 1) throw new Error(`incidentColumns: limit must be a positive integer, got ${limit}`);
  const config: pg.QueryArrayConfig = {
    name: 'truceline_incident_columns',
    text: SQL,
    values: [afterLedgerIndex, limit - 1],
    rowMode: 'array',
  };
  const rows = (await db.query(config)).rows as unknown as RawRow[];
  const changed: IncidentColumnsRow[] = [];
  const absorbed: string[] = [];
  for (const r of rows) {
    if (r[2] === null) absorbed.push(r[1]);
    else changed.push([Number(r[0]), r[1], r[2], r[3], Number(r[4]), Number(r[5]), r[6], r[7], r[8], r[9], r[10], r[11], r[12]]);
  }
  return {
    changed,
    absorbed,
    through: rows.length > 0 ? Number(rows[rows.length - 1]![0]) : afterLedgerIndex,
    more: rows.length >= limit,
  };
}
