import { describe, expect, it } from 'vitest';
import type { LonLat } from '../units.js';
import { annularSectorRegion } from './annular-sector-region.js';
import { direct } from './direct.js';
import { discRegion } from './disc-region.js';
import { inverse } from './inverse.js';
import { intersectRegions, intersectRegionsMeasured } from './intersect-regions.js';
import { pointInPolygon } from './point-in-polygon.js';
import { regionAreaM2 } from './region-area.js';
import type { Region } from './region.js';
import {
  allVertices,
  gapToBoundary,
  isRfc7946Wound,
  shapeContains,
  type SectorShape,
} from './test-support/sector-shape.js';
import { validationPaths } from './test-support/validation-paths.js';
import { wedgeRegion } from './wedge-region.js';

const EVENT: LonLat = [37.9312, 47.9405];

/** What an observer at `observer` would report of EVENT: bearing ± halfWidth, range ± slack. */
function sighting(
  observer: LonLat,
  halfWidthDeg: number,
  slackM: number,
): { region: Region; shape: SectorShape } {
  const { distanceM, azimuth1Deg } = inverse(observer, EVENT);
  const fromDeg = (azimuth1Deg - halfWidthDeg + 360) % 360;
  const toDeg = (azimuth1Deg + halfWidthDeg) % 360;
  const minM = Math.max(0, distanceM - slackM);
  const maxM = distanceM + slackM;
  return {
    region: annularSectorRegion(observer, { fromDeg, toDeg }, { minM, maxM }),
    shape: { observer, fromDeg, spanDeg: 2 * halfWidthDeg, minM, maxM },
  };
}

describe('intersectRegions', () => {
  it('keeps the true point in the overlap of two annular sectors seen from two observers', () => {
    const a = sighting([37.8, 48.01], 6, 1000);
    const b = sighting([38.05, 47.99], 8, 1500);
    const both = intersectRegions(a.region, b.region);
    expect(both).not.toBeNull();
    if (!both) return;
    expect(pointInPolygon(EVENT, both.polygon)).toBe(true);
    expect(both.maxErrorM).toBe(a.region.maxErrorM + b.region.maxErrorM);
    expect(isRfc7946Wound(both.polygon)).toBe(true);
    expect(regionAreaM2(both)).toBeLessThan(
      Math.min(regionAreaM2(a.region), regionAreaM2(b.region)),
    );
    // Every vertex of the overlap lies in both true sectors, give or take the stated error.
    for (const v of allVertices(both.polygon)) {
      for (const s of [a.shape, b.shape]) {
        expect(shapeContains(s, v) || gapToBoundary(s, v) <= both.maxErrorM).toBe(true);
      }
    }
  });

  it('keeps the true point where two bearing-only wedges cross, one of them wrapping through north', () => {
    const south: LonLat = [37.93, 47.8];
    const west: LonLat = [37.7, 47.95];
    const bearing = (o: LonLat): number => inverse(o, EVENT).azimuth1Deg;
    expect(bearing(south)).toBeLessThan(2);
    const w1 = wedgeRegion(south, { fromDeg: 355, toDeg: (bearing(south) + 3) % 360 });
    const w2 = wedgeRegion(west, { fromDeg: bearing(west) - 3, toDeg: bearing(west) + 3 });
    const both = intersectRegions(w1, w2);
    expect(both && pointInPolygon(EVENT, both.polygon)).toBe(true);
  });

  it('returns null for regions that do not meet', () => {
    expect(
      intersectRegions(discRegion([37.8, 48.0], 1000), discRegion([37.9, 48.0], 1000)),
    ).toBeNull();
  });

  it('returns null for an annulus and a disc inside its hole', () => {
    const ring = annularSectorRegion(
      [37.8, 48.0],
      { fromDeg: 0, toDeg: 360 },
      { minM: 3000, maxM: 5000 },
    );
    expect(intersectRegions(ring, discRegion([37.8, 48.0], 2000))).toBeNull();
  });

  it('gives a region inside the smaller of nested regions its own shape back, within error', () => {
    const big = discRegion([37.8, 48.0], 5000);
    const small = discRegion(direct([37.8, 48.0], 45, 1000), 1000);
    const both = intersectRegions(big, small);
    expect(both).not.toBeNull();
    expect(
      Math.abs(regionAreaM2(both as Region) - regionAreaM2(small)) / regionAreaM2(small),
    ).toBeLessThan(1e-6);
  });

  it('works for regions straddling the antimeridian', () => {
    const a = discRegion([179.99, 0], 3000);
    const b = discRegion([-179.99, 0], 3000);
    const both = intersectRegions(a, b);
    expect(both).not.toBeNull();
    expect(pointInPolygon([180, 0], (both as Region).polygon)).toBe(true);
    for (const [lon] of allVertices((both as Region).polygon))
      expect(Math.abs(lon)).toBeLessThanOrEqual(180);
  });

  it('rejects a region without maxErrorM with VALIDATION', () => {
    const bad = { polygon: discRegion([0, 0], 100).polygon } as unknown as Region;
    expect(validationPaths(() => intersectRegions(discRegion([0, 0], 100), bad))).toEqual([
      'b.maxErrorM',
    ]);
  });
});

describe('intersectRegionsMeasured', () => {
  it('measures the overlap in its clipping plane to a hundred-thousandth of its geodesic area, convex or not', () => {
    const o: LonLat = [37.8, 48.0];
    const cases: [Region, Region][] = [
      [discRegion(o, 3000), discRegion(direct(o, 60, 2500), 2000)],
      [annularSectorRegion(o, { fromDeg: 140, toDeg: 170 }, { minM: 3000, maxM: 5000 }), discRegion(direct(o, 155, 4200), 1500)],
      [
        annularSectorRegion(o, { fromDeg: 140, toDeg: 170 }, { minM: 3000, maxM: 5000 }),
        annularSectorRegion(direct(o, 90, 6000), { fromDeg: 200, toDeg: 250 }, { minM: 2000, maxM: 8000 }),
      ],
    ];
    for (const [a, b] of cases) {
      const m = intersectRegionsMeasured(a, b)!;
      expect(m.region).toEqual(intersectRegions(a, b));
      expect(Math.abs(m.areaM2 / regionAreaM2(m.region) - 1)).toBeLessThan(1e-5);
    }
    expect(intersectRegionsMeasured(discRegion(o, 100), discRegion(direct(o, 0, 5000), 100))).toBeNull();
  });
});
