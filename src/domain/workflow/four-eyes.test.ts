import { describe, expect, it } from 'vitest';
import { TrucelineError } from '../errors.js';
import type { WorkflowCommand } from './commands.js';
import type { Actor } from './roles.js';
import {
  actors,
  agreement,
  attributedFinding,
  STATE_WALKS,
  T,
  walk,
  type Step,
} from './test-support/fixtures.js';
import { transition } from './transition.js';

const investigating = STATE_WALKS.under_investigation;
const propose = (
  by: Actor,
  outcome: 'verified' | 'not_verified' | 'inconclusive',
  escalationRelevant = false,
): Step => [
  by,
  {
    type: 'propose_assessment',
    outcome,
    reason: 'assessed',
    ...(outcome === 'verified' ? { finding: { ...attributedFinding, escalationRelevant } } : {}),
  },
];
const cmd = (
  type:
    | 'confirm_assessment'
    | 'sign_off'
    | 'decline_sign_off'
    | 'withdraw_proposal'
    | 'return_proposal',
): WorkflowCommand => ({ type, reason: 'r' });

const refusals = [
  {
    name: 'an analyst cannot confirm their own verification',
    steps: [propose(actors.a1, 'verified')],
    actor: actors.a1,
    command: cmd('confirm_assessment'),
    message: 'analyst a1 proposed verification and cannot confirm it; a second analyst must',
  },
  {
    name: "an analyst cannot confirm their own 'not verified'",
    steps: [propose(actors.a1, 'not_verified')],
    actor: actors.a1,
    command: cmd('confirm_assessment'),
    message:
      "analyst a1 proposed the conclusion 'not verified' and cannot confirm it; a second analyst must",
  },
  {
    name: 'a chief monitor is bound by the same rule',
    steps: [propose(actors.c1, 'inconclusive')],
    actor: actors.c1,
    command: cmd('confirm_assessment'),
    message:
      "chief c1 proposed the conclusion 'inconclusive' and cannot confirm it; a second analyst must",
  },
  {
    name: 'the proposer cannot return their own proposal (they withdraw it)',
    steps: [propose(actors.a1, 'verified')],
    actor: actors.a1,
    command: cmd('return_proposal'),
    message: 'analyst a1 cannot return their own proposal; withdraw it instead',
  },
  {
    name: "a second analyst cannot withdraw the proposer's proposal (they return it)",
    steps: [propose(actors.a1, 'verified')],
    actor: actors.a2,
    command: cmd('withdraw_proposal'),
    message:
      'only a1, who proposed it, may withdraw the proposal; analyst a2 may return it instead',
  },
  {
    name: 'a chief who confirmed an escalation-relevant finding cannot sign it off',
    steps: [propose(actors.a1, 'verified', true), [actors.c1, cmd('confirm_assessment')]],
    actor: actors.c1,
    command: cmd('sign_off'),
    message:
      'chief c1 confirmed this assessment and cannot sign it off; another chief monitor must',
  },
  {
    name: 'a chief who proposed an escalation-relevant finding cannot sign it off',
    steps: [propose(actors.c1, 'verified', true), [actors.a2, cmd('confirm_assessment')]],
    actor: actors.c1,
    command: cmd('sign_off'),
    message: 'chief c1 proposed this assessment and cannot sign it off; another chief monitor must',
  },
  {
    name: 'a chief who proposed cannot decline the sign-off either',
    steps: [propose(actors.c1, 'verified', true), [actors.a2, cmd('confirm_assessment')]],
    actor: actors.c1,
    command: cmd('decline_sign_off'),
    message:
      'chief c1 proposed this assessment and cannot decline to sign it off; another chief monitor must',
  },
] as const satisfies readonly {
  name: string;
  steps: readonly Step[];
  actor: Actor;
  command: WorkflowCommand;
  message: string;
}[];

describe('four-eyes rule', () => {
  it.each(refusals)('$name', ({ steps, actor, command, message }) => {
    const { state } = walk([...investigating, ...steps]);
    const run = () => transition(state, command, actor, T(100), agreement);
    expect(run).toThrow(TrucelineError);
    expect(run).toThrow(expect.objectContaining({ code: 'FORBIDDEN', message }));
  });

  it('an escalation-relevant finding confirmed by a second analyst waits for the chief and issues nothing yet', () => {
    const { state } = walk([
      ...investigating,
      propose(actors.a1, 'verified', true),
      [actors.a2, cmd('confirm_assessment')],
    ]);
    expect(state.status).toBe('under_investigation');
    expect(state.proposal).toMatchObject({ proposedBy: 'a1', confirmedBy: 'a2' });
    expect(state.findings).toEqual([]);
    expect(state.decision).toBeNull();
  });

  it('a chief who took no part signs off: the finding names all three', () => {
    const { state } = walk([
      ...investigating,
      propose(actors.a1, 'verified', true),
      [actors.a2, cmd('confirm_assessment')],
      [actors.c1, cmd('sign_off')],
    ]);
    expect(state.status).toBe('verified');
    expect(state.decision).toEqual({
      outcome: 'verified',
      proposedBy: 'a1',
      confirmedBy: 'a2',
      signedOffBy: 'c1',
      at: T(6),
    });
    expect(state.findings[0]).toMatchObject({
      id: 'inc-1/finding-1',
      proposedBy: 'a1',
      confirmedBy: 'a2',
      signedOffBy: 'c1',
    });
  });

  it('a declined sign-off sends the incident back to investigation with no proposal', () => {
    const { state } = walk([
      ...investigating,
      propose(actors.a1, 'verified', true),
      [actors.a2, cmd('confirm_assessment')],
      [actors.c1, cmd('decline_sign_off')],
    ]);
    expect(state.status).toBe('under_investigation');
    expect(state.proposal).toBeNull();
  });

  it('a finding that is not escalation-relevant stands on two analysts alone', () => {
    const { state } = walk([
      ...investigating,
      propose(actors.a1, 'verified'),
      [actors.a2, cmd('confirm_assessment')],
    ]);
    expect(state.status).toBe('verified');
    expect(state.decision?.signedOffBy).toBeNull();
  });

  it('not verified and inconclusive issue no finding and open no reply window', () => {
    for (const outcome of ['not_verified', 'inconclusive'] as const) {
      const { state } = walk([
        ...investigating,
        propose(actors.a1, outcome),
        [actors.a2, cmd('confirm_assessment')],
      ]);
      expect(state.status).toBe(outcome);
      expect(state.findings).toEqual([]);
    }
  });
});
