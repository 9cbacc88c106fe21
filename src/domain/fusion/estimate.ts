/**
 * The most likely place of an event from its reports, each read as a Gaussian about the place it
 * gives (as assessment/consistency.ts reads them):
 * - a disc: its radius as 2σ in each axis;
 * - a sector and range: centred on the middle bearing at the middle range; across, the sector's
 *   half-width as 2σ (SECTOR_HALF_WIDTH_IN_SIGMA, as for bearings); along, the range's
 *   half-width as 1σ;
 * - a bearing (a wedge, or one of a fix's bearings): a line, its miss measured across it only
 *   (σ = bearing σ × range, re-weighted by the range as the estimate moves);
 * - the time a report was stamped (`Timing`), when given: the event's time T is solved for with
 *   the place, and a report stamped when the sound arrived (an acoustic bearing) says the event
 *   is (t − T) × 343 m/s from its observer: flash-to-bang and sound ranging. Its σ is the stated
 *   clock error as 2σ. A stamp that misses the solution by more than OUTLIER_SIGMA is dropped,
 *   worst first (a sensor stamping the shot, not its sound; a report of another shot).
 * The weighted least-squares point weighs each report by the precision it states, where the
 * centroid of an overlap weighs every point of it alike: a camera's 2° sector decides across its
 * bearing, a patrol's 22.5° compass point barely does, and timing ranges an acoustic bearing
 * nothing crosses. Gauss-Newton in a local plane (geo LocalPlane).
 */
import { localDirect, LocalPlane } from '../geo/index.js';
import type { Observation } from '../observation/types.js';
import type { LonLat } from '../units.js';
import { SECTOR_HALF_WIDTH_IN_SIGMA } from './member.js';
import { isBearingOnly, sectorCentre, sectorWidth, type Shape } from './region.js';
import { SPEED_OF_SOUND_MPS } from './time.js';
import { hypot } from '../hypot.js';

/** When a report was stamped, for ranging by sound. */
export interface Timing {
  /** The stamp, epoch ms (an instant). */
  readonly atMs: number;
  /** One standard deviation of the stamp, seconds. */
  readonly sigmaS: number;
  /** Stamped when the sound arrived at the observer (a bearing-only detection), not at the event. */
  readonly heard: boolean;
}

/** A report as the estimator reads it: a shape, or a bearing, and its stamp when known. */
export type PlaceReport =
  | { readonly shape: Shape; readonly timing?: Timing | undefined }
  | {
      readonly bearing: {
        readonly observer: LonLat;
        readonly azimuthDeg: number;
        readonly sigmaDeg: number;
      };
      readonly timing?: Timing | undefined;
    };

export interface PointEstimate {
  readonly location: LonLat;
  /** Covariance of `location`, m², east and north: [ee, en, nn]. */
  readonly covariance: readonly [number, number, number];
  /** Σ (miss / stated σ)² at `location`, and its degrees of freedom (may be 0). */
  readonly chi2: number;
  readonly dof: number;
  /** Stamps used for ranging (0 when timing took no part), and those dropped. */
  readonly timed: number;
  readonly timingRejected: number;
}

/** Stamps with a larger stated clock error than this, seconds, are not used (a watch, a posting). */
export const MAX_TIMING_CLOCK_ERROR_S = 10;
/** A stamp missing the solution by more than this many σ is dropped. */
export const OUTLIER_SIGMA = 3;

const DEG = Math.PI / 180;
/** Least σ of any report, metres: a 10 m point report (region.ts minRadiusM) is 5 m. */
const MIN_SIGMA_M = 5;
/** Least range a bearing's miss is scaled by, metres. */
const MIN_RANGE_M = 100;
const MAX_ITERATIONS = 10;
/** Relative change of range after which a bearing's line is redrawn. */
const LINE_REDRAW = 0.02;
/** Least ratio of the covariance's minor to major variance for a point (σ 1 m against 100 km). */
const MIN_VARIANCE_RATIO = 1e-10;

/**
 * The stamp of `obs` for ranging, or undefined: only an instant, from a sensor (a machine stamp;
 * a patrol writing down a bang may note the flash or the sound) whose stated clock error
 * (`clockErrorS`, read as 2σ) is at most MAX_TIMING_CLOCK_ERROR_S. A bearing-only detection is
 * taken as stamped when the sound arrived (an acoustic array; time.ts soundTravelS), any other
 * (a camera, a radar) when the event happened.
 */
