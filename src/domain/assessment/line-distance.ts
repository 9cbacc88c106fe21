/**
 * How far from the line an uncertain place may be: the probability that it is within a given
 * distance of the line, for the limits of the agreement (withdrawal distances, the security zone)
 * and for the range bound of a weapon heard there (weapons.ts firedWithin).
 *
 * Two readings of a place's uncertainty:
 * - a point estimate with a 90 % radius (a least-squares point, a bearing fix): a circular
 *   Gaussian, its offset across the line folded (limits.ts withinOfLine);
 * - a place that is only a region (one report, or reports that fix no point: the incident's
 *   radius is then the disc that holds the region, not a 90 % radius): the region itself, every
 *   part of it as likely (as shares of territory and areas are read, sampling.ts). A bearing
 *   with no range is a wedge along the bearing, not a disc about its centroid.
 */
import { distanceToLine, type Region } from '../geo/index.js';
import type { LonLat } from '../units.js';
import { withinLimit, withinOfLine } from './limits.js';
import { samplePoints, type SamplingOptions } from './sampling.js';

/** Probability that the place is within `limitM` of the line. */
export type DistanceLaw = (limitM: number) => number;

export function gaussianLaw(distanceM: number, radius90M: number): DistanceLaw {
  return (limitM) => withinOfLine(distanceM, limitM, radius90M);
}

/**
 * The reading without a prior: the Gaussian's offset toward the line only (limits.ts withinLimit),
 * as matched before the fold; the folded reading lowers recall by 0.015 on the demo (every claim
 * it drops was right) and waits on the prior, which carries what the fold takes away.
 */
export function oneSidedLaw(distanceM: number, radius90M: number): DistanceLaw {
  return (limitM) => withinLimit(distanceM, limitM, radius90M);
}

/** The share of the region's sampled points within each distance of the line. */
export function regionLaw(
  region: Region,
  line: readonly LonLat[],
  options: SamplingOptions = {},
  prior?: (distanceM: number) => number,
): DistanceLaw | null {
  const points = samplePoints(region, options);
  if (points.length === 0) return null;
  const d = points.map((p) => distanceToLine(p, line).distanceM).sort((a, b) => a - b);
  const w = d.map((x) => (prior ? prior(x) : 1));
  const cum: number[] = [];
  let t = 0;
  for (const x of w) cum.push((t += x));
  if (!(t > 0)) return null;
  return (limitM) => {
    if (limitM < 0) return 0;
    let lo = 0;
    let hi = d.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (d[mid]! <= limitM) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? 0 : cum[lo - 1]! / t;
  };
}

/**
 * The law of a place: with a prior (LinePrior), its region weighed by it when the place is wide
 * and not a bearing fix; else the Gaussian of its point and 90 % radius (read alone, a wide region
 * scored as its Gaussian does, at ten times the cost). A wide place of several reports that fix no
 * point (bearings running along each other, a bearing inside a wide sector) is as much only its
 * region as one report's:
 * its radius is the disc that holds that region, and its Gaussian about the centroid counts the
 * length of the wedge as error across the line (26.6 km read as a 90 % radius, where the region
 * runs from the array's side of the line into the other).
 */
export function placeLaw(
  place: {
    readonly location: LonLat;
    readonly radius90M: number;
    readonly region: Region;
    readonly method: string;
  },
  line: readonly LonLat[],
  options: SamplingOptions = {},
  prior?: (distanceM: number) => number,
): DistanceLaw {
  // Computed when first read, and only once: most places are never read against a limit.
  let law: DistanceLaw | null = null;
  return (limitM) => {
    if (!law) {
      const region =
        prior && place.method !== 'triangulation' && place.radius90M > WIDE_M
          ? regionLaw(place.region, line, { ...REGION_SAMPLING, ...options }, prior)
          : null;
      const d = distanceToLine(place.location, line).distanceM;
      law = region ?? (prior ? gaussianLaw(d, place.radius90M) : oneSidedLaw(d, place.radius90M));
    }
    return law(limitM);
  };
}

/**
 * A single place wider than this is read by its region (a bearing without range, a long sector);
 * a narrower one by its Gaussian, which reads a disc of a few kilometres within a point or two.
 */
const WIDE_M = 5000;

/**
 * Sampling of a region for its distances: 16 × 16 cells refined until 100 points fall inside
 * (a share read against 0.5 to about a point); the caller's options take precedence.
 */
const REGION_SAMPLING: SamplingOptions = { grid: 16, minPoints: 100 };

export interface LinePriorOptions {
  /** Width of the distance bins, metres; default 1,000. */
  readonly binM?: number;
  /** Distances beyond this fall in the last bin, metres; default 60,000. */
  readonly maxM?: number;
  /** Incidents placed within this 90 % radius are counted, metres; default 2,000. */
  readonly maxRadius90M?: number;
  /**
   * A class is read only once this many of its incidents are counted; default 10 (the record then
   * outweighs the even prior, PRIOR_LANDINGS).
   */
  readonly minCount?: number;
  /**
   * How many landings the even prior is worth (> 0), spread evenly over the bins so no distance is
   * ruled out; default PRIOR_LANDINGS.
   */
  readonly priorLandings?: number;
}

