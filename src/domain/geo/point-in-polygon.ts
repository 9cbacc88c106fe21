/**
 * Whether a position lies in a Polygon or MultiPolygon.
 */
import type { LonLat, MultiPolygonCoords, PolygonCoords, Ring } from '../units.js';
import { checkLonLat, checkPolygonal, IssueList } from './input-checks.js';
import { hypot } from '../hypot.js';

/** A point this close to an edge (degrees, ~1 µm) is on the boundary. */
const ON_EDGE_DEG = 1e-11;

/** -1 outside, 0 on the boundary, 1 inside one ring (even-odd crossing count). */
function ringLocation(p: LonLat, ring: Ring): -1 | 0 | 1 {
  const [x, y] = p;
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[j] as LonLat;
    const b = ring[i] as LonLat;
    const [ax, ay] = a;
    const [bx, by] = b;
    const cross = (bx - ax) * (y - ay) - (by - ay) * (x - ax);
    if (
      Math.abs(cross) <= ON_EDGE_DEG * hypot(bx - ax, by - ay) &&
      x >= Math.min(ax, bx) &&
      x <= Math.max(ax, bx) &&
      y >= Math.min(ay, by) &&
      y <= Math.max(ay, by)
    ) {
      return 0;
    }
    // Half-open in y, so a ray through a vertex counts it once.
    if (ay > y !== by > y) {
      const xCross = ax + ((y - ay) * (bx - ax)) / (by - ay);
      if (x < xCross) inside = !inside;
    }
  }
  return inside ? 1 : -1;
}

/** pointInPolygon for already-checked MultiPolygon coordinates. */
export function multiPolygonContains(p: LonLat, polygons: MultiPolygonCoords): boolean {
  for (const polygon of polygons) {
    const [outer, ...holes] = polygon;
    if (!outer) continue;
    const where = ringLocation(p, outer);
    if (where === 0) return true;
    if (where < 0) continue;
    if (holes.every((hole) => ringLocation(p, hole) !== 1)) return true;
  }
  return false;
}

/**
 * True when p lies in the polygon: inside an outer ring and not strictly inside any of that
 * polygon's holes. Edges are straight lines in longitude/latitude, as RFC 7946 §3.1.1 reads
 * them; the geo module's own regions are dense enough that this differs from geodesic edges by
 * less than their stated maxErrorM. Polygons are closed sets: a point on any ring, outer or
 * hole, is inside. Rings crossing the antimeridian must be split (RFC 7946 §3.1.9).
 */
export function pointInPolygon(p: LonLat, polygon: PolygonCoords | MultiPolygonCoords): boolean {
  const issues = new IssueList();
  checkLonLat(p, 'p', issues);
  const polygons = checkPolygonal(polygon, 'polygon', issues);
  issues.throwIfAny('pointInPolygon input');
  return multiPolygonContains(p, polygons ?? []);
}