export function timingOf(
  obs: Observation,
  stated: { readonly fromMs: number; readonly toMs: number },
  clockErrorS: number,
): Timing | undefined {
  if (
    obs.source.kind !== 'sensor' ||
    stated.fromMs !== stated.toMs ||
    !(clockErrorS <= MAX_TIMING_CLOCK_ERROR_S)
  )
    return undefined;
  return {
    atMs: stated.fromMs,
    sigmaS: Math.max(clockErrorS / 2, 0.01),
    heard: isBearingOnly(obs),
  };
}

interface Line {
  readonly observer: LonLat;
  readonly p: readonly [number, number];
  readonly azimuthDeg: number;
  readonly sigmaRad: number;
}

interface Timed {
  readonly timing: Timing;
  /** The observer, in the plane, for a stamp of the sound's arrival; null for one of the event. */
  readonly heardAt: readonly [number, number] | null;
}

interface Stamp {
  /** Seconds from the first stamp. */
  readonly t: number;
  readonly sigmaS: number;
  readonly heardAt: readonly [number, number] | null;
}

/**
 * The point reports (discs, sectors) as sums, for they enter the normal equations linearly:
 * information [a, b, d], information-weighted centres [u, v], Σ cᵀWc, plain centres and count.
 */
interface Sums {
  readonly a: number;
  readonly b: number;
  readonly d: number;
  readonly u: number;
  readonly v: number;
  readonly k: number;
  readonly sx: number;
  readonly sy: number;
  readonly n: number;
}

const NO_SUMS: Sums = { a: 0, b: 0, d: 0, u: 0, v: 0, k: 0, sx: 0, sy: 0, n: 0 };

/**
 * Information matrix (a, b, d of [[a, b], [b, d]]) of a Gaussian with σ `along` on unit vector u
 * and σ `across` normal to it: R diag(1/along², 1/across²) Rᵀ, R = [u, n], n = (−uy, ux).
 */
export function gaussianInfo(
  u: readonly [number, number],
  along: number,
  across: number,
): [number, number, number] {
  const a = 1 / (along * along);
  const b = 1 / (across * across);
  const [ux, uy] = u;
  return [a * ux * ux + b * uy * uy, (a - b) * ux * uy, a * uy * uy + b * ux * ux];
}

function unit(dx: number, dy: number): [number, number] {
  const n = hypot(dx, dy) || 1;
  return [dx / n, dy / n];
}

function addPoint(
  s: Sums,
  c: readonly [number, number],
  w: readonly [number, number, number],
): Sums {
  const wu = w[0] * c[0] + w[1] * c[1];
  const wv = w[1] * c[0] + w[2] * c[1];
  return {
    a: s.a + w[0],
    b: s.b + w[1],
    d: s.d + w[2],
    u: s.u + wu,
    v: s.v + wv,
    k: s.k + c[0] * wu + c[1] * wv,
    sx: s.sx + c[0],
    sy: s.sy + c[1],
    n: s.n + 1,
  };
}

/** Unit vector of a bearing's line at range `r` (towards where its geodesic is; triangulate.ts). */
function lineDirection(proj: LocalPlane, l: Line, r: number): [number, number] {
  const q = proj.forward(localDirect(l.observer, l.azimuthDeg, r));
  return unit(q[0] - l.p[0], q[1] - l.p[1]);
}

/** Inverse of a symmetric 3×3 matrix [a b c; b d e; c e f] as [a b c d e f]; null when singular. */
function inverse3(m: readonly number[]): number[] | null {
  const [a, b, c, d, e, f] = m as [number, number, number, number, number, number];
  const A = d * f - e * e,
    B = c * e - b * f,
    C = b * e - c * d;
  const det = a * A + b * B + c * C;
  if (!(Math.abs(det) > 0) || !Number.isFinite(det)) return null;
  return [
    A / det,
    B / det,
    C / det,
    (a * f - c * c) / det,
    (b * c - a * e) / det,
    (a * d - b * b) / det,
  ];
}

/** What a report reads as: its shape or bearing (an object read the same each time). */
const readOf = (r: PlaceReport): object => ('bearing' in r ? r.bearing : r.shape);

/**
 * Reports read into one plane, kept so that one more report costs one reading, not a rereading of
 * all (an incident's place as its reports join). Immutable: `with` returns a new one.
 *
 * Readings are remembered: the evidence with one more report (by its shape or bearing object and
 * its stamp), the empty evidence in the plane of a first report, and the estimate. An incident's
 * place is refolded from its reports on most joins, and every reading up to where the new report
 * sorts in is the same reading of the same reports, so a refold gives what it gave before.
 */
