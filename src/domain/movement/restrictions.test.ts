import { describe, expect, it } from 'vitest';
import type { Observation } from '../observation/types.js';
import { countRestrictions, restrictionKind } from './restrictions.js';

function restriction(id: string, at: string, kind: string, party?: string): Observation {
  return {
    id,
    source: { kind: 'monitor', id: 'patrol-7' },
    observedAt: at,
    observer: { lat: 48.4, lon: 37.7 },
    event: 'restriction',
    count: 1,
    weapon: 'undetermined',
    direction: 'undetermined',
    restriction: { kind, ...(party ? { party } : {}) },
  };
}

const day = { from: '2026-03-02T00:00:00Z', to: '2026-03-03T00:00:00Z' };
const observations: Observation[] = [
  restriction('r1', '2026-03-02T08:00:00Z', 'denied_passage', 'ru'),
  restriction('r2', '2026-03-02T09:00:00Z', 'denied_passage', 'ru'),
  restriction('r3', '2026-03-02T10:00:00Z', 'uav_jammed'),
  restriction('r4', '2026-03-02T11:00:00+02:00', 'escort_required', 'ua'),
  restriction('r5', '2026-03-02T12:00:00Z', 'checkpoint_closed', 'ua'),
  restriction('r1', '2026-03-02T08:00:00Z', 'denied_passage', 'ru'),
  restriction('r6', '2026-03-03T00:00:00Z', 'area_mined', 'ua'),
  restriction('r7', '2026-03-01T23:59:59Z', 'uav_shot_at', 'ru'),
  {
    ...restriction('x', '2026-03-02T08:00:00Z', 'denied_passage'),
    event: 'explosion',
    restriction: undefined,
  } as Observation,
];

describe('countRestrictions', () => {
  it('counts per party and per kind, once per id, within the half-open period', () => {
    const counts = countRestrictions(observations, day);
    expect(counts.total).toBe(5);
    expect(counts.byKind).toEqual({
      denied_passage: 2,
      escort_required: 1,
      area_mined: 0,
      uav_jammed: 1,
      uav_shot_at: 0,
      other: 1,
    });
    expect(counts.byParty).toEqual({
      ru: {
        total: 2,
        byKind: {
          denied_passage: 2,
          escort_required: 0,
          area_mined: 0,
          uav_jammed: 0,
          uav_shot_at: 0,
          other: 0,
        },
      },
      unattributed: {
        total: 1,
        byKind: {
          denied_passage: 0,
          escort_required: 0,
          area_mined: 0,
          uav_jammed: 1,
          uav_shot_at: 0,
          other: 0,
        },
      },
      ua: {
        total: 2,
        byKind: {
          denied_passage: 0,
          escort_required: 1,
          area_mined: 0,
          uav_jammed: 0,
          uav_shot_at: 0,
          other: 1,
        },
      },
    });
  });

  it('counts a restriction at the start of the next period in that period, not this one', () => {
    expect(
      countRestrictions(observations, { from: '2026-03-03T00:00:00Z', to: '2026-03-04T00:00:00Z' })
        .byParty,
    ).toEqual({
      ua: {
        total: 1,
        byKind: {
          denied_passage: 0,
          escort_required: 0,
          area_mined: 1,
          uav_jammed: 0,
          uav_shot_at: 0,
          other: 0,
        },
      },
    });
  });

  it('gives zero counts for an empty period', () => {
    expect(countRestrictions([], day)).toMatchObject({
      total: 0,
      byParty: {},
      byKind: { denied_passage: 0, other: 0 },
    });
  });

  it.each([
    {
      name: 'refuses a period that ends before it starts',
      period: { from: day.to, to: day.from },
      path: 'to',
    },
    {
      name: 'refuses a period without a timezone',
      period: { from: '2026-03-02T00:00:00', to: day.to },
      path: 'from',
    },
  ])('$name', ({ period, path }) => {
    expect(() => countRestrictions(observations, period)).toThrow(
      expect.objectContaining({ code: 'VALIDATION', issues: [expect.objectContaining({ path })] }),
    );
  });
});

describe('restrictionKind', () => {
  it.each([
    ['a known kind as itself', 'uav_shot_at', 'uav_shot_at'],
    ['an unknown kind as other', 'checkpoint_closed', 'other'],
  ])('reads %s', (_, kind, expected) => {
    expect(restrictionKind({ event: 'restriction', restriction: { kind } })).toBe(expected);
  });
  it('is null for other events', () => {
    expect(restrictionKind({ event: 'explosion' })).toBeNull();
  });
});
