import { describe, expect, it } from 'vitest';
import type { ErrorCode } from '../errors.js';
import type { Actor } from '../workflow/roles.js';
import { silenceBreaches } from './silence-breaches.js';
import {
  decideSilence,
  proposeSilence,
  type SilenceCommand,
  type SilenceProposal,
  type SilenceWindow,
} from './silence.js';
import { agreement, subject } from './test-support/fixtures.js';

const lua: Actor = { id: 'l-ua', role: 'liaison', party: 'ua' };
const lru: Actor = { id: 'l-ru', role: 'liaison', party: 'ru' };
const c1: Actor = { id: 'c1', role: 'chief' };
const a1: Actor = { id: 'a1', role: 'analyst' };

const proposal: SilenceProposal = {
  id: 'sil-1',
  site: [37.95, 48.42],
  radiusKm: 5,
  window: { from: '2026-03-02T06:00:00Z', to: '2026-03-02T18:00:00Z' },
  purpose: 'repair the Donetsk filter station power line',
};
const BEFORE = '2026-03-01T12:00:00Z';
const DURING = '2026-03-02T09:00:00Z';
const AFTER = '2026-03-02T19:00:00Z';

const proposedByUa = () =>
  proposeSilence(proposal, lua, BEFORE, 'water for 300,000 people', agreement).silence;
const agreed = () =>
  decideSilence(proposedByUa(), { type: 'consent', reason: 'agreed' }, lru, BEFORE).silence;

describe('window of silence', () => {
  it("counts the proposing liaison's consent and is agreed once the other party consents", () => {
    const proposed = proposedByUa();
    expect(proposed).toMatchObject({
      status: 'proposed',
      parties: ['ua', 'ru'],
      consents: [{ party: 'ua', by: 'l-ua' }],
    });
    const e = decideSilence(proposed, { type: 'consent', reason: 'agreed' }, lru, BEFORE);
    expect(e).toMatchObject({
      type: 'silence.consented',
      from: 'proposed',
      to: 'agreed',
      by: 'l-ru',
      party: 'ru',
    });
    expect(e.silence.consents.map((c) => c.party)).toEqual(['ua', 'ru']);
  });

  it('needs both parties when the mission proposes', () => {
    const proposed = proposeSilence(
      proposal,
      c1,
      BEFORE,
      'brokered by the mission',
      agreement,
    ).silence;
    const one = decideSilence(proposed, { type: 'consent', reason: 'ok' }, lua, BEFORE).silence;
    expect(one.status).toBe('proposed');
    expect(decideSilence(one, { type: 'consent', reason: 'ok' }, lru, BEFORE).silence.status).toBe(
      'agreed',
    );
  });

  it.each<{
    name: string;
    state: () => SilenceWindow;
    command: SilenceCommand;
    actor: Actor;
    at: string;
    to?: string;
    code?: ErrorCode;
    message?: RegExp;
  }>([
    {
      name: 'the other party declines',
      state: proposedByUa,
      command: { type: 'decline', reason: 'no guarantees' },
      actor: lru,
      at: BEFORE,
      to: 'declined',
    },
    {
      name: 'the proposer withdraws before the window',
      state: agreed,
      command: { type: 'withdraw', reason: 'repair postponed' },
      actor: lua,
      at: BEFORE,
      to: 'withdrawn',
    },
    {
      name: 'a chief withdraws before the window',
      state: proposedByUa,
      command: { type: 'withdraw', reason: 'r' },
      actor: c1,
      at: BEFORE,
      to: 'withdrawn',
    },
    {
      name: 'refuses a second consent by the same party',
      state: proposedByUa,
      command: { type: 'consent', reason: 'r' },
      actor: lua,
      at: BEFORE,
      code: 'ILLEGAL_TRANSITION',
      message: /ua already agreed/,
    },
    {
      name: 'refuses consent from an analyst',
      state: proposedByUa,
      command: { type: 'consent', reason: 'r' },
      actor: a1,
      at: BEFORE,
      code: 'FORBIDDEN',
      message: /only the parties' liaisons/,
    },
    {
      name: 'refuses consent after the window ended',
      state: proposedByUa,
      command: { type: 'consent', reason: 'r' },
      actor: lru,
      at: AFTER,
      code: 'ILLEGAL_TRANSITION',
      message: /ended at/,
    },
    {
      name: 'refuses consent to a declined window',
      state: () =>
        decideSilence(proposedByUa(), { type: 'decline', reason: 'r' }, lru, BEFORE).silence,
      command: { type: 'consent', reason: 'r' },
      actor: lru,
      at: BEFORE,
      code: 'ILLEGAL_TRANSITION',
      message: /is declined/,
    },
    {
      name: 'refuses a withdrawal by the other party',
      state: proposedByUa,
      command: { type: 'withdraw', reason: 'r' },
      actor: lru,
      at: BEFORE,
      code: 'FORBIDDEN',
      message: /did not propose/,
    },
    {
      name: 'refuses a withdrawal once the window began',
      state: agreed,
      command: { type: 'withdraw', reason: 'r' },
      actor: lua,
      at: DURING,
      code: 'ILLEGAL_TRANSITION',
      message: /can no longer be withdrawn/,
    },
    {
      name: 'refuses a decision without a reason',
      state: proposedByUa,
      command: { type: 'decline', reason: '' },
      actor: lru,
      at: BEFORE,
      code: 'VALIDATION',
    },
  ])('$name', ({ state, command, actor, at, to, code, message }) => {
    const run = () => decideSilence(state(), command, actor, at);
    if (to) return expect(run().silence.status).toBe(to);
    expect(run).toThrow(
      expect.objectContaining({
        code,
        ...(message ? { message: expect.stringMatching(message) } : {}),
      }),
    );
  });

  it.each<{ name: string; actor: Actor; at: string; code: ErrorCode }>([
    { name: 'refuses a proposal by an analyst', actor: a1, at: BEFORE, code: 'FORBIDDEN' },
    {
      name: 'refuses a proposal for a window already over',
      actor: lua,
      at: AFTER,
      code: 'ILLEGAL_TRANSITION',
    },
  ])('$name', ({ actor, at, code }) => {
    expect(() => proposeSilence(proposal, actor, at, 'r', agreement)).toThrow(
      expect.objectContaining({ code }),
    );
  });
});

