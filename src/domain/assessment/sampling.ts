/**
 * Points spread evenly over a region, for shares of it (which side of a line, which area): the
 * centres of a regular grid of cells over its longitude/latitude bounds that fall inside it.
 * Cells of equal degrees differ in area by cos(latitude), under 0.1 % across a 10 km region,
 * which is ignored.
 */
import { pointInPolygon, type Region } from '../geo/index.js';
import type { LonLat } from '../units.js';
import { bboxOf } from '../fusion/index.js';

export interface SamplingOptions {
  /** Cells along each side of the bounds; default 40 (up to 1,600 points). */
  readonly grid?: number;
  /** Refine the grid (doubling, up to 3 times) until at least this many points fall inside; default 400. */
  readonly minPoints?: number;
}

export function samplePoints(region: Region, options: SamplingOptions = {}): LonLat[] {
  const box = bboxOf(region);
  const minPoints = options.minPoints ?? 400;
  let grid = options.grid ?? 40;
  let points: LonLat[] = [];
  for (let round = 0; round < 4; round++, grid *= 2) {
    points = [];
    const dx = (box.maxX - box.minX) / grid;
    const dy = (box.maxY - box.minY) / grid;
    for (let i = 0; i < grid; i++) {
      for (let j = 0; j < grid; j++) {
        const p: LonLat = [box.minX + (i + 0.5) * dx, box.minY + (j + 0.5) * dy];
        if (pointInPolygon(p, region.polygon)) points.push(p);
      }
    }
    if (points.length >= minPoints) break;
  }
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
  return points.filter((p) => pointInPolygon(p, area)).length / points.length;
}
