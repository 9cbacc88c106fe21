/**
 * The four-eyes rule: every conclusion (verified, not verified, inconclusive) is proposed by one
 * person and confirmed by another; an escalation-relevant finding also needs the sign-off of a
 * chief monitor who is neither of them. A verified finding that attributes the violation to a
 * party opens that party's reply window, `replyDeadlineHours` (agreement) long.
 */
import { TrucelineError } from '../errors.js';
import { formatEpochMs } from '../observation/time.js';
import type { CommandOf } from './commands.js';
import { forbidden, illegal, outcomeNoun, words } from './guards.js';
import { describeActor } from './roles.js';
import { eventBase, requireStatus, type Step } from './step.js';
import type { Decision, Finding, Proposal, WorkflowEvent } from './types.js';

export type AssessmentCommand = CommandOf<
  | 'propose_assessment'
  | 'withdraw_proposal'
  | 'return_proposal'
  | 'confirm_assessment'
  | 'sign_off'
  | 'decline_sign_off'
>;

/** The pending proposal; `confirmed` says whether it must already be confirmed. */
function pending(s: Step, confirmed: boolean, doing: string): Proposal {
  const p = s.state.proposal;
  if (p === null)
    throw illegal(`incident ${s.state.incidentId} has no pending proposal to ${doing}`);
  if (confirmed && p.confirmedBy === null) {
    throw illegal(
      `the proposal by ${p.proposedBy} has not been confirmed by a second analyst; there is nothing to ${doing}`,
    );
  }
  if (!confirmed && p.confirmedBy !== null) {
    throw illegal(
      `the proposal by ${p.proposedBy} was confirmed by ${p.confirmedBy} and awaits the chief monitor's sign-off; only a chief monitor can now sign it off or decline it`,
    );
  }
  return p;
}

function issueFinding(
  s: Step,
  p: Proposal,
  confirmedBy: string,
  signedOffBy: string | null,
): Finding | null {
  if (p.finding === null) return null;
  const party = p.finding.attributedTo;
  return {
    ...p.finding,
    id: `${s.state.incidentId}/finding-${s.state.round}`,
    round: s.state.round,
    proposedBy: p.proposedBy,
    confirmedBy,
    signedOffBy,
    issuedAt: s.at,
    superseded: false,
    reply:
      party === null
        ? null
        : {
            party,
            opensAt: s.at,
            deadline: formatEpochMs(s.atMs + s.agreement.replyDeadlineHours * 3_600_000),
            status: 'open',
            reply: null,
          },
    disputes: [],
  };
}

function propose(s: Step, c: CommandOf<'propose_assessment'>): WorkflowEvent {
  requireStatus(s, ['under_investigation'], 'proposing a conclusion');
  const p = s.state.proposal;
  if (p !== null) {
    throw illegal(
      `a proposal by ${p.proposedBy} is pending${p.confirmedBy ? " the chief monitor's sign-off" : ''}; it must be withdrawn, returned or declined first`,
    );
  }
  const party = c.finding?.attributedTo;
  if (party != null && !s.agreement.parties.some((x) => x.id === party)) {
    const reason = `'${party}' is not a party to the agreement (${s.agreement.parties.map((x) => x.id).join(', ')})`;
    throw new TrucelineError(
      'VALIDATION',
      `invalid propose_assessment command: finding.attributedTo: ${reason}`,
      [{ path: 'finding.attributedTo', reason }],
    );
  }
  const proposal: Proposal = {
    outcome: c.outcome,
    finding: c.finding ?? null,
    proposedBy: s.actor.id,
    proposedAt: s.at,
    reason: c.reason,
    confirmedBy: null,
    confirmedAt: null,
  };
  return {
    ...eventBase(s, c.reason, s.state.status),
    type: 'incident.assessment_proposed',
    proposal,
  };
}

function confirm(s: Step, c: CommandOf<'confirm_assessment'>): WorkflowEvent {
  const p = pending(s, false, 'confirm');
  if (p.proposedBy === s.actor.id) {
    throw forbidden(
      `${describeActor(s.actor)} proposed ${outcomeNoun(p.outcome)} and cannot confirm it; a second analyst must`,
    );
  }
  const confirmed: Proposal = { ...p, confirmedBy: s.actor.id, confirmedAt: s.at };
  if (p.finding?.escalationRelevant) {
    return {
      ...eventBase(s, c.reason, s.state.status),
      type: 'incident.assessment_confirmed',
      proposal: confirmed,
      decision: null,
      finding: null,
    };
  }
  const decision: Decision = {
    outcome: p.outcome,
    proposedBy: p.proposedBy,
    confirmedBy: s.actor.id,
    signedOffBy: null,
    at: s.at,
  };
  const finding = issueFinding(s, p, s.actor.id, null);
  return {
    ...eventBase(s, c.reason, p.outcome),
    type: 'incident.assessment_confirmed',
    proposal: confirmed,
    decision,
    finding,
  };
}

function signOff(s: Step, c: CommandOf<'sign_off' | 'decline_sign_off'>): WorkflowEvent {
  const p = pending(s, true, words(c.type));
  const own =
    p.proposedBy === s.actor.id ? 'proposed' : p.confirmedBy === s.actor.id ? 'confirmed' : null;
  const doing = c.type === 'sign_off' ? 'sign it off' : 'decline to sign it off';
  if (own)
    throw forbidden(
      `${describeActor(s.actor)} ${own} this assessment and cannot ${doing}; another chief monitor must`,
    );
  if (c.type === 'decline_sign_off')
    return { ...eventBase(s, c.reason, s.state.status), type: 'incident.sign_off_declined' };
  const confirmedBy = p.confirmedBy as string;
  const decision: Decision = {
    outcome: p.outcome,
    proposedBy: p.proposedBy,
    confirmedBy,
    signedOffBy: s.actor.id,
    at: s.at,
  };
  return {
    ...eventBase(s, c.reason, p.outcome),
    type: 'incident.signed_off',
    decision,
    finding: issueFinding(s, p, confirmedBy, s.actor.id),
  };
}

export function decideAssessmentStep(s: Step, c: AssessmentCommand): WorkflowEvent {
  const { actor } = s;
  const same = s.state.status;
  switch (c.type) {
    case 'propose_assessment':
      return propose(s, c);
    case 'withdraw_proposal': {
      const p = pending(s, false, 'withdraw');
      if (p.proposedBy !== actor.id)
        throw forbidden(
          `only ${p.proposedBy}, who proposed it, may withdraw the proposal; ${describeActor(actor)} may return it instead`,
        );
      return { ...eventBase(s, c.reason, same), type: 'incident.assessment_withdrawn' };
    }
    case 'return_proposal': {
      const p = pending(s, false, 'return');
      if (p.proposedBy === actor.id)
        throw forbidden(
          `${describeActor(actor)} cannot return their own proposal; withdraw it instead`,
        );
      return { ...eventBase(s, c.reason, same), type: 'incident.assessment_returned' };
    }
    case 'confirm_assessment':
      return confirm(s, c);
    case 'sign_off':
    case 'decline_sign_off':
      return signOff(s, c);
  }
}
