/**
 * The incident verification workflow's entry points: open, step, replay, and the clock-driven
 * checks (lapsed reply windows, overdue assignments). All pure: the time is passed in.
 *
 * Refusals are TrucelineErrors: VALIDATION (a malformed command or time), FORBIDDEN (this actor
 * may not), ILLEGAL_TRANSITION (not in this state), NOT_FOUND (no such site visit, finding or
 * dispute). The role is checked before the state, so a guarantor is told "may not" rather than
 * learning the incident's status.
 */
import { TrucelineError } from '../errors.js';
import { parseWorkflowCommand, type WorkflowCommand } from './commands.js';
import { decideFindingStep, type FindingCommand } from './decide-finding.js';
import { decideIncidentStep, type IncidentCommand } from './decide-incident.js';
import type { WorkflowAgreement } from './step.js';
import { evolve, initialWorkflow } from './evolve.js';
import { epochMs, forbidden, REPORTING_ROLES, requireNotBefore, requireRole } from './guards.js';
import { describeActor, type Actor } from './roles.js';
import { isFinal, type IncidentWorkflow, type Transition, type WorkflowEvent } from './types.js';

const FINDING_COMMANDS = new Set<string>([
  'reply',
  'file_dispute',
  'start_dispute_review',
  'decide_dispute',
]);

function isFindingCommand(c: WorkflowCommand): c is FindingCommand {
  return FINDING_COMMANDS.has(c.type);
}

/**
 * Opens the workflow of a newly reported incident. `actor` null means the system (fusion opened
 * the incident from observations).
 */
export function openIncidentWorkflow(
  incidentId: string,
  actor: Actor | null,
  at: string,
  reason: string,
): Transition {
  if (actor && !REPORTING_ROLES.includes(actor.role)) {
    throw forbidden(
      `${describeActor(actor)} may not report an incident; only ${REPORTING_ROLES.join(', ')} or the system may`,
    );
  }
  epochMs(at, 'at');
  if (!incidentId.trim() || !reason.trim()) {
    const issues = [
      ...(incidentId.trim() ? [] : [{ path: 'incidentId', reason: 'must not be empty' }]),
      ...(reason.trim() ? [] : [{ path: 'reason', reason: 'must not be empty' }]),
    ];
    throw new TrucelineError(
      'VALIDATION',
      `invalid incident report: ${issues.map((i) => `${i.path}: ${i.reason}`).join('; ')}`,
      issues,
    );
  }
  const event: WorkflowEvent = {
    type: 'incident.reported',
    incidentId,
    seq: 1,
    at,
    by: actor?.id ?? 'system',
    role: actor?.role ?? 'system',
    party: actor?.party ?? null,
    reason,
    from: 'reported',
    to: 'reported',
  };
  return { state: initialWorkflow(event), event };
}

/**
 * One workflow step. `command` is checked against the schema (so JSON may be passed straight
 * through), then the actor's role, then the incident's state.
 *
 * @example transition(s, { type: 'confirm_assessment', reason: 'imagery matches' }, { id: 'a2', role: 'analyst' }, '2026-03-02T09:00:00Z', agreement)
 * @throws TrucelineError VALIDATION | FORBIDDEN | ILLEGAL_TRANSITION | NOT_FOUND, the message saying why.
 */
export function transition(
  state: IncidentWorkflow,
  command: WorkflowCommand,
  actor: Actor,
  at: string,
  agreement: WorkflowAgreement,
): Transition {
  const c = parseWorkflowCommand(command);
  requireRole(actor, c.type);
  const atMs = requireNotBefore(at, state.lastAt);
  const step = { state, actor, at, atMs, agreement };
  const event = isFindingCommand(c)
    ? decideFindingStep(step, c)
    : decideIncidentStep(step, c as IncidentCommand);
  return { state: evolve(state, event), event };
}

/**
 * Rebuilds the state from its events, as stored in the ledger (oldest first).
 * @throws TrucelineError INCONSISTENT when the events do not start with a report or skip a seq.
 */
export function replayWorkflow(events: readonly WorkflowEvent[]): IncidentWorkflow {
  const [first, ...rest] = events;
  if (!first || first.type !== 'incident.reported')
    throw new TrucelineError(
      'INCONSISTENT',
      'a workflow history must start with incident.reported',
    );
  let state = initialWorkflow(first);
  for (const event of rest) {
    if (event.seq !== state.seq + 1 || event.incidentId !== state.incidentId) {
      throw new TrucelineError(
        'INCONSISTENT',
        `event seq ${event.seq} of ${event.incidentId} does not follow seq ${state.seq} of ${state.incidentId}`,
      );
    }
    state = evolve(state, event);
  }
  return state;
}

/**
 * Closes every reply window whose deadline has passed without a reply (strictly before `now`),
 * one `finding.reply_lapsed` event each, recorded by the system. Nothing to close: no events.
 */
export function expireReplies(
  state: IncidentWorkflow,
  now: string,
): { state: IncidentWorkflow; events: WorkflowEvent[] } {
  const nowMs = requireNotBefore(now, state.lastAt);
  const events: WorkflowEvent[] = [];
  let current = state;
  for (const finding of state.findings) {
    const window = finding.reply;
    if (!window || window.status !== 'open' || epochMs(window.deadline, 'deadline') >= nowMs)
      continue;
    const event: WorkflowEvent = {
      type: 'finding.reply_lapsed',
      incidentId: state.incidentId,
      seq: current.seq + 1,
      at: now,
      by: 'system',
      role: 'system',
      party: null,
      reason: `no reply from ${window.party} by the deadline ${window.deadline}`,
      from: current.status,
      to: current.status,
      findingId: finding.id,
      reply: { ...window, status: 'lapsed' },
    };
    events.push(event);
    current = evolve(current, event);
  }
  return { state: current, events };
}

export interface OverdueItem {
  readonly kind: 'analyst' | 'site_visit';
  /** The analyst's id, or the site visit's id. */
  readonly id: string;
  readonly dueAt: string;
}

/**
 * Assignments past their due date at `now`: an analyst's, while the incident is not concluded;
 * a site visit's, until its report arrives.
 */
export function overdueAssignments(state: IncidentWorkflow, now: string): OverdueItem[] {
  const nowMs = epochMs(now, 'now');
  const items: OverdueItem[] = [];
  const a = state.analyst;
  if (a?.dueAt && !isFinal(state.status) && epochMs(a.dueAt, 'dueAt') < nowMs)
    items.push({ kind: 'analyst', id: a.analyst, dueAt: a.dueAt });
  for (const v of state.siteVisits) {
    if (v.report === null && epochMs(v.dueBy, 'dueBy') < nowMs)
      items.push({ kind: 'site_visit', id: v.id, dueAt: v.dueBy });
  }
  return items;
}
