// Issue 6, "Done when": a full incident life with distinct users, here in the pure domain.
import { describe, expect, it } from 'vitest';
import { actors, agreement, T } from './test-support/fixtures.js';
import type { WorkflowCommand } from './commands.js';
import type { Actor } from './roles.js';
import { expireReplies, openIncidentWorkflow, replayWorkflow, transition } from './transition.js';
import type { IncidentWorkflow, WorkflowEvent } from './types.js';

describe('an incident from report to reopening', () => {
  it('report, triage, site visit, two-analyst verification, chief sign-off, party reply, dispute, reopen', () => {
    const opened = openIncidentWorkflow(
      'inc-42',
      actors.m1,
      T(0),
      '12 undetermined explosions 3-5 km SSE',
    );
    let state: IncidentWorkflow = opened.state;
    const log: WorkflowEvent[] = [opened.event];
    const step = (actor: Actor, command: WorkflowCommand, at: string) => {
      const t = transition(state, command, actor, at, agreement);
      state = t.state;
      log.push(t.event);
    };

    step(actors.a1, { type: 'triage', reason: 'MLRS suspected, populated area' }, T(1));
    step(
      actors.c1,
      { type: 'assign_analyst', analyst: 'a1', dueAt: T(48), reason: 'sector lead' },
      T(1.5),
    );
    step(actors.a1, { type: 'start_investigation', reason: 'crater analysis needed' }, T(2));
    step(
      actors.a1,
      {
        type: 'request_site_visit',
        patrol: 'patrol-7',
        dueBy: T(26),
        reason: 'photograph craters',
      },
      T(2.5),
    );
    step(
      actors.m1,
      {
        type: 'report_site_visit',
        visitId: 'inc-42/visit-1',
        evidence: ['9f86d081'],
        reason: '9 craters, fragments of 122 mm rockets, impacts from the ESE',
      },
      T(20),
    );
    step(
      actors.a1,
      {
        type: 'propose_assessment',
        outcome: 'verified',
        finding: {
          summary: 'MLRS fire from ru-held side',
          attributedTo: 'ru',
          provisions: ['ceasefire', 'withdrawal:wd-mlrs'],
          escalationRelevant: true,
        },
        reason: 'crater orientation and fragments agree with sensor bearings',
      },
      T(22),
    );
    expect(() =>
      transition(
        state,
        { type: 'confirm_assessment', reason: 'self' },
        actors.a1,
        T(23),
        agreement,
      ),
    ).toThrow('analyst a1 proposed verification and cannot confirm it; a second analyst must');
    step(actors.a2, { type: 'confirm_assessment', reason: 'imagery checked independently' }, T(24));
    expect(state.status).toBe('under_investigation');
    step(actors.c1, { type: 'sign_off', reason: 'escalation threshold esc-heavy-weapons' }, T(25));
    expect(state.status).toBe('verified');
    const finding = state.findings[0]!;
    expect(finding.reply).toMatchObject({ party: 'ru', deadline: T(97), status: 'open' });

    step(
      actors.lru,
      {
        type: 'reply',
        findingId: finding.id,
        reason: 'our forces did not fire; provocation',
        evidence: ['e3b0c442'],
      },
      T(60),
    );
    expect(expireReplies(state, T(200)).events).toEqual([]);
    step(
      actors.lru,
      {
        type: 'file_dispute',
        findingId: finding.id,
        evidence: ['obs-991'],
        reason: 'impacts came from the north',
      },
      T(70),
    );
    step(
      actors.a3,
      {
        type: 'start_dispute_review',
        disputeId: `${finding.id}/dispute-1`,
        reason: 'independent analyst',
      },
      T(72),
    );
    step(
      actors.c2,
      {
        type: 'decide_dispute',
        disputeId: `${finding.id}/dispute-1`,
        outcome: 'upheld',
        reason: 'drone imagery shows northern launch site',
      },
      T(90),
    );
    step(
      actors.a2,
      {
        type: 'reopen',
        evidence: ['obs-991', 'obs-1004'],
        reason: 'dispute upheld; origin to be reassessed',
      },
      T(91),
    );

    expect(state).toMatchObject({
      status: 'under_investigation',
      round: 2,
      proposal: null,
      decision: null,
      seq: 14,
      lastAt: T(91),
    });
    expect(state.findings[0]).toMatchObject({
      superseded: true,
      reply: { status: 'replied' },
      disputes: [{ status: 'upheld' }],
    });

    expect(log.map((e) => [e.seq, e.type, e.by, e.from, e.to])).toEqual([
      [1, 'incident.reported', 'm1', 'reported', 'reported'],
      [2, 'incident.triaged', 'a1', 'reported', 'triaged'],
      [3, 'incident.analyst_assigned', 'c1', 'triaged', 'triaged'],
      [4, 'incident.investigation_started', 'a1', 'triaged', 'under_investigation'],
      [5, 'incident.site_visit_requested', 'a1', 'under_investigation', 'under_investigation'],
      [6, 'incident.site_visit_reported', 'm1', 'under_investigation', 'under_investigation'],
      [7, 'incident.assessment_proposed', 'a1', 'under_investigation', 'under_investigation'],
      [8, 'incident.assessment_confirmed', 'a2', 'under_investigation', 'under_investigation'],
      [9, 'incident.signed_off', 'c1', 'under_investigation', 'verified'],
      [10, 'finding.replied', 'l-ru', 'verified', 'verified'],
      [11, 'dispute.filed', 'l-ru', 'verified', 'verified'],
      [12, 'dispute.review_started', 'a3', 'verified', 'verified'],
      [13, 'dispute.decided', 'c2', 'verified', 'verified'],
      [14, 'incident.reopened', 'a2', 'verified', 'under_investigation'],
    ]);
    expect(log.every((e) => e.reason.length > 0 && e.at.length > 0)).toBe(true);

    // State is the fold of the events: replaying the log (as JSON, as the ledger stores it) rebuilds it.
    expect(replayWorkflow(JSON.parse(JSON.stringify(log)) as WorkflowEvent[])).toEqual(state);
  });

  it('replay refuses a history with a gap', () => {
    const opened = openIncidentWorkflow('inc-1', null, T(0), 'x');
    const t = transition(opened.state, { type: 'triage', reason: 'r' }, actors.a1, T(1), agreement);
    expect(() => replayWorkflow([opened.event, { ...t.event, seq: 3 }])).toThrow(
      expect.objectContaining({ code: 'INCONSISTENT' }),
    );
    expect(() => replayWorkflow([t.event])).toThrow(/must start with incident.reported/);
  });
});
