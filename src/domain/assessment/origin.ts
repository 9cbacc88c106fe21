/**
 * Where the fire came from, when the reports say. Origin evidence is a report made at or
 * towards the firing position:
 * - a muzzle flash (seen where the weapon is, whatever direction was filed);
 * - fire filed as `outgoing`: explosions heard leaving, projectiles seen rising, small-arms fire,
 *   flares, each placed by its point or its sector and range;
 * - an acoustic origin fix: bearing-only detections of outgoing fire from two or more sensors,
 *   crossed by least squares (fusion/triangulate.ts).
 * Impacts alone give no origin (the weapon's range and the crater's shape are not modelled), nor
 * does a projectile filed merely `in_flight`: the exchange format carries where it was seen, not
 * which way it flew.
 */
import type { Region } from '../geo/index.js';
import {
  bearingOf,
  discPlaced,
  isMissionSource,
  locateConsensus,
  observationRegion,
  triangulateBearings,
  type Incident,
  type LocationMethod,
  type RegionOptions,
  type TriangulationOptions,
  REGION_DEFAULTS,
} from '../fusion/index.js';
import type { EventKind, Observation, SourceKind } from '../observation/types.js';
import { meters, type LonLat, type Meters } from '../units.js';

export interface OriginEstimate {
  readonly region: Region;
  readonly location: LonLat;
  readonly radius90M: Meters;
  readonly method: LocationMethod;
  /** The reports the origin rests on. */
  readonly observationIds: readonly string[];
  readonly sourceKinds: readonly SourceKind[];
  /**
   * Whether it rests on the mission's own reports (monitor, sensor). When any mission report
   * speaks to the origin only those are used; otherwise the party and open-source reports are,
   * and the origin is shown but never attributed (see attributeSide).
   */
  readonly missionSourced: boolean;
  /** Origin reports whose regions do not meet the others'. */
  readonly disagreeing: readonly string[];
}

export interface OriginOptions extends RegionOptions {
  readonly triangulation?: TriangulationOptions;
}

const OUTGOING_FIRE: ReadonlySet<EventKind> = new Set([
  'explosion',
  'projectile_in_flight',
  'muzzle_flash',
  'small_arms_burst',
  'small_arms_shot',
  'illumination_flare',
]);

/** Whether a report places the firing position (see the module comment). */
export function speaksToOrigin(o: Observation): boolean {
  return o.event === 'muzzle_flash' || (o.direction === 'outgoing' && OUTGOING_FIRE.has(o.event));
}

/**
 * The origin of the incident's fire, from those of `observations` that are its members and speak
 * to the origin; null when none does (impacts only). Observations not in the incident are ignored.
 */
export function estimateOrigin(
  incident: Pick<Incident, 'observationIds'>,
  observations: readonly Observation[],
  options: OriginOptions = {},
): OriginEstimate | null {
  const members = new Set(incident.observationIds);
  const speaking = observations.filter((o) => members.has(o.id) && speaksToOrigin(o));
  if (speaking.length === 0) return null;
  const mission = speaking.filter((o) => isMissionSource(o.source.kind));
  const basis = mission.length > 0 ? mission : speaking;
  const regions = { ...REGION_DEFAULTS, ...options };
  const placed = basis.map((o, seq) => ({ o, seq, placed: observationRegion(o, regions) }));
  const bearings = mission.length > 0 ? placed.flatMap((p) => bearingOf(p.o, p.placed) ?? []) : [];
  const fix =
    bearings.length >= 2
      ? triangulateBearings(bearings, {
          maxRangeM: regions.bearingOnlyRangeM,
          ...options.triangulation,
        })
      : null;
  const fixPlaced = fix
    ? { fix, ids: fix.used, placed: discPlaced(fix.location, fix.radius90M) }
    : null;
  const used = new Set(fix?.used ?? []);
  const estimate = locateConsensus(
    placed
      .filter((p) => !used.has(p.o.id))
      .map((p) => ({ id: p.o.id, placed: p.placed, seq: p.seq })),
    fixPlaced,
  );
  return {
    region: estimate.region,
    location: estimate.location,
    radius90M: meters(estimate.radius90M),
    method: estimate.method,
    observationIds: basis.map((o) => o.id),
    sourceKinds: [...new Set(basis.map((o) => o.source.kind))].sort(),
    missionSourced: mission.length > 0,
    disagreeing: estimate.disagreeing,
  };
}
