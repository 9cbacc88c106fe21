/**
 * What deciding a workflow step works from, and the checks every decision shares.
 */
import type { Agreement } from '../agreement/index.js';
import { TrucelineError } from '../errors.js';
import { epochMs, illegal, words } from './guards.js';
import type { Actor } from './roles.js';
import type { IncidentWorkflow, WorkflowStatus } from './types.js';

export type WorkflowAgreement = Pick<Agreement, 'parties' | 'replyDeadlineHours'>;

export interface Step {
  readonly state: IncidentWorkflow;
  readonly actor: Actor;
  readonly at: string;
  readonly atMs: number;
  readonly agreement: WorkflowAgreement;
}

export function eventBase(s: Step, reason: string, to: WorkflowStatus) {
  const { state, actor, at } = s;
  return {
    incidentId: state.incidentId,
    seq: state.seq + 1,
    at,
    by: actor.id,
    role: actor.role,
    party: actor.party ?? null,
    reason,
    from: state.status,
    to,
  };
}

export function requireAfter(s: Step, value: string, path: string): void {
  if (epochMs(value, path) <= s.atMs) {
    const reason = `${value} is not after the step's time ${s.at}`;
    throw new TrucelineError('VALIDATION', `invalid ${path}: ${reason}`, [{ path, reason }]);
  }
}

export function requireStatus(s: Step, allowed: readonly WorkflowStatus[], doing: string): void {
  if (!allowed.includes(s.state.status)) {
    throw illegal(
      `incident ${s.state.incidentId} is ${words(s.state.status)}; ${doing} needs it ${allowed.map(words).join(' or ')}`,
    );
  }
}
