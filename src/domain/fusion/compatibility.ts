/**
 * Which reports can describe the same happening. Compatibility is a table, not a score: two
 * observations are compatible when their event kinds, weapons, calibres and directions each are.
 * An incident holds only observations that are pairwise compatible.
 */
import type { Direction, EventKind, WeaponKind } from '../observation/types.js';

/**
 * Event kinds that can be one happening; two kinds are compatible when some group holds both.
 * - one firing is seen fired (muzzle flash), in flight, or bursting (explosion);
 * - small-arms fire is heard as bursts or shots and seen at night as muzzle flashes;
 *   an explosion and a burst of small arms are two events even at the same place and time;
 * - a position is seen with its weapons and its people.
 * Flares, aircraft, vessels and restrictions fuse only with their own kind.
 */
export const EVENT_GROUPS: readonly (readonly EventKind[])[] = [
  ['explosion', 'projectile_in_flight', 'muzzle_flash'],
  ['small_arms_burst', 'small_arms_shot', 'muzzle_flash'],
  ['weapon_sighting', 'troop_presence'],
  ['illumination_flare'],
  ['aircraft'],
  ['vessel'],
  ['restriction'],
];

/**
 * Weapons that observers confuse; `undetermined` is compatible with every weapon.
 * - heavy fire: mortar, artillery, MLRS, tank guns and missiles are told apart mostly by sound
 *   and crater, and monitors at a distance often cannot (OSCE SMM reports say "mortar or
 *   artillery"). So mortar vs artillery: compatible, unless both state calibres that differ
 *   (see `calibresCompatible`).
 * - light fire: small arms, heavy machine guns, automatic grenade launchers, anti-tank weapons.
 * - air: drones, aircraft, helicopters, missiles (a cruise missile is heard as an aircraft).
 * - vessels.
 */
export const WEAPON_FAMILIES: readonly (readonly WeaponKind[])[] = [
  ['mortar', 'artillery', 'mlrs', 'tank', 'missile'],
  ['small_arms', 'heavy_machine_gun', 'grenade_launcher', 'anti_tank'],
  ['drone', 'aircraft', 'helicopter', 'missile'],
  ['vessel'],
];

/** Two stated calibres are one weapon when within 10 % of the larger, or 10 mm (120 vs 122). */
export const CALIBRE_TOLERANCE = { relative: 0.1, absoluteMm: 10 } as const;

function pairTable<T extends string>(groups: readonly (readonly T[])[]): (a: T, b: T) => boolean {
  const pairs = new Set<string>();
  for (const g of groups) for (const a of g) for (const b of g) pairs.add(`${a}|${b}`);
  return (a, b) => a === b || pairs.has(`${a}|${b}`);
}

const eventPair = pairTable(EVENT_GROUPS);
const weaponPair = pairTable(WEAPON_FAMILIES);

export function eventsCompatible(a: EventKind, b: EventKind): boolean {
  return eventPair(a, b);
}

export function weaponsCompatible(a: WeaponKind, b: WeaponKind): boolean {
  return a === 'undetermined' || b === 'undetermined' || weaponPair(a, b);
}

export function calibresCompatible(a: number | undefined, b: number | undefined): boolean {
  if (a === undefined || b === undefined) return true;
  const tolerance = Math.max(
    CALIBRE_TOLERANCE.absoluteMm,
    CALIBRE_TOLERANCE.relative * Math.max(a, b),
  );
  return Math.abs(a - b) <= tolerance;
}

/** Fire seen arriving and fire seen leaving are two events (fire and return fire), never one. */
export function directionsCompatible(a: Direction, b: Direction): boolean {
  return !((a === 'impact' && b === 'outgoing') || (a === 'outgoing' && b === 'impact'));
}

/** What compatibility looks at in a report. */
export interface Descriptor {
  readonly event: EventKind;
  readonly weapon: WeaponKind;
  readonly calibreMm?: number | undefined;
  readonly direction: Direction;
}

export function compatible(a: Descriptor, b: Descriptor): boolean {
  return (
    eventsCompatible(a.event, b.event) &&
    weaponsCompatible(a.weapon, b.weapon) &&
    directionsCompatible(a.direction, b.direction) &&
    calibresCompatible(a.calibreMm, b.calibreMm)
  );
}
