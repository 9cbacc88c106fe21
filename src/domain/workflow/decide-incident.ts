/**
 * Deciding an incident step: from the state, a checked command, the actor and the time, either
 * the one event that records the step or a refusal saying why not. Proposals, confirmation and
 * sign-off are in decide-assessment.ts; replies and disputes in decide-finding.ts.
 */
import type { WorkflowCommand } from './commands.js';
import { decideAssessmentStep } from './decide-assessment.js';
import { epochMs, forbidden, illegal, notFound, words } from './guards.js';
import { describeActor } from './roles.js';
import { eventBase, requireAfter, requireStatus, type Step } from './step.js';
import { isFinal, type WorkflowEvent } from './types.js';

export type IncidentCommand = Exclude<
  WorkflowCommand,
  { type: 'reply' | 'file_dispute' | 'start_dispute_review' | 'decide_dispute' }
>;

export function decideIncidentStep(s: Step, c: IncidentCommand): WorkflowEvent {
  const { state, actor } = s;
  const same = state.status;
  switch (c.type) {
    case 'triage':
      requireStatus(s, ['reported'], 'triage');
      return { ...eventBase(s, c.reason, 'triaged'), type: 'incident.triaged' };
    case 'assign_analyst':
      requireStatus(s, ['reported', 'triaged', 'under_investigation'], 'assigning an analyst');
      if (actor.role === 'analyst' && c.analyst !== actor.id) {
        throw forbidden(
          `${describeActor(actor)} may take the incident but not assign it to ${c.analyst}; the chief monitor assigns others`,
        );
      }
      if (c.dueAt !== undefined) requireAfter(s, c.dueAt, 'dueAt');
      return {
        ...eventBase(s, c.reason, same),
        type: 'incident.analyst_assigned',
        assignment: { analyst: c.analyst, assignedBy: actor.id, at: s.at, dueAt: c.dueAt ?? null },
      };
    case 'start_investigation':
      requireStatus(s, ['triaged'], 'starting an investigation');
      if (state.analyst === null)
        throw illegal(
          `incident ${state.incidentId} has no analyst assigned; assign one before starting the investigation`,
        );
      return {
        ...eventBase(s, c.reason, 'under_investigation'),
        type: 'incident.investigation_started',
      };
    case 'request_site_visit': {
      requireStatus(s, ['triaged', 'under_investigation'], 'requesting a site visit');
      requireAfter(s, c.dueBy, 'dueBy');
      const visit = {
        id: `${state.incidentId}/visit-${state.siteVisits.length + 1}`,
        patrol: c.patrol,
        dueBy: c.dueBy,
        requestedBy: actor.id,
        requestedAt: s.at,
        report: null,
      };
      return { ...eventBase(s, c.reason, same), type: 'incident.site_visit_requested', visit };
    }
    case 'report_site_visit': {
      const visit = state.siteVisits.find((v) => v.id === c.visitId);
      if (!visit) throw notFound(`incident ${state.incidentId} has no site visit ${c.visitId}`);
      if (visit.report)
        throw illegal(
          `site visit ${visit.id} was already reported by ${visit.report.by} at ${visit.report.at}`,
        );
      const report = {
        by: actor.id,
        at: s.at,
        text: c.reason,
        evidence: c.evidence ?? [],
        late: s.atMs > epochMs(visit.dueBy, 'dueBy'),
      };
      return {
        ...eventBase(s, c.reason, same),
        type: 'incident.site_visit_reported',
        visit: { ...visit, report },
      };
    }
    case 'propose_assessment':
    case 'withdraw_proposal':
    case 'return_proposal':
    case 'confirm_assessment':
    case 'sign_off':
    case 'decline_sign_off':
      return decideAssessmentStep(s, c);
    case 'reopen':
      if (!isFinal(state.status)) {
        throw illegal(
          `incident ${state.incidentId} is ${words(state.status)}; only a concluded incident (verified, not verified or inconclusive) can be reopened`,
        );
      }
      return {
        ...eventBase(s, c.reason, 'under_investigation'),
        type: 'incident.reopened',
        round: state.round + 1,
        evidence: c.evidence,
      };
  }
}
