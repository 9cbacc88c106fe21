/**
 * Clipping two convex polygons in a plane (Sutherland–Hodgman: the subject cut by each edge of
 * the clip polygon in turn). Most overlaps fusion computes are of convex shapes (discs, wedges,
 * sectors reaching to their observer, and what earlier overlaps of those left), a dozen vertices
 * each, where a general sweep-line clipper (polygon-clipping) spends its time on set-up.
 * Internal to geo; intersectRegions uses it when both operands are convex.
 */
import { hypot } from '../hypot.js';

export type Pt = readonly [number, number];

/** Cross products below this share of the edges' lengths' product count as straight. */
const STRAIGHT = 1e-9;

/**
 * The polygon's outer ring, open (no repeated closing vertex) and counter-clockwise, when the
 * multipolygon is one polygon of one ring that is convex (no turn the other way beyond rounding);
 * null otherwise.
 */
export function convexRing(polygons: readonly (readonly (readonly Pt[])[])[]): Pt[] | null {
  if (polygons.length !== 1 || polygons[0]!.length !== 1) return null;
  const closed = polygons[0]![0]!;
  const n =
    closed.length > 1 && samePoint(closed[0]!, closed[closed.length - 1]!)
      ? closed.length - 1
      : closed.length;
  if (n < 3) return null;
  let left = false;
  let right = false;
  for (let i = 0; i < n; i++) {
    const a = closed[i]!;
    const b = closed[(i + 1) % n]!;
    const c = closed[(i + 2) % n]!;
    const ux = b[0] - a[0];
    const uy = b[1] - a[1];
    const vx = c[0] - b[0];
    const vy = c[1] - b[1];
    const cross = ux * vy - uy * vx;
    const scale = STRAIGHT * hypot(ux, uy) * hypot(vx, vy);
    if (cross > scale) left = true;
    else if (cross < -scale) right = true;
    if (left && right) return null;
  }
  // All in a line: no area, and no turn to read a winding from.
  if (!left && !right) return null;
  const ring = closed.slice(0, n);
  return left ? ring : ring.reverse();
}

/** Twice the signed area of an open ring (positive counter-clockwise). */
export function ringArea2(ring: readonly Pt[]): number {
  let s = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++)
    s += ring[j]![0] * ring[i]![1] - ring[i]![0] * ring[j]![1];
  return s;
}

/**
 * The overlap of two convex counter-clockwise open rings, as an open counter-clockwise ring;
 * empty when they do not overlap (touching along an edge or at a point gives no area, and is
 * returned empty too when its area is below `minArea`).
 */
export function clipConvex(subject: readonly Pt[], clip: readonly Pt[], minArea = 1e-6): Pt[] {
  let out: Pt[] = subject.slice();
  for (let i = 0; i < clip.length && out.length > 0; i++) {
    const a = clip[i]!;
    const b = clip[(i + 1) % clip.length]!;
    const ex = b[0] - a[0];
    const ey = b[1] - a[1];
    const side = (p: Pt) => ex * (p[1] - a[1]) - ey * (p[0] - a[0]);
    const input = out;
    out = [];
    let prev = input[input.length - 1]!;
    let prevSide = side(prev);
    for (const cur of input) {
      const curSide = side(cur);
      if (curSide >= 0) {
        if (prevSide < 0) out.push(crossing(prev, cur, prevSide, curSide));
        out.push(cur);
      } else if (prevSide >= 0) out.push(crossing(prev, cur, prevSide, curSide));
      prev = cur;
      prevSide = curSide;
    }
  }
  const ring = dropRepeats(out);
  return ring.length >= 3 && ringArea2(ring) / 2 >= minArea ? ring : [];
}

/** Where the segment p→q crosses the line whose side values at p and q are sp and sq. */
function crossing(p: Pt, q: Pt, sp: number, sq: number): Pt {
  const t = sp / (sp - sq);
  return [p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])];
}

function samePoint(a: Pt, b: Pt): boolean {
  return a[0] === b[0] && a[1] === b[1];
}

/** The ring without vertices equal to the one before them (the last compared with the first). */
function dropRepeats(ring: readonly Pt[]): Pt[] {
  const out: Pt[] = [];
  for (const p of ring) if (out.length === 0 || !samePoint(out[out.length - 1]!, p)) out.push(p);
  while (out.length > 1 && samePoint(out[0]!, out[out.length - 1]!)) out.pop();
  return out;
}
