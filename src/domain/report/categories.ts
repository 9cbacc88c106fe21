/**
 * The SMM's split of ceasefire violations into five categories, and the rule that keeps the
 * parts summing to the total: each incident is counted once, whole, in the first category of
 * VIOLATION_CATEGORIES that its events name.
 */
import type { EventKind } from '../observation/types.js';
import { VIOLATION_CATEGORIES, type ViolationBreakdown, type ViolationCategory } from './types.js';

const CATEGORY_OF_EVENT: Partial<Record<EventKind, ViolationCategory>> = {
  explosion: 'explosions',
  projectile_in_flight: 'projectilesInFlight',
  muzzle_flash: 'muzzleFlashes',
  small_arms_burst: 'smallArmsBursts',
  small_arms_shot: 'smallArmsBursts',
  illumination_flare: 'illuminationFlares',
};

/** The category an incident with these events counts in, or null when it is no ceasefire violation. */
export function violationCategory(events: readonly EventKind[]): ViolationCategory | null {
  const named = new Set(events.map((e) => CATEGORY_OF_EVENT[e]));
  return VIOLATION_CATEGORIES.find((c) => named.has(c)) ?? null;
}

export function zeroBreakdown(): ViolationBreakdown {
  return {
    total: 0,
    explosions: 0,
    projectilesInFlight: 0,
    muzzleFlashes: 0,
    smallArmsBursts: 0,
    illuminationFlares: 0,
  };
}

/** A breakdown with `count` more in `category` (and in the total). */
export function addTo(
  b: ViolationBreakdown,
  category: ViolationCategory,
  count: number,
): ViolationBreakdown {
  return { ...b, [category]: b[category] + count, total: b.total + count };
}

/** Whether the five parts sum to the total (they always do when built with `addTo`). */
export function partsSumToTotal(b: ViolationBreakdown): boolean {
  return VIOLATION_CATEGORIES.reduce((sum, c) => sum + b[c], 0) === b.total;
}
