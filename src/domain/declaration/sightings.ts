/**
 * What the observation checks read from observations: a sighting of heavy equipment or troops at
 * a point, and the party it belongs to.
 */
import { partiesOnSide, type Agreement, type EquipmentCategory } from '../agreement/index.js';
import { sideOfLine } from '../geo/index.js';
import { observationPoint } from '../observation/place.js';
import { observedWindow, type Observation, type WeaponKind } from '../observation/types.js';
import type { LonLat } from '../units.js';

/** Ground weapon classes that are declared equipment, and the category each counts under (CFE counts MLRS as artillery). */
export const GROUND_EQUIPMENT: Readonly<Partial<Record<WeaponKind, EquipmentCategory>>> = {
  tank: 'battle_tanks',
  artillery: 'artillery',
  mlrs: 'artillery',
};

export interface Sighting {
  /** The observation's (or incident's) id. */
  readonly id: string;
  readonly kind: 'equipment' | 'troops';
  /** For equipment: the weapon class seen. */
  readonly weapon?: WeaponKind;
  readonly calibreMm?: number;
  readonly count: number;
  readonly location: LonLat;
  /** When it was seen (start of the observation window), ISO 8601. */
  readonly at: string;
  /** The owning party when an assessment attributed it; otherwise the side of the line decides. */
  readonly party?: string;
}

/**
 * Sightings in a set of observations: `weapon_sighting` of a ground equipment class (tank,
 * artillery, MLRS) and `troop_presence`. Other observations are skipped. The place is the
 * observation's representative point (observationPoint).
 */
export function sightingsFromObservations(observations: readonly Observation[]): Sighting[] {
  const out: Sighting[] = [];
  for (const o of observations) {
    const equipment = o.event === 'weapon_sighting' && GROUND_EQUIPMENT[o.weapon] !== undefined;
    if (!equipment && o.event !== 'troop_presence') continue;
    if (!o.location && !o.observer) continue;
    out.push({
      id: o.id,
      kind: equipment ? 'equipment' : 'troops',
      ...(equipment ? { weapon: o.weapon } : {}),
      ...(o.calibreMm !== undefined ? { calibreMm: o.calibreMm } : {}),
      count: o.count,
      location: observationPoint(o),
      at: observedWindow(o).from,
    });
  }
  return out;
}

/**
 * The party a sighting belongs to: its stated party, else the only party on the side of the line
 * it lies on. Null when that side is shared by several parties and nothing says which.
 */
export function sightingOwner(
  s: Sighting,
  agreement: Pick<Agreement, 'parties' | 'lineOfContact'>,
): string | null {
  if (s.party !== undefined) return s.party;
  const onSide = partiesOnSide(agreement, sideOfLine(s.location, agreement.lineOfContact));
  return onSide.length === 1 ? onSide[0]!.id : null;
}
