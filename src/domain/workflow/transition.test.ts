import { describe, expect, it } from 'vitest';
import { TrucelineError } from '../errors.js';
import type { WorkflowCommand } from './commands.js';
import { COMMAND_ROLES } from './guards.js';
import { ROLES, type Actor } from './roles.js';
import { actors, agreement, stateNamed, T, type StateName } from './test-support/fixtures.js';
import { transition } from './transition.js';
import type { WorkflowEventType, WorkflowStatus } from './types.js';

const STATES: readonly StateName[] = [
  'reported',
  'triaged',
  'under_investigation',
  'proposed',
  'awaiting_sign_off',
  'verified',
  'not_verified',
  'inconclusive',
];

/** Each incident command with an actor who holds a role that may issue it (a1 is the proposer). */
const COMMANDS: Record<string, readonly [Actor, WorkflowCommand]> = {
  triage: [actors.a1, { type: 'triage', reason: 'r' }],
  assign_analyst: [actors.c1, { type: 'assign_analyst', analyst: 'a3', reason: 'r' }],
  start_investigation: [actors.a1, { type: 'start_investigation', reason: 'r' }],
  request_site_visit: [
    actors.a1,
    { type: 'request_site_visit', patrol: 'patrol-7', dueBy: T(200), reason: 'r' },
  ],
  propose_assessment: [
    actors.a2,
    { type: 'propose_assessment', outcome: 'inconclusive', reason: 'r' },
  ],
  withdraw_proposal: [actors.a1, { type: 'withdraw_proposal', reason: 'r' }],
  return_proposal: [actors.a2, { type: 'return_proposal', reason: 'r' }],
  confirm_assessment: [actors.a2, { type: 'confirm_assessment', reason: 'r' }],
  sign_off: [actors.c2, { type: 'sign_off', reason: 'r' }],
  decline_sign_off: [actors.c2, { type: 'decline_sign_off', reason: 'r' }],
  reopen: [actors.a2, { type: 'reopen', evidence: ['obs-9'], reason: 'r' }],
};

/** The legal transitions: command → state → [event, resulting status]. Everything else is refused. */
const LEGAL: Record<
  string,
  Partial<Record<StateName, readonly [WorkflowEventType, WorkflowStatus]>>
> = {
  triage: { reported: ['incident.triaged', 'triaged'] },
  assign_analyst: {
    reported: ['incident.analyst_assigned', 'reported'],
    triaged: ['incident.analyst_assigned', 'triaged'],
    under_investigation: ['incident.analyst_assigned', 'under_investigation'],
    proposed: ['incident.analyst_assigned', 'under_investigation'],
    awaiting_sign_off: ['incident.analyst_assigned', 'under_investigation'],
  },
  start_investigation: { triaged: ['incident.investigation_started', 'under_investigation'] },
  request_site_visit: {
    triaged: ['incident.site_visit_requested', 'triaged'],
    under_investigation: ['incident.site_visit_requested', 'under_investigation'],
    proposed: ['incident.site_visit_requested', 'under_investigation'],
    awaiting_sign_off: ['incident.site_visit_requested', 'under_investigation'],
  },
  propose_assessment: {
    under_investigation: ['incident.assessment_proposed', 'under_investigation'],
  },
  withdraw_proposal: { proposed: ['incident.assessment_withdrawn', 'under_investigation'] },
  return_proposal: { proposed: ['incident.assessment_returned', 'under_investigation'] },
  confirm_assessment: { proposed: ['incident.assessment_confirmed', 'verified'] },
  sign_off: { awaiting_sign_off: ['incident.signed_off', 'verified'] },
  decline_sign_off: { awaiting_sign_off: ['incident.sign_off_declined', 'under_investigation'] },
  reopen: {
    verified: ['incident.reopened', 'under_investigation'],
    not_verified: ['incident.reopened', 'under_investigation'],
    inconclusive: ['incident.reopened', 'under_investigation'],
  },
};

