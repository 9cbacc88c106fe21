/**
 * The line of contact laid flat: an azimuthal equidistant plane (geo's LocalProjection) centred
 * on the line, in which the simulator walks along the line, steps off it to one side and finds
 * the nearest segment with plain vector arithmetic. Over the few hundred kilometres of a line
 * the plane stretches distances by well under 0.5%, which a simulation can afford; positions
 * leave the plane through the exact reverse projection.
 */
import { LocalProjection } from '../domain/geo/index.js';
import type { LonLat } from '../domain/units.js';

export type XY = readonly [x: number, y: number];
export type LineSide = 'left' | 'right';

export interface LinePoint {
  readonly xy: XY;
  /** Unit vector of the direction of travel. */
  readonly dir: XY;
  readonly segment: number;
}

export interface PlaneFoot {
  readonly distanceM: number;
  readonly side: LineSide;
  readonly chainageM: number;
}

const cross = (a: XY, b: XY): number => a[0] * b[1] - a[1] * b[0];

export class LinePlane {
  readonly projection: LocalProjection;
  readonly lengthM: number;
  private readonly xy: XY[];
  private readonly dirs: XY[];
  /** Chainage (distance along the line from its first position) of each vertex, metres. */
  private readonly cum: number[];

  constructor(line: readonly LonLat[]) {
    const lons = line.map((p) => p[0]);
    const lats = line.map((p) => p[1]);
    const centre: LonLat = [
      (Math.min(...lons) + Math.max(...lons)) / 2,
      (Math.min(...lats) + Math.max(...lats)) / 2,
    ];
    this.projection = new LocalProjection(centre);
    this.xy = line.map((p) => this.projection.forward(p));
    this.cum = [0];
    this.dirs = [];
    for (let i = 1; i < this.xy.length; i++) {
      const a = this.xy[i - 1]!;
      const b = this.xy[i]!;
      const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
      this.cum.push(this.cum[i - 1]! + len);
      this.dirs.push(len > 0 ? [(b[0] - a[0]) / len, (b[1] - a[1]) / len] : [1, 0]);
    }
    this.lengthM = this.cum[this.cum.length - 1]!;
  }

  toXY(p: LonLat): XY {
    return this.projection.forward(p);
  }

  toLonLat(xy: XY): LonLat {
    return this.projection.reverse([xy[0], xy[1]]);
  }

  /** The point at chainage `s` metres (clamped to the line) and the direction of travel there. */
  at(s: number): LinePoint {
    const c = Math.min(Math.max(s, 0), this.lengthM);
    let lo = 0;
    let hi = this.cum.length - 2;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.cum[mid]! <= c) lo = mid;
      else hi = mid - 1;
    }
    const a = this.xy[lo]!;
    const dir = this.dirs[lo]!;
    const t = c - this.cum[lo]!;
    return { xy: [a[0] + dir[0] * t, a[1] + dir[1] * t], dir, segment: lo };
  }

  /** The point `distanceM` off the line at chainage `s`, square to the direction of travel. */
  offset(s: number, side: LineSide, distanceM: number): XY {
    const { xy, dir } = this.at(s);
    const normal: XY = side === 'left' ? [-dir[1], dir[0]] : [dir[1], -dir[0]];
    return [xy[0] + normal[0] * distanceM, xy[1] + normal[1] * distanceM];
  }

  /**
   * Nearest point of the line to `p` in the plane, and p's side. At an interior vertex the side
   * is judged against the bisector of the two segments, as geo's sideOfLine does.
   */
  nearest(p: XY): PlaneFoot {
    let best = { d2: Infinity, segment: 0, t: 0 };
    for (let i = 0; i < this.dirs.length; i++) {
      const a = this.xy[i]!;
      const dir = this.dirs[i]!;
      const len = this.cum[i + 1]! - this.cum[i]!;
      const t = Math.min(Math.max((p[0] - a[0]) * dir[0] + (p[1] - a[1]) * dir[1], 0), len);
      const dx = p[0] - (a[0] + dir[0] * t);
      const dy = p[1] - (a[1] + dir[1] * t);
      const d2 = dx * dx + dy * dy;
      if (d2 < best.d2) best = { d2, segment: i, t };
    }
    const { segment, t } = best;
    const a = this.xy[segment]!;
    let dir = this.dirs[segment]!;
    const len = this.cum[segment + 1]! - this.cum[segment]!;
    let foot: XY = [a[0] + dir[0] * t, a[1] + dir[1] * t];
    if (t === 0 && segment > 0) dir = bisector(this.dirs[segment - 1]!, dir);
    else if (t === len && segment < this.dirs.length - 1)
      dir = bisector(dir, this.dirs[segment + 1]!);
    if (t === len) foot = this.xy[segment + 1]!;
    const side: LineSide = cross(dir, [p[0] - foot[0], p[1] - foot[1]]) > 0 ? 'left' : 'right';
    return { distanceM: Math.sqrt(best.d2), side, chainageM: this.cum[segment]! + t };
  }
}

function bisector(a: XY, b: XY): XY {
  const x = a[0] + b[0];
  const y = a[1] + b[1];
  const n = Math.hypot(x, y);
  return n > 0 ? [x / n, y / n] : a;
}

/** Distance in the plane, metres. */
export function planarDistance(a: XY, b: XY): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1]);
}
