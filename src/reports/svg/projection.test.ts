import { describe, expect, it } from 'vitest';
import { clipLine, clipRing, fitProjection, niceKm } from './projection.js';

describe('fitProjection', () => {
  it('fits the box inside the frame, north up, keeping the aspect ratio', () => {
    const p = fitProjection([36, 47, 40, 50], 800, 600, 20);
    const [x0, y0] = p.project([36, 50]);
    const [x1, y1] = p.project([40, 47]);
    expect(x0).toBeGreaterThanOrEqual(20);
    expect(y0).toBeCloseTo(20, 6);
    expect(y1).toBeCloseTo(580, 6);
    expect(x1).toBeLessThanOrEqual(780);
    // 4° of longitude at 48.5° N are cos(48.5°) × 4 / 3 of 3° of latitude on screen.
    expect((x1 - x0) / (y1 - y0)).toBeCloseTo((Math.cos((48.5 * Math.PI) / 180) * 4) / 3, 6);
  });

  it('gives the scale of a degree of latitude, about 111.2 km', () => {
    const p = fitProjection([36, 47, 40, 50], 800, 600, 20);
    const [, yA] = p.project([38, 48]);
    const [, yB] = p.project([38, 49]);
    expect((yA - yB) / p.unitsPerKm).toBeCloseTo(111.2, 1);
  });

  it('refuses an empty box', () => {
    expect(() => fitProjection([36, 47, 36, 50], 100, 100)).toThrow(/empty map box/);
  });
});

describe('clipRing', () => {
  it('cuts a square overlapping the box to the overlap', () => {
    const out = clipRing(
      [
        [0, 0],
        [2, 0],
        [2, 2],
        [0, 2],
      ],
      [1, 1, 3, 3],
    );
    const xs = out.map((p) => p[0]!);
    const ys = out.map((p) => p[1]!);
    expect(Math.min(...xs)).toBe(1);
    expect(Math.max(...xs)).toBe(2);
    expect(Math.min(...ys)).toBe(1);
    expect(Math.max(...ys)).toBe(2);
  });

  it('drops a ring wholly outside the box', () => {
    expect(
      clipRing(
        [
          [10, 10],
          [11, 10],
          [11, 11],
        ],
        [0, 0, 1, 1],
      ).length,
    ).toBeLessThan(3);
  });
});

describe('clipLine', () => {
  it('keeps the runs that come into the box, with one vertex either side', () => {
    const line = [
      [-5, 0],
      [-4, 0],
      [-1, 0],
      [0.5, 0.5],
      [2, 0],
      [5, 0],
      [6, 0],
    ];
    expect(clipLine(line, [0, 0, 1, 1])).toEqual([
      [
        [-1, 0],
        [0.5, 0.5],
        [2, 0],
      ],
    ]);
  });
});

describe('niceKm', () => {
  it.each([
    [37, 20],
    [120, 100],
    [60, 50],
    [9.9, 5],
  ])('picks a round scale-bar length under %s km: %s', (max, want) => {
    expect(niceKm(max)).toBe(want);
  });
});
