import { describe, expect, it } from 'vitest';
import { systemsFor, WEAPON_CATALOGUE, type WeaponCatalogue } from './weapons.js';

describe('systemsFor', () => {
  it('gives every system of the class its share, normalised', () => {
    const all = systemsFor(WEAPON_CATALOGUE, 'artillery');
    expect(all.length).toBe(WEAPON_CATALOGUE.artillery!.length);
    expect(all.reduce((s, x) => s + x.p, 0)).toBeCloseTo(1, 9);
  });

  it('narrows to the stated calibre', () => {
    const guns = systemsFor(WEAPON_CATALOGUE, 'mortar', 120);
    expect(guns.map((g) => g.system.maxRangeKm).sort((a, b) => a - b)).toEqual([9.5, 13]);
    expect(guns.reduce((s, x) => s + x.p, 0)).toBeCloseTo(1, 9);
  });

  it('reads an unlisted calibre as the class at its greatest range', () => {
    const [only, ...rest] = systemsFor(WEAPON_CATALOGUE, 'artillery', 130);
    expect(rest).toEqual([]);
    expect(only).toMatchObject({ p: 1, system: { calibreMm: 130, maxRangeKm: 47.5 } });
  });

  it('knows nothing of a class the reference does not list', () => {
    expect(systemsFor(WEAPON_CATALOGUE, 'small_arms')).toEqual([]);
    const empty: WeaponCatalogue = {};
    expect(systemsFor(empty, 'artillery', 152)).toEqual([]);
  });

  it('shares a class evenly when its shares are all zero', () => {
    const flat: WeaponCatalogue = {
      tank: [
        { name: 'a', calibreMm: 125, maxRangeKm: 10, share: 0 },
        { name: 'b', calibreMm: 125, maxRangeKm: 12, share: 0 },
      ],
    };
    expect(systemsFor(flat, 'tank').map((s) => s.p)).toEqual([0.5, 0.5]);
  });
});
