/**
 * An incident's place: the region its reports agree on, most precise first, and the most likely
 * point given them.
 *
 * Start from the bearing fix if there is one, then intersect the given regions, smallest first.
 * A region that does not meet what has been agreed so far is left out and named in
 * `disagreeing`, so one wrong report cannot empty the estimate. Which reports are given is the
 * caller's choice (the engine gives the mission's own when it has any). The region is what new
 * reports must meet to join; the location is the least-squares point of the reports that make it
 * up, each weighed by the precision it states (estimate.ts), with the fix's bearings as lines and
 * the reports' stamps ranging by sound when given. A lone report, or reports that fix no point
 * (bearings that do not cross), are placed at the centroid of their region.
 */
import { localDistance, regionCentroid, type Region } from '../geo/index.js';
import { meters, type LonLat, type Meters } from '../units.js';
import { majorSigmaM, PlaceEvidence, type PlaceReport, type Timing } from './estimate.js';
import { placeRegion, type PlacedRegion, type Shape } from './region.js';
import { overlapOf } from './region-meet.js';
import { RADIUS90_IN_SIGMA, type BearingFix } from './triangulate.js';

export interface LocatedMember {
  readonly id: string;
  readonly placed: PlacedRegion;
  /** Arrival order; breaks ties between regions of equal area. */
  readonly seq: number;
  /**
   * The report's shape as stated, for the point, when `placed` is drawn wider for linking (a
   * range widened to gate by); `placed.shape` when absent.
   */
  readonly shape?: Shape | null | undefined;
  /** When the report was stamped, for ranging by sound (estimate.ts timingOf); absent if unknown. */
  readonly timing?: Timing | undefined;
}

export type LocationMethod = 'triangulation' | 'intersection' | 'single';

export interface LocationEstimate {
  readonly region: Region;
  readonly location: LonLat;
  /**
   * Radius of the disc about `location` holding its 90 % error ellipse (widened by the reports'
   * excess disagreement, sqrt(χ²/dof), when above 1), metres; for one report, or reports that
   * fix no point, the disc about the region's centroid that holds the region.
   */
  readonly radius90M: Meters;
  readonly method: LocationMethod;
  /** Member ids whose regions make up `region` (bearings in the fix are represented by it). */
  readonly basis: readonly string[];
  /** Member ids whose regions do not meet the agreed region. */
  readonly disagreeing: readonly string[];
}

/** Floor of a least-squares radius90M, metres (as triangulate.ts minRadius90M). */
const MIN_RADIUS90_M = 5;

/** At most this many vertices are measured for the radius; evenly spaced along the outline. */
const RADIUS_SAMPLE = 96;

/**
 * Greatest geodesic distance from `center` to the region's outline, metres: over at most
 * RADIUS_SAMPLE of its vertices, each measured by a local solution (geo's local-geodesic.ts).
 */
export function radiusAbout(center: LonLat, region: Region): number {
  let n = 0;
  for (const polygon of region.polygon) n += polygon[0]?.length ?? 0;
  const step = Math.max(1, Math.ceil(n / RADIUS_SAMPLE));
  let r = 0;
  for (const polygon of region.polygon) {
    const ring = polygon[0] ?? [];
    for (let i = 0; i < ring.length; i += step) r = Math.max(r, localDistance(center, ring[i]!));
  }
  return r;
}

function bySize(a: LocatedMember, b: LocatedMember): number {
  return a.placed.areaM2 - b.placed.areaM2 || a.seq - b.seq;
}

/**
 * The consensus place of `members`; `fix` (with its disc) replaces the bearings it was made from,
 * which the caller leaves out of `members`. Precondition: `members` non-empty or `fix` given.
 */
export function locateConsensus(
  members: readonly LocatedMember[],
  fix: {
    readonly fix: BearingFix;
    readonly placed: PlacedRegion;
    readonly ids: Iterable<string>;
  } | null,
): PlacedEstimate {
  const ordered = [...members].sort(bySize);
  let placed: PlacedRegion | null = fix ? fix.placed : null;
  const basis: string[] = fix ? [...fix.ids] : [];
  const agreeing: LocatedMember[] = [];
  const disagreeing: string[] = [];
  for (const m of ordered) {
    const both = placed ? overlapOf(placed, m.placed) : m.placed;
    if (both) {
      placed = both;
      basis.push(m.id);
      agreeing.push(m);
    } else disagreeing.push(m.id);
  }
  if (!placed) throw new Error('locateConsensus: no members and no fix');
  const reports: PlaceReport[] = [];
  for (const b of fix?.fix.bearings ?? []) reports.push({ bearing: b, timing: b.timing });
  for (const m of agreeing) {
    const r = reportOf(m);
    if (r) reports.push(r);
  }
  return estimate(
    placed,
    fix?.fix ?? null,
    basis,
    agreeing.length,
    reports,
    undefined,
    disagreeing,
  );
}

