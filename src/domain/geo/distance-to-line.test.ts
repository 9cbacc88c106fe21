import { describe, expect, it } from 'vitest';
import type { LonLat } from '../units.js';
import { direct } from './direct.js';
import { distanceToLine, lowerBoundDistance, nearestOnLine } from './distance-to-line.js';
import { LINE_CAPS, Mask, WGS84 } from './ellipsoid.js';
import { inverse } from './inverse.js';
import { nearestOnSegment } from './nearest-on-segment.js';
import { seededRandom } from '../test-support/seeded-random.js';
import { validationPaths } from './test-support/validation-paths.js';

/**
 * REFERENCE: the distance from p to the line by brute force on GeographicLib's own solutions.
 * Each segment is sampled every COARSE_M along its geodesic; since distance along a segment is
 * unimodal, the minimum lies within COARSE_M of the best coarse sample, so every segment whose
 * coarse best is within COARSE_M of the overall best is resampled every FINE_M around it. The
 * result is an upper bound within FINE_M of the true distance.
 */
const COARSE_M = 1000;
const FINE_M = 0.5;

function referenceDistance(p: LonLat, line: readonly LonLat[]): number {
  const distanceAt = (l: ReturnType<typeof WGS84.InverseLine>, s: number): number => {
    const q = l.Position(s, Mask.LATITUDE | Mask.LONGITUDE);
    return WGS84.Inverse(q.lat2 ?? 0, q.lon2 ?? 0, p[1], p[0], Mask.DISTANCE).s12 ?? Number.NaN;
  };
  const coarse = line.slice(1).map((b, i) => {
    const a = line[i] as LonLat;
    const l = WGS84.InverseLine(a[1], a[0], b[1], b[0], LINE_CAPS);
    const n = Math.max(1, Math.ceil(l.s13 / COARSE_M));
    let best = { s: 0, d: Infinity };
    for (let k = 0; k <= n; k++) {
      const s = (l.s13 * k) / n;
      const d = distanceAt(l, s);
      if (d < best.d) best = { s, d };
    }
    return { l, best, step: l.s13 / n };
  });
  const coarseBest = Math.min(...coarse.map((c) => c.best.d));
  let fineBest = coarseBest;
  for (const { l, best, step } of coarse) {
    if (best.d > coarseBest + COARSE_M) continue;
    const lo = Math.max(0, best.s - step);
    const hi = Math.min(l.s13, best.s + step);
    const n = Math.max(1, Math.ceil((hi - lo) / FINE_M));
    for (let k = 0; k <= n; k++)
      fineBest = Math.min(fineBest, distanceAt(l, lo + ((hi - lo) * k) / n));
  }
  return fineBest;
}

/** A seeded random polyline: 1-8 segments, total length up to maxLengthM, turning freely. */
function randomLine(rand: () => number, maxLengthM: number): LonLat[] {
  const segments = 1 + Math.floor(rand() * 8);
  const total = (0.01 + 0.99 * rand()) * maxLengthM;
  const weights = Array.from({ length: segments }, () => 0.1 + rand());
  const sum = weights.reduce((x, y) => x + y, 0);
  let at: LonLat = [rand() * 360 - 180, rand() * 140 - 70];
  let azimuth = rand() * 360;
  const line: LonLat[] = [at];
  for (const w of weights) {
    at = direct(at, azimuth, (total * w) / sum);
    line.push(at);
    azimuth += (rand() - 0.5) * 220;
  }
  return line;
}

/** A point up to maxOffsetM from a random place on the line (often near a vertex). */
function randomPointNear(rand: () => number, line: readonly LonLat[], maxOffsetM: number): LonLat {
  const i = Math.floor(rand() * (line.length - 1));
  const a = line[i] as LonLat;
  const b = line[i + 1] as LonLat;
  const { distanceM, azimuth1Deg } = inverse(a, b);
  const fraction = rand() < 0.2 ? 0 : rand();
  const base = direct(a, azimuth1Deg, distanceM * fraction);
  return direct(base, rand() * 360, maxOffsetM * rand() ** 2);
}

