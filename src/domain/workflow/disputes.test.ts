import { describe, expect, it } from 'vitest';
import type { ErrorCode } from '../errors.js';
import type { WorkflowCommand } from './commands.js';
import type { Actor } from './roles.js';
import { actors, agreement, STATE_WALKS, T, walk, type Step } from './test-support/fixtures.js';
import { transition } from './transition.js';

const F = 'inc-1/finding-1';
const D1 = `${F}/dispute-1`;
const verified = STATE_WALKS.verified;
const dispute: WorkflowCommand = {
  type: 'file_dispute',
  findingId: F,
  evidence: ['obs-77'],
  reason: 'the crater faces east',
};
const review: WorkflowCommand = { type: 'start_dispute_review', disputeId: D1, reason: 'assigned' };
const decide = (outcome: 'upheld' | 'rejected'): WorkflowCommand => ({
  type: 'decide_dispute',
  disputeId: D1,
  outcome,
  reason: 'crater analysis redone',
});

describe('disputes', () => {
  it('goes filed → under review → upheld, with its outcome on record', () => {
    const { state } = walk([
      ...verified,
      [actors.lru, dispute],
      [actors.a3, review],
      [actors.c2, decide('upheld')],
    ]);
    expect(state.findings[0]?.disputes).toEqual([
      {
        id: D1,
        findingId: F,
        party: 'ru',
        filedBy: 'l-ru',
        filedAt: T(6),
        grounds: 'the crater faces east',
        evidence: ['obs-77'],
        status: 'upheld',
        reviewedBy: 'a3',
        decision: { by: 'c2', at: T(8), outcome: 'upheld', reason: 'crater analysis redone' },
      },
    ]);
  });

  it('lets the other party dispute too (e.g. an attribution it thinks too weak)', () => {
    const { state } = walk([...verified, [actors.lua, dispute]]);
    expect(state.findings[0]?.disputes[0]).toMatchObject({ party: 'ua', status: 'filed' });
  });

  it('lets a party file again once its dispute is decided', () => {
    const { state } = walk([
      ...verified,
      [actors.lru, dispute],
      [actors.a3, review],
      [actors.c2, decide('rejected')],
      [actors.lru, dispute],
    ]);
    expect(state.findings[0]?.disputes.map((d) => [d.id, d.status])).toEqual([
      [D1, 'rejected'],
      [`${F}/dispute-2`, 'filed'],
    ]);
  });

  const refusals: {
    name: string;
    steps: Step[];
    actor: Actor;
    command: WorkflowCommand;
    code: ErrorCode;
    message: RegExp;
  }[] = [
    {
      name: 'refuses a dispute without evidence',
      steps: [],
      actor: actors.lru,
      command: { ...dispute, evidence: [] } as WorkflowCommand,
      code: 'VALIDATION',
      message: /evidence/,
    },
    {
      name: 'refuses a dispute by a liaison of no agreement party',
      steps: [],
      actor: { id: 'l-x', role: 'liaison', party: 'xx' },
      command: dispute,
      code: 'FORBIDDEN',
      message: /speaks for 'xx', which is not a party to the agreement/,
    },
    {
      name: 'refuses a second open dispute by the same party',
      steps: [[actors.lru, dispute]],
      actor: actors.lru,
      command: dispute,
      code: 'ILLEGAL_TRANSITION',
      message: /ru already has dispute inc-1\/finding-1\/dispute-1 filed/,
    },
    {
      name: 'refuses review by the analyst who proposed the finding',
      steps: [[actors.lru, dispute]],
      actor: actors.a1,
      command: review,
      code: 'FORBIDDEN',
      message: /analyst a1 proposed finding inc-1\/finding-1 and cannot review a dispute of it/,
    },
    {
      name: 'refuses review by the analyst who confirmed the finding',
      steps: [[actors.lru, dispute]],
      actor: actors.a2,
      command: review,
      code: 'FORBIDDEN',
      message: /analyst a2 confirmed finding/,
    },
    {
      name: 'refuses a decision before review',
      steps: [[actors.lru, dispute]],
      actor: actors.c2,
      command: decide('upheld'),
      code: 'ILLEGAL_TRANSITION',
      message: /is filed; only a dispute under review can be decided/,
    },
    {
      name: 'refuses a decision by an analyst',
      steps: [
        [actors.lru, dispute],
        [actors.a3, review],
      ],
      actor: actors.a3,
      command: decide('upheld'),
      code: 'FORBIDDEN',
      message: /only chief may/,
    },
    {
      name: 'refuses a second decision',
      steps: [
        [actors.lru, dispute],
        [actors.a3, review],
        [actors.c2, decide('rejected')],
      ],
      actor: actors.c2,
      command: decide('upheld'),
      code: 'ILLEGAL_TRANSITION',
      message: /is rejected/,
    },
    {
      name: 'refuses a second review',
      steps: [
        [actors.lru, dispute],
        [actors.a3, review],
      ],
      actor: actors.c2,
      command: review,
      code: 'ILLEGAL_TRANSITION',
      message: /is under review; only a filed dispute/,
    },
    {
      name: 'refuses an unknown dispute',
      steps: [],
      actor: actors.a3,
      command: review,
      code: 'NOT_FOUND',
      message: /no dispute/,
    },
    {
      name: 'refuses a dispute of a superseded finding',
      steps: [[actors.a3, { type: 'reopen', evidence: ['obs-9'], reason: 'new imagery' }]],
      actor: actors.lru,
      command: dispute,
      code: 'ILLEGAL_TRANSITION',
      message: /superseded/,
    },
  ];

  it.each(refusals)('$name', ({ steps, actor, command, code, message }) => {
    const { state } = walk([...verified, ...steps]);
    expect(() => transition(state, command, actor, T(100), agreement)).toThrow(
      expect.objectContaining({ code, message: expect.stringMatching(message) }),
    );
  });

  it('refuses a decision by the chief who signed the finding off', () => {
    const signed: Step[] = [
      ...STATE_WALKS.awaiting_sign_off,
      [actors.c1, { type: 'sign_off', reason: 'r' }],
      [actors.lru, dispute],
      [actors.a3, review],
    ];
    const { state } = walk(signed);
    expect(() => transition(state, decide('upheld'), actors.c1, T(100), agreement)).toThrow(
      expect.objectContaining({
        code: 'FORBIDDEN',
        message: 'chief c1 signed off finding inc-1/finding-1 and cannot decide a dispute of it',
      }),
    );
  });
});