export type PlacedEstimate = LocationEstimate & {
  readonly placed: PlacedRegion;
  /** The fix's bearings and the members in `basis`, as the least-squares point reads them. */
  readonly reports: readonly PlaceReport[];
  /** `reports` read (see `evidenceOf`); undefined until a point is asked of them. */
  readonly evidence: PlaceEvidence | null | undefined;
  /** Members in `basis` other than the fix's bearings. */
  readonly agreeing: number;
};

function reportOf(m: LocatedMember): PlaceReport | null {
  const shape = m.shape === undefined ? m.placed.shape : m.shape;
  return shape ? { shape, timing: m.timing } : null;
}

/** The reports' least-squares point and its 90 % radius; null when they fix no point. */
function pointOf(evidence: PlaceEvidence | null): { location: LonLat; radius90M: number } | null {
  const ls = evidence?.estimate();
  if (!ls) return null;
  const excess = ls.dof > 0 ? Math.max(1, Math.sqrt(ls.chi2 / ls.dof)) : 1;
  const radius = RADIUS90_IN_SIGMA * majorSigmaM(ls.covariance) * excess;
  if (!Number.isFinite(radius)) return null;
  return { location: ls.location, radius90M: Math.max(MIN_RADIUS90_M, radius) };
}

/** The place's reports as read for the least-squares point, read now if they were not yet. */
function evidenceOf(p: PlacedEstimate): PlaceEvidence | null {
  return p.evidence !== undefined ? p.evidence : PlaceEvidence.of(p.reports);
}

function estimate(
  placed: PlacedRegion,
  fix: BearingFix | null,
  basis: readonly string[],
  agreeing: number,
  reports: readonly PlaceReport[],
  known: PlaceEvidence | null | undefined,
  disagreeing: readonly string[],
): PlacedEstimate {
  const region = placed.region;
  // One report is placed by its own region: a Gaussian reading of it adds nothing, and is not
  // made until another report joins (evidenceOf).
  const wantsPoint = agreeing > 1 || fix !== null;
  const evidence = wantsPoint && known === undefined ? PlaceEvidence.of(reports) : known;
  const point = wantsPoint ? pointOf(evidence ?? null) : null;
  if (fix)
    return {
      region,
      placed,
      location: point?.location ?? fix.location,
      radius90M: meters(point?.radius90M ?? fix.radius90M),
      method: 'triangulation',
      basis,
      reports,
      evidence,
      agreeing,
      disagreeing,
    };
  const method = basis.length > 1 ? 'intersection' : 'single';
  // A region cut from others has no shape: give it the disc that holds it, for cheap rejections.
  const c = (!placed.shape && !placed.bound) || !point ? centred(placed) : null;
  if (c) placed = c.placed;
  return {
    region,
    placed,
    location: point?.location ?? c!.location,
    radius90M: meters(point?.radius90M ?? c!.radius),
    method,
    basis,
    reports,
    evidence,
    agreeing,
    disagreeing,
  };
}

/**
 * Where a region is centred and how far it reaches (a disc's own centre and radius), with the
 * region bounded for cheap rejections when it has neither shape nor bound; remembered per region,
 * since refolds of a place mostly end on the same one.
 */
function centred(placed: PlacedRegion): Centred {
  const known = centres.get(placed);
  if (known) return known;
  const region = placed.region;
  const disc = placed.shape?.kind === 'disc' ? placed.shape : null;
  const location = disc?.center ?? regionCentroid(region);
  const radius = disc?.radiusM ?? radiusAbout(location, region);
  const bounded =
    !placed.shape && !placed.bound
      ? placeRegion(region, null, Number.NaN, {
          center: location,
          radiusM: radius * 1.001 + region.maxErrorM,
        })
      : placed;
  const c = { placed: bounded, location, radius: meters(radius) };
  centres.set(placed, c);
  return c;
}

interface Centred {
  readonly placed: PlacedRegion;
  readonly location: LonLat;
  readonly radius: Meters;
}

const centres = new WeakMap<PlacedRegion, Centred>();

/**
 * `locateConsensus` with one more member whose region is at least as large as every region
 * already considered (so it would come last in the ordering): one overlap, not a refold.
 */
export function extendConsensus(
  previous: PlacedEstimate,
  member: LocatedMember,
  fix: BearingFix | null,
): PlacedEstimate {
  const both = overlapOf(previous.placed, member.placed);
  if (!both) return { ...previous, disagreeing: [...previous.disagreeing, member.id] };
  // An unchanged region keeps its bounding disc; the point moves with the new report.
  const report = reportOf(member);
  const read = evidenceOf(previous);
  const evidence = report ? (read?.with(report) ?? PlaceEvidence.of([report])) : read;
  return estimate(
    both,
    fix,
    [...previous.basis, member.id],
    previous.agreeing + 1,
    report ? [...previous.reports, report] : previous.reports,
    evidence,
    previous.disagreeing,
  );
}
