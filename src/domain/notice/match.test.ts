// Issue 6, "Done when": a demining notice excuses in-window explosions inside its area and not
// outside it; fire across the line is never excused.
import { describe, expect, it } from 'vitest';
import type { Observation } from '../observation/types.js';
import { matchNotice, subjectFromObservation, type NoticeSubject } from './match.js';
import { agreement, INSIDE, notice, OUTSIDE, square, subject } from './test-support/fixtures.js';

const demining = notice();
const after = { from: '2026-03-02T16:30:00Z', to: '2026-03-02T16:35:00Z' };

const table: {
  name: string;
  subject: NoticeSubject;
  status: 'excused' | 'not_excused' | null;
  reason?: RegExp;
}[] = [
  {
    name: 'excuses an undetermined explosion inside the area during the window',
    subject: subject('o1'),
    status: 'excused',
    reason: /inside the area and window of demining notice ntc-1 \(clear the N-20 verge\)/,
  },
  {
    name: 'excuses deminers seen inside the area',
    subject: subject('o2', { event: 'troop_presence' }),
    status: 'excused',
  },
  {
    name: 'matches an explosion whose window straddles the end of the notice',
    subject: subject('o3', {
      window: { from: '2026-03-02T15:58:00Z', to: '2026-03-02T16:03:00Z' },
    }),
    status: 'excused',
  },
  {
    name: 'does not match an explosion outside the area',
    subject: subject('o4', { location: OUTSIDE }),
    status: null,
  },
  {
    name: 'does not match an explosion after the window',
    subject: subject('o5', { window: after }),
    status: null,
  },
  {
    name: 'does not match an explosion before the window',
    subject: subject('o6', {
      window: { from: '2026-03-02T05:00:00Z', to: '2026-03-02T05:59:59Z' },
    }),
    status: null,
  },
  {
    name: 'does not excuse MLRS fire inside the area',
    subject: subject('o7', { weapon: 'mlrs' }),
    status: 'not_excused',
    reason: /covers controlled explosions inside its area, not explosion \(mlrs\)/,
  },
  {
    name: 'does not excuse artillery fire inside the area',
    subject: subject('o8', { weapon: 'artillery' }),
    status: 'not_excused',
    reason: /not explosion \(artillery\)/,
  },
  {
    name: 'does not excuse outgoing fire',
    subject: subject('o9', { direction: 'outgoing' }),
    status: 'not_excused',
  },
  {
    name: 'does not excuse small-arms fire',
    subject: subject('o10', { event: 'small_arms_burst', weapon: 'small_arms' }),
    status: 'not_excused',
  },
  {
    name: 'never excuses fire across the line, even an undetermined explosion',
    subject: subject('o11', { kind: 'incident', origin: [38.2, 48.42] }),
    status: 'not_excused',
    reason: /^fire across the line of contact is never excused$/,
  },
  {
    name: 'does not excuse fire into the area from outside it',
    subject: subject('o12', { kind: 'incident', origin: [37.5, 48.42] }),
    status: 'not_excused',
    reason: /fired from outside the area of notice ntc-1/,
  },
  {
    name: 'does not excuse an event attributed to the other party',
    subject: subject('o13', { party: 'ru' }),
    status: 'not_excused',
    reason: /attributed to ru; notice ntc-1 is ua's/,
  },
  {
    name: 'does not excuse a breach of a withdrawal provision',
    subject: subject('o14', {
      event: 'troop_presence',
      provisions: ['security_zone', 'withdrawal:wd-tank'],
    }),
    status: 'not_excused',
    reason: /breaks withdrawal:wd-tank, which no notice can cover/,
  },
];

describe('matchNotice with a demining notice', () => {
  it.each(table)('$name', ({ subject: s, status, reason }) => {
    const m = matchNotice(s, [demining], agreement);
    if (status === null) return expect(m).toBeNull();
    expect(m?.status).toBe(status);
    expect(m?.notice.id).toBe('ntc-1');
    if (reason) expect(m?.reason).toMatch(reason);
  });
});

describe('matchNotice', () => {
  it.each([
    { kind: 'rotation', event: 'weapon_sighting', excused: true },
    { kind: 'rotation', event: 'explosion', excused: false },
    { kind: 'exercise', event: 'illumination_flare', excused: true },
    { kind: 'exercise', event: 'muzzle_flash', excused: false },
    { kind: 'infrastructure_repair', event: 'troop_presence', excused: true },
    { kind: 'infrastructure_repair', event: 'explosion', excused: false },
  ] as const)('a $kind notice excuses $event: $excused', ({ kind, event, excused }) => {
    const m = matchNotice(subject('o', { event }), [notice({ kind })], agreement);
    expect(m?.status).toBe(excused ? 'excused' : 'not_excused');
  });

  it('prefers a notice that excuses over one that does not', () => {
    const rotation = notice({ id: 'ntc-rot', kind: 'rotation' });
    expect(matchNotice(subject('o'), [rotation, demining], agreement)).toMatchObject({
      status: 'excused',
      notice: { id: 'ntc-1' },
    });
  });

  it('reads an observation as a subject: its point and its window', () => {
    const o: Observation = {
      id: 'obs-1',
      source: { kind: 'monitor', id: 'patrol-7' },
      observedAt: '2026-03-02T11:00:00Z',
      location: { lon: INSIDE[0], lat: INSIDE[1], radiusM: 100 },
      event: 'explosion',
      count: 3,
      weapon: 'undetermined',
      direction: 'impact',
    };
    expect(matchNotice(subjectFromObservation(o), [demining], agreement)?.status).toBe('excused');
    expect(
      matchNotice(
        subjectFromObservation({ ...o, observedAt: '2026-03-02T17:00:00Z' }),
        [demining],
        agreement,
      ),
    ).toBeNull();
  });

  it('handles an area with a hole: the hole is outside', () => {
    const [outer] = square(37.6, 48.3, 0.3);
    const [hole] = square(37.7, 48.4, 0.05);
    const ring = notice({ area: [outer!, hole!] });
    expect(matchNotice(subject('o', { location: [37.65, 48.35] }), [ring], agreement)?.status).toBe(
      'excused',
    );
    expect(matchNotice(subject('o', { location: [37.72, 48.42] }), [ring], agreement)).toBeNull();
  });
});
