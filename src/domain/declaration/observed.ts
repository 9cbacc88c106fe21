/**
 * A declaration against what monitors saw:
 * - heavy equipment seen farther than `radiusKm` from every declared unit that holds its
 *   category (`undeclared_equipment`), troops seen farther than that from every declared unit
 *   (`undeclared_unit`);
 * - heavy equipment declared, or seen, inside its withdrawal distance on the party's own side of
 *   the line of contact (`equipment_in_withdrawal_zone`), distance by distanceToLine.
 *
 * Distances are geodesic on WGS84. The caller picks the sightings of the period the declaration
 * covers.
 */
import {
  partyById,
  withdrawalRuleCovers,
  type Agreement,
  type EquipmentCategory,
  type WithdrawalDistance,
} from '../agreement/index.js';
import { TrucelineError } from '../errors.js';
import { distanceToLine, inverse, sideOfLine } from '../geo/index.js';
import type { WeaponKind } from '../observation/types.js';
import type { LonLat } from '../units.js';
import { formatCount, formatKm, holdingLabel, type FindingCandidate } from './candidate.js';
import type { Declaration, DeclaredUnit } from './schema.js';
import { GROUND_EQUIPMENT, sightingOwner, type Sighting } from './sightings.js';

export type ObservedAgreement = Pick<
  Agreement,
  'parties' | 'lineOfContact' | 'withdrawalDistances'
>;

export interface ObservedOptions {
  /** A sighting farther than this from every matching declared unit is a candidate; default 25 km. */
  readonly radiusKm?: number;
}

export const DEFAULT_RADIUS_KM = 25;

/** Weapon class that stands for a declared category in the withdrawal rules. */
const DECLARED_AS: Readonly<Partial<Record<EquipmentCategory, WeaponKind>>> = {
  battle_tanks: 'tank',
  artillery: 'artillery',
};

/**
 * The withdrawal rule that certainly binds a weapon: with a known calibre, the widest covering
 * rule; with an unknown one, the narrowest of the rules that might cover it, since every reading
 * of the calibre bans it at least that far. Null when no rule covers the class.
 */
export function bindingWithdrawal(
  agreement: Pick<Agreement, 'withdrawalDistances'>,
  weapon: WeaponKind,
  calibreMm?: number,
): WithdrawalDistance | null {
  const covering = agreement.withdrawalDistances.filter((r) =>
    withdrawalRuleCovers(r, weapon, calibreMm, calibreMm === undefined),
  );
  if (covering.length === 0) return null;
  const pick = calibreMm === undefined ? Math.min : Math.max;
  const km = pick(...covering.map((r) => r.distanceKm));
  return covering.find((r) => r.distanceKm === km) ?? null;
}

const at = (p: LonLat): string => `${p[1].toFixed(4)}N ${p[0].toFixed(4)}E`;

function nearest(
  p: LonLat,
  units: readonly DeclaredUnit[],
): { unit: DeclaredUnit; km: number } | null {
  let best: { unit: DeclaredUnit; km: number } | null = null;
  for (const unit of units) {
    const km = inverse(p, unit.location).distanceM / 1000;
    if (best === null || km < best.km) best = { unit, km };
  }
  return best;
}

/** Inside the rule's distance on the party's own side, or null. */
function insideWithdrawal(
  p: LonLat,
  side: string,
  agreement: ObservedAgreement,
  rule: WithdrawalDistance | null,
): number | null {
  if (rule === null || sideOfLine(p, agreement.lineOfContact) !== side) return null;
  const km = distanceToLine(p, agreement.lineOfContact).distanceM / 1000;
  return km < rule.distanceKm ? km : null;
}