export class PlaceEvidence {
  /** Evidences read from this one by `with`, by the report's shape or bearing. */
  private next: Map<object, { timing: Timing | undefined; e: PlaceEvidence }> | null = null;
  private estimated: PointEstimate | null | undefined = undefined;

  private constructor(
    private readonly proj: LocalPlane,
    private readonly sums: Sums,
    private readonly lines: readonly Line[],
    private readonly timed: readonly Timed[],
  ) {}

  /** The reports read; null for none. */
  static of(reports: readonly PlaceReport[]): PlaceEvidence | null {
    const first = reports[0];
    if (!first) return null;
    const key = readOf(first);
    let e = empties.get(key);
    if (!e) {
      const origin: LonLat =
        'bearing' in first
          ? first.bearing.observer
          : first.shape.kind === 'disc'
            ? first.shape.center
            : first.shape.observer;
      e = new PlaceEvidence(new LocalPlane(origin), NO_SUMS, [], []);
      empties.set(key, e);
    }
    for (const r of reports) e = e.with(r);
    return e;
  }

  with(r: PlaceReport): PlaceEvidence {
    const key = readOf(r);
    const known = this.next?.get(key);
    if (known && known.timing === r.timing) return known.e;
    const e = this.read(r);
    (this.next ??= new Map()).set(key, { timing: r.timing, e });
    return e;
  }

  private read(r: PlaceReport): PlaceEvidence {
    const proj = this.proj;
    let sums = this.sums;
    let line: Line | null = null;
    let at: readonly [number, number] | null = null;
    if ('bearing' in r) {
      line = {
        observer: r.bearing.observer,
        p: proj.forward(r.bearing.observer),
        azimuthDeg: r.bearing.azimuthDeg,
        sigmaRad: Math.max(r.bearing.sigmaDeg, 0.01) * DEG,
      };
    } else if (r.shape.kind === 'disc') {
      const sigma = Math.max(r.shape.radiusM / 2, MIN_SIGMA_M);
      sums = addPoint(sums, proj.forward(r.shape.center), gaussianInfo([1, 0], sigma, sigma));
    } else {
      const s = r.shape;
      const az = sectorCentre(s.sector);
      const sigmaDeg = sectorWidth(s.sector) / 2 / SECTOR_HALF_WIDTH_IN_SIGMA;
      const p = proj.forward(s.observer);
      if (s.kind === 'wedge')
        line = {
          observer: s.observer,
          p,
          azimuthDeg: az,
          sigmaRad: Math.max(sigmaDeg, 0.01) * DEG,
        };
      else {
        const mid = (s.minM + s.maxM) / 2;
        const c = proj.forward(localDirect(s.observer, az, Math.max(mid, 1)));
        const along = Math.max((s.maxM - s.minM) / 2, MIN_SIGMA_M);
        const across = Math.max(mid * sigmaDeg * DEG, MIN_SIGMA_M);
        sums = addPoint(sums, c, gaussianInfo(unit(c[0] - p[0], c[1] - p[1]), along, across));
      }
      at = p;
    }
    if (line) at = line.p;
    const timed = r.timing
      ? [...this.timed, { timing: r.timing, heardAt: r.timing.heard ? at : null }]
      : this.timed;
    return new PlaceEvidence(proj, sums, line ? [...this.lines, line] : this.lines, timed);
  }

  /** The least-squares place; null when the reports fix no point. */
  estimate(): PointEstimate | null {
    if (this.estimated === undefined) this.estimated = this.solveEstimate();
    return this.estimated;
  }

