import { describe, expect, it } from 'vitest';
import type { LonLat } from '../units.js';
import { assembleMultiPolygon, closedRing, signedAreaLonLat } from './ring-assembly.js';

const CW_SQUARE: LonLat[] = [
  [0, 0],
  [0, 1],
  [1, 1],
  [1, 0],
];

describe('closedRing', () => {
  it('closes an open ring and winds it counter-clockwise when asked', () => {
    const ring = closedRing(CW_SQUARE, true);
    expect(ring).toHaveLength(5);
    expect(ring[0]).toEqual(ring[4]);
    expect(signedAreaLonLat(ring)).toBeGreaterThan(0);
  });

  it('does not duplicate the closing position of an already closed ring', () => {
    expect(closedRing([...CW_SQUARE, [0, 0]], false)).toHaveLength(5);
  });

  it('winds a hole clockwise', () => {
    expect(signedAreaLonLat(closedRing([...CW_SQUARE].reverse(), false))).toBeLessThan(0);
  });
});

describe('assembleMultiPolygon', () => {
  it('leaves a polygon inside [-180, 180] as one polygon', () => {
    expect(assembleMultiPolygon([[CW_SQUARE]])).toHaveLength(1);
  });

  it('cuts a polygon with unrolled longitudes past 180 at the antimeridian (RFC 7946 §3.1.9)', () => {
    const across: LonLat[] = [
      [179, 0],
      [181, 0],
      [181, 1],
      [179, 1],
    ];
    const parts = assembleMultiPolygon([[across]]);
    expect(parts).toHaveLength(2);
    const lons = parts.flatMap((p) => p.flatMap((r) => r.map(([lon]) => lon)));
    expect(Math.max(...lons)).toBe(180);
    expect(Math.min(...lons)).toBe(-180);
    for (const p of parts) expect(signedAreaLonLat(p[0] as LonLat[])).toBeGreaterThan(0);
  });

  it('cuts a polygon with unrolled longitudes below -180 too', () => {
    expect(
      assembleMultiPolygon([
        [
          [
            [-181, 0],
            [-179, 0],
            [-179, 1],
            [-181, 1],
          ],
        ],
      ]),
    ).toHaveLength(2);
  });
});
