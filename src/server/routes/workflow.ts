/**
 * The verification workflow over HTTP (src/app/workflow):
 * POST /api/v1/incidents/:id/workflow takes one workflow command (triage, assign, propose,
 * confirm, sign off, reply, dispute, reopen, ...) as the caller; GET answers the workflow with
 * its history.
 *
 * Who may take which step is the domain's decision (src/domain/workflow/guards.ts: role, four-eyes
 * rule, own party's findings); the route table only keeps out callers who never take one.
 * Mission staff read every workflow; a party liaison reads only the findings attributed to its
 * party (partyView) and reaches no other workflow: an incident it can neither see nor has a
 * finding on answers 404 exactly like a missing one, for GET and POST alike.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { applyWorkflowCommand, partyView, readWorkflow, type StoredWorkflow } from '../../app/workflow/index.js';
import type { Agreement } from '../../domain/agreement/index.js';
import { TrucelineError } from '../../domain/errors.js';
import { workflowCommandSchema, type Actor } from '../../domain/workflow/index.js';
import type { Store, StoredIncident } from '../../store/port.js';
import { observationVisibility } from '../authz.js';
import type { Principal } from '../principal.js';
import { problems } from '../schemas.js';
import { canSeeIncident } from './incidents.js';
import { plainJson } from './observations.js';

const paramsSchema = z.object({ id: z.string().min(1).max(160) });

const recordedEventsSchema = z.array(z.object({ ledgerIndex: z.number().int(), event: z.unknown() })).readonly();

const workflowSchema = z
  .object({
    incidentId: z.string(),
    status: z.string(),
    round: z.number().int(),
    state: z.unknown().optional(),
    findings: z.array(z.unknown()).readonly().optional(),
    events: recordedEventsSchema,
  })
  .meta({ id: 'IncidentWorkflow', description: "An incident's verification workflow: for mission staff the whole state and every event (who, when, why, with its ledger index); for a party liaison only the findings attributed to its party and their replies and disputes" });

const stepSchema = z
  .object({
    incidentId: z.string(),
    status: z.string(),
    seq: z.number().int(),
    recorded: recordedEventsSchema,
    state: z.unknown().optional(),
  })
  .meta({ id: 'WorkflowStep', description: 'The events one command recorded (an incident.reported first when it opened the workflow) and, for mission staff, the resulting state' });

function actorFor(p: Principal): Actor {
  if (p.kind !== 'user') throw new TrucelineError('UNAUTHENTICATED', 'log in or send an API token (Authorization: Bearer ...)');
  return { id: p.name, role: p.role, ...(p.party ? { party: p.party } : {}) };
}

/** The liaison's party when the caller reads only its party's findings; null for mission staff. */
function partyOnly(p: Principal): string | null {
  const v = observationVisibility(p);
  return v.mission ? null : (v.party ?? '');
}

/** Whether the caller may reach this incident's workflow at all (see the module comment). */
function mayReach(p: Principal, incident: StoredIncident, workflow: StoredWorkflow | null): boolean {
  const party = partyOnly(p);
  if (party === null || canSeeIncident(p, incident)) return true;
  return workflow !== null && partyView(workflow, party) !== null;
}

export function registerWorkflowRoutes(app: FastifyInstance, deps: { store: Store; agreement: Agreement; now: () => number }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const notFound = (id: string) => new TrucelineError('NOT_FOUND', `no incident '${id}'`);

  const load = async (p: Principal, id: string) => {
    const incident = (await deps.store.getIncident?.(id)) ?? null;
    if (!incident) throw notFound(id);
    const workflow = await readWorkflow(deps.store, incident.incident.id);
    if (!mayReach(p, incident, workflow)) throw notFound(id);
    return { incident, workflow };
  };

  r.get('/api/v1/incidents/:id/workflow', {
    schema: {
      summary: "An incident's verification workflow and its history",
      description: 'An incident not yet triaged has no workflow: it answers status `reported`, round 1 and no events. A liaison sees only findings attributed to its party; otherwise 404.',
      tags: ['incidents', 'workflow'],
      params: paramsSchema,
      response: { 200: workflowSchema, ...problems(401, 403, 404) },
    },
    serializerCompiler: plainJson,
    handler: async (request) => {
      const { incident, workflow } = await load(request.principal, request.params.id);
      const party = partyOnly(request.principal);
      if (party !== null) {
        const view = workflow ? partyView(workflow, party) : null;
        if (!view) throw notFound(request.params.id);
        return view;
      }
      if (!workflow) return { incidentId: incident.incident.id, status: 'reported', round: 1, events: [] };
      const { state, events } = workflow;
      return { incidentId: state.incidentId, status: state.status, round: state.round, state, events };
    },
  });

  r.post('/api/v1/incidents/:id/workflow', {
    schema: {
      summary: 'Take one verification workflow step on an incident',
      description: 'The body is one workflow command; every command carries `reason`. Refusals: 403 when the caller may not (role, four-eyes rule, another party\'s finding), 409 when the incident\'s state does not allow it, 404 for an unknown incident, site visit, finding or dispute; each says why.',
      tags: ['incidents', 'workflow'],
      params: paramsSchema,
      body: workflowCommandSchema,
      response: { 200: stepSchema, ...problems(400, 401, 403, 404, 409) },
    },
    serializerCompiler: plainJson,
    handler: async (request) => {
      const { incident } = await load(request.principal, request.params.id);
      const step = await applyWorkflowCommand(deps.store, deps.agreement, incident.incident.id, request.body, actorFor(request.principal), deps.now());
      const recorded = step.events.map((event, i) => ({ ledgerIndex: step.firstIndex + i, event }));
      const base = { incidentId: step.state.incidentId, status: step.state.status, seq: step.state.seq, recorded };
      return partyOnly(request.principal) === null ? { ...base, state: step.state } : base;
    },
  });
}