  private solveEstimate(): PointEstimate | null {
    const { proj, sums, lines } = this;
    let start: [number, number];
    if (sums.n > 0) start = [sums.sx / sums.n, sums.sy / sums.n];
    else if (lines.length > 0) {
      const l = lines[0]!;
      start = proj.forward(localDirect(l.observer, l.azimuthDeg, 10_000));
    } else return null;
    // Stamps range only when one is of the sound and another fixes the event's time: a stamp of
    // the event, or one of the sound heard at another place. Sounds heard at one place alone
    // range nothing (the event's time takes up any distance).
    const stamps: Stamp[] = [];
    const timed = this.timed;
    if (timed.length >= 2 && timed.some((s) => s.heardAt) && rangesBySound(timed)) {
      const t0 = timed[0]!.timing.atMs;
      for (const s of timed)
        stamps.push({
          t: (s.timing.atMs - t0) / 1000,
          sigmaS: s.timing.sigmaS,
          heardAt: s.heardAt,
        });
    }
    const usable = stamps.length;
    for (;;) {
      const fit = solve(proj, sums, lines, stamps, start);
      if (!fit) {
        if (stamps.length === 0) return null;
        stamps.length = 0; // the stamps made it singular: place without them
        continue;
      }
      let worst = -1;
      let worstMiss = OUTLIER_SIGMA;
      stamps.forEach((s, i) => {
        const miss = Math.abs(stampResidual(s, fit.x, fit.T)) / s.sigmaS;
        if (miss > worstMiss) [worst, worstMiss] = [i, miss];
      });
      if (worst >= 0) {
        stamps.splice(worst, 1);
        if (stamps.length < 2 || !stamps.some((s) => s.heardAt)) stamps.length = 0;
        continue;
      }
      // Bearings alone fix a point only where each looks towards it: lines that meet behind an
      // observer, or only at the one place they were all drawn from, do not cross.
      if (sums.n === 0 && stamps.length === 0 && !inFrontOfAll(proj, lines, fit.x)) return null;
      const rank = 2 * sums.n + lines.length + stamps.length;
      return {
        location: proj.reverse(fit.x),
        covariance: fit.covariance,
        chi2: fit.chi2,
        dof: Math.max(0, rank - 2 - (stamps.length > 0 ? 1 : 0)),
        timed: stamps.length,
        timingRejected: usable - stamps.length,
      };
    }
  }
}

/** The empty evidence in the plane of a first report, by the report's shape or bearing. */
const empties = new WeakMap<object, PlaceEvidence>();

/** Observers this close are one place, metres (an array's reports give its one position). */
const ONE_PLACE_M = 1;

/** Whether `x` lies ahead of every line's observer along its bearing, by ONE_PLACE_M or more. */
function inFrontOfAll(
  proj: LocalPlane,
  lines: readonly Line[],
  x: readonly [number, number],
): boolean {
  return lines.every((l) => {
    const [dx, dy] = [x[0] - l.p[0], x[1] - l.p[1]];
    const u = lineDirection(proj, l, Math.max(hypot(dx, dy), MIN_RANGE_M));
    return dx * u[0] + dy * u[1] >= ONE_PLACE_M;
  });
}

/** Whether stamps can range: a stamp of the event, or sounds heard at two places or more. */
function rangesBySound(timed: readonly Timed[]): boolean {
  const heard = timed.flatMap((s) => (s.heardAt ? [s.heardAt] : []));
  if (heard.length < timed.length) return true;
  const p = heard[0];
  return !!p && heard.some((q) => hypot(q[0] - p[0], q[1] - p[1]) >= ONE_PLACE_M);
}

/**
 * The least-squares place of `reports`; null when they do not fix a point (nothing placing one,
 * and bearings that do not cross).
 */
export function leastSquaresPlace(reports: readonly PlaceReport[]): PointEstimate | null {
  return PlaceEvidence.of(reports)?.estimate() ?? null;
}

function stampResidual(s: Stamp, x: readonly [number, number], T: number): number {
  const d = s.heardAt ? hypot(x[0] - s.heardAt[0], x[1] - s.heardAt[1]) : 0;
  return T + d / SPEED_OF_SOUND_MPS - s.t;
}

interface Fit {
  readonly x: [number, number];
  readonly T: number;
  readonly covariance: [number, number, number];
  readonly chi2: number;
}

