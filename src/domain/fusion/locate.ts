/**
 * An incident's place: the region its reports agree on, most precise first.
 *
 * Start from the bearing fix if there is one, then intersect the given regions, smallest first.
 * A region that does not meet what has been agreed so far is left out and named in
 * `disagreeing`, so one wrong report cannot empty the estimate. Which reports are given is the
 * caller's choice (the engine gives the mission's own when it has any).
 */
import { inverse, regionCentroid, type Region } from '../geo/index.js';
import { meters, type LonLat, type Meters } from '../units.js';
import { overlapOf, placeRegion, type PlacedRegion } from './region.js';
import type { BearingFix } from './triangulate.js';

export interface LocatedMember {
  readonly id: string;
  readonly placed: PlacedRegion;
  /** Arrival order; breaks ties between regions of equal area. */
  readonly seq: number;
}

export type LocationMethod = 'triangulation' | 'intersection' | 'single';

export interface LocationEstimate {
  readonly region: Region;
  readonly location: LonLat;
  /** Radius of the disc about `location` that holds the region (or the fix's 90 % ellipse), metres. */
  readonly radius90M: Meters;
  readonly method: LocationMethod;
  /** Member ids whose regions make up `region` (bearings in the fix are represented by it). */
  readonly basis: readonly string[];
  /** Member ids whose regions do not meet the agreed region. */
  readonly disagreeing: readonly string[];
}

/** At most this many vertices are measured for the radius; evenly spaced along the outline. */
const RADIUS_SAMPLE = 96;

/** Greatest geodesic distance from `center` to the region's outline, metres. */
export function radiusAbout(center: LonLat, region: Region): number {
  let n = 0;
  for (const polygon of region.polygon) n += polygon[0]?.length ?? 0;
  const step = Math.max(1, Math.ceil(n / RADIUS_SAMPLE));
  let r = 0;
  for (const polygon of region.polygon) {
    const ring = polygon[0] ?? [];
    for (let i = 0; i < ring.length; i += step)
      r = Math.max(r, inverse(center, ring[i]!).distanceM);
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
  const disagreeing: string[] = [];
  for (const m of ordered) {
    const both = placed ? overlapOf(placed, m.placed) : m.placed;
    if (both) {
      placed = both;
      basis.push(m.id);
    } else disagreeing.push(m.id);
  }
  if (!placed) throw new Error('locateConsensus: no members and no fix');
  return estimate(placed, fix?.fix ?? null, basis, disagreeing);
}

export type PlacedEstimate = LocationEstimate & { readonly placed: PlacedRegion };

function estimate(
  placed: PlacedRegion,
  fix: BearingFix | null,
  basis: readonly string[],
  disagreeing: readonly string[],
): PlacedEstimate {
  const region = placed.region;
  if (fix)
    return {
      region,
      placed,
      location: fix.location,
      radius90M: fix.radius90M,
      method: 'triangulation',
      basis,
      disagreeing,
    };
  const method = basis.length > 1 ? 'intersection' : 'single';
  const location = placed.shape?.kind === 'disc' ? placed.shape.center : regionCentroid(region);
  const radius =
    placed.shape?.kind === 'disc' ? placed.shape.radiusM : radiusAbout(location, region);
  // A region cut from others has no shape: give it the disc that holds it, for cheap rejections.
  if (!placed.shape && !placed.bound)
    placed = placeRegion(region, null, Number.NaN, {
      center: location,
      radiusM: radius * 1.001 + region.maxErrorM,
    });
  return { region, placed, location, radius90M: meters(radius), method, basis, disagreeing };
}

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
  if (both === previous.placed) return { ...previous, basis: [...previous.basis, member.id] };
  return estimate(both, fix, [...previous.basis, member.id], previous.disagreeing);
}
