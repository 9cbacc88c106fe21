/**
 * Store.getIncidentWorkflow and Store.listOpenReplyIncidents for PostgreSQL: the workflow area's
 * rows (src/store/postgres/areas/workflow.ts), answered as the SQLite adapter answers them.
 */
import type { Queryable } from './connection.js';

/** What src/app/workflow reads as a StoredWorkflow. */
export interface WorkflowRecord {
  readonly state: unknown;
  readonly updatedLedgerIndex: number;
  readonly events: { readonly ledgerIndex: number; readonly event: unknown }[];
}

/** An incident's workflow (by its live id) with its events in seq order, or null when none was opened. */
export async function readIncidentWorkflow(db: Queryable, incidentId: string): Promise<WorkflowRecord | null> {
  const { rows } = await db.query<{ state: string; updated_ledger_idx: number }>({
    name: 'truceline_workflow_read',
    text: 'SELECT state, updated_ledger_idx FROM incident_workflows WHERE incident_id = $1',
    values: [incidentId],
  });
  const row = rows[0];
  if (!row) return null;
  const events = await db.query<{ event: string; ledger_idx: number }>({
    name: 'truceline_workflow_read_events',
    text: 'SELECT event, ledger_idx FROM incident_workflow_events WHERE incident_id = $1 ORDER BY seq',
    values: [incidentId],
  });
  return {
    state: JSON.parse(row.state),
    updatedLedgerIndex: row.updated_ledger_idx,
    events: events.rows.map((e) => ({ ledgerIndex: e.ledger_idx, event: JSON.parse(e.event) })),
  };
}

/**
 * Ids of incidents with a finding whose reply window is open, in byte order of the id (COLLATE
 * "C", SQLite's BINARY), whatever the database's collation.
 */
export async function readOpenReplyIncidents(db: Queryable): Promise<string[]> {
  const { rows } = await db.query<{ incident_id: string }>({
    name: 'truceline_workflow_open_replies',
    text: `SELECT incident_id FROM incident_workflows w
      WHERE EXISTS (SELECT 1 FROM jsonb_array_elements(w.state::jsonb -> 'findings') f WHERE f #>> '{reply,status}' = 'open')
      ORDER BY incident_id COLLATE "C"`,
    values: [],
  });
  return rows.map((r) => r.incident_id);
}
