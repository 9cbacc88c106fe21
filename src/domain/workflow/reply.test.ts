import { describe, expect, it } from 'vitest';
import type { ErrorCode } from '../errors.js';
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
import { expireReplies, transition } from './transition.js';

const F = 'inc-1/finding-1';
// Verified at T(5) by a1 + a2: the reply window for ru closes 72 h later.
const DEADLINE = T(77);
const verified = STATE_WALKS.verified;
const reply = (text = 'our units did not fire'): WorkflowCommand => ({
  type: 'reply',
  findingId: F,
  reason: text,
  evidence: ['sha-1'],
});

describe('right of reply', () => {
  it('a verified finding attributed to a party opens its reply window with the agreement deadline', () => {
    const { state } = walk(verified);
    expect(state.findings[0]).toMatchObject({
      id: F,
      attributedTo: 'ru',
      superseded: false,
      reply: { party: 'ru', opensAt: T(5), deadline: DEADLINE, status: 'open', reply: null },
    });
  });

  it('records the reply of the party concerned, in time', () => {
    const { state } = walk(verified);
    const t = transition(state, reply(), actors.lru, T(20), agreement);
    expect(t.event).toMatchObject({
      type: 'finding.replied',
      by: 'l-ru',
      role: 'liaison',
      party: 'ru',
      findingId: F,
      reason: 'our units did not fire',
    });
    expect(t.state.findings[0]?.reply).toMatchObject({
      status: 'replied',
      reply: { by: 'l-ru', at: T(20), text: 'our units did not fire', evidence: ['sha-1'] },
    });
    expect(t.state.status).toBe('verified');
  });

  it('accepts a reply at the deadline itself', () => {
    const { state } = walk(verified);
    expect(
      transition(state, reply(), actors.lru, DEADLINE, agreement).state.findings[0]?.reply?.status,
    ).toBe('replied');
  });

  const refusals: {
    name: string;
    steps?: Step[];
    actor: Actor;
    at: string;
    command: WorkflowCommand;
    code: ErrorCode;
    message: RegExp;
  }[] = [
    {
      name: 'refuses a reply after the deadline',
      actor: actors.lru,
      at: T(77.01),
      command: reply(),
      code: 'ILLEGAL_TRANSITION',
      message: /closed at 2026-03-04T23:00:00Z/,
    },
    {
      name: "refuses the other party's liaison",
      actor: actors.lua,
      at: T(20),
      command: reply(),
      code: 'FORBIDDEN',
      message: /liaison l-ua \(ua\) cannot reply to finding inc-1\/finding-1, which concerns ru/,
    },
    {
      name: 'refuses a liaison who speaks for no party',
      actor: { id: 'l-x', role: 'liaison' },
      at: T(20),
      command: reply(),
      code: 'FORBIDDEN',
      message: /speaks for no party/,
    },
    {
      name: 'refuses a second reply',
      steps: [[actors.lru, reply()]],
      actor: actors.lru,
      at: T(20),
      command: reply('more'),
      code: 'ILLEGAL_TRANSITION',
      message: /already answered by l-ru/,
    },
    {
      name: 'refuses a reply to an unknown finding',
      actor: actors.lru,
      at: T(20),
      command: { type: 'reply', findingId: 'inc-1/finding-9', reason: 'x' },
      code: 'NOT_FOUND',
      message: /no finding inc-1\/finding-9/,
    },
  ];

  it.each(refusals)('$name', ({ steps = [], actor, at, command, code, message }) => {
    const { state } = walk([...verified, ...steps]);
    expect(() => transition(state, command, actor, at, agreement)).toThrow(
      expect.objectContaining({ code, message: expect.stringMatching(message) }),
    );
  });

  it('refuses a reply to a finding that attributes nothing', () => {
    const unattributed: Step = [
      actors.a1,
      {
        type: 'propose_assessment',
        outcome: 'verified',
        finding: { ...attributedFinding, attributedTo: null },
        reason: 'r',
      },
    ];
    const { state } = walk([
      ...STATE_WALKS.under_investigation,
      unattributed,
      [actors.a2, { type: 'confirm_assessment', reason: 'r' }],
    ]);
    expect(state.findings[0]?.reply).toBeNull();
    expect(() => transition(state, reply(), actors.lru, T(20), agreement)).toThrow(
      /attributes no violation to a party; there is nothing to reply to/,
    );
  });
});

describe('expireReplies', () => {
  it('does nothing before the deadline, nor at it', () => {
    const { state } = walk(verified);
    expect(expireReplies(state, DEADLINE)).toEqual({ state, events: [] });
  });

  it('records the absence of a reply once the deadline has passed, as the system', () => {
    const { state } = walk(verified);
    const { state: after, events } = expireReplies(state, T(78));
    expect(events).toEqual([
      expect.objectContaining({
        type: 'finding.reply_lapsed',
        seq: state.seq + 1,
        by: 'system',
        role: 'system',
        at: T(78),
        findingId: F,
        reason: `no reply from ru by the deadline ${DEADLINE}`,
      }),
    ]);
    expect(after.findings[0]?.reply?.status).toBe('lapsed');
    expect(() => transition(after, reply(), actors.lru, T(79), agreement)).toThrow(/closed at/);
    expect(expireReplies(after, T(90)).events).toEqual([]);
  });

  it('leaves a replied window alone', () => {
    const { state } = walk([...verified, [actors.lru, reply()]]);
    expect(expireReplies(state, T(200)).events).toEqual([]);
  });
});
