/**
 * Points spread evenly over a region, for shares of it (which side of a line, which area): the
 * centres of a regular grid of cells over its longitude/latitude bounds that fall inside it.
 * Cells of equal degrees differ in area by cos(latitude), under 0.1 % across a 10 km region,
 * which is ignored.
 */
import { multiPolygonContains, pointInPolygon, type Region } from '../geo/index.js';
import type { LonLat, MultiPolygonCoords } from '../units.js';
import { bboxOf } from '../fusion/index.js';

export interface SamplingOptions {
  /** Cells along each side of the bounds; default 40 (up to 1,600 points). */
  readonly grid?: number;
  /** Refine the grid (doubling, up to 3 times) until at least this many points fall inside; default 400. */
  readonly minPoints?: number;
}

/** A region's points per grid and floor: regions are not changed once made, and each is read several times. */
const SAMPLED = new WeakMap<Region, Map<string, readonly LonLat[]>>();

export function samplePoints(region: Region, options: SamplingOptions = {}): readonly LonLat[] {
  const minPoints = options.minPoints ?? 400;
  const key = `${options.grid ?? 40}/${minPoints}`;
  let known = SAMPLED.get(region);
  const hit = known?.get(key);
  if (hit) return hit;
  const box = bboxOf(region);
  let grid = options.grid ?? 40;
  let points: LonLat[] = [];
  for (let round = 0; round < 4; round++, grid *= 2) {
    points = [];
    const dx = (box.maxX - box.minX) / grid;
    const dy = (box.maxY - box.minY) / grid;
    for (let i = 0; i < grid; i++) {
      for (let j = 0; j < grid; j++) {
        const p: LonLat = [box.minX + (i + 0.5) * dx, box.minY + (j + 0.5) * dy];
        // A region's polygon is the geo module's own, already valid.
        if (multiPolygonContains(p, region.polygon)) points.push(p);
      }
    }
    if (points.length >= minPoints) break;
  }
  if (!known) SAMPLED.set(region, (known = new Map()));
  known.set(key, points);
  return points;
}

/** Share of the region inside `area` (Polygon or MultiPolygon coordinates), 0..1. */
export function shareInside(
  region: Region,
  area: Parameters<typeof pointInPolygon>[1],
  options: SamplingOptions = {},
): number {
  const points = samplePoints(region, options);
  if (points.length === 0) return 0;
  // pointInPolygon checks the area as it answers the first point; the rest read it unchecked.
  let inside = pointInPolygon(points[0]!, area) ? 1 : 0;
  const polygons = (typeof area[0]?.[0]?.[0] === 'number' ? [area] : area) as MultiPolygonCoords;
  // Outside the area's bounds, a point is outside it.
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const polygon of polygons)
    for (const [x, y] of polygon[0] ?? []) {
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
      minY = Math.min(minY, y);
      maxY = Math.max(maxY, y);
    }
  for (let i = 1; i < points.length; i++) {
    const p = points[i]!;
    const within = p[0] >= minX && p[0] <= maxX && p[1] >= minY && p[1] <= maxY;
    if (within && multiPolygonContains(p, polygons)) inside++;
  }
  return inside / points.length;
}
