/**
 * Geodesic area of a Polygon or MultiPolygon on WGS84.
 */
import {
  squareKilometers,
  type MultiPolygonCoords,
  type PolygonCoords,
  type Ring,
  type SquareKilometers,
} from '../units.js';
import { WGS84 } from './ellipsoid.js';
import { checkPolygonal, IssueList } from './input-checks.js';

/** Area enclosed by one ring whose edges are geodesics, m², whatever its winding. */
export function ringAreaM2(ring: Ring): number {
  const p = WGS84.Polygon(false);
  // The closing position repeats the first; GeographicLib closes the ring itself.
  for (let i = 0; i < ring.length - 1; i++) {
    const pos = ring[i];
    if (pos) p.AddPoint(pos[1], pos[0]);
  }
  // sign = true: a clockwise ring gives a small negative area, not the rest of the ellipsoid.
  return Math.abs(p.Compute(false, true).area ?? 0);
}

/** Area of already-checked MultiPolygon coordinates, m². */
export function multiPolygonAreaM2(polygons: MultiPolygonCoords): number {
  let total = 0;
  for (const polygon of polygons) {
    polygon.forEach((ring, i) => {
      total += i === 0 ? ringAreaM2(ring) : -ringAreaM2(ring);
    });
  }
  return total;
}

/**
 * Geodesic area, km²: each polygon's outer ring minus its holes, summed over the polygons
 * (edges are read as geodesics; GeographicLib's PolygonArea, Karney 2013 §6). Either winding is
 * accepted. Rings must be closed (RFC 7946 §3.1.6); a hole is assumed to lie inside its outer
 * ring, and polygons of a MultiPolygon not to overlap (overlaps are counted twice).
 */
export function polygonArea(polygon: PolygonCoords | MultiPolygonCoords): SquareKilometers {
  const issues = new IssueList();
  const polygons = checkPolygonal(polygon, 'polygon', issues);
  issues.throwIfAny('polygonArea input');
  return squareKilometers(multiPolygonAreaM2(polygons ?? []) / 1e6);
}