/**
 * The even prior's weight, in landings. One pseudo-count per 1 km bin (60 in all) read a class's
 * first 30 landings at a third of their weight or less, so a mortar heard along a 40 km wedge kept
 * much of its weight where the mission has never found one land: on the demo (seeds 1-3, noise 1)
 * withdrawal matches of a mission-named weapon bounded by its range and stated at 0.3-0.5 were
 * right 58 times of 63. Six landings keep every distance possible and let ten landings speak.
 */
export const PRIOR_LANDINGS = 6;

/**
 * Where the mission has found fire of each weapon class landing: the distances from the line of
 * its own precisely placed impacts (a mission source, a 90 % radius within `maxRadius90M`, the
 * weapon named), binned, with an even prior worth `priorLandings` so no distance is ruled out. A place
 * known only as a long region (a bearing with no range: a 40 km wedge) is read with it: of the
 * places along the wedge, those where such fire lands are the likelier. Nothing is read before a
 * class has `minCount` incidents (the region alone, every part as likely).
 *
 * Only landings are kept: origins placed precisely are mostly those seen from near the line
 * (muzzle flashes by cameras and patrols), so their record is nearer the line than fire is.
 * Pure: the caller records incidents as they are assessed; an incident recorded again replaces
 * its earlier place, and one released (release) keeps its count and no longer its id.
 */
export class LinePrior {
  private readonly binM: number;
  private readonly bins: number;
  private readonly maxRadius90M: number;
  private readonly minCount: number;
  private readonly pseudo: number;
  private readonly counts = new Map<string, number[]>();
  private readonly totals = new Map<string, number>();
  private readonly recorded = new Map<string, { weapon: string; bin: number }>();

  constructor(options: LinePriorOptions = {}) {
    this.binM = options.binM ?? 1000;
    this.bins = Math.max(1, Math.ceil((options.maxM ?? 60_000) / this.binM));
    this.maxRadius90M = options.maxRadius90M ?? 2000;
    this.minCount = options.minCount ?? 10;
    this.pseudo = (options.priorLandings ?? PRIOR_LANDINGS) / this.bins;
  }

  /** Counts the incident if it is a precisely placed landing of a named weapon (mission-sourced). */
  record(
    incident: {
      readonly id: string;
      readonly location: LonLat;
      readonly radius90M: number;
      readonly weapon: string;
      readonly direction: string;
      readonly sourceKinds: readonly string[];
    },
    line: readonly LonLat[],
  ): void {
    this.forget(incident.id);
    const mission = incident.sourceKinds.some((k) => k === 'monitor' || k === 'sensor');
    if (
      !mission ||
      incident.weapon === 'undetermined' ||
      incident.direction === 'outgoing' ||
      incident.radius90M > this.maxRadius90M
    )
      return;
    const d = distanceToLine(incident.location, line).distanceM;
    const bin = Math.min(this.bins - 1, Math.floor(d / this.binM));
    let c = this.counts.get(incident.weapon);
    if (!c) this.counts.set(incident.weapon, (c = new Array<number>(this.bins).fill(0)));
    c[bin]!++;
    this.totals.set(incident.weapon, (this.totals.get(incident.weapon) ?? 0) + 1);
    this.recorded.set(incident.id, { weapon: incident.weapon, bin });
  }

  private forget(id: string): void {
    const r = this.recorded.get(id);
    if (!r) return;
    this.counts.get(r.weapon)![r.bin]!--;
    this.totals.set(r.weapon, this.totals.get(r.weapon)! - 1);
    this.recorded.delete(id);
  }

  /**
   * Forgets which incident a counted landing was, keeping the count: the incident left the
   * window (it will not be recorded again) or was merged into another (which is recorded in its
   * place, so its landing is taken back). Keeps the memory to the live incidents.
   */
  release(id: string, merged = false): void {
    if (merged) this.forget(id);
    else this.recorded.delete(id);
  }

  /** Landings of the class counted so far. */
  count(weapon: string): number {
    return this.totals.get(weapon) ?? 0;
  }

  /** Relative density of the class's landings at this distance; null before `minCount`. */
  density(weapon: string): ((distanceM: number) => number) | null {
    const n = this.count(weapon);
    if (n < this.minCount) return null;
    const c = this.counts.get(weapon)!;
    return (distanceM) => {
      const bin = Math.min(this.bins - 1, Math.max(0, Math.floor(distanceM / this.binM)));
      return (c[bin]! + this.pseudo) / (n + this.pseudo * this.bins);
    };
  }
}
