/**
 * Right of reply and disputes on an issued finding.
 *
 * - A finding that attributes a violation to a party opens a reply window for that party's
 *   liaison, closing `replyDeadlineHours` (agreement) after issue; a reply at the deadline is in
 *   time. One reply per finding; its absence is recorded by `expireReplies`.
 * - Any party's liaison may dispute a finding that is not superseded, with evidence; a party has
 *   at most one open dispute per finding. Disputes go filed → under_review → upheld | rejected.
 * - Nobody judges their own work: whoever proposed, confirmed or signed off the finding may
 *   neither review nor decide a dispute of it.
 */
import type { CommandOf } from './commands.js';
import { eventBase, type Step } from './step.js';
import { epochMs, forbidden, illegal, notFound, words } from './guards.js';
import { describeActor } from './roles.js';
import type { Dispute, Finding, WorkflowEvent } from './types.js';

export type FindingCommand = CommandOf<
  'reply' | 'file_dispute' | 'start_dispute_review' | 'decide_dispute'
>;

function findingById(s: Step, findingId: string): Finding {
  const finding = s.state.findings.find((f) => f.id === findingId);
  if (!finding) throw notFound(`incident ${s.state.incidentId} has no finding ${findingId}`);
  return finding;
}

function disputeById(s: Step, disputeId: string): { finding: Finding; dispute: Dispute } {
  for (const finding of s.state.findings) {
    const dispute = finding.disputes.find((d) => d.id === disputeId);
    if (dispute) return { finding, dispute };
  }
  throw notFound(`incident ${s.state.incidentId} has no dispute ${disputeId}`);
}

function requireIndependent(s: Step, finding: Finding, doing: string): void {
  const role =
    finding.proposedBy === s.actor.id
      ? 'proposed'
      : finding.confirmedBy === s.actor.id
        ? 'confirmed'
        : finding.signedOffBy === s.actor.id
          ? 'signed off'
          : null;
  if (role)
    throw forbidden(
      `${describeActor(s.actor)} ${role} finding ${finding.id} and cannot ${doing} a dispute of it`,
    );
}

function reply(s: Step, c: CommandOf<'reply'>): WorkflowEvent {
  const finding = findingById(s, c.findingId);
  const window = finding.reply;
  if (window === null)
    throw illegal(
      `finding ${finding.id} attributes no violation to a party; there is nothing to reply to`,
    );
  if (s.actor.party !== window.party) {
    throw forbidden(
      `${describeActor(s.actor)} cannot reply to finding ${finding.id}, which concerns ${window.party}`,
    );
  }
  if (window.status === 'replied' && window.reply) {
    throw illegal(
      `finding ${finding.id} was already answered by ${window.reply.by} at ${window.reply.at}`,
    );
  }
  if (window.status === 'lapsed' || s.atMs > epochMs(window.deadline, 'deadline')) {
    throw illegal(`the reply window of finding ${finding.id} closed at ${window.deadline}`);
  }
  const answered = {
    ...window,
    status: 'replied' as const,
    reply: { by: s.actor.id, at: s.at, text: c.reason, evidence: c.evidence ?? [] },
  };
  return {
    ...eventBase(s, c.reason, s.state.status),
    type: 'finding.replied',
    findingId: finding.id,
    reply: answered,
  };
}

function fileDispute(s: Step, c: CommandOf<'file_dispute'>): WorkflowEvent {
  const finding = findingById(s, c.findingId);
  if (finding.superseded)
    throw illegal(
      `finding ${finding.id} was superseded when the incident was reopened; dispute the new finding instead`,
    );
  const party = s.actor.party as string;
  if (!s.agreement.parties.some((p) => p.id === party)) {
    throw forbidden(
      `${describeActor(s.actor)} speaks for '${party}', which is not a party to the agreement`,
    );
  }
  const open = finding.disputes.find(
    (d) => d.party === party && (d.status === 'filed' || d.status === 'under_review'),
  );
  if (open)
    throw illegal(
      `${party} already has dispute ${open.id} ${words(open.status)} on finding ${finding.id}`,
    );
  const dispute: Dispute = {
    id: `${finding.id}/dispute-${finding.disputes.length + 1}`,
    findingId: finding.id,
    party,
    filedBy: s.actor.id,
    filedAt: s.at,
    grounds: c.reason,
    evidence: c.evidence,
    status: 'filed',
    reviewedBy: null,
    decision: null,
  };
  return { ...eventBase(s, c.reason, s.state.status), type: 'dispute.filed', dispute };
}

export function decideFindingStep(s: Step, c: FindingCommand): WorkflowEvent {
  switch (c.type) {
    case 'reply':
      return reply(s, c);
    case 'file_dispute':
      return fileDispute(s, c);
    case 'start_dispute_review': {
      const { finding, dispute } = disputeById(s, c.disputeId);
      if (dispute.status !== 'filed')
        throw illegal(
          `dispute ${dispute.id} is ${words(dispute.status)}; only a filed dispute can be taken under review`,
        );
      requireIndependent(s, finding, 'review');
      const reviewed: Dispute = { ...dispute, status: 'under_review', reviewedBy: s.actor.id };
      return {
        ...eventBase(s, c.reason, s.state.status),
        type: 'dispute.review_started',
        dispute: reviewed,
      };
    }
    case 'decide_dispute': {
      const { finding, dispute } = disputeById(s, c.disputeId);
      if (dispute.status !== 'under_review') {
        throw illegal(
          `dispute ${dispute.id} is ${words(dispute.status)}; only a dispute under review can be decided`,
        );
      }
      requireIndependent(s, finding, 'decide');
      const decided: Dispute = {
        ...dispute,
        status: c.outcome,
        decision: { by: s.actor.id, at: s.at, outcome: c.outcome, reason: c.reason },
      };
      return {
        ...eventBase(s, c.reason, s.state.status),
        type: 'dispute.decided',
        dispute: decided,
      };
    }
  }
}
