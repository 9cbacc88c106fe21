/**
 * Store.incidentColumns for SQLite: the incidents changed after a ledger index (their own
 * `incident.*` event, src/store/sqlite/areas/incidents.ts, or a workflow event that moved their
 * status, areas/workflow.ts) with their filter columns, and the aliases a merge made since then.
 * One statement, so one snapshot: a page never mixes states from before and after a write.
 */
import type Database from 'better-sqlite3';
import type { IncidentColumnsPage, IncidentColumnsRow } from '../port.js';

// `live`: the incidents changed after @after, with the index of their last change; `gone`: the
// ids a merge made aliases after @after. `bound`: the ledger index of the `limit`-th change; the
// page takes every change up to it, so the changes of one ledger index (a merge and its
// retargeted aliases) are never split. The incidents branch of `live` is a range scan of
// incidents_updated; the workflow branch reads incident_workflows (one row per incident reviewed).
const SQL = `
  WITH live AS (
    -- An incident's last change is the later of its own event and its workflow's: the larger of
    -- the two indexes past @after (an index at or before @after is never the larger one).
    SELECT rid, MAX(idx) AS idx FROM (
      SELECT rid, updated_ledger_idx AS idx FROM incidents WHERE updated_ledger_idx > @after
      UNION ALL
      SELECT i.rid, w.updated_ledger_idx FROM incident_workflows w JOIN incidents i ON i.id = w.incident_id
      WHERE w.updated_ledger_idx > @after
    ) changed GROUP BY rid
  ),
  gone AS (SELECT alias, ledger_idx AS idx FROM incident_aliases WHERE ledger_idx > @after),
  bound AS (
    SELECT COALESCE(
      (SELECT idx FROM (SELECT idx FROM live UNION ALL SELECT idx FROM gone) ORDER BY idx LIMIT 1 OFFSET @skip),
      9007199254740991) AS b
  )
  SELECT l.idx, i.id, i.lon, i.lat, i.t_from, i.t_to, i.status, i.visibility, i.party,
    i.attributed_party, json_extract(i.snapshot, '$.incident.weapon'),
    json_extract(i.snapshot, '$.incident.events'),
    (SELECT json_group_array(v) FROM (
      SELECT provision_id AS v FROM incident_provisions p WHERE p.incident_id = i.id
      UNION SELECT kind FROM incident_provisions p WHERE p.incident_id = i.id))
  FROM live l JOIN incidents i ON i.rid = l.rid
  WHERE l.idx <= (SELECT b FROM bound)
  UNION ALL
  SELECT idx, alias, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
  FROM gone WHERE idx <= (SELECT b FROM bound)
  ORDER BY 1`;

const statements = new WeakMap<Database.Database, Database.Statement>();

type RawRow = [number, string, number | null, number, number, number, string, string, string | null, string, string, string, string];

export function readIncidentColumns(
  reader: Database.Database,
  afterLedgerIndex: number,
  limit: number,
): IncidentColumnsPage {
  if (!Number.isInteger(limit) || limit < 1) throw new Error(`incidentColumns: limit must be a positive integer, got ${limit}`);
  let stmt = statements.get(reader);
  if (!stmt) {
    stmt = reader.prepare(SQL).raw(true);
    statements.set(reader, stmt);
  }
  const rows = stmt.all({ after: afterLedgerIndex, skip: limit - 1 }) as RawRow[];
  const changed: IncidentColumnsRow[] = [];
  const absorbed: string[] = [];
  for (const r of rows) {
    if (r[2] === null) absorbed.push(r[1]);
    else {
      changed.push([
        r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10],
        JSON.parse(r[11]) as string[],
        JSON.parse(r[12]) as string[],
      ]);
    }
  }
  return {
    changed,
    absorbed,
    through: rows.length > 0 ? rows[rows.length - 1]![0] : afterLedgerIndex,
    more: rows.length >= limit,
  };
}
