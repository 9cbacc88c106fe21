/**
 * Whether the reports an origin is built from agree as well as their stated errors say they
 * should, and by how much they do not.
 *
 * Each report is read as a Gaussian about the place it gives, in a local plane:
 * - a point with a radius: the radius as 2σ in each axis (a 2σ disc holds 86 %);
 * - a sector and range ("3-5 km SSE"): along the middle bearing at the middle range; across, the
 *   sector's half-width as 2σ (SECTOR_HALF_WIDTH_IN_SIGMA, as for bearings); along, the range's
 *   half-width as 1σ (observers' ranges cover the truth about two times in three, origin.ts);
 *   both widened by the observer's stated position accuracy (as 2σ);
 * - a bearing alone: a line, its miss measured across it only (σ = bearing σ × range);
 * - a bearing fix: its 1σ ellipse's major axis in every direction, plus the χ² of the bearings'
 *   own misses (triangulate.ts `chi2`).
 * The weighted least-squares point of them all gives χ² = Σ (miss / σ)² with Σ(rank) − 2 degrees
 * of freedom. When the stated errors are right, χ²/dof is about 1; reports that understate their
 * errors k times give about k² (Bar-Shalom, Li & Kirubarajan 2001, §5.4: the normalised
 * estimation error squared test).
 *
 * ErrorScale keeps that excess over the mission's recent origins: the median of χ² over the
 * χ² median for its degrees of freedom, robust to the minority of origins that mix reports of
 * different events. Its square root is how many times the reports understate their errors.
 */
import { direct, LocalProjection } from '../geo/index.js';
import { isBearingOnly, SECTOR_HALF_WIDTH_IN_SIGMA, type BearingFix } from '../fusion/index.js';
import { gaussianInfo } from '../fusion/estimate.js';
import type { Observation } from '../observation/types.js';
import type { LonLat } from '../units.js';
import { hypot } from '../hypot.js';

export interface Consistency {
  /** Σ (miss / stated σ)² at the least-squares point. */
  readonly chi2: number;
  /** Degrees of freedom (≥ 1; no measure is given with none). */
  readonly dof: number;
  /** The least-squares point. */
  readonly location: LonLat;
}

const DEG = Math.PI / 180;

/** A report as a Gaussian in the plane: centre and information matrix [xx, xy, yy]. */
interface Gaussian {
  readonly c: readonly [number, number];
  readonly w: readonly [number, number, number];
  readonly rank: 1 | 2;
  /** For a bearing alone: its σ in radians and observer, to re-weight by range. */
  readonly bearing?: { readonly sigmaRad: number; readonly u: readonly [number, number] };
}

function unit(from: readonly [number, number], to: readonly [number, number]): [number, number] {
  const dx = to[0] - from[0];
  const dy = to[1] - from[1];
  const n = hypot(dx, dy) || 1;
  return [dx / n, dy / n];
}

const sectorMid = (from: number, to: number) => {
  const width = (((to - from) % 360) + 360) % 360;
  return { az: from + width / 2, halfRad: (width / 2) * DEG };
};

/** The report as a Gaussian, or null when it gives no usable centre (a distance with no bearing). */
function gaussianOf(o: Observation, proj: LocalProjection, minRadiusM: number): Gaussian | null {
  if (o.location) {
    const s = Math.max(o.location.radiusM, minRadiusM) / 2;
    return {
      c: proj.forward([o.location.lon, o.location.lat]),
      w: [1 / (s * s), 0, 1 / (s * s)],
      rank: 2,
    };
  }
  if (!o.observer || !o.bearing) return null;
  const observer: LonLat = [o.observer.lon, o.observer.lat];
  const { az, halfRad } = sectorMid(o.bearing.fromDeg, o.bearing.toDeg);
  if (halfRad === 0 && o.bearing.fromDeg !== o.bearing.toDeg) return null; // every bearing
  const sigmaRad = Math.max(halfRad, 0.5 * DEG) / SECTOR_HALF_WIDTH_IN_SIGMA;
  const pos = (o.observer.accuracyM ?? 0) / 2;
  const p = proj.forward(observer);
  if (isBearingOnly(o)) {
    const u = unit(p, proj.forward(direct(observer, az, 10_000)));
    return { c: p, w: [0, 0, 0], rank: 1, bearing: { sigmaRad, u } };
  }
  if (!o.distanceKm) return null;
  const mid = ((o.distanceKm.min + o.distanceKm.max) / 2) * 1000;
  const c = proj.forward(direct(observer, az, Math.max(mid, 1)));
  const u = unit(p, c);
  const along = hypot(
    Math.max(((o.distanceKm.max - o.distanceKm.min) / 2) * 1000, minRadiusM),
    pos,
  );
  const across = hypot(Math.max(mid * sigmaRad, minRadiusM), pos);
  return { c, w: gaussianInfo(u, along, across), rank: 2 };
}

/** The bearing's information at range `r`: 1/(σ r)² across the line, nothing along it. */
function bearingInfo(g: Gaussian, x: readonly [number, number]): [number, number, number] {
  const { sigmaRad, u } = g.bearing!;
  const r = Math.max(100, (x[0] - g.c[0]) * u[0] + (x[1] - g.c[1]) * u[1]);
  const s = sigmaRad * r;
  const k = 1 / (s * s);
  const [nx, ny] = [-u[1], u[0]];
  return [k * nx * nx, k * nx * ny, k * ny * ny];
}

/**
 * The consistency of an origin's reports (`reports`) and bearing fix (`fix`, whose bearings are
 * not among `reports`); null when they give fewer than one degree of freedom or no point.
 */
