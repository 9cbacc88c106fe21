/**
 * Which party fired: the share of the origin region in each party's territory, attributed only
 * when one party holds at least `threshold` of it (default 0.95) and the origin rests on the
 * mission's own reports and is a place, not only bearings that do not cross (BEARING_ONLY_REASON).
 * Otherwise the answer is 'undetermined', with the shares that led there. The region measured is
 * the origin's `attributionRegion` (its reports' errors widened by how far they are likely
 * understated, origin.ts) when it has one; and with two reports or more, the side must survive
 * leaving any one of them out (LEAVE_ONE_OUT_SHARE), so that one bad report cannot decide it.
 *
 * Territory. A party with an `area` holds that polygon. A party without one holds its side of the
 * line of contact (agreement `side`, relative to the line's direction). A point in no party's
 * area goes to the party without an area on its side of the line, or to 'unassigned'.
 *
 * Method. The region is sampled on a regular grid (sampling.ts, ~1,000 points) and each point is
 * classified; with the line, a region whose bounding disc does not reach the line is classified
 * by its centre alone. Points are judged against the stretch of line within reach of the region,
 * so a long line costs no more than a short one.
 */
import type { Agreement, Party, Side } from '../agreement/index.js';
import {
  areaContaining,
  distanceToLine,
  inverse,
  regionCentroid,
  sideOfLine,
  type Region,
} from '../geo/index.js';
import { radiusAbout } from '../fusion/index.js';
import type { LonLat, MultiPolygonCoords, PolygonCoords } from '../units.js';
import type { OriginEstimate } from './origin.js';
import { samplePoints, type SamplingOptions } from './sampling.js';

export interface AttributionOptions extends SamplingOptions {
  /** Share of the origin region one party must hold to be named; default 0.95. */
  readonly threshold?: number;
  /**
   * Fewest distinct mission sources the origin must rest on to be attributed; default 1 (a lone
   * source is widened instead, origin.ts SINGLE_SOURCE_SCALE). 2 refuses every lone source
   * (SINGLE_SOURCE_REASON): on the demo scenario at noise 3 that left 0 wrong but 24 of 920
   * attributable attributed, against 113 with the widening.
   */
  readonly minSources?: number;
}

export const DEFAULT_ATTRIBUTION_THRESHOLD = 0.95;

export interface Attribution {
  /** A party id, or 'undetermined'. */
  readonly party: string;
  /** The largest share (0 when there was nothing to measure). */
  readonly confidence: number;
  /** Share of the origin region per party id; 'unassigned' for the rest. Sums to 1. */
  readonly shares: Readonly<Record<string, number>>;
  readonly reason: string;
}

export const UNDETERMINED = 'undetermined';

/**
 * The reason given when the origin rests on bearings alone that do not cross. A lone bearing's
 * region is a wedge to the sensor's whole reach (40 km); its share on each side of the line says
 * how much of that wedge lies there, not where the gun is, which the data do not say: a sensor
 * 8 km behind the line hearing its own side's gun 3 km away draws a wedge 80 % on the other side.
 * Measured: attributing such wedges gave 8.7 % wrong sides on the demo scenario, seed 1.
 */
export const BEARING_ONLY_REASON =
  'the origin rests on bearings alone that do not cross: a direction, not a place';
export const UNASSIGNED = 'unassigned';

/**
 * The reason given, with `minSources` 2, when the origin rests on one source: a single report's
 * stated error is all there is to judge it by, and reports understate it (origin.ts
 * SINGLE_SOURCE_SCALE). With two sources or more, each is checked against the others
 * (leave-one-out, consistency.ts).
 */
export const SINGLE_SOURCE_REASON =
  'the origin rests on one source: no report checks it, and one report must not decide a side';
export const DEFAULT_MIN_SOURCES = 1;

type Area = PolygonCoords | MultiPolygonCoords;

/**
 * Attributes the origin. `origin` may be an OriginEstimate (its sources are checked) or a bare
 * Region, which the caller vouches rests on mission reports.
 */
