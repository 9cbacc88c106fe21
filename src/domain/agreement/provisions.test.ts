import { describe, expect, it } from 'vitest';
import type { WeaponKind } from '../observation/types.js';
import {
  otherSide,
  partiesOnSide,
  partyById,
  provision,
  withdrawalDistanceFor,
} from './provisions.js';
import type { WithdrawalDistance } from './schema.js';

/** Minsk II (12 Feb 2015) §2 and the addendum of 29 Sep 2015, as in the demo agreement. */
const MINSK: { withdrawalDistances: WithdrawalDistance[] } = {
  withdrawalDistances: [
    { id: 'wd-artillery-100', weaponClass: 'artillery', minCalibreMm: 100, distanceKm: 50 },
    { id: 'wd-artillery-light', weaponClass: 'artillery', maxCalibreMm: 99, distanceKm: 15 },
    { id: 'wd-mortar', weaponClass: 'mortar', maxCalibreMm: 120, distanceKm: 15 },
    { id: 'wd-mlrs', weaponClass: 'mlrs', distanceKm: 70 },
    { id: 'wd-mlrs-heavy', weaponClass: 'mlrs', minCalibreMm: 220, distanceKm: 140 },
    { id: 'wd-missile', weaponClass: 'missile', distanceKm: 140 },
  ],
};

describe('withdrawalDistanceFor', () => {
  const cases: [WeaponKind, number | undefined, boolean, string | null][] = [
    ['artillery', 152, false, 'wd-artillery-100'],
    ['artillery', 100, false, 'wd-artillery-100'],
    ['artillery', 85, false, 'wd-artillery-light'],
    ['artillery', undefined, false, null],
    ['artillery', undefined, true, 'wd-artillery-100'],
    ['mortar', 120, false, 'wd-mortar'],
    ['mortar', 240, false, null],
    ['mlrs', 122, false, 'wd-mlrs'],
    ['mlrs', 220, false, 'wd-mlrs-heavy'],
    ['mlrs', 300, false, 'wd-mlrs-heavy'],
    ['mlrs', undefined, false, 'wd-mlrs'],
    ['mlrs', undefined, true, 'wd-mlrs-heavy'],
    ['missile', undefined, false, 'wd-missile'],
    ['small_arms', undefined, true, null],
  ];
  it.each(cases)(
    '%s of %s mm (unknown calibre matches: %s) is bound by %s',
    (weapon, calibre, unknown, expected) => {
      expect(withdrawalDistanceFor(MINSK, weapon, calibre, unknown)?.id ?? null).toBe(expected);
    },
  );
});

describe('parties and provisions', () => {
  const parties = {
    parties: [
      { id: 'a', name: 'A', side: 'left' as const },
      { id: 'b', name: 'B', side: 'right' as const },
      { id: 'c', name: 'C', side: 'right' as const },
    ],
  };
  it('lists the parties on a side in agreement order', () => {
    expect(partiesOnSide(parties, 'right').map((p) => p.id)).toEqual(['b', 'c']);
  });
  it('finds a party by id and answers null for an unknown one', () => {
    expect(partyById(parties, 'a')?.name).toBe('A');
    expect(partyById(parties, 'z')).toBeNull();
  });
  it('names the other side', () => {
    expect([otherSide('left'), otherSide('right')]).toEqual(['right', 'left']);
  });
  it('builds provision references as kind:id', () => {
    expect([
      provision.ceasefire,
      provision.withdrawal('wd-mlrs'),
      provision.noFly('nf-1'),
      provision.disengagement('da-1'),
      provision.maritime('mc-1'),
    ]).toEqual([
      'ceasefire',
      'withdrawal:wd-mlrs',
      'no_fly:nf-1',
      'disengagement:da-1',
      'maritime:mc-1',
    ]);
  });
});
