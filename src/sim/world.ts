/**
 * The state every event generator reads: the agreement, the line laid flat, the sectors, who is
 * on duty, and the counters that make ids. One World per simulation run.
 */
import { distanceToLine, pointInPolygon } from '../domain/geo/index.js';
import {
  provision,
  withdrawalRuleCovers,
  type Agreement,
  type Party,
} from '../domain/agreement/index.js';
import type { Observation, WeaponKind } from '../domain/observation/types.js';
import type { LonLat, MultiPolygonCoords } from '../domain/units.js';
import type { ObserverIndex } from './observers.js';
import type { LinePlane, LineSide, XY } from './plane.js';
import type { SimRandom } from './random.js';
import type { ReportContext } from './report.js';
import type { SectorMap } from './sectors.js';
import type { TruthEvent } from './types.js';

export interface World {
  readonly agreement: Agreement;
  readonly plane: LinePlane;
  readonly sectors: SectorMap;
  readonly water: MultiPolygonCoords | undefined;
  readonly rng: SimRandom;
  readonly ctx: ReportContext;
  /** Observers on duty today (sensors and the day's patrols). */
  observers: ObserverIndex;
  readonly utcOffsetH: number;
  readonly tempoFactor: number;
  readonly partyOn: Readonly<Record<LineSide, readonly Party[]>>;
  nextEventId(): string;
}

/** What one true event amounts to: its ground-truth record and the reports it caused. */
export interface Happening {
  readonly truth: TruthEvent;
  readonly observations: readonly Observation[];
}

export function otherSideOf(side: LineSide): LineSide {
  return side === 'left' ? 'right' : 'left';
}

/** A party holding `side` (the first one when several share it). */
export function partyOn(world: World, side: LineSide): Party {
  const parties = world.partyOn[side];
  return world.rng.pick(parties);
}

/** Weapons the agreement's withdrawal rules cover, heavy enough to be banned from the zone. */
export function isHeavy(world: World, weapon: WeaponKind): boolean {
  return world.agreement.withdrawalDistances.some((r) => r.weaponClass === weapon);
}

/**
 * Distance of a place from the line, metres. The plane's figure is within 0.5% of the
 * geodesic one; when that could tip a comparison with `limitM`, the geodesic one is computed.
 */
export function distanceFromLine(world: World, xy: XY, position: LonLat, limitM?: number): number {
  const planar = world.plane.nearest(xy).distanceM;
  if (limitM !== undefined && Math.abs(planar - limitM) < 0.01 * limitM + 100) {
    return distanceToLine(position, world.agreement.lineOfContact).distanceM;
  }
  return planar;
}

/** Weapon classes that fly: in a no-fly area whenever they are over it. */
const AIRBORNE: ReadonlySet<WeaponKind> = new Set(['aircraft', 'helicopter', 'drone']);

/**
 * The provisions a weapon at `origin` breaks, as the agreement writes them: the ceasefire when it
 * fired, every withdrawal rule whose distance the position is inside, the security zone for heavy
 * weapons (the classes the withdrawal rules cover) inside it, and a disengagement area the weapon
 * itself is in. `reached` is a place the weapon itself went to (armour crossing, a drone flying
 * to its target); a round landing somewhere puts nothing of the firer there, so fire that only
 * lands inside a disengagement area breaks the ceasefire, not the disengagement. An airborne
 * weapon (a drone, helicopter or aircraft) over a no-fly area at either place breaks it.
 */
export function provisionsBroken(
  world: World,
  weapon: WeaponKind,
  calibreMm: number | undefined,
  origin: { xy: XY; position: LonLat },
  reached: { position: LonLat } | undefined,
  fired: boolean,
): string[] {
  const out: string[] = fired ? [provision.ceasefire] : [];
  const a = world.agreement;
  for (const rule of a.withdrawalDistances) {
    if (!withdrawalRuleCovers(rule, weapon, calibreMm)) continue;
    const limitM = rule.distanceKm * 1000;
    if (distanceFromLine(world, origin.xy, origin.position, limitM) < limitM)
      out.push(provision.withdrawal(rule.id));
  }
  if (isHeavy(world, weapon)) {
    const limitM = a.securityZone.widthKm * 1000;
    if (distanceFromLine(world, origin.xy, origin.position, limitM) < limitM)
      out.push(provision.securityZone);
  }
  const places = reached ? [origin.position, reached.position] : [origin.position];
  for (const area of a.disengagementAreas) {
    if (places.some((p) => pointInPolygon(p, area.polygon)))
      out.push(provision.disengagement(area.id));
  }
  if (AIRBORNE.has(weapon)) {
    for (const area of a.noFlyAreas) {
      if (places.some((p) => pointInPolygon(p, area.polygon))) out.push(provision.noFly(area.id));
    }
  }
  return out;
}

/** A uniformly random point inside a polygon (rejection from its bounding box), or null. */
export function randomPointIn(
  rng: SimRandom,
  polygon: readonly (readonly LonLat[])[],
): LonLat | null {
  const outer = polygon[0] ?? [];
  const lons = outer.map((p) => p[0]);
  const lats = outer.map((p) => p[1]);
  const [w, e, s, n] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
  for (let i = 0; i < 200; i++) {
    const p: LonLat = [rng.between(w, e), rng.between(s, n)];
    if (pointInPolygon(p, polygon)) return p;
  }
  return null;
}
