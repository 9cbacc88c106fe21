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
 * RANGE_ERROR_FRACTION); attributeSide reads both. Reports understate their errors, more so the
 * noisier the field: the attribution region is further widened by how much the origin's reports
 * disagree beyond their stated errors (consistency.ts), by the mission's recent measure of that,
 * or, for an origin one source places alone, by SINGLE_SOURCE_SCALE; and `leaveOneOut` lets
 * attributeSide check that no single report decides the side.
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
import { excessOf, originConsistency, type Consistency } from './consistency.js';
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
  /** Distinct sources (source ids) of the reports it rests on. */
  readonly sources?: number;
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
  /**
   * The attribution region again, once with each of the origin's reports (or its bearing fix,
   * as one) left out; absent with fewer than two. attributeSide names a side only when each of
   * them still lies mostly on it: no single report carries the origin across the line. Not kept
   * with the incident.
   */
  readonly leaveOneOut?: () => readonly {
    readonly id: string;
    readonly region: Region;
    /** What is left is bearings that do not cross: a direction, which cannot confirm a side. */
    readonly directionOnly: boolean;
  }[];
  /**
   * How far the origin's reports agree (consistency.ts), when they can be compared; the
   * attribution region is widened by `errorExcess` = max(the mission's scale, sqrt(χ²/dof)).
   * Not kept with the incident.
   */
  readonly consistency?: Consistency | null;
  readonly errorExcess?: number;
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

/**
 * The observation as attribution reads it when its reports understate their errors `scale`
 * times (≥ 1; consistency.ts): a point's radius × scale; a bearing sector's width × scale about
 * its middle (up to 180°); a distance range's half-width × scale about its middle, then widened
 * by `fraction` of each bound (withRangeError). At scale 1, withRangeError alone.
 */
export function widenForAttribution(o: Observation, fraction: number, scale: number): Observation {
  if (scale <= 1) return withRangeError(o, fraction);
  if (o.location) return { ...o, location: { ...o.location, radiusM: o.location.radiusM * scale } };
  let out = o;
  if (o.bearing) {
    const width = (((o.bearing.toDeg - o.bearing.fromDeg) % 360) + 360) % 360;
    if (width > 0) {
      const mid = o.bearing.fromDeg + width / 2;
      const half = Math.min(90, (width / 2) * scale);
      const wrap = (d: number) => ((d % 360) + 360) % 360;
      out = { ...out, bearing: { fromDeg: wrap(mid - half), toDeg: wrap(mid + half) } };
    }
  }
  if (o.distanceKm && o.observer) {
    const { min, max } = o.distanceKm;
    const extra = ((max - min) / 2) * (scale - 1);
    out = { ...out, distanceKm: { min: Math.max(0, min - extra), max: max + extra } };
  }
  return withRangeError(out, fraction);
}

export interface OriginOptions extends RegionOptions {
  readonly triangulation?: TriangulationOptions;
  /** Widening of stated distance ranges for attribution; default RANGE_ERROR_FRACTION (0.25). */
  readonly rangeErrorFraction?: number;
  /**
   * How many times the mission's reports understate their errors, as recently measured
   * (consistency.ts ErrorScale); default 1. The attribution region is widened by it, or by the
   * origin's own excess when larger.
   */
  readonly errorScale?: number;
  /** The least scale for an origin resting on one mission source; default SINGLE_SOURCE_SCALE. */
  readonly singleSourceScale?: number;
}

/**
 * How many times its stated error a lone placing source's report is taken to be off, at least,
 * when attributing: nothing checks it (consistency.ts needs a second report), and a report
 * cannot say how far it understates its own error. On the demo scenario at noise 3, lone
 * patrols and cameras named the wrong side with ranges 2-13 times further off than they stated
 * (a camera's "0.4-0.5 km" for a gun 6.4 km away). Measured on seed 3: 2 → 3 took noise-3
 * misattribution from 9 of 236 to 6 of 211 and cost noise-1 coverage 213 → 193 of 1,394
 * attributable (BENCHMARKS.md "Fusion quality: targets and analysis").
 */
export const SINGLE_SOURCE_SCALE = 3;

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
  const consistency =
    mission.length > 0
      ? originConsistency(
          unfixed.map((p) => p.o),
          fix,
          regions,
        )
      : null;
  const sources = new Set(basis.map((o) => `${o.source.kind}:${o.source.id}`)).size;
  // Sources that place the origin by themselves (bearings alone give only a direction).
  const placing = new Set(
    unfixed.filter((p) => !isBearingOnly(p.o)).map((p) => `${p.o.source.kind}:${p.o.source.id}`),
  ).size;
  const excess = Math.max(
    options.errorScale ?? 1,
    excessOf(consistency),
    mission.length > 0 && placing <= 1 && !fix
      ? (options.singleSourceScale ?? SINGLE_SOURCE_SCALE)
      : 1,
  );
  const widen = (o: Observation) => widenForAttribution(o, fraction, excess);
  const ranged = unfixed.some((p) => widen(p.o) !== p.o);
  const fixWidened =
    fix && excess > 1
      ? { fix, ids: fix.used, placed: discPlaced(fix.location, fix.radius90M * excess) }
      : fixPlaced;
  const attributionOf = (
    reports: readonly (typeof unfixed)[number][],
    withFix: typeof fixWidened,
  ): Region =>
    locateConsensus(
      reports.map((p) => ({
        id: p.o.id,
        placed: observationRegion(widen(p.o), regions),
        seq: p.seq,
      })),
      withFix,
    ).region;
  const attributionRegion =
    (ranged && fraction > 0) || excess > 1 ? attributionOf(unfixed, fixWidened) : undefined;
  const units = unfixed.length + (fixWidened ? 1 : 0);
  // Each report (or the fix, as one) left out in turn; what is left may be only bearings that do
  // not cross, a direction: then the side rested on the report left out alone.
  const onlyDirections = (rest: readonly (typeof unfixed)[number][], withFix: unknown) =>
    !withFix && rest.every((p) => isBearingOnly(p.o));
  const leaveOneOut =
    mission.length > 0 && units >= 2
      ? () => [
          ...unfixed.map((p) => {
            const rest = unfixed.filter((q) => q !== p);
            return {
              id: p.o.id,
              region: attributionOf(rest, fixWidened),
              directionOnly: onlyDirections(rest, fixWidened),
            };
          }),
          ...(fixWidened && unfixed.length > 0
            ? [
                {
                  id: `the fix of ${fix!.used.join(', ')}`,
                  region: attributionOf(unfixed, null),
                  directionOnly: onlyDirections(unfixed, null),
                },
              ]
            : []),
        ]
      : undefined;
  return {
    region: estimate.region,
    location: estimate.location,
    radius90M: meters(estimate.radius90M),
    method: estimate.method,
    observationIds: basis.map((o) => o.id),
    sourceKinds: [...new Set(basis.map((o) => o.source.kind))].sort(),
    sources,
    missionSourced: mission.length > 0,
    disagreeing: estimate.disagreeing,
    directionOnly: !fixHeardTogether || (!fix && basis.every((o) => isBearingOnly(o))),
    ...(attributionRegion ? { attributionRegion } : {}),
    ...(leaveOneOut ? { leaveOneOut } : {}),
    consistency,
    errorExcess: excess,
  };
}
