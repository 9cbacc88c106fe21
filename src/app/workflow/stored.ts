/**
 * An incident's workflow as the store keeps it (src/store/sqlite/areas/workflow.ts), and the view
 * of it a party liaison may read.
 */
import type { Finding, IncidentWorkflow, WorkflowEvent } from '../../domain/workflow/index.js';
import type { Store } from '../../store/port.js';

export interface StoredWorkflow {
  readonly state: IncidentWorkflow;
  /** Ledger index of the event that last changed it. */
  readonly updatedLedgerIndex: number;
  /** Every event so far, in seq order, with the ledger entry that recorded it. */
  readonly events: readonly { readonly ledgerIndex: number; readonly event: WorkflowEvent }[];
}

/** The workflow of an incident (by its live id), or null when none was opened or the store keeps none. */
export async function readWorkflow(store: Store, incidentId: string): Promise<StoredWorkflow | null> {
  const found = (await store.getIncidentWorkflow?.(incidentId)) ?? null;
  return found as StoredWorkflow | null;
}

/** What a liaison of `party` sees: the findings attributed to the party, their replies and disputes. */
export interface PartyWorkflowView {
  readonly incidentId: string;
  readonly status: IncidentWorkflow['status'];
  readonly round: number;
  readonly findings: readonly Finding[];
  readonly events: StoredWorkflow['events'];
}

/**
 * The part of a workflow a party's liaison may read, or null when no finding is attributed to the
 * party (the caller then learns nothing, not even that a workflow exists). The mission's internal
 * steps (assignments, proposals, who confirmed) stay out, except as the issued findings record them.
 */
export function partyView(w: StoredWorkflow, party: string): PartyWorkflowView | null {
  const findings = w.state.findings.filter((f) => f.attributedTo === party);
  if (findings.length === 0) return null;
  const ids = new Set(findings.map((f) => f.id));
  const events = w.events.filter(({ event: e }) => {
    if (e.type === 'finding.replied' || e.type === 'finding.reply_lapsed') return ids.has(e.findingId);
    if (e.type === 'dispute.filed' || e.type === 'dispute.review_started' || e.type === 'dispute.decided') return ids.has(e.dispute.findingId);
    if (e.type === 'incident.assessment_confirmed' || e.type === 'incident.signed_off') return e.finding !== null && ids.has(e.finding.id);
    return false;
  });
  return { incidentId: w.state.incidentId, status: w.state.status, round: w.state.round, findings, events };
}
