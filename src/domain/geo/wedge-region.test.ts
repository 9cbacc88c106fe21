import { describe, expect, it } from 'vitest';
import type { LonLat } from '../units.js';
import { annularSectorRegion } from './annular-sector-region.js';
import { direct } from './direct.js';
import { pointInPolygon } from './point-in-polygon.js';
import {
  allVertices,
  edgeSamples,
  gapToBoundary,
  isRfc7946Wound,
} from './test-support/sector-shape.js';
import { validationPaths } from './test-support/validation-paths.js';
import { DEFAULT_WEDGE_RANGE_M, wedgeRegion } from './wedge-region.js';
import { inverse } from './inverse.js';

const SENSOR: LonLat = [37.6, 48.2];

describe('wedgeRegion', () => {
  it('reaches 40 km by default and no further', () => {
    const r = wedgeRegion(SENSOR, { fromDeg: 120, toDeg: 126 });
    const farthest = Math.max(...allVertices(r.polygon).map((v) => inverse(SENSOR, v).distanceM));
    expect(DEFAULT_WEDGE_RANGE_M).toBe(40_000);
    expect(farthest).toBeCloseTo(40_000, 6);
    expect(pointInPolygon(direct(SENSOR, 123, 39_900), r.polygon)).toBe(true);
    expect(pointInPolygon(direct(SENSOR, 123, 40_100), r.polygon)).toBe(false);
  });

  it('is the pie slice annularSectorRegion gives with minM 0', () => {
    const sector = { fromDeg: 350, toDeg: 10 };
    expect(wedgeRegion(SENSOR, sector, { maxRangeM: 25_000, maxErrorM: 5 })).toEqual(
      annularSectorRegion(SENSOR, sector, { minM: 0, maxM: 25_000 }, { maxErrorM: 5 }),
    );
  });

  it('keeps a wrapping wedge within its error', () => {
    const shape = { observer: SENSOR, fromDeg: 350, spanDeg: 20, minM: 0, maxM: 40_000 };
    const r = wedgeRegion(SENSOR, { fromDeg: 350, toDeg: 10 });
    expect(isRfc7946Wound(r.polygon)).toBe(true);
    for (const v of allVertices(r.polygon)) expect(gapToBoundary(shape, v)).toBeLessThan(1e-6);
    for (const q of edgeSamples(r.polygon)) expect(gapToBoundary(shape, q)).toBeLessThanOrEqual(10);
  });

  it.each([
    { name: 'a zero range', opts: { maxRangeM: 0 }, path: 'opts.maxRangeM' },
    { name: 'a bad maxErrorM', opts: { maxErrorM: Number.NaN }, path: 'opts.maxErrorM' },
  ])('rejects $name with VALIDATION naming its own option', ({ opts, path }) => {
    expect(validationPaths(() => wedgeRegion(SENSOR, { fromDeg: 0, toDeg: 10 }, opts))).toEqual([
      path,
    ]);
  });
});