describe('distanceToLine', () => {
  const EQUATOR: LonLat[] = [
    [0, 0],
    [2, 0],
  ];

  it('measures the meridian arc from a point 1° north of an equatorial line, 110,574.389 m', () => {
    const r = distanceToLine([1, 1], EQUATOR);
    expect(r.distanceM).toBeCloseTo(110_574.389, 3);
    expect(r.nearest[0]).toBeCloseTo(1, 9);
    expect(r.nearest[1]).toBeCloseTo(0, 9);
    expect(r.segmentIndex).toBe(0);
  });

  it('gives 0 for a point on the line', () => {
    expect(distanceToLine([0.5, 0], EQUATOR).distanceM).toBeLessThan(1e-6);
  });

  it('measures to the end vertex for a point beyond the end', () => {
    const p: LonLat = [3, 0.5];
    const r = distanceToLine(p, EQUATOR);
    expect(r.nearest).toEqual([2, 0]);
    expect(r.distanceM).toBeCloseTo(inverse(p, [2, 0]).distanceM, 6);
  });

  it('reports the lower segment index when the nearest point is a shared vertex', () => {
    const line: LonLat[] = [
      [0, 0],
      [1, 0],
      [1, -1],
    ];
    const r = distanceToLine([1.5, 0.5], line);
    expect(r.nearest).toEqual([1, 0]);
    expect(r.segmentIndex).toBe(0);
  });

  it('picks the nearer of two far-apart arms of a hairpin line', () => {
    const line: LonLat[] = [
      [37, 48],
      [39, 48],
      [39, 48.2],
      [37, 48.2],
    ];
    expect(distanceToLine([38, 48.19], line).segmentIndex).toBe(2);
    expect(distanceToLine([38, 48.01], line).segmentIndex).toBe(0);
  });

  it('follows the geodesic, not the lon/lat chord: a 60°-long segment at 50°N bows north', () => {
    const line: LonLat[] = [
      [0, 50],
      [60, 50],
    ];
    const r = distanceToLine([30, 50], line);
    // The geodesic's midpoint is well north of 50°N, so the distance is hundreds of km.
    expect(r.nearest[1]).toBeGreaterThan(53);
    expect(r.distanceM).toBeCloseTo(inverse([30, 50], r.nearest).distanceM, 6);
  });

  it('tolerates repeated positions', () => {
    const line: LonLat[] = [
      [37, 48],
      [37, 48],
      [38, 48],
      [38, 48],
    ];
    const r = distanceToLine([37.5, 48.1], line);
    expect(r.segmentIndex).toBe(1);
  });

  it('is within 1 m of a dense-sampling reference on 60 seeded lines up to 1,500 km, points up to 300 km off', () => {
    const rand = seededRandom(0x7c0ffee);
    let worst = 0;
    for (let i = 0; i < 60; i++) {
      const line = randomLine(rand, 1_500_000);
      const p = randomPointNear(rand, line, 300_000);
      const r = distanceToLine(p, line);
      const reference = referenceDistance(p, line);
      worst = Math.max(worst, Math.abs(r.distanceM - reference));
      expect(Math.abs(r.distanceM - reference), `case ${i}`).toBeLessThanOrEqual(1);
      // Never worse than any sample the reference tried, beyond rounding.
      expect(r.distanceM).toBeLessThanOrEqual(reference + 1e-6);
      // The nearest point is at the stated distance and on the stated segment.
      expect(inverse(p, r.nearest).distanceM).toBeCloseTo(r.distanceM, 6);
      const a = line[r.segmentIndex] as LonLat;
      const b = line[r.segmentIndex + 1] as LonLat;
      const detour =
        inverse(a, r.nearest).distanceM + inverse(r.nearest, b).distanceM - inverse(a, b).distanceM;
      expect(detour).toBeLessThan(1e-3);
    }
    expect(worst).toBeLessThan(FINE_M);
  });

  it('bounds every geodesic distance from below with its cheap sphere reading, pole to pole and at every length', () => {
    const rand = seededRandom(0xb0a7d);
    let tightest = Infinity;
    for (let i = 0; i < 20_000; i++) {
      const a: LonLat = [rand() * 360 - 180, rand() * 180 - 90];
      const b: LonLat =
        i % 2
          ? [rand() * 360 - 180, rand() * 180 - 90]
          : direct(a, rand() * 360, rand() ** 3 * 2e5);
      const exact = inverse(a, b).distanceM;
      if (exact === 0) continue;
      const bound = lowerBoundDistance(a, b);
      expect(bound, `${a} → ${b}`).toBeLessThanOrEqual(exact);
      tightest = Math.min(tightest, exact / bound);
    }
    // Not vacuous: the bound is within 2 % of the distance at its closest.
    expect(tightest).toBeLessThan(1.02);
  });

  it('finds the same segment and distance as visiting every segment, on long many-vertex lines near and far', () => {
    const rand = seededRandom(0x5e9);
    for (let i = 0; i < 40; i++) {
      // A 70-vertex line of up to 1,500 km, as a line of contact is, at any latitude.
      const line: LonLat[] = [[rand() * 360 - 180, rand() * 160 - 80]];
      let azimuth = rand() * 360;
      for (let k = 1; k < 70; k++) {
        line.push(direct(line[k - 1] as LonLat, azimuth, 2_000 + rand() * 40_000));
        azimuth += (rand() - 0.5) * 90;
      }
      const p = randomPointNear(rand, line, i % 4 === 0 ? 1_000_000 : 60_000);
      let every = { distanceM: Infinity, index: -1 };
      for (let k = 0; k + 1 < line.length; k++) {
        const d = nearestOnSegment(p, line[k] as LonLat, line[k + 1] as LonLat).distanceM;
        if (d < every.distanceM - 1e-6) every = { distanceM: d, index: k };
      }
      const found = nearestOnLine(p, line);
      expect(found.distanceM, `case ${i}`).toBeCloseTo(every.distanceM, 6);
      expect(found.segmentIndex, `case ${i}`).toBe(every.index);
    }
  });

  it.each([
    { name: 'a one-position line', p: [0, 0], line: [[0, 0]], path: 'line' },
    { name: 'a bad point', p: [0, -95], line: EQUATOR, path: 'p[1]' },
    {
      name: 'a bad vertex',
      p: [0, 0],
      line: [
        [0, 0],
        ['1', 0],
      ],
      path: 'line[1][0]',
    },
  ])('rejects $name with VALIDATION', ({ p, line, path }) => {
    expect(
      validationPaths(() => distanceToLine(p as unknown as LonLat, line as unknown as LonLat[])),
    ).toContain(path);
  });
});
