/**
 * Least-squares fix from bearings (acoustic sensors, direction finders): the point that
 * minimises the sum over bearings of (perpendicular miss distance / (σ · range))², i.e. the
 * squared angular misses weighted by each bearing's stated error (the pseudo-linear estimator
 * with range re-weighting; Stansfield 1947, Gavish & Weiss 1992).
 *
 * Worked in a local plane (geo LocalPlane) centred on the sensors. Each bearing's line in the plane runs
 * from the sensor towards the point the geodesic along that azimuth reaches at the current range
 * estimate, so the curvature of geodesics in the projection does not bias the fix. A few
 * iterations re-estimate the ranges and weights.
 */
import { localDirect, LocalPlane } from '../geo/index.js';
import { degrees, meters, type LonLat, type Meters } from '../units.js';
import type { Timing } from './estimate.js';
import { hypot } from '../hypot.js';

export interface Bearing {
  readonly id: string;
  readonly observer: LonLat;
  /** True azimuth from the observer, degrees clockwise from north. */
  readonly azimuthDeg: number;
  /** One standard deviation of the bearing, degrees (> 0). */
  readonly sigmaDeg: number;
  /** When it was heard, for ranging by sound with other stamps (estimate.ts); absent if unknown. */
  readonly timing?: Timing | undefined;
}

export interface BearingFix {
  readonly location: LonLat;
  /** Radius of a circle about `location` holding the 90 % error ellipse, metres. */
  readonly radius90M: Meters;
  /** Semi-axes of the 1σ error ellipse, metres, major first. */
  readonly sigmaAxesM: readonly [number, number];
  /** Bearings used (ids, and the bearings themselves), and those rejected as inconsistent. */
  readonly used: readonly string[];
  readonly bearings: readonly Bearing[];
  readonly rejected: readonly string[];
  /**
   * Sum over the bearings used of (miss / stated σ)²: a χ² with `used.length − 2` degrees of
   * freedom when the stated errors are right. Much larger means the bearings disagree more than
   * they say they can (understated errors, or bearings of different shots).
   */
  readonly chi2: number;
}

export interface TriangulationOptions {
  /** A bearing missing the fix by more than this many σ is dropped (worst first); default 3. */
  readonly outlierSigma?: number;
  /** Bearings crossing at less than this are treated as parallel, degrees; default 2. */
  readonly minCrossingDeg?: number;
  /** A fix further than this from any sensor is rejected, metres; default Infinity. */
  readonly maxRangeM?: number;
  /** Floor of `radius90M`, metres; default 5. */
  readonly minRadius90M?: number;
  /** Range used to draw the first lines, metres; default 10 000. */
  readonly firstRangeM?: number;
}

/**
 * A circular Gaussian's 90 % radius in units of its σ, √(2 ln 10): its square is χ² with 2
 * degrees of freedom at 90 % (4.605), the 90 % ellipse x'C⁻¹x of a 2D Gaussian. Shared by
 * everything that reads a radius90M as a Gaussian or makes one from a covariance.
 */
export const RADIUS90_IN_SIGMA = Math.sqrt(2 * Math.log(10));
const DEG = Math.PI / 180;
const MAX_ITERATIONS = 10;

interface PlaneLine {
  readonly b: Bearing;
  readonly p: readonly [number, number];
  range: number;
  d: [number, number];
}

function drawLine(proj: LocalPlane, l: PlaneLine): void {
  const q = proj.forward(localDirect(l.b.observer, degrees(l.b.azimuthDeg), meters(l.range)));
  const dx = q[0] - l.p[0],
    dy = q[1] - l.p[1];
  const n = hypot(dx, dy) || 1;
  l.d = [dx / n, dy / n];
}

interface Solve {
  readonly x: [number, number];
  readonly m: readonly [number, number, number];
}

/** Weighted least squares for the point nearest all lines; null when they are near-parallel. */
function solve(lines: readonly PlaneLine[], minCrossingDeg: number): Solve | null {
  let a = 0,
    b = 0,
    c = 0,
    u = 0,
    v = 0;
  for (const l of lines) {
    const w = 1 / (l.b.sigmaDeg * DEG * l.range) ** 2;
    const nx = -l.d[1],
      ny = l.d[0];
    const k = nx * l.p[0] + ny * l.p[1];
    a += w * nx * nx;
    b += w * nx * ny;
    c += w * ny * ny;
    u += w * nx * k;
    v += w * ny * k;
  }
  const det = a * c - b * b;
  const halfTrace = (a + c) / 2;
  if (!(det > 0) || det / (halfTrace * halfTrace) < Math.sin(minCrossingDeg * DEG) ** 2)
    return null;
  return { x: [(c * u - b * v) / det, (a * v - b * u) / det], m: [a, b, c] };
}

