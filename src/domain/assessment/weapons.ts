/**
 * The mission's weapons reference: for each weapon class a monitor may name, the systems fielded
 * in the theatre, their calibre, their greatest range with the ammunition in use (rocket-assisted
 * or base-bleed rounds included, guided rounds not) and their share of the class.
 *
 * Two questions are answered from it, both as probabilities over the systems of the class (the
 * shares, narrowed to the stated calibre when there is one):
 * - "Does this rule cover the weapon?" when a rule is bounded by calibre and the report states
 *   none: an artillery piece of unstated calibre is almost always 100 mm or more.
 * - "Was it fired from within the limit?" when only where the round landed (or where it was heard)
 *   is known: the firing position is within the weapon's range of that place, so at most
 *   range + that place's distance from the line. An 82 mm mortar bomb landing 2 km from the line
 *   was fired from within 6.3 km of it, inside a 15 km withdrawal zone, wherever it came from.
 *   Monitors reason this way from craters; it says nothing of which side fired.
 *
 * Ranges are the published maxima of each system; shares are planning figures for the demo
 * theatre, to be set by the mission for its own (ProvisionOptions.weapons).
 */
import type { WeaponKind } from '../observation/types.js';
import type { DistanceLaw } from './line-distance.js';

export interface WeaponSystem {
  readonly name: string;
  /** Absent where the class has no calibre that rules bound (missiles). */
  readonly calibreMm?: number;
  readonly maxRangeKm: number;
  /** Share of the class in the theatre; shares within a class need not sum to 1 (normalised). */
  readonly share: number;
}

export type WeaponCatalogue = Readonly<Partial<Record<WeaponKind, readonly WeaponSystem[]>>>;

export const WEAPON_CATALOGUE: WeaponCatalogue = {
  mortar: [
    { name: '60 mm mortars', calibreMm: 60, maxRangeKm: 3.5, share: 0.05 },
    { name: '82 mm mortars (2B9, 2B14)', calibreMm: 82, maxRangeKm: 4.3, share: 0.45 },
    { name: '120 mm mortars (2B11, 2S12, M120)', calibreMm: 120, maxRangeKm: 9.5, share: 0.38 },
    { name: '120 mm gun-mortars (2S9, 2S31)', calibreMm: 120, maxRangeKm: 13, share: 0.1 },
    { name: '240 mm mortar (2S4)', calibreMm: 240, maxRangeKm: 19.6, share: 0.02 },
  ],
  artillery: [
    { name: 'field guns below 100 mm (ZiS-3, D-44)', calibreMm: 85, maxRangeKm: 15.7, share: 0.02 },
    { name: '100 mm anti-tank gun (MT-12)', calibreMm: 100, maxRangeKm: 8.2, share: 0.08 },
    { name: '122 mm howitzers (D-30, 2S1)', calibreMm: 122, maxRangeKm: 21.9, share: 0.35 },
    {
      name: '152 mm guns and howitzers (2S3, 2S19, 2A65, 2A36)',
      calibreMm: 152,
      maxRangeKm: 33.5,
      share: 0.42,
    },
    {
      name: '155 mm howitzers (M777, PzH 2000, Caesar, Krab)',
      calibreMm: 155,
      maxRangeKm: 40,
      share: 0.11,
    },
    { name: '203 mm gun (2S7)', calibreMm: 203, maxRangeKm: 47.5, share: 0.02 },
  ],
  tank: [{ name: 'tank guns fired indirectly (2A46)', calibreMm: 125, maxRangeKm: 12.2, share: 1 }],
  mlrs: [
    { name: '122 mm (BM-21, 9K51M Tornado-G)', calibreMm: 122, maxRangeKm: 40, share: 0.72 },
    { name: '220 mm (9K57 Uragan)', calibreMm: 220, maxRangeKm: 35.8, share: 0.1 },
    { name: '220 mm (TOS-1A)', calibreMm: 220, maxRangeKm: 6, share: 0.03 },
    { name: '227 mm (M142, M270)', calibreMm: 227, maxRangeKm: 84, share: 0.06 },
    {
      name: '300 mm (9K58 Smerch, 9A52-4 Tornado-S)',
      calibreMm: 300,
      maxRangeKm: 120,
      share: 0.09,
    },
  ],
  missile: [
    { name: 'Tochka-U', maxRangeKm: 120, share: 0.5 },
    { name: 'Iskander-M', maxRangeKm: 500, share: 0.35 },
    { name: 'ATACMS', maxRangeKm: 300, share: 0.15 },
  ],
};

export interface WeightedSystem {
  readonly system: WeaponSystem;
  /** Probability that the weapon is this system, given its class and stated calibre. */
  readonly p: number;
}

/**
 * The systems the weapon may be, each with its probability: the class's systems, narrowed to the
 * stated calibre. A calibre the catalogue does not list is one system of that calibre with the
 * class's greatest range (nothing is known of it but the class). Empty for a class not listed.
 */
export function systemsFor(
  catalogue: WeaponCatalogue,
  weapon: WeaponKind,
  calibreMm?: number,
): WeightedSystem[] {
  const all = catalogue[weapon] ?? [];
  if (all.length === 0) return [];
  const pool = calibreMm === undefined ? all : all.filter((s) => s.calibreMm === calibreMm);
  if (pool.length === 0) {
    const maxRangeKm = Math.max(...all.map((s) => s.maxRangeKm));
    return [
      { system: { name: `${calibreMm} mm ${weapon}`, calibreMm, maxRangeKm, share: 1 }, p: 1 },
    ];
  }
  const total = pool.reduce((sum, s) => sum + s.share, 0);
  return pool.map((system) => ({
    system,
    p: total > 0 ? system.share / total : 1 / pool.length,
  }));
}

/** Probability, over the systems the weapon may be, that `covers` holds. */
export function coveredShare(
  systems: readonly WeightedSystem[],
  covers: (s: WeaponSystem) => boolean,
): number {
  let p = 0;
  for (const { system, p: q } of systems) if (covers(system)) p += q;
  return p;
}

/**
 * Probability that a weapon heard `heardM` from the line (its place uncertain by `radius90M`)
 * was fired from within `limitM` of it, knowing only that it was fired from within its range of
 * that place: over the systems it may be that `covers` admits. `boundM`/`rangeM`: the bound and
 * range of the farthest-reaching system that still counts (or the nearest when none does).
 */
export function firedWithin(
  systems: readonly WeightedSystem[],
  covers: (s: WeaponSystem) => boolean,
  heardM: number,
  limitM: number,
  heard: DistanceLaw,
): { p: number; boundM: number; rangeM: number } {
  let p = 0;
  let rangeM = Number.NaN;
  let nearest = Number.POSITIVE_INFINITY;
  for (const { system, p: q } of systems) {
    if (!covers(system)) continue;
    const r = system.maxRangeKm * 1000;
    const within = heard(limitM - r);
    p += q * within;
    if (within >= 0.5 && (Number.isNaN(rangeM) || r > rangeM)) rangeM = r;
    nearest = Math.min(nearest, r);
  }
  if (Number.isNaN(rangeM)) rangeM = Number.isFinite(nearest) ? nearest : 0;
  return { p, boundM: heardM + rangeM, rangeM };
}