function refusal(run: () => unknown): TrucelineError {
  try {
    run();
  } catch (e) {
    if (e instanceof TrucelineError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

const cases = Object.entries(COMMANDS).flatMap(([name, [actor, command]]) =>
  STATES.map((from) => ({ name, from, actor, command, expected: LEGAL[name]?.[from] ?? null })),
);

describe('transition: every incident command from every state', () => {
  it.each(cases.filter((c) => c.expected))(
    '$name from $from is legal',
    ({ from, actor, command, expected }) => {
      const { state } = stateNamed(from);
      const t = transition(state, command, actor, T(100), agreement);
      expect(t.event.type).toBe(expected![0]);
      expect(t.state.status).toBe(expected![1]);
      expect(t.event).toMatchObject({
        incidentId: 'inc-1',
        seq: state.seq + 1,
        at: T(100),
        by: actor.id,
        role: actor.role,
        reason: 'r',
        from: state.status,
        to: expected![1],
      });
    },
  );

  it.each(cases.filter((c) => !c.expected))(
    '$name from $from is refused as ILLEGAL_TRANSITION with a reason',
    ({ from, actor, command }) => {
      const { state } = stateNamed(from);
      const e = refusal(() => transition(state, command, actor, T(100), agreement));
      expect(e.code).toBe('ILLEGAL_TRANSITION');
      expect(e.message.length).toBeGreaterThan(30);
    },
  );
});

describe('transition: the role matrix', () => {
  it('is the documented one', () => {
    expect(COMMAND_ROLES).toEqual({
      triage: ['analyst', 'chief'],
      assign_analyst: ['analyst', 'chief'],
      start_investigation: ['analyst', 'chief'],
      request_site_visit: ['analyst', 'chief'],
      report_site_visit: ['monitor', 'analyst', 'chief'],
      propose_assessment: ['analyst', 'chief'],
      withdraw_proposal: ['analyst', 'chief'],
      return_proposal: ['analyst', 'chief'],
      confirm_assessment: ['analyst', 'chief'],
      sign_off: ['chief'],
      decline_sign_off: ['chief'],
      reopen: ['analyst', 'chief'],
      reply: ['liaison'],
      file_dispute: ['liaison'],
      start_dispute_review: ['analyst', 'chief'],
      decide_dispute: ['chief'],
    });
  });

  const forbiddenCases = Object.entries(COMMANDS).flatMap(([name, [, command]]) => {
    const from = Object.keys(LEGAL[name] ?? {})[0] as StateName;
    return ROLES.filter((role) => !COMMAND_ROLES[command.type].includes(role)).map((role) => ({
      name,
      role,
      from,
      command,
    }));
  });

  it.each(forbiddenCases)(
    '$role may not $name, even from $from where it is legal',
    ({ role, from, command }) => {
      const { state } = stateNamed(from);
      const actor: Actor = {
        id: `x-${role}`,
        role,
        ...(role === 'liaison' ? { party: 'ua' } : {}),
      };
      const e = refusal(() => transition(state, command, actor, T(100), agreement));
      expect(e.code).toBe('FORBIDDEN');
      expect(e.message).toMatch(new RegExp(`^${role} x-${role}.* may not`));
    },
  );
});

describe('transition: input checks', () => {
  const table = [
    {
      name: 'rejects an empty reason',
      from: 'reported',
      actor: actors.a1,
      command: { type: 'triage', reason: '  ' },
      path: 'reason',
    },
    {
      name: 'rejects a site visit due before it is requested',
      from: 'triaged',
      actor: actors.a1,
      command: { type: 'request_site_visit', patrol: 'p', dueBy: T(50), reason: 'r' },
      path: 'dueBy',
    },
    {
      name: 'rejects an analyst due date without a timezone',
      from: 'triaged',
      actor: actors.c1,
      command: { type: 'assign_analyst', analyst: 'a1', dueAt: '2026-03-09T10:00:00', reason: 'r' },
      path: 'dueAt',
    },
    {
      name: 'rejects a finding on an outcome other than verified',
      from: 'under_investigation',
      actor: actors.a1,
      command: {
        type: 'propose_assessment',
        outcome: 'inconclusive',
        finding: { summary: 's', attributedTo: null, provisions: [], escalationRelevant: false },
        reason: 'r',
      },
      path: 'finding',
    },
    {
      name: 'rejects a finding attributed to no party of the agreement',
      from: 'under_investigation',
      actor: actors.a1,
      command: {
        type: 'propose_assessment',
        outcome: 'verified',
        finding: { summary: 's', attributedTo: 'xx', provisions: [], escalationRelevant: false },
        reason: 'r',
      },
      path: 'finding.attributedTo',
    },
    {
      name: 'rejects a reopen without new evidence',
      from: 'verified',
      actor: actors.a1,
      command: { type: 'reopen', evidence: [], reason: 'r' },
      path: 'evidence',
    },
    {
      name: 'rejects an unknown command type',
      from: 'reported',
      actor: actors.a1,
      command: { type: 'close', reason: 'r' },
      path: 'type',
    },
  ] as const;

  it.each(table)('$name', ({ from, actor, command, path }) => {
    const { state } = stateNamed(from);
    const e = refusal(() =>
      transition(state, command as unknown as WorkflowCommand, actor, T(100), agreement),
    );
    expect(e.code).toBe('VALIDATION');
    expect(e.issues.map((i) => i.path)).toContain(path);
  });

  it('rejects a step dated before the previous one', () => {
    const { state } = stateNamed('triaged');
    const e = refusal(() =>
      transition(state, { type: 'start_investigation', reason: 'r' }, actors.a1, T(0.5), agreement),
    );
    expect(e.code).toBe('VALIDATION');
    expect(e.message).toContain(`is before the previous step at ${T(2)}`);
  });
});
