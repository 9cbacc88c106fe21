import { describe, expect, it } from 'vitest';
import type { LonLat } from '../units.js';
import { discRegion } from './disc-region.js';
import { pointInPolygon } from './point-in-polygon.js';
import { regionAreaM2 } from './region-area.js';
import { direct } from './direct.js';
import {
  allVertices,
  edgeSamples,
  gapToBoundary,
  isRfc7946Wound,
  type SectorShape,
} from './test-support/sector-shape.js';
import { validationPaths } from './test-support/validation-paths.js';

const disc = (center: LonLat, radiusM: number): SectorShape => ({
  observer: center,
  fromDeg: 0,
  spanDeg: 360,
  minM: 0,
  maxM: radiusM,
});

describe('discRegion', () => {
  it.each([
    {
      name: 'a 500 m disc at 48°N, default 10 m',
      center: [37.8021, 48.0123],
      radiusM: 500,
      maxErrorM: undefined,
    },
    { name: 'a 5 km disc at 48°N, 1 m', center: [37.8021, 48.0123], radiusM: 5000, maxErrorM: 1 },
    { name: 'a 15 m disc (GPS fix), 10 m', center: [37.8021, 48.0123], radiusM: 15, maxErrorM: 10 },
    { name: 'a 300 km disc at 70°N, 10 m', center: [20, 70], radiusM: 300_000, maxErrorM: 10 },
    {
      name: 'a 1,000 km disc on the equator, 25 m',
      center: [0, 0],
      radiusM: 1_000_000,
      maxErrorM: 25,
    },
  ])(
    'keeps $name within its error: vertices within maxErrorM/100 of the circle, edges within maxErrorM',
    ({ center, radiusM, maxErrorM }) => {
      const c = center as unknown as LonLat;
      const r = discRegion(c, radiusM, maxErrorM === undefined ? {} : { maxErrorM });
      const e = maxErrorM ?? 10;
      expect(r.maxErrorM).toBe(e);
      expect(isRfc7946Wound(r.polygon)).toBe(true);
      for (const v of allVertices(r.polygon))
        expect(gapToBoundary(disc(c, radiusM), v)).toBeLessThanOrEqual(e / 100);
      for (const q of edgeSamples(r.polygon))
        expect(gapToBoundary(disc(c, radiusM), q)).toBeLessThanOrEqual(e);
    },
  );

  it('spaces vertices by the sagitta rule: a 5 km disc at 10 m has ceil(2π / 2·acos(1 - 7.5/5000)) = 58 sides', () => {
    const r = discRegion([37.8, 48.0], 5000);
    expect(r.polygon).toHaveLength(1);
    expect(r.polygon[0]?.[0]).toHaveLength(58 + 1);
  });

  it('gives a tiny disc at least 8 sides', () => {
    expect(discRegion([37.8, 48.0], 1, { maxErrorM: 10 }).polygon[0]?.[0]).toHaveLength(9);
  });

  it('has area within perimeter × maxErrorM of a 0.1 m reference', () => {
    const fine = regionAreaM2(discRegion([37.8, 48.0], 5000, { maxErrorM: 0.1 }));
    const coarse = regionAreaM2(discRegion([37.8, 48.0], 5000));
    expect(coarse).toBeLessThan(fine);
    expect(fine - coarse).toBeLessThan(2 * Math.PI * 5000 * 10);
  });

  it('contains its centre and points just inside, not points just outside', () => {
    const c: LonLat = [37.8, 48.0];
    const r = discRegion(c, 2000);
    expect(pointInPolygon(c, r.polygon)).toBe(true);
    for (const az of [0, 77, 180, 301]) {
      expect(pointInPolygon(direct(c, az, 1985), r.polygon)).toBe(true);
      expect(pointInPolygon(direct(c, az, 2001), r.polygon)).toBe(false);
    }
  });

  it('splits a disc across the antimeridian into two polygons, longitudes in [-180, 180], area unchanged', () => {
    const r = discRegion([179.99, 10], 5000);
    expect(r.polygon).toHaveLength(2);
    for (const [lon] of allVertices(r.polygon)) expect(Math.abs(lon)).toBeLessThanOrEqual(180);
    expect(isRfc7946Wound(r.polygon)).toBe(true);
    expect(regionAreaM2(r)).toBeCloseTo(regionAreaM2(discRegion([0, 10], 5000)), -2);
    expect(pointInPolygon([-179.99, 10], r.polygon)).toBe(true);
    expect(pointInPolygon([179.97, 10], r.polygon)).toBe(true);
  });

  it.each([
    { name: 'radius 0', args: [[0, 0], 0, {}], path: 'radiusM' },
    { name: 'a negative radius', args: [[0, 0], -5, {}], path: 'radiusM' },
    { name: 'a radius over 1,000 km', args: [[0, 0], 1_000_001, {}], path: 'radiusM' },
    {
      name: 'maxErrorM below 0.1 m',
      args: [[0, 0], 100, { maxErrorM: 0.01 }],
      path: 'opts.maxErrorM',
    },
    { name: 'a disc reaching the pole', args: [[0, 89.9], 20_000, {}], path: 'center' },
    { name: 'a bad centre', args: [[0, 'x'], 100, {}], path: 'center[1]' },
  ])('rejects $name with VALIDATION', ({ args, path }) => {
    const [c, radius, opts] = args as [LonLat, number, { maxErrorM?: number }];
    expect(validationPaths(() => discRegion(c, radius, opts))).toContain(path);
  });
});
