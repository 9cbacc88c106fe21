import { describe, expect, it } from 'vitest';
import type { LonLat } from '../units.js';
import { geodesicDistance, solveDirect } from './ellipsoid.js';
import {
  arcPiece,
  arcStepRad,
  bendBoundM,
  edgeBendM,
  radialPiece,
  sampleBoundary,
} from './region-boundary.js';

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
    // Placed by local solutions: within a hundredth of the bound of the arc.
    for (const v of ring) expect(Math.abs(geodesicDistance(C, v) - 5000)).toBeLessThanOrEqual(0.1);
  });

  it('places vertices exactly (GeographicLib) where a local solution would spend over a hundredth of the bound', () => {
    // 150 km at a 10 m bound: a local solution may be off by localErrorM(150 km), about 67 m,
    // far over a hundredth of the bound, so GeographicLib places them.
    const ring = sampleBoundary([arcPiece(C, 150_000, 0, 10, 10)], 10);
    for (const v of ring) expect(geodesicDistance(C, v)).toBeCloseTo(150_000, 6);
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

describe('bendBoundM', () => {
  /** A seeded uniform [0, 1) stream (Park-Miller), so a failure can be replayed. */
  function stream(seed: number): () => number {
    let x = seed;
    return () => (x = (x * 16807) % 2147483647) / 2147483647;
  }

  it('is never below the exact bend of an edge (random edges of 1 m to 200 km, up to 85°)', () => {
    const rnd = stream(20261129);
    let settled = 0;
    for (let i = 0; i < 30_000; i++) {
      // A third near the equator, where the bound's tan φ vanishes, a third above 60°, where the
      // bend is largest; some across the antimeridian.
      const lat =
        (rnd() < 0.5 ? -1 : 1) *
        (i % 3 === 0 ? rnd() : i % 3 === 1 ? 60 + 24.99 * rnd() : 85 * rnd());
      const lon = i % 7 === 0 ? 179.9 + 0.2 * rnd() - 0.1 : 360 * rnd() - 180;
      const a: LonLat = [lon > 180 ? lon - 360 : lon, lat];
      const lengthM = Math.exp(Math.log(200_000) * rnd());
      const b = solveDirect(a, 360 * rnd(), lengthM);
      const bound = bendBoundM(a, b);
      if (!Number.isFinite(bound)) continue;
      settled++;
      expect(bound).toBeGreaterThanOrEqual(edgeBendM(a, b));
    }
    expect(settled).toBeGreaterThan(25_000);
  });

  it('holds on parallels and meridians at high latitude, the worst directions', () => {
    for (const lat of [-84.9, -60, -30, 0.001, 30, 60, 84.9]) {
      for (const az of [0, 45, 60, 90, 120, 270]) {
        for (const lengthM of [10, 1000, 20_000, 100_000, 199_000]) {
          const a: LonLat = [37.8, lat];
          const b = solveDirect(a, az, lengthM);
          const bound = bendBoundM(a, b);
          if (Number.isFinite(bound)) expect(bound).toBeGreaterThanOrEqual(edgeBendM(a, b));
        }
      }
    }
  });

  it('gives up (Infinity) beyond 200 km or 85° of latitude', () => {
    expect(bendBoundM([37.8, 48], solveDirect([37.8, 48], 90, 250_000))).toBe(Infinity);
    expect(bendBoundM([37.8, 85.5], [37.9, 85.5])).toBe(Infinity);
  });

  it('settles the edges of a 40 km wedge without the exact measure', () => {
    // A 40 km wedge at 48°N, built at a 500 m bound: radials of 40 km and chords of the far arc
    // of about 11 km, against a bend tolerance of 125 m.
    const C: LonLat = [37.8, 48.0];
    for (const az of [0, 45, 90, 135, 200, 300])
      expect(bendBoundM(C, solveDirect(C, az, 40_000))).toBeLessThan(125);
    const piece = arcPiece(C, 40_000, 100, 60, 500);
    const step = 60 / piece.steps;
    for (let k = 0; k < piece.steps; k++) {
      const a = piece.at(100 + k * step);
      const b = piece.at(100 + (k + 1) * step);
      expect(bendBoundM(a, b)).toBeLessThan(125);
    }
  });
});