export function attributeSide(
  origin: OriginEstimate | Region,
  agreement: Agreement,
  options: AttributionOptions = {},
): Attribution {
  const threshold = options.threshold ?? DEFAULT_ATTRIBUTION_THRESHOLD;
  const region = 'polygon' in origin ? origin : (origin.attributionRegion ?? origin.region);
  if (!('polygon' in origin) && !origin.missionSourced) {
    return {
      party: UNDETERMINED,
      confidence: 0,
      shares: {},
      reason: `the origin rests on ${origin.sourceKinds.join(' and ')} reports alone; attribution needs a monitor or sensor`,
    };
  }
  if (!('polygon' in origin) && origin.directionOnly) {
    return { party: UNDETERMINED, confidence: 0, shares: {}, reason: BEARING_ONLY_REASON };
  }
  if (
    !('polygon' in origin) &&
    (origin.sources ?? Infinity) < (options.minSources ?? DEFAULT_MIN_SOURCES)
  ) {
    return { party: UNDETERMINED, confidence: 0, shares: {}, reason: SINGLE_SOURCE_REASON };
  }
  const shares = territoryShares(region, agreement, options);
  const ranked = Object.entries(shares).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const [top, share] = ranked[0] ?? [UNASSIGNED, 0];
  const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
  if (top === UNASSIGNED)
    return {
      party: UNDETERMINED,
      confidence: share,
      shares,
      reason: `${pct(share)} of the origin lies in no party's territory`,
    };
  if (share < threshold) {
    return {
      party: UNDETERMINED,
      confidence: share,
      shares,
      reason: `${top} holds ${pct(share)} of the origin region, below the ${pct(threshold)} needed`,
    };
  }
  // No single report may decide a side: with any one left out, the origin the rest give must
  // still lie mostly on that side (not have crossed the line).
  for (const loo of 'polygon' in origin ? [] : (origin.leaveOneOut?.() ?? [])) {
    // A direction left confirms nothing and refutes nothing: the report left out was the only
    // one placing the origin, which estimateOrigin has already widened (SINGLE_SOURCE_SCALE).
    if (loo.directionOnly) continue;
    const held = territoryShares(loo.region, agreement, options)[top] ?? 0;
    if (held <= LEAVE_ONE_OUT_SHARE) {
      return {
        party: UNDETERMINED,
        confidence: held,
        shares,
        reason: `${top} holds ${pct(share)} of the origin region, but only ${pct(held)} without ${loo.id}: ${LEAVE_ONE_OUT_REASON}`,
      };
    }
  }
  const widened =
    !('polygon' in origin) && (origin.errorExcess ?? 1) > 1
      ? ` (errors taken as ${origin.errorExcess!.toFixed(1)} × stated)`
      : '';
  return {
    party: top,
    confidence: share,
    shares,
    reason: `${top} holds ${pct(share)} of the origin region${widened}`,
  };
}

/** Share of a leave-one-out origin that must stay on the side named: more than half. */
export const LEAVE_ONE_OUT_SHARE = 0.5;

/** Said when the side rests on one report: without it the rest do not name the side. */
export const LEAVE_ONE_OUT_REASON = 'one report alone would decide the side';

/** Share of the region in each party's territory (see the module comment). */
export function territoryShares(
  region: Region,
  agreement: Agreement,
  options: SamplingOptions = {},
): Record<string, number> {
  const areas: Record<string, Area> = {};
  for (const p of agreement.parties) if (p.area) areas[p.id] = p.area.coordinates as Area;
  const bySide = (side: Side): string => {
    const holders = agreement.parties.filter((p: Party) => p.side === side && !p.area);
    return holders.length === 1 ? holders[0]!.id : UNASSIGNED;
  };
  const line = agreement.lineOfContact as readonly LonLat[];
  const centre = regionCentroid(region);
  const reach = radiusAbout(centre, region) + region.maxErrorM;
  const foot = distanceToLine(centre, line);
  const nearby =
    foot.distanceM > reach
      ? null
      : stretchNear(line, foot.segmentIndex, centre, 2 * reach + foot.distanceM);
  // A region the line does not reach lies on one side of it: the centre's.
  const wholeSide = nearby ? null : bySide(sideOfLine(centre, line));
  const hasAreas = Object.keys(areas).length > 0;
  const points = wholeSide !== null && !hasAreas ? [centre] : samplePoints(region, options);
  const counts = new Map<string, number>();
  for (const p of points) {
    const k =
      (hasAreas ? areaContaining(p, areas) : null) ?? wholeSide ?? bySide(sideOfLine(p, nearby!));
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const shares: Record<string, number> = {};
  for (const [k, n] of [...counts].sort((a, b) => (a[0] < b[0] ? -1 : 1)))
    shares[k] = n / points.length;
  return shares;
}

/**
 * The part of `line` around segment `at` that comes within `reachM` of `centre`, plus one vertex
 * beyond each end, so that points of the region find the same nearest point on it as on the line.
 */
function stretchNear(
  line: readonly LonLat[],
  at: number,
  centre: LonLat,
  reachM: number,
): LonLat[] {
  const within = (i: number) => inverse(centre, line[i]!).distanceM <= reachM;
  let from = Math.max(0, at - 1);
  while (from > 0 && within(from)) from--;
  let to = Math.min(line.length - 1, at + 2);
  while (to < line.length - 1 && within(to)) to++;
  return line.slice(from, to + 1);
}
