/**
 * Where the fire came from, when the reports say. Origin evidence is a report made at or
 * towards the firing position:
 * - a muzzle flash (seen where the weapon is, whatever direction was filed);
 * - fire filed as `outgoing`: explosions heard leaving, projectiles seen rising, small-arms fire,
 *   flares, each placed by its point or its sector and range;
 * - an acoustic origin fix: bearing-only detections of outgoing fire from two or more sensors,
 *   crossed by least squares (fusion/triangulate.ts).
 * An origin resting on bearings that do not cross is a direction, not a place (`directionOnly`),
 * and a stated distance range is widened for attribution (`attributionRegion`,
 * RANGE_ERROR_FRACTION); attributeSide reads both.
 *
 * Impacts alone give no origin (the weapon's range and the crater's shape are not modelled), nor
 * does a projectile filed merely `in_flight`: the exchange format carries where it was seen, not
 * which way it flew.
 */
import type { Region } from '../geo/index.js';
import {
  bearingOf,
  clockErrorS,
  discPlaced,
  heardTogether,
  isBearingOnly,
  isMissionSource,
  locateConsensus,
  observationRegion,
  triangulateBearings,
  type Incident,
  type LocationMethod,
  type RegionOptions,
  type TriangulationOptions,
  REGION_DEFAULTS,
  statedWindowMs,
} from '../fusion/index.js';
import { inverse } from '../geo/index.js';
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
  /**
   * Set when the origin rests only on bearing-only detections that do not cross (a direction,
   * not a place), or on a bearing fix whose arrival times contradict the distances to it
   * (fusion/time.ts heardTogether: bearings of different shots): attributeSide never attributes
   * it. Not kept with the incident.
   */
  readonly directionOnly?: boolean;
  /**
   * The region attribution measures shares of: `region` rebuilt with every stated distance range
   * widened by RANGE_ERROR_FRACTION each side (see there); absent when no report states a range.
   * Not kept with the incident.
   */
  readonly attributionRegion?: Region;
}

/**
 * How much a stated distance range may understate the reporter's error, as a fraction of each
 * bound: "4-5 km" is read as 3-6.25 km (min × 0.75, max × 1.25) when attributing. Observers'
 * ranges are estimates (a patrol's guess, a camera's ±10 %) and cover the truth only about two
 * times in three; an origin built from them as if exact was confidently on the wrong side of the
 * line (measured: all the wrong sides on the demo scenario at noise 1 were such, BENCHMARKS.md
 * "Fusion quality"). Widened, a region that might cross the line is 'undetermined' instead.
 */
export const RANGE_ERROR_FRACTION = 0.25;

/** The observation with its distance range widened by `fraction` each side (see above). */
function withRangeError(o: Observation, fraction: number): Observation {
  if (!o.distanceKm || !o.observer || o.location) return o;
  const { min, max } = o.distanceKm;
  return { ...o, distanceKm: { min: min * (1 - fraction), max: max * (1 + fraction) } };
}

export interface OriginOptions extends RegionOptions {
  readonly triangulation?: TriangulationOptions;
  /** Widening of stated distance ranges for attribution; default RANGE_ERROR_FRACTION (0.25). */
  readonly rangeErrorFraction?: number;
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
  // Bearings from different shots can cross; their arrival times then contradict the crossing.
  const fixHeardTogether =
    !fix ||
    heardTogether(
      placed
        .filter((p) => fix.used.includes(p.o.id))
        .map((p) => ({
          stated: statedWindowMs(p.o),
          clockErrorS: clockErrorS(p.o),
          distanceM: inverse([p.o.observer!.lon, p.o.observer!.lat], fix.location).distanceM,
        })),
      fix.radius90M,
    );
  const fixPlaced = fix
    ? { fix, ids: fix.used, placed: discPlaced(fix.location, fix.radius90M) }
    : null;
  const used = new Set(fix?.used ?? []);
  const unfixed = placed.filter((p) => !used.has(p.o.id));
  const estimate = locateConsensus(
    unfixed.map((p) => ({ id: p.o.id, placed: p.placed, seq: p.seq })),
    fixPlaced,
  );
  const fraction = options.rangeErrorFraction ?? RANGE_ERROR_FRACTION;
  const ranged = unfixed.some((p) => withRangeError(p.o, fraction) !== p.o);
  const attributionRegion =
    ranged && fraction > 0
      ? locateConsensus(
          unfixed.map((p) => ({
            id: p.o.id,
            placed: observationRegion(withRangeError(p.o, fraction), regions),
            seq: p.seq,
          })),
          fixPlaced,
        ).region
      : undefined;
  return {
    region: estimate.region,
    location: estimate.location,
    radius90M: meters(estimate.radius90M),
    method: estimate.method,
    observationIds: basis.map((o) => o.id),
    sourceKinds: [...new Set(basis.map((o) => o.source.kind))].sort(),
    missionSourced: mission.length > 0,
    disagreeing: estimate.disagreeing,
    directionOnly: !fixHeardTogether || (!fix && basis.every((o) => isBearingOnly(o))),
    ...(attributionRegion ? { attributionRegion } : {}),
  };
}
