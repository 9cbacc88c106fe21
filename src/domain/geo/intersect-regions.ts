/**
 * Where two regions overlap: the place two observations of one event agree on.
 */
import polygonClipping, { type MultiPolygon, type Pair } from 'polygon-clipping';
import { clipConvex, convexRing, ringArea2 } from './convex-clip.js';
import { meters } from '../units.js';
import { IssueList } from './input-checks.js';
import { fromPlane, planeFor, toPlane } from './region-plane.js';
import { checkRegion, type Region } from './region.js';

/**
 * The overlap of a and b, or null when they do not meet (touching along an edge or at a point
 * is not meeting: the overlap has no area). Clipped in a local azimuthal equidistant plane
 * centred on the pair (region-plane.ts), then mapped back to lon/lat: two convex polygons by
 * convex-clip.ts, anything else by polygon-clipping.
 *
 * maxErrorM of the result is a.maxErrorM + b.maxErrorM: near a corner where the two boundaries
 * cross, both errors can push the corner the same way. (At very shallow crossings a corner can
 * move further than that; the boundary away from corners stays within the larger input error.)
 */
export function intersectRegions(a: Region, b: Region): Region | null {
  return intersectRegionsMeasured(a, b)?.region ?? null;
}

/**
 * intersectRegions, with the overlap's area, m², as measured in the clipping plane (an azimuthal
 * equidistant plane about the pair, whose areas are within about (d/R)²/6 of the ellipsoid's at
 * d from its centre: a millionth at 20 km).
 */
export function intersectRegionsMeasured(a: Region, b: Region): { region: Region; areaM2: number } | null {
  const issues = new IssueList();
  checkRegion(a, 'a', issues);
  checkRegion(b, 'b', issues);
  issues.throwIfAny('intersectRegions input');
  const plane = planeFor([a.polygon, b.polygon]);
  const pa = toPlane(plane, a.polygon);
  const pb = toPlane(plane, b.polygon);
  const overlap = convexOverlap(pa, pb) ?? polygonClipping.intersection(pa, pb);
  if (overlap.length === 0) return null;
  const region = { polygon: fromPlane(plane, overlap), maxErrorM: meters(a.maxErrorM + b.maxErrorM) };
  return { region, areaM2: planeAreaM2(overlap) };
}

/** The area of plane polygons, m²: each ring's shoelace area, holes taken away. */
function planeAreaM2(polygons: MultiPolygon): number {
  let area = 0;
  for (const polygon of polygons) polygon.forEach((ring, i) => (area += (i === 0 ? 1 : -1) * Math.abs(ringArea2(ring)) / 2));
  return area;
}

/** The overlap of two convex polygons (empty when none), or undefined when either is not convex. */
function convexOverlap(a: MultiPolygon, b: MultiPolygon): MultiPolygon | undefined {
  const ra = convexRing(a);
  const rb = ra && convexRing(b);
  if (!ra || !rb) return undefined;
  const ring = clipConvex(ra, rb) as Pair[];
  return ring.length === 0 ? [] : [[[...ring, ring[0]!]]];
}
