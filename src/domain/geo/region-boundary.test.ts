import { describe, expect, it } from 'vitest';
import type { LonLat } from '../units.js';
import { geodesicDistance } from './ellipsoid.js';
import { arcPiece, arcStepRad, radialPiece, sampleBoundary } from './region-boundary.js';

describe('arcStepRad', () => {
  it.each([
    { radiusM: 5000, maxErrorM: 10 },
    { radiusM: 40_000, maxErrorM: 10 },
    { radiusM: 300_000, maxErrorM: 1 },
  ])(
    'is 2·acos(1 - ¾e/r) for r = $radiusM m, e = $maxErrorM m, so the chord sagitta is ¾e',
    ({ radiusM, maxErrorM }) => {
      const step = arcStepRad(radiusM, maxErrorM);
      expect(step).toBeCloseTo(2 * Math.acos(1 - (0.75 * maxErrorM) / radiusM), 15);
      expect(radiusM * (1 - Math.cos(step / 2))).toBeCloseTo(0.75 * maxErrorM, 9);
    },
  );

  it('never exceeds 45°, even when the error bound is larger than the radius', () => {
    expect(arcStepRad(5, 10)).toBe(Math.PI / 4);
    expect(arcStepRad(100, 100)).toBe(Math.PI / 4);
  });
});

describe('sampleBoundary', () => {
  const C: LonLat = [37.8, 48.0];

  it('puts one vertex per equal step on an arc when lon/lat bending is negligible', () => {
    const piece = arcPiece(C, 5000, 0, 90, 10);
    const ring = sampleBoundary([piece], 10);
    expect(ring).toHaveLength(piece.steps);
    for (const v of ring) expect(geodesicDistance(C, v)).toBeCloseTo(5000, 6);
  });

  it('halves a long radial geodesic until its lon/lat chord is within a quarter of the bound', () => {
    // 150 km north-east at 48°N: the lon/lat chord bows far more than 2.5 m off the geodesic.
    const ring = sampleBoundary(
      [radialPiece(C, 45, 0, 150_000), radialPiece(C, 45, 150_000, 0)],
      10,
    );
    expect(ring.length).toBeGreaterThan(4);
  });

  it('keeps longitudes continuous across the antimeridian', () => {
    const ring = sampleBoundary([arcPiece([179.99, 0], 5000, 0, 360, 10)], 10);
    for (let i = 1; i < ring.length; i++) {
      expect(Math.abs((ring[i] as LonLat)[0] - (ring[i - 1] as LonLat)[0])).toBeLessThan(1);
    }
    expect(ring.some(([lon]) => lon > 180)).toBe(true);
  });
});
