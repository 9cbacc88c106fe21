import polygonClipping, { type Pair } from 'polygon-clipping';
import { describe, expect, it } from 'vitest';
import { mulberry32 as random } from '../warning/test-support/synthetic-counts.js';
import { clipConvex, convexRing, ringArea2, type Pt } from './convex-clip.js';

/** A convex polygon: n points on an ellipse about (cx, cy), closed, in the given turn. */
function convexPolygon(rnd: () => number, n: number, cx: number, cy: number, ccw = true): Pt[] {
  const angles = Array.from({ length: n }, () => 2 * Math.PI * rnd()).sort((x, y) => x - y);
  const [rx, ry] = [500 + 5000 * rnd(), 500 + 5000 * rnd()];
  const ring: Pt[] = angles.map((t) => [cx + rx * Math.cos(t), cy + ry * Math.sin(t)]);
  if (!ccw) ring.reverse();
  return [...ring, ring[0]!];
}

const area = (ring: readonly Pt[]) => Math.abs(ringArea2(ring)) / 2;
const clipperArea = (a: readonly Pt[], b: readonly Pt[]) =>
  polygonClipping
    .intersection([[a as Pair[]]], [[b as Pair[]]])
    .reduce((s, p) => s + p.reduce((t, r, i) => t + (i === 0 ? 1 : -1) * area(r), 0), 0);

describe('convexRing', () => {
  it('opens and turns a convex ring counter-clockwise, whichever way it was wound', () => {
    const square: Pt[] = [
      [0, 0],
      [0, 1],
      [1, 1],
      [1, 0],
      [0, 0],
    ];
    const ring = convexRing([[square]])!;
    expect(ring).toHaveLength(4);
    expect(ringArea2(ring)).toBeGreaterThan(0);
  });

  it('refuses a ring that turns both ways, several polygons, or a polygon with a hole', () => {
    const notch: Pt[] = [
      [0, 0],
      [4, 0],
      [4, 4],
      [2, 1],
      [0, 4],
      [0, 0],
    ];
    expect(convexRing([[notch]])).toBeNull();
    const square: Pt[] = [
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 1],
      [0, 0],
    ];
    expect(convexRing([[square], [square]])).toBeNull();
    expect(convexRing([[square, square]])).toBeNull();
  });

  it('refuses a ring with all its vertices in a line (no area, no winding)', () => {
    const flat: Pt[] = [
      [0, 0],
      [1, 1],
      [2, 2],
      [0, 0],
    ];
    expect(convexRing([[flat]])).toBeNull();
  });

  it('takes vertices in a straight line (an arc sampled finely, rounding) as convex', () => {
    const ring: Pt[] = [
      [0, 0],
      [1, 0],
      [2, 1e-12],
      [3, 0],
      [3, 3],
      [0, 3],
      [0, 0],
    ];
    expect(convexRing([[ring]])).not.toBeNull();
  });
});

describe('clipConvex', () => {
  it('gives the area polygon-clipping gives, on 2,000 random pairs of convex polygons', () => {
    const rnd = random(11);
    for (let i = 0; i < 2000; i++) {
      const a = convexPolygon(rnd, 3 + Math.floor(20 * rnd()), 0, 0, rnd() < 0.5);
      const b = convexPolygon(
        rnd,
        3 + Math.floor(20 * rnd()),
        8000 * (rnd() - 0.5),
        8000 * (rnd() - 0.5),
        rnd() < 0.5,
      );
      const ring = clipConvex(convexRing([[a]])!, convexRing([[b]])!);
      const expected = clipperArea(a, b);
      if (ring.length === 0) expect(expected).toBeLessThan(1e-3);
      else {
        expect(ringArea2(ring)).toBeGreaterThan(0);
        expect(Math.abs(area(ring) - expected)).toBeLessThanOrEqual(1e-6 * Math.max(1, expected));
        expect(convexRing([[[...ring, ring[0]!]]])).not.toBeNull();
      }
    }
  });

  it('gives nothing for polygons that touch along an edge or at a corner, or lie apart', () => {
    const unit = (x: number, y: number): Pt[] => [
      [x, y],
      [x + 1, y],
      [x + 1, y + 1],
      [x, y + 1],
    ];
    expect(clipConvex(unit(0, 0), unit(1, 0))).toEqual([]);
    expect(clipConvex(unit(0, 0), unit(1, 1))).toEqual([]);
    expect(clipConvex(unit(0, 0), unit(5, 5))).toEqual([]);
  });

  it('gives the inner polygon when one holds the other', () => {
    const outer: Pt[] = [
      [-10, -10],
      [10, -10],
      [10, 10],
      [-10, 10],
    ];
    const inner: Pt[] = [
      [-1, -1],
      [1, -1],
      [1, 1],
      [-1, 1],
    ];
    expect(area(clipConvex(inner, outer))).toBeCloseTo(4, 12);
    expect(area(clipConvex(outer, inner))).toBeCloseTo(4, 12);
  });
});
