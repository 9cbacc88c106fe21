import { describe, expect, it } from 'vitest';
import type { LonLat } from '../units.js';
import { annularSectorRegion } from './annular-sector-region.js';
import { compassSector16 } from './compass.js';
import { direct } from './direct.js';
import { pointInPolygon } from './point-in-polygon.js';
import { regionAreaM2 } from './region-area.js';
import { sectorSpanDeg } from './region.js';
import {
  allVertices,
  edgeSamples,
  gapToBoundary,
  isRfc7946Wound,
  type SectorShape,
} from './test-support/sector-shape.js';
import { validationPaths } from './test-support/validation-paths.js';

const OBS: LonLat = [37.8021, 48.0123];

const shapeOf = (
  observer: LonLat,
  sector: { fromDeg: number; toDeg: number },
  minM: number,
  maxM: number,
): SectorShape => ({
  observer,
  fromDeg: sector.fromDeg,
  spanDeg: sectorSpanDeg(sector.fromDeg, sector.toDeg),
  minM,
  maxM,
});

describe('annularSectorRegion', () => {
  it.each([
    { name: '"3-5 km SSE"', sector: compassSector16('SSE'), minM: 3000, maxM: 5000, maxErrorM: 10 },
    {
      name: 'a sector wrapping through north, 350° to 10°',
      sector: { fromDeg: 350, toDeg: 10 },
      minM: 1000,
      maxM: 8000,
      maxErrorM: 5,
    },
    {
      name: 'a pie slice (minM 0)',
      sector: { fromDeg: 200, toDeg: 250 },
      minM: 0,
      maxM: 12_000,
      maxErrorM: 10,
    },
    {
      name: 'a pie slice wider than 180°',
      sector: { fromDeg: 10, toDeg: 300 },
      minM: 0,
      maxM: 6000,
      maxErrorM: 10,
    },
    {
      name: 'a full annulus',
      sector: { fromDeg: 0, toDeg: 360 },
      minM: 2000,
      maxM: 4000,
      maxErrorM: 10,
    },
    {
      name: 'a long thin sector, 1°, 20-150 km',
      sector: { fromDeg: 90, toDeg: 91 },
      minM: 20_000,
      maxM: 150_000,
      maxErrorM: 10,
    },
  ])(
    'keeps $name within its error: vertices within maxErrorM/100 of the true boundary, edges within maxErrorM',
    ({ sector, minM, maxM, maxErrorM }) => {
      const r = annularSectorRegion(OBS, sector, { minM, maxM }, { maxErrorM });
      const shape = shapeOf(OBS, sector, minM, maxM);
      expect(r.maxErrorM).toBe(maxErrorM);
      expect(isRfc7946Wound(r.polygon)).toBe(true);
      for (const v of allVertices(r.polygon)) expect(gapToBoundary(shape, v)).toBeLessThanOrEqual(maxErrorM / 100);
      for (const q of edgeSamples(r.polygon))
        expect(gapToBoundary(shape, q)).toBeLessThanOrEqual(maxErrorM);
    },
  );

  it.each([
    { bearing: 157.5, distance: 4000, inside: true },
    { bearing: 147, distance: 3020, inside: true },
    { bearing: 168, distance: 4980, inside: true },
    { bearing: 140, distance: 4000, inside: false },
    { bearing: 175, distance: 4000, inside: false },
    { bearing: 157.5, distance: 2950, inside: false },
    { bearing: 157.5, distance: 5050, inside: false },
  ])(
    'for "3-5 km SSE" says $inside at $bearing° and $distance m',
    ({ bearing, distance, inside }) => {
      const r = annularSectorRegion(OBS, compassSector16('SSE'), { minM: 3000, maxM: 5000 });
      expect(pointInPolygon(direct(OBS, bearing, distance), r.polygon)).toBe(inside);
    },
  );

  it('includes north in a sector from 350° to 10°, and nothing to the south', () => {
    const r = annularSectorRegion(OBS, { fromDeg: 350, toDeg: 10 }, { minM: 1000, maxM: 8000 });
    for (const bearing of [351, 0, 5, 9])
      expect(pointInPolygon(direct(OBS, bearing, 4000), r.polygon)).toBe(true);
    for (const bearing of [20, 180, 340])
      expect(pointInPolygon(direct(OBS, bearing, 4000), r.polygon)).toBe(false);
  });

  it('makes a pie slice that holds the observer when minM is 0', () => {
    const r = annularSectorRegion(OBS, { fromDeg: 200, toDeg: 250 }, { minM: 0, maxM: 12_000 });
    expect(pointInPolygon(OBS, r.polygon)).toBe(true);
    expect(pointInPolygon(direct(OBS, 225, 50), r.polygon)).toBe(true);
    expect(r.polygon[0]).toHaveLength(1);
  });

  it('makes a full annulus a polygon with a hole, which excludes the middle', () => {
    const r = annularSectorRegion(OBS, { fromDeg: 0, toDeg: 360 }, { minM: 2000, maxM: 4000 });
    expect(r.polygon[0]).toHaveLength(2);
    expect(pointInPolygon(OBS, r.polygon)).toBe(false);
    expect(pointInPolygon(direct(OBS, 123, 3000), r.polygon)).toBe(true);
    const ideal = Math.PI * (4000 ** 2 - 2000 ** 2);
    expect(Math.abs(regionAreaM2(r) - ideal) / ideal).toBeLessThan(0.005);
  });

  it('has area within perimeter × maxErrorM of a 0.1 m reference', () => {
    const sector = compassSector16('SSE');
    const fine = regionAreaM2(
      annularSectorRegion(OBS, sector, { minM: 3000, maxM: 5000 }, { maxErrorM: 0.1 }),
    );
    const coarse = regionAreaM2(annularSectorRegion(OBS, sector, { minM: 3000, maxM: 5000 }));
    const perimeter = 2 * 2000 + ((22.5 * Math.PI) / 180) * (3000 + 5000);
    expect(Math.abs(fine - coarse)).toBeLessThan(perimeter * 10);
  });

  it.each([
    {
      name: 'a sector with no width (fromDeg === toDeg)',
      sector: { fromDeg: 10, toDeg: 10 },
      range: { minM: 0, maxM: 10 },
      path: 'sector',
    },
    {
      name: 'a bearing below 0',
      sector: { fromDeg: -5, toDeg: 10 },
      range: { minM: 0, maxM: 10 },
      path: 'sector.fromDeg',
    },
    {
      name: 'a bearing above 360',
      sector: { fromDeg: 5, toDeg: 370 },
      range: { minM: 0, maxM: 10 },
      path: 'sector.toDeg',
    },
    {
      name: 'minM equal to maxM',
      sector: { fromDeg: 0, toDeg: 10 },
      range: { minM: 10, maxM: 10 },
      path: 'range',
    },
    {
      name: 'a negative minM',
      sector: { fromDeg: 0, toDeg: 10 },
      range: { minM: -1, maxM: 10 },
      path: 'range.minM',
    },
    { name: 'a missing range', sector: { fromDeg: 0, toDeg: 10 }, range: null, path: 'range' },
  ])('rejects $name with VALIDATION', ({ sector, range, path }) => {
    expect(
      validationPaths(() =>
        annularSectorRegion(OBS, sector, range as unknown as { minM: number; maxM: number }),
      ),
    ).toContain(path);
  });
});
