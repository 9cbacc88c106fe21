/**
 * The state of one incident's verification and the events that change it. State is the fold of
 * the events (`replayWorkflow`), so every event carries what a rebuild needs: the resulting
 * proposal, finding or dispute rather than a reference to the command that made it.
 *
 * Instants are ISO 8601 UTC strings, as in the exchange format.
 */
import type { DisputeOutcome, FindingDraft, Outcome } from './commands.js';
import type { Role } from './roles.js';

export const WORKFLOW_STATUSES = [
  'reported',
  'triaged',
  'under_investigation',
  'verified',
  'not_verified',
  'inconclusive',
] as const;
export type WorkflowStatus = (typeof WORKFLOW_STATUSES)[number];

export function isFinal(status: WorkflowStatus): status is Outcome {
  return status === 'verified' || status === 'not_verified' || status === 'inconclusive';
}

export interface AnalystAssignment {
  readonly analyst: string;
  readonly assignedBy: string;
  readonly at: string;
  readonly dueAt: string | null;
}

export interface SiteVisit {
  /** `<incidentId>/visit-<n>`, n from 1 in order of request. */
  readonly id: string;
  readonly patrol: string;
  readonly dueBy: string;
  readonly requestedBy: string;
  readonly requestedAt: string;
  readonly report: {
    readonly by: string;
    readonly at: string;
    readonly text: string;
    readonly evidence: readonly string[];
    readonly late: boolean;
  } | null;
}

/** One analyst's proposed conclusion; `confirmedBy` set means it waits for the chief's sign-off. */
export interface Proposal {
  readonly outcome: Outcome;
  readonly finding: FindingDraft | null;
  readonly proposedBy: string;
  readonly proposedAt: string;
  readonly reason: string;
  readonly confirmedBy: string | null;
  readonly confirmedAt: string | null;
}

/** Who concluded the current round, and how. */
export interface Decision {
  readonly outcome: Outcome;
  readonly proposedBy: string;
  readonly confirmedBy: string;
  readonly signedOffBy: string | null;
  readonly at: string;
}

export interface ReplyWindow {
  readonly party: string;
  readonly opensAt: string;
  /** opensAt + the agreement's replyDeadlineHours; a reply at the deadline itself is in time. */
  readonly deadline: string;
  readonly status: 'open' | 'replied' | 'lapsed';
  readonly reply: {
    readonly by: string;
    readonly at: string;
    readonly text: string;
    readonly evidence: readonly string[];
  } | null;
}

export const DISPUTE_STATUSES = ['filed', 'under_review', 'upheld', 'rejected'] as const;
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];

export interface Dispute {
  /** `<findingId>/dispute-<n>`. */
  readonly id: string;
  readonly findingId: string;
  readonly party: string;
  readonly filedBy: string;
  readonly filedAt: string;
  readonly grounds: string;
  readonly evidence: readonly string[];
  readonly status: DisputeStatus;
  readonly reviewedBy: string | null;
  readonly decision: {
    readonly by: string;
    readonly at: string;
    readonly outcome: DisputeOutcome;
    readonly reason: string;
  } | null;
}

/** A verified finding as issued. Reopening the incident supersedes it but keeps it on record. */
export interface Finding extends FindingDraft {
  /** `<incidentId>/finding-<round>`. */
  readonly id: string;
  readonly round: number;
  readonly proposedBy: string;
  readonly confirmedBy: string;
  readonly signedOffBy: string | null;
  readonly issuedAt: string;
  readonly superseded: boolean;
  /** Open when the finding attributes the violation to a party; null otherwise. */
  readonly reply: ReplyWindow | null;
  readonly disputes: readonly Dispute[];
}

export interface IncidentWorkflow {
  readonly incidentId: string;
  readonly status: WorkflowStatus;
  /** 1 at the report; each reopen starts a new round. */
  readonly round: number;
  readonly analyst: AnalystAssignment | null;
  readonly siteVisits: readonly SiteVisit[];
  readonly proposal: Proposal | null;
  readonly decision: Decision | null;
  /** Every finding ever issued for the incident, oldest first. */
  readonly findings: readonly Finding[];
  /** Number of events so far; the next event's seq is seq + 1. */
  readonly seq: number;
  /** Time of the latest event; a step may not be dated before it. */
  readonly lastAt: string;
}

interface EventBase {
  readonly incidentId: string;
  /** 1 for the report, then consecutive. */
  readonly seq: number;
  readonly at: string;
  /** The actor's id, or `system` for steps taken by the clock (a lapsed reply window). */
  readonly by: string;
  readonly role: Role | 'system';
  readonly party: string | null;
  readonly reason: string;
  readonly from: WorkflowStatus;
  readonly to: WorkflowStatus;
}

/** Ledger event types are dotted nouns and past-tense verbs (src/app/events/event.ts). */
export type WorkflowEvent = EventBase &
  (
    | { readonly type: 'incident.reported' }
    | { readonly type: 'incident.triaged' }
    | { readonly type: 'incident.analyst_assigned'; readonly assignment: AnalystAssignment }
    | { readonly type: 'incident.investigation_started' }
    | { readonly type: 'incident.site_visit_requested'; readonly visit: SiteVisit }
    | { readonly type: 'incident.site_visit_reported'; readonly visit: SiteVisit }
    | { readonly type: 'incident.assessment_proposed'; readonly proposal: Proposal }
    | { readonly type: 'incident.assessment_withdrawn' }
    | { readonly type: 'incident.assessment_returned' }
    | {
        readonly type: 'incident.assessment_confirmed';
        readonly proposal: Proposal;
        readonly decision: Decision | null;
        readonly finding: Finding | null;
      }
    | { readonly type: 'incident.sign_off_declined' }
    | {
        readonly type: 'incident.signed_off';
        readonly decision: Decision;
        readonly finding: Finding | null;
      }
    | {
        readonly type: 'incident.reopened';
        readonly round: number;
        readonly evidence: readonly string[];
      }
    | { readonly type: 'finding.replied'; readonly findingId: string; readonly reply: ReplyWindow }
    | {
        readonly type: 'finding.reply_lapsed';
        readonly findingId: string;
        readonly reply: ReplyWindow;
      }
    | { readonly type: 'dispute.filed'; readonly dispute: Dispute }
    | { readonly type: 'dispute.review_started'; readonly dispute: Dispute }
    | { readonly type: 'dispute.decided'; readonly dispute: Dispute }
  );

export type WorkflowEventType = WorkflowEvent['type'];

/** What `transition` returns: the new state and the one event that made it. */
export interface Transition {
  readonly state: IncidentWorkflow;
  readonly event: WorkflowEvent;
}
