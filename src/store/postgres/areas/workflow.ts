import type { LedgerEvent } from '../../../app/events/event.js';
import { canonicalJson } from '../../../domain/canonical-json.js';
import { evolve, replayWorkflow, type IncidentWorkflow, type WorkflowEvent, type WorkflowEventType } from '../../../domain/workflow/index.js';
import type { PostgresStateArea } from './area.js';

/**
 * Every event type the verification workflow emits (src/domain/workflow/types.ts); the same list
 * as the SQLite area's, kept here so this adapter does not load better-sqlite3 (a test holds the
 * two equal).
 */
export const WORKFLOW_EVENT_TYPES = [
  'incident.reported',
  'incident.triaged',
  'incident.analyst_assigned',
  'incident.investigation_started',
  'incident.site_visit_requested',
  'incident.site_visit_reported',
  'incident.assessment_proposed',
  'incident.assessment_withdrawn',
  'incident.assessment_returned',
  'incident.assessment_confirmed',
  'incident.sign_off_declined',
  'incident.signed_off',
  'incident.reopened',
  'finding.replied',
  'finding.reply_lapsed',
  'dispute.filed',
  'dispute.review_started',
  'dispute.decided',
] as const satisfies readonly WorkflowEventType[];

// Fails to compile when the domain adds an event type that is missing above.
type Missing = Exclude<WorkflowEventType, (typeof WORKFLOW_EVENT_TYPES)[number]>;
const complete: Missing extends never ? true : never = true;
void complete;

/**
 * The verification workflow of each incident, the PostgreSQL twin of
 * src/store/sqlite/areas/workflow.ts: folded from its ledger events with the domain's own
 * `evolve`, kept as canonical JSON text (so the audit compares it byte for byte with a replay),
 * and the incident's `status` column (incidents area) set to the workflow's status by every event.
 */
export const workflowArea: PostgresStateArea = {
  name: 'workflow',
  migrations: [
    {
      area: 'workflow',
      version: 1,
      name: 'incident workflow state and history',
      sql: `
        CREATE TABLE incident_workflows (
          incident_id TEXT PRIMARY KEY,
          state TEXT NOT NULL,
          seq INTEGER NOT NULL,
          updated_ledger_idx BIGINT NOT NULL
        );
        CREATE TABLE incident_workflow_events (
          incident_id TEXT NOT NULL,
          seq INTEGER NOT NULL,
          type TEXT NOT NULL,
          event TEXT NOT NULL,
          ledger_idx BIGINT NOT NULL,
          PRIMARY KEY (incident_id, seq)
        );
      `,
    },
    {
      area: 'workflow',
      version: 2,
      name: "the incident's status column follows its workflow",
      // The same step as SQLite's version 2; on a PostgreSQL store, created with both versions at
      // once, it finds nothing to bring up to date.
      sql: `
        UPDATE incidents SET status = (w.state::jsonb ->> 'status') FROM incident_workflows w WHERE w.incident_id = incidents.id;
      `,
    },
  ],
  tables: ['incident_workflow_events', 'incident_workflows'],
  keys: {
    incident_workflow_events: "incident_id || ' ' || lpad(seq::text, 9, '0')",
    incident_workflows: 'incident_id',
  },
  appliers(db) {
    const apply = async (e: LedgerEvent, index: number): Promise<void> => {
      const event = e.data as unknown as WorkflowEvent;
      if (event.type !== e.type || typeof event.incidentId !== 'string') {
        throw new Error(`${e.type} at ${index}: data is not a workflow event of that type (type '${String(event.type)}')`);
      }
      const { rows } = await db.query<{ state: string }>({
        name: 'truceline_workflow_get',
        text: 'SELECT state FROM incident_workflows WHERE incident_id = $1',
        values: [event.incidentId],
      });
      const stored = rows[0]?.state;
      let next: IncidentWorkflow;
      if (event.type === 'incident.reported') {
        if (stored !== undefined) throw new Error(`incident.reported at ${index}: incident ${event.incidentId} already has a workflow`);
        next = replayWorkflow([event]);
      } else {
        if (stored === undefined) throw new Error(`${e.type} at ${index}: incident ${event.incidentId} has no workflow (no incident.reported before it)`);
        const state = JSON.parse(stored) as IncidentWorkflow;
        if (event.seq !== state.seq + 1) {
          throw new Error(`${e.type} at ${index}: incident ${event.incidentId} expects seq ${state.seq + 1}, got ${event.seq}`);
        }
        next = evolve(state, event);
      }
      // Canonical JSON: a replay reads the event back from its leaf with its keys sorted.
      await db.query({
        name: 'truceline_workflow_put',
        text: `INSERT INTO incident_workflows (incident_id, state, seq, updated_ledger_idx) VALUES ($1, $2, $3, $4)
          ON CONFLICT (incident_id) DO UPDATE SET state = excluded.state, seq = excluded.seq,
            updated_ledger_idx = excluded.updated_ledger_idx`,
        values: [event.incidentId, canonicalJson(next), next.seq, index],
      });
      await db.query({
        name: 'truceline_workflow_put_event',
        text: 'INSERT INTO incident_workflow_events (incident_id, seq, type, event, ledger_idx) VALUES ($1, $2, $3, $4, $5)',
        values: [event.incidentId, event.seq, event.type, canonicalJson(event), index],
      });
      await db.query({
        name: 'truceline_workflow_set_status',
        text: 'UPDATE incidents SET status = $1 WHERE id = $2',
        values: [next.status, event.incidentId],
      });
    };
    return Object.fromEntries(WORKFLOW_EVENT_TYPES.map((type) => [type, apply]));
  },
};
