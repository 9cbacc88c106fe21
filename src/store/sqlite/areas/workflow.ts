import type { LedgerEvent } from '../../../app/events/event.js';
import { canonicalJson } from '../../../domain/canonical-json.js';
import { evolve, replayWorkflow, type IncidentWorkflow, type WorkflowEvent, type WorkflowEventType } from '../../../domain/workflow/index.js';
import type { StateArea } from './area.js';

/**
 * Every event type the verification workflow emits (src/domain/workflow/types.ts). Each is
 * recorded with the workflow event itself as the ledger event's `data`.
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
 * The verification workflow of each incident (src/domain/workflow), folded from its ledger
 * events with the domain's own `evolve`, so a rebuild reproduces it exactly.
 *
 * - `incident_workflows`: one row per incident; `state` is the canonical JSON of the
 *   IncidentWorkflow, `seq` its event count.
 * - `incident_workflow_events`: the events themselves (who, when, why), in seq order, with the
 *   ledger entry that recorded each: the history the API shows without scanning the log.
 * - `incidents.status` (the incidents area's column, which fusion leaves alone): set to the
 *   workflow's status by every workflow event, so incidents are listed and filtered by it
 *   (GET /api/v1/incidents?status=verified). A replay sets it in the same order.
 */
export const workflowArea: StateArea = {
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
          updated_ledger_idx INTEGER NOT NULL
        );
        CREATE TABLE incident_workflow_events (
          incident_id TEXT NOT NULL,
          seq INTEGER NOT NULL,
          type TEXT NOT NULL,
          event TEXT NOT NULL,
          ledger_idx INTEGER NOT NULL,
          PRIMARY KEY (incident_id, seq)
        );
      `,
    },
    {
      area: 'workflow',
      version: 2,
      name: "the incident's status column follows its workflow",
      // Workflows recorded before the appliers kept incidents.status: bring the column up to date.
      sql: `
        UPDATE incidents SET status = (SELECT json_extract(w.state, '$.status') FROM incident_workflows w WHERE w.incident_id = incidents.id)
        WHERE id IN (SELECT incident_id FROM incident_workflows);
      `,
    },
  ],
  tables: ['incident_workflow_events', 'incident_workflows'],
  keys: {
    incident_workflow_events: "incident_id || ' ' || printf('%09d', seq)",
    incident_workflows: 'incident_id',
  },
  appliers(db) {
    const s = {
      get: db.prepare('SELECT state FROM incident_workflows WHERE incident_id = ?').pluck(),
      put: db.prepare(
        `INSERT INTO incident_workflows (incident_id, state, seq, updated_ledger_idx) VALUES (?, ?, ?, ?)
         ON CONFLICT (incident_id) DO UPDATE SET state = excluded.state, seq = excluded.seq,
           updated_ledger_idx = excluded.updated_ledger_idx`,
      ),
      setStatus: db.prepare('UPDATE incidents SET status = ? WHERE id = ?'),
      putEvent: db.prepare(
        'INSERT INTO incident_workflow_events (incident_id, seq, type, event, ledger_idx) VALUES (?, ?, ?, ?, ?)',
      ),
    };

    const apply = (e: LedgerEvent, index: number): void => {
      const event = e.data as unknown as WorkflowEvent;
      if (event.type !== e.type || typeof event.incidentId !== 'string') {
        throw new Error(`${e.type} at ${index}: data is not a workflow event of that type (type '${String(event.type)}')`);
      }
      const stored = s.get.get(event.incidentId) as string | undefined;
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
      s.put.run(event.incidentId, canonicalJson(next), next.seq, index);
      s.putEvent.run(event.incidentId, event.seq, event.type, canonicalJson(event), index);
      s.setStatus.run(next.status, event.incidentId);
    };

    return Object.fromEntries(WORKFLOW_EVENT_TYPES.map((type) => [type, apply]));
  },
};
