/**
 * Distance from a point to a polyline of geodesic segments on WGS84 (e.g. a line of contact).
 */
import { meters, type LonLat, type Meters } from '../units.js';
import { geodesicDistance } from './ellipsoid.js';
import { checkLine, checkLonLat, IssueList } from './input-checks.js';
import { nearestOnSegment, type SegmentFoot } from './nearest-on-segment.js';

export interface LineDistance {
  /** Geodesic distance from the point to the line, metres. */
  readonly distanceM: Meters;
  /** The point of the line nearest to it, [lon, lat]. */
  readonly nearest: LonLat;
  /** Index i of the segment line[i] → line[i+1] that holds `nearest`. */
  readonly segmentIndex: number;
}

/** The nearest segment's foot with its index; what sideOfLine needs beyond LineDistance. */
export interface LineFoot extends SegmentFoot {
  readonly segmentIndex: number;
}

/** Feet closer than this to each other count as equally near, and the lower index wins. */
const TIE_M = 1e-6;

/**
 * Nearest point of an already-checked line. Segments are visited in order of a lower bound on
 * their distance, (|PA| + |PB| - |AB|) / 2 by the triangle inequality (for X on AB,
 * |PX| ≥ |PA| - |AX| and |PX| ≥ |PB| - |XB|, and |AX| + |XB| = |AB|), and the visit stops once
 * that bound exceeds the best distance found, so a long line costs about two inverse solutions
 * per vertex plus a few segment searches.
 */
export function nearestOnLine(p: LonLat, line: readonly LonLat[]): LineFoot {
  const toVertex = line.map((v) => geodesicDistance(v, p));
  const order: { index: number; bound: number }[] = [];
  for (let i = 0; i + 1 < line.length; i++) {
    const length = geodesicDistance(line[i] as LonLat, line[i + 1] as LonLat);
    const bound = Math.max(0, ((toVertex[i] as number) + (toVertex[i + 1] as number) - length) / 2);
    order.push({ index: i, bound });
  }
  order.sort((x, y) => x.bound - y.bound || x.index - y.index);

  let best: LineFoot | null = null;
  for (const { index, bound } of order) {
    if (best && bound > best.distanceM + TIE_M) break;
    const foot = nearestOnSegment(p, line[index] as LonLat, line[index + 1] as LonLat);
    const better =
      !best ||
      foot.distanceM < best.distanceM - TIE_M ||
      (foot.distanceM <= best.distanceM + TIE_M && index < best.segmentIndex);
    if (better) best = { ...foot, segmentIndex: index };
  }
  // A checked line has at least one segment, so best is set.
  return best as LineFoot;
}

/**
 * Shortest geodesic distance from p to a polyline whose segments are geodesics, with the nearest
 * point and the segment holding it. Accurate to a millimetre or better; tested to 1 m against a
 * dense-sampling reference on lines up to 1,500 km with points up to 300 km off.
 *
 * Ties: when two segments are equally near within 1 µm (as at a shared vertex), the lower
 * segment index is reported. The line needs at least 2 positions; repeated positions are
 * harmless.
 *
 * @example distanceToLine([37.9, 48.1], [[37.5, 48.0], [38.5, 48.0]]) // ≈ 11.0 km, segment 0
 */
export function distanceToLine(p: LonLat, line: readonly LonLat[]): LineDistance {
  const issues = new IssueList();
  checkLonLat(p, 'p', issues);
  checkLine(line, 'line', issues);
  issues.throwIfAny('distanceToLine input');
  const foot = nearestOnLine(p, line);
  return {
    distanceM: meters(foot.distanceM),
    nearest: foot.position,
    segmentIndex: foot.segmentIndex,
  };
}