describe('silenceBreaches', () => {
  const during = { from: '2026-03-02T10:00:00Z', to: '2026-03-02T10:01:00Z' };
  const subjects = [
    subject('near-fire', {
      window: during,
      location: [37.96, 48.43],
      event: 'explosion',
      weapon: 'mortar',
      party: 'ru',
    }),
    subject('origin-near', {
      window: during,
      location: [38.3, 48.42],
      origin: [37.94, 48.41],
      event: 'explosion',
      weapon: 'artillery',
    }),
    subject('far-fire', {
      window: during,
      location: [37.5, 48.42],
      event: 'small_arms_burst',
      weapon: 'small_arms',
    }),
    subject('after', {
      window: { from: '2026-03-02T18:30:00Z', to: '2026-03-02T18:31:00Z' },
      location: [37.95, 48.42],
    }),
    subject('not-fire', { window: during, location: [37.95, 48.42], event: 'troop_presence' }),
  ];

  it('reports fire near the site during an agreed window, whoever fired', () => {
    const breaches = silenceBreaches(agreed(), subjects);
    expect(breaches.map((b) => [b.subjectId, b.party])).toEqual([
      ['near-fire', 'ru'],
      ['origin-near', null],
    ]);
    expect(breaches[0]?.text).toBe(
      'explosion (mortar) 1.3 km from the site of window of silence sil-1 during 2026-03-02T06:00:00Z – 2026-03-02T18:00:00Z',
    );
  });

  it('monitors nothing until both parties agree', () => {
    expect(silenceBreaches(proposedByUa(), subjects)).toEqual([]);
  });
});
