import { describe, expect, it } from 'vitest';
import { discRegion } from './disc-region.js';
import { intersectRegions } from './intersect-regions.js';
import { pointInPolygon } from './point-in-polygon.js';
import { regionAreaM2 } from './region-area.js';
import type { Region } from './region.js';
import { isRfc7946Wound } from './test-support/sector-shape.js';
import { validationPaths } from './test-support/validation-paths.js';
import { unionRegions } from './union-regions.js';

describe('unionRegions', () => {
  it('merges overlapping regions into one polygon of area A + B - overlap', () => {
    const a = discRegion([37.8, 48.0], 2000);
    const b = discRegion([37.82, 48.0], 2000, { maxErrorM: 5 });
    const u = unionRegions([a, b]);
    expect(u.polygon).toHaveLength(1);
    expect(isRfc7946Wound(u.polygon)).toBe(true);
    expect(u.maxErrorM).toBe(10);
    const overlap = regionAreaM2(intersectRegions(a, b) as Region);
    const expected = regionAreaM2(a) + regionAreaM2(b) - overlap;
    expect(Math.abs(regionAreaM2(u) - expected) / expected).toBeLessThan(1e-6);
  });

  it('keeps disjoint regions as separate polygons, holding points of each', () => {
    const u = unionRegions([discRegion([37.0, 48.0], 1000), discRegion([38.0, 48.0], 1000)]);
    expect(u.polygon).toHaveLength(2);
    expect(pointInPolygon([37.0, 48.0], u.polygon)).toBe(true);
    expect(pointInPolygon([38.0, 48.0], u.polygon)).toBe(true);
    expect(pointInPolygon([37.5, 48.0], u.polygon)).toBe(false);
  });

  it('returns one region unchanged in area', () => {
    const a = discRegion([37.8, 48.0], 2000);
    expect(regionAreaM2(unionRegions([a]))).toBeCloseTo(regionAreaM2(a), 0);
  });

  it('rejects an empty list with VALIDATION', () => {
    expect(validationPaths(() => unionRegions([]))).toEqual(['regions']);
  });

  it('names the bad region in a list', () => {
    const bad = { polygon: [], maxErrorM: 10 } as unknown as Region;
    expect(validationPaths(() => unionRegions([discRegion([0, 0], 10), bad]))).toEqual([
      'regions[1].polygon',
    ]);
  });
});