function withdrawalCandidate(
  party: string,
  subject: EquipmentCategory,
  km: number,
  rule: WithdrawalDistance,
  calibreKnown: boolean,
  what: string,
  refs: { units?: string[]; observations?: string[] },
): FindingCandidate {
  const basis = calibreKnown
    ? `withdrawal distance ${rule.distanceKm} km (${rule.id})`
    : `calibre unknown; the shortest withdrawal distance that can apply is ${rule.distanceKm} km (${rule.id})`;
  return {
    kind: 'equipment_in_withdrawal_zone',
    party,
    subject,
    figures: { distanceKm: Math.round(km * 10) / 10, limitKm: rule.distanceKm, rule: rule.id },
    text: `${what} ${formatKm(km)} from the line of contact on ${party}'s side; ${basis}`,
    units: refs.units ?? [],
    observations: refs.observations ?? [],
  };
}

/**
 * The observation checks for one declaration. Sightings that belong to another party (see
 * sightingOwner) are ignored.
 *
 * @throws TrucelineError VALIDATION when the declaring party is not a party to the agreement.
 */
export function checkAgainstObservations(
  declaration: Declaration,
  sightings: readonly Sighting[],
  agreement: ObservedAgreement,
  options: ObservedOptions = {},
): FindingCandidate[] {
  const radiusKm = options.radiusKm ?? DEFAULT_RADIUS_KM;
  const party = partyById(agreement, declaration.party);
  if (party === null) {
    throw new TrucelineError(
      'VALIDATION',
      `invalid declaration: party: '${declaration.party}' is not a party to the agreement`,
      [{ path: 'party', reason: 'is not a party to the agreement' }],
    );
  }
  const out: FindingCandidate[] = [];

  for (const unit of declaration.units) {
    for (const [category, weapon] of Object.entries(DECLARED_AS) as [
      EquipmentCategory,
      WeaponKind,
    ][]) {
      const held = unit.equipment[category];
      if (held === 0) continue;
      const rule = bindingWithdrawal(agreement, weapon);
      const km = insideWithdrawal(unit.location, party.side, agreement, rule);
      if (km === null || rule === null) continue;
      out.push(
        withdrawalCandidate(
          party.id,
          category,
          km,
          rule,
          false,
          `unit ${unit.id} (${unit.name}) declares ${formatCount(held)} ${holdingLabel(category)} at`,
          { units: [unit.id] },
        ),
      );
    }
  }

  for (const s of sightings) {
    if (sightingOwner(s, agreement) !== party.id) continue;
    const category = s.kind === 'equipment' && s.weapon ? GROUND_EQUIPMENT[s.weapon] : undefined;
    if (s.kind === 'equipment' && category === undefined) continue;
    const what =
      s.kind === 'troops'
        ? `troops (${formatCount(s.count)})`
        : `${formatCount(s.count)} × ${s.weapon}${s.calibreMm ? ` ${s.calibreMm} mm` : ''}`;
    const holders = category
      ? declaration.units.filter((u) => u.equipment[category] > 0)
      : declaration.units;
    const near = nearest(s.location, holders);
    if (near === null || near.km > radiusKm) {
      const unitWord = category
        ? `declared unit holding ${holdingLabel(category)}`
        : 'declared unit';
      out.push({
        kind: category ? 'undeclared_equipment' : 'undeclared_unit',
        party: party.id,
        subject: category ?? 'troops',
        figures: {
          count: s.count,
          distanceKm: near && Math.round(near.km * 10) / 10,
          radiusKm,
          nearestUnit: near?.unit.id ?? null,
          seenAt: s.at,
        },
        text: `${what} seen at ${at(s.location)} on ${s.at}, ${near ? `${formatKm(near.km)} from the nearest ${unitWord} (${near.unit.id})` : `where no ${unitWord} exists`}`,
        units: near ? [near.unit.id] : [],
        observations: [s.id],
      });
    }
    if (category && s.weapon) {
      const rule = bindingWithdrawal(agreement, s.weapon, s.calibreMm);
      const km = insideWithdrawal(s.location, party.side, agreement, rule);
      if (km !== null && rule !== null) {
        out.push(
          withdrawalCandidate(
            party.id,
            category,
            km,
            rule,
            s.calibreMm !== undefined,
            `${what} seen on ${s.at} at`,
            { observations: [s.id] },
          ),
        );
      }
    }
  }
  return out;
}