/** Normalised miss of each line (σ units); Infinity when the point lies behind the sensor. */
function misses(
  lines: readonly PlaneLine[],
  x: readonly [number, number],
  maxRangeM: number,
): number[] {
  return lines.map((l) => {
    const rx = x[0] - l.p[0],
      ry = x[1] - l.p[1];
    const along = rx * l.d[0] + ry * l.d[1];
    if (along <= 0 || hypot(rx, ry) > maxRangeM) return Infinity;
    return Math.abs(-l.d[1] * rx + l.d[0] * ry) / (l.b.sigmaDeg * DEG * l.range);
  });
}

/**
 * The last fixes computed, with the bearings (as objects, in order) and options they came from.
 * A report's bearing is triangulated with an incident's when the engine checks that it can join
 * (engine.ts heardInTime), and the same bearings again when it joins (live-incident.ts refresh):
 * the fix is a pure function of them, so the second asks here.
 */
const recentFixes: {
  readonly bearings: readonly Bearing[];
  readonly options: TriangulationOptions;
  readonly fix: BearingFix | null;
}[] = [];
const RECENT_FIXES = 16;

/**
 * The fix from two or more bearings taken from at least two distinct places, or null when they
 * do not cross (parallel, diverging, crossing behind a sensor or beyond `maxRangeM`).
 */
export function triangulateBearings(
  bearings: readonly Bearing[],
  options: TriangulationOptions = {},
): BearingFix | null {
  for (const r of recentFixes) {
    if (r.options === options && sameBearings(r.bearings, bearings)) return r.fix;
  }
  const fix = computeFix(bearings, options);
  if (recentFixes.length >= RECENT_FIXES) recentFixes.shift();
  recentFixes.push({ bearings: [...bearings], options, fix });
  return fix;
}

function sameBearings(a: readonly Bearing[], b: readonly Bearing[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function computeFix(
  bearings: readonly Bearing[],
  options: TriangulationOptions,
): BearingFix | null {
  const outlierSigma = options.outlierSigma ?? 3;
  const minCrossingDeg = options.minCrossingDeg ?? 2;
  const maxRangeM = options.maxRangeM ?? Infinity;
  if (bearings.length < 2) return null;
  let lon = 0,
    lat = 0;
  for (const b of bearings) {
    lon += b.observer[0];
    lat += b.observer[1];
  }
  const proj = new LocalPlane([lon / bearings.length, lat / bearings.length]);
  let lines: PlaneLine[] = bearings.map((b) => ({
    b,
    p: proj.forward(b.observer),
    range: options.firstRangeM ?? 10_000,
    d: [0, 1],
  }));
  const rejected: string[] = [];
  for (;;) {
    if (lines.length < 2) return null;
    let fit: Solve | null = null;
    for (let i = 0; i < MAX_ITERATIONS; i++) {
      for (const l of lines) drawLine(proj, l);
      const next = solve(lines, minCrossingDeg);
      if (!next) return null;
      const moved = fit ? hypot(next.x[0] - fit.x[0], next.x[1] - fit.x[1]) : Infinity;
      fit = next;
      for (const l of lines) l.range = Math.max(1, hypot(fit.x[0] - l.p[0], fit.x[1] - l.p[1]));
      if (moved < 0.01) break;
    }
    if (!fit) return null;
    const miss = misses(lines, fit.x, maxRangeM);
    let worst = 0;
    for (let i = 1; i < miss.length; i++) if (miss[i]! > miss[worst]!) worst = i;
    if (miss[worst]! > outlierSigma) {
      rejected.push(lines[worst]!.b.id);
      lines = lines.filter((_, i) => i !== worst);
      continue;
    }
    const [a, b, c] = fit.m;
    const det = a * c - b * b;
    // Covariance is the inverse of the normal matrix; its eigenvalues are the ellipse's σ².
    const ca = c / det,
      cb = -b / det,
      cc = a / det;
    const mid = (ca + cc) / 2,
      rad = Math.sqrt(((ca - cc) / 2) ** 2 + cb * cb);
    const major = Math.sqrt(mid + rad),
      minor = Math.sqrt(Math.max(0, mid - rad));
    return {
      location: proj.reverse(fit.x),
      radius90M: meters(Math.max(options.minRadius90M ?? 5, RADIUS90_IN_SIGMA * major)),
      sigmaAxesM: [major, minor],
      used: lines.map((l) => l.b.id),
      bearings: lines.map((l) => l.b),
      rejected,
      chi2: miss.reduce((sum, z) => sum + z * z, 0),
    };
  }
}
