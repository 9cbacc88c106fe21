/**
 * Applying an event to the state: no checks, no choices. Everything was decided when the event
 * was made (decide-*.ts); replaying the ledger's events through `evolve` rebuilds the state.
 */
import type { Dispute, Finding, IncidentWorkflow, WorkflowEvent } from './types.js';

/** The state when an incident is reported, from its `incident.reported` event. */
export function initialWorkflow(
  event: Extract<WorkflowEvent, { type: 'incident.reported' }>,
): IncidentWorkflow {
  return {
    incidentId: event.incidentId,
    status: 'reported',
    round: 1,
    analyst: null,
    siteVisits: [],
    proposal: null,
    decision: null,
    findings: [],
    seq: event.seq,
    lastAt: event.at,
  };
}

function updateFinding(
  state: IncidentWorkflow,
  findingId: string,
  change: (f: Finding) => Finding,
): readonly Finding[] {
  return state.findings.map((f) => (f.id === findingId ? change(f) : f));
}

function putDispute(state: IncidentWorkflow, dispute: Dispute): readonly Finding[] {
  return updateFinding(state, dispute.findingId, (f) => {
    const known = f.disputes.some((d) => d.id === dispute.id);
    return {
      ...f,
      disputes: known
        ? f.disputes.map((d) => (d.id === dispute.id ? dispute : d))
        : [...f.disputes, dispute],
    };
  });
}

export function evolve(state: IncidentWorkflow, event: WorkflowEvent): IncidentWorkflow {
  const next: IncidentWorkflow = { ...state, status: event.to, seq: event.seq, lastAt: event.at };
  switch (event.type) {
    case 'incident.reported':
      return initialWorkflow(event);
    case 'incident.triaged':
    case 'incident.investigation_started':
      return next;
    case 'incident.analyst_assigned':
      return { ...next, analyst: event.assignment };
    case 'incident.site_visit_requested':
      return { ...next, siteVisits: [...state.siteVisits, event.visit] };
    case 'incident.site_visit_reported':
      return {
        ...next,
        siteVisits: state.siteVisits.map((v) => (v.id === event.visit.id ? event.visit : v)),
      };
    case 'incident.assessment_proposed':
      return { ...next, proposal: event.proposal };
    case 'incident.assessment_withdrawn':
    case 'incident.assessment_returned':
    case 'incident.sign_off_declined':
      return { ...next, proposal: null };
    case 'incident.assessment_confirmed':
      if (event.decision === null) return { ...next, proposal: event.proposal };
      return {
        ...next,
        proposal: null,
        decision: event.decision,
        findings: event.finding ? [...state.findings, event.finding] : state.findings,
      };
    case 'incident.signed_off':
      return {
        ...next,
        proposal: null,
        decision: event.decision,
        findings: event.finding ? [...state.findings, event.finding] : state.findings,
      };
    case 'incident.reopened':
      return {
        ...next,
        round: event.round,
        proposal: null,
        decision: null,
        findings: state.findings.map((f) => (f.superseded ? f : { ...f, superseded: true })),
      };
    case 'finding.replied':
    case 'finding.reply_lapsed':
      return {
        ...next,
        findings: updateFinding(state, event.findingId, (f) => ({ ...f, reply: event.reply })),
      };
    case 'dispute.filed':
    case 'dispute.review_started':
    case 'dispute.decided':
      return { ...next, findings: putDispute(state, event.dispute) };
  }
}
