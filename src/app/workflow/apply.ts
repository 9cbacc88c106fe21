/**
 * One verification workflow step, stored: reads the incident's workflow, lets the pure state
 * machine (src/domain/workflow) decide, and records the resulting event in the ledger, all in one
 * store transaction. The domain's refusals (VALIDATION, FORBIDDEN, ILLEGAL_TRANSITION, NOT_FOUND)
 * propagate unchanged; nothing is recorded when one is thrown.
 */
import type { LedgerEvent } from '../events/event.js';
import { TrucelineError } from '../../domain/errors.js';
import {
  openIncidentWorkflow,
  parseWorkflowCommand,
  transition,
  type Actor,
  type IncidentWorkflow,
  type WorkflowAgreement,
  type WorkflowEvent,
} from '../../domain/workflow/index.js';
import type { RecordInput, Store } from '../../store/port.js';
import { readWorkflow } from './stored.js';

export interface AppliedStep {
  readonly state: IncidentWorkflow;
  /** The events recorded: the step's, preceded by `incident.reported` when it opened the workflow. */
  readonly events: readonly WorkflowEvent[];
  /** Ledger index of the first recorded event. */
  readonly firstIndex: number;
}

/** The ledger event that carries a workflow event: same type and time, the workflow event as data. */
export function workflowLedgerEvent(event: WorkflowEvent): LedgerEvent {
  return {
    v: 1,
    type: event.type,
    at: event.at,
    actor: event.role === 'system' ? 'system' : `user:${event.by}`,
    data: event as unknown as Readonly<Record<string, unknown>>,
  };
}

/**
 * Applies `command` (typed or straight from JSON) to the workflow of `incidentId` (an id or an
 * alias of a stored incident) at `nowMs` (ms since 1970). An incident without a workflow yet gets
 * one opened by the system (fusion reported it) in the same transaction. Events of an incident that
 * is not public are sealed in the ledger, as fusion seals its confidential incidents.
 *
 * @throws TrucelineError NOT_FOUND when no such incident is stored; any refusal of `transition`.
 */
export async function applyWorkflowCommand(
  store: Store,
  agreement: WorkflowAgreement,
  incidentId: string,
  command: unknown,
  actor: Actor,
  nowMs: number,
): Promise<AppliedStep> {
  const parsed = parseWorkflowCommand(command);
  const at = new Date(nowMs).toISOString();
  return store.write(async (tx) => {
    const incident = (await store.getIncident?.(incidentId)) ?? null;
    if (!incident) throw new TrucelineError('NOT_FOUND', `no incident '${incidentId}'`);
    const id = incident.incident.id;
    const events: WorkflowEvent[] = [];
    let state = (await readWorkflow(store, id))?.state;
    if (!state) {
      const opened = openIncidentWorkflow(id, null, at, `incident ${id} opened by fusion`);
      state = opened.state;
      events.push(opened.event);
    }
    const step = transition(state, parsed, actor, at, agreement);
    events.push(step.event);
    const confidential = incident.visibility !== 'public';
    const inputs: RecordInput[] = events.map((e) => ({ event: workflowLedgerEvent(e), ...(confidential ? { confidential } : {}) }));
    const { firstIndex } = await tx.record(inputs);
    return { state: step.state, events, firstIndex };
  });
}
