/**
 * Reading an agreement's rules: which withdrawal distance binds a weapon, which party holds which
 * side, and the names used for provisions when an event is matched against the agreement.
 */
import type { WeaponKind } from '../observation/types.js';
import type { Agreement, Party, Side, WithdrawalDistance } from './schema.js';

/**
 * Provision references, `kind` or `kind:id` with the id from the agreement, as recorded in
 * ground truth and in assessments: `ceasefire`, `security_zone`, `withdrawal:wd-mlrs`,
 * `disengagement:da-1`, `no_fly:nf-line`, `maritime:mc-odesa`, `freedom_of_movement`.
 */
export const provision = {
  ceasefire: 'ceasefire',
  securityZone: 'security_zone',
  freedomOfMovement: 'freedom_of_movement',
  withdrawal: (id: string) => `withdrawal:${id}`,
  disengagement: (id: string) => `disengagement:${id}`,
  noFly: (id: string) => `no_fly:${id}`,
  maritime: (id: string) => `maritime:${id}`,
} as const;

/**
 * Whether a withdrawal rule covers a weapon of this class and calibre (millimetres). A rule with
 * a calibre bound covers a weapon of unknown calibre only when `unknownCalibreMatches` is set:
 * an assessor asking "could this be banned here?" sets it; one asking "is it certainly banned?"
 * does not.
 */
export function withdrawalRuleCovers(
  rule: WithdrawalDistance,
  weapon: WeaponKind,
  calibreMm?: number,
  unknownCalibreMatches = false,
): boolean {
  if (rule.weaponClass !== weapon) return false;
  const bounded = rule.minCalibreMm !== undefined || rule.maxCalibreMm !== undefined;
  if (calibreMm === undefined) return !bounded || unknownCalibreMatches;
  if (rule.minCalibreMm !== undefined && calibreMm < rule.minCalibreMm) return false;
  if (rule.maxCalibreMm !== undefined && calibreMm > rule.maxCalibreMm) return false;
  return true;
}

/**
 * The binding withdrawal rule for a weapon: the covering rule with the largest distance, or null
 * when no rule covers it. Example: with Minsk II's rules, `('mlrs', 300)` → the 140 km rule.
 */
export function withdrawalDistanceFor(
  agreement: Pick<Agreement, 'withdrawalDistances'>,
  weapon: WeaponKind,
  calibreMm?: number,
  unknownCalibreMatches = false,
): WithdrawalDistance | null {
  let best: WithdrawalDistance | null = null;
  for (const rule of agreement.withdrawalDistances) {
    if (!withdrawalRuleCovers(rule, weapon, calibreMm, unknownCalibreMatches)) continue;
    if (best === null || rule.distanceKm > best.distanceKm) best = rule;
  }
  return best;
}

/** The parties on one side of the line of contact (at least one in a valid agreement). */
export function partiesOnSide(agreement: Pick<Agreement, 'parties'>, side: Side): Party[] {
  return agreement.parties.filter((p) => p.side === side);
}

/** The party with this id, or null. */
export function partyById(agreement: Pick<Agreement, 'parties'>, id: string): Party | null {
  return agreement.parties.find((p) => p.id === id) ?? null;
}

export function otherSide(side: Side): Side {
  return side === 'left' ? 'right' : 'left';
}