/** Gauss-Newton over (x, y) and, with stamps, the event's time T. */
function solve(
  proj: LocalPlane,
  sums: Sums,
  lines: readonly Line[],
  stamps: readonly Stamp[],
  start: readonly [number, number],
): Fit | null {
  const timed = stamps.length > 0;
  let x: [number, number] = [start[0], start[1]];
  let T = 0;
  for (const s of stamps) T -= stampResidual(s, x, 0) / stamps.length;
  let inv: number[] | null = null;
  // Each line's direction, redrawn only when the range moved by more than LINE_REDRAW (a
  // geodesic's turn over a few per cent of its range is far below any bearing's error).
  const drawn = lines.map(() => ({ r: 0, u: [0, 1] as [number, number] }));
  const direction = (k: number, r: number): [number, number] => {
    const d = drawn[k]!;
    if (Math.abs(r - d.r) > LINE_REDRAW * d.r || d.r === 0) {
      d.r = r;
      d.u = lineDirection(proj, lines[k]!, r);
    }
    return d.u;
  };
  // Points alone are linear: one step is the solution.
  const iterations = lines.length > 0 || timed ? MAX_ITERATIONS : 1;
  for (let i = 0; i < iterations; i++) {
    // Normal matrix [a b c; b d e; c e f] over (x, y, T) and gradient g of ½χ².
    let { a, b, d } = sums;
    let c = 0,
      e = 0,
      f = 0;
    let g0 = sums.a * x[0] + sums.b * x[1] - sums.u,
      g1 = sums.b * x[0] + sums.d * x[1] - sums.v,
      g2 = 0;
    for (const [j, l] of lines.entries()) {
      const r = Math.max(MIN_RANGE_M, hypot(x[0] - l.p[0], x[1] - l.p[1]));
      const u = direction(j, r);
      const nx = -u[1],
        ny = u[0];
      const k = 1 / (l.sigmaRad * r) ** 2;
      const miss = nx * (x[0] - l.p[0]) + ny * (x[1] - l.p[1]);
      a += k * nx * nx;
      b += k * nx * ny;
      d += k * ny * ny;
      g0 += k * nx * miss;
      g1 += k * ny * miss;
    }
    for (const s of stamps) {
      const k = 1 / (s.sigmaS * s.sigmaS);
      const res = stampResidual(s, x, T);
      let jx = 0,
        jy = 0;
      if (s.heardAt) {
        const dist = Math.max(1, hypot(x[0] - s.heardAt[0], x[1] - s.heardAt[1]));
        jx = (x[0] - s.heardAt[0]) / dist / SPEED_OF_SOUND_MPS;
        jy = (x[1] - s.heardAt[1]) / dist / SPEED_OF_SOUND_MPS;
      }
      a += k * jx * jx;
      b += k * jx * jy;
      c += k * jx;
      d += k * jy * jy;
      e += k * jy;
      f += k;
      g0 += k * jx * res;
      g1 += k * jy * res;
      g2 += k * res;
    }
    if (!timed) f = 1; // T takes no part: keep the matrix invertible, its step is 0.
    inv = inverse3([a, b, c, d, e, f]);
    if (!inv) return null;
    const sx = -(inv[0]! * g0 + inv[1]! * g1 + inv[2]! * g2);
    const sy = -(inv[1]! * g0 + inv[3]! * g1 + inv[4]! * g2);
    const sT = -(inv[2]! * g0 + inv[4]! * g1 + inv[5]! * g2);
    x = [x[0] + sx, x[1] + sy];
    T += sT;
    if (!Number.isFinite(x[0]) || !Number.isFinite(x[1])) return null;
    if (hypot(sx, sy) < 0.5) break;
  }
  if (!inv) return null;
  // A covariance that is not positive definite, or unbounded along one axis against the other,
  // is a line, not a point (one bearing, or bearings that do not cross).
  const mid = (inv[0]! + inv[3]!) / 2;
  const rad = hypot((inv[0]! - inv[3]!) / 2, inv[1]!);
  if (!(mid - rad > 0) || (mid - rad) / (mid + rad) < MIN_VARIANCE_RATIO) return null;
  let chi2 = Math.max(
    0,
    sums.a * x[0] * x[0] +
      2 * sums.b * x[0] * x[1] +
      sums.d * x[1] * x[1] -
      2 * (sums.u * x[0] + sums.v * x[1]) +
      sums.k,
  );
  for (const [j, l] of lines.entries()) {
    const r = Math.max(MIN_RANGE_M, hypot(x[0] - l.p[0], x[1] - l.p[1]));
    const u = direction(j, r);
    chi2 += ((-u[1] * (x[0] - l.p[0]) + u[0] * (x[1] - l.p[1])) / (l.sigmaRad * r)) ** 2;
  }
  for (const s of stamps) chi2 += (stampResidual(s, x, T) / s.sigmaS) ** 2;
  return { x, T, covariance: [inv[0]!, inv[1]!, inv[3]!], chi2 };
}

/** Largest σ of a covariance [ee, en, nn], metres: the major semi-axis of its 1σ ellipse. */
export function majorSigmaM(cov: readonly [number, number, number]): number {
  const mid = (cov[0] + cov[2]) / 2;
  const rad = Math.sqrt(((cov[0] - cov[2]) / 2) ** 2 + cov[1] * cov[1]);
  return Math.sqrt(Math.max(0, mid + rad));
}