export function originConsistency(
  reports: readonly Observation[],
  fix: BearingFix | null,
  options: { readonly minRadiusM?: number } = {},
): Consistency | null {
  const minRadiusM = options.minRadiusM ?? 10;
  const anchors: LonLat[] = reports.flatMap((o) =>
    o.location
      ? [[o.location.lon, o.location.lat] as LonLat]
      : o.observer
        ? [[o.observer.lon, o.observer.lat] as LonLat]
        : [],
  );
  if (fix) anchors.push(fix.location);
  if (anchors.length === 0) return null;
  const proj = new LocalProjection([
    anchors.reduce((s, p) => s + p[0], 0) / anchors.length,
    anchors.reduce((s, p) => s + p[1], 0) / anchors.length,
  ]);
  const gs: Gaussian[] = reports.flatMap((o) => gaussianOf(o, proj, minRadiusM) ?? []);
  let fixChi2 = 0;
  let fixDof = 0;
  if (fix) {
    const s = Math.max(fix.sigmaAxesM[0], minRadiusM);
    gs.push({ c: proj.forward(fix.location), w: [1 / (s * s), 0, 1 / (s * s)], rank: 2 });
    fixChi2 = fix.chi2;
    fixDof = fix.used.length - 2;
  }
  const dof = gs.reduce((n, g) => n + g.rank, 0) - 2 + fixDof;
  if (dof < 1) return null;
  // A starting point from the reports that place a point; bearings alone are re-weighted by
  // their range from it, a few times.
  const placed = gs.filter((g) => g.rank === 2);
  let x: [number, number] =
    placed.length > 0
      ? [
          placed.reduce((s, g) => s + g.c[0], 0) / placed.length,
          placed.reduce((s, g) => s + g.c[1], 0) / placed.length,
        ]
      : [gs[0]!.c[0] + 10_000 * gs[0]!.bearing!.u[0], gs[0]!.c[1] + 10_000 * gs[0]!.bearing!.u[1]];
  let ws: [number, number, number][] = [];
  for (let i = 0; i < 5; i++) {
    ws = gs.map((g) => (g.bearing ? bearingInfo(g, x) : [...g.w]));
    let a = 0,
      b = 0,
      c = 0,
      u = 0,
      v = 0;
    gs.forEach((g, k) => {
      const [wa, wb, wc] = ws[k]!;
      a += wa;
      b += wb;
      c += wc;
      u += wa * g.c[0] + wb * g.c[1];
      v += wb * g.c[0] + wc * g.c[1];
    });
    const det = a * c - b * b;
    if (!(det > 0) || !Number.isFinite(det)) return null;
    x = [(c * u - b * v) / det, (a * v - b * u) / det];
  }
  let chi2 = fixChi2;
  gs.forEach((g, k) => {
    const [wa, wb, wc] = ws[k]!;
    const dx = x[0] - g.c[0];
    const dy = x[1] - g.c[1];
    chi2 += wa * dx * dx + 2 * wb * dx * dy + wc * dy * dy;
  });
  if (!Number.isFinite(chi2)) return null;
  return { chi2, dof, location: proj.reverse(x) };
}

/** The median of a χ² distribution with `dof` degrees of freedom (exact at 1 and 2, else Wilson-Hilferty). */
export function chi2Median(dof: number): number {
  if (dof === 1) return 0.4549364231;
  if (dof === 2) return 2 * Math.LN2;
  const k = 2 / (9 * dof);
  return dof * (1 - k) ** 3;
}

/** How many times the reports understate their errors, from one origin: sqrt(χ²/dof), at least 1. */
export function excessOf(c: Consistency | null): number {
  return c ? Math.max(1, Math.sqrt(c.chi2 / c.dof)) : 1;
}

export interface ErrorScaleOptions {
  /** Origins remembered (the most recent); default 400. */
  readonly capacity?: number;
  /** Origins needed before any scale other than 1 is given; default 30. */
  readonly minSamples?: number;
  /** Largest scale given; default 4. */
  readonly max?: number;
}

/**
 * The mission's recent measure of how far reports understate their errors (see the module
 * comment): sqrt(median over origins of χ² / chi2Median(dof)), between 1 and `max`. Origins are
 * keyed (by incident id), so one re-assessed as reports join counts once, with its latest value.
 */
export class ErrorScale {
  private readonly ratios = new Map<string, number>();
  private readonly capacity: number;
  private readonly minSamples: number;
  private readonly max: number;
  private cached: number | null = null;

  constructor(options: ErrorScaleOptions = {}) {
    this.capacity = options.capacity ?? 400;
    this.minSamples = options.minSamples ?? 30;
    this.max = options.max ?? 4;
  }

  /** Records (or replaces, or with null forgets) the consistency of the origin `key`. */
  record(key: string, c: Consistency | null): void {
    this.ratios.delete(key);
    this.cached = null;
    if (!c) return;
    this.ratios.set(key, c.chi2 / chi2Median(c.dof));
    if (this.ratios.size > this.capacity) this.ratios.delete(this.ratios.keys().next().value!);
  }

  get samples(): number {
    return this.ratios.size;
  }

  /** The scale, ≥ 1 (1 until `minSamples` origins are known). */
  get value(): number {
    if (this.cached !== null) return this.cached;
    let v = 1;
    if (this.ratios.size >= this.minSamples) {
      const sorted = [...this.ratios.values()].sort((a, b) => a - b);
      const n = sorted.length;
      const median = n % 2 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
      v = Math.min(this.max, Math.max(1, Math.sqrt(median)));
    }
    this.cached = v;
    return v;
  }
}
