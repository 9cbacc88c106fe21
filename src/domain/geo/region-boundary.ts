/**
 * Sampling a region's true boundary (circular arcs about an observer, and geodesics radiating
 * from it) into polygon vertices, with spacing chosen from the error bound.
 *
 * Budget for a bound e (maxErrorM):
 * - Arcs of radius r: in the observer-centred azimuthal equidistant projection the arc is an
 *   exact circle (distances from the centre are exact), and a chord spanning an angle Δθ falls
 *   short of it by the sagitta r·(1 - cos(Δθ/2)). Setting that to ¾e gives the step
 *   Δθ = 2·acos(1 - ¾e/r); the arc is cut into equal steps no longer than that (and no longer
 *   than 45°, so a tiny circle still has 8 sides).
 * - Every edge, arc chord or radial geodesic: read as a straight line in lon/lat it bends away
 *   from the geodesic between its ends (roughly L²·tan(lat)/8R for an edge of length L). Each
 *   edge is halved, with the new vertex on the true boundary, until its lon/lat midpoint is
 *   within ¼e of the geodesic's midpoint; over such short edges the gap peaks at the middle.
 * - Vertices: each is placed on the true boundary by a local solution (local-geodesic.ts) where
 *   its error there is at most 1 % of e (LOCAL_SHARE), else by GeographicLib; the edge bending
 *   gets what is left, ¼e less that.
 * So every vertex lies within e/100 of the true boundary (GeographicLib's nanometres where it
 * places them) and every edge within e of it, whether read as straight in lon/lat, as a geodesic,
 * or as straight in a local projection near the region.
 */
import type { LonLat } from '../units.js';
import {
  geodesicDistance,
  LINE_CAPS,
  Mask,
  normalizeLongitude,
  solveDirect,
  WGS84,
} from './ellipsoid.js';
import { localDirect, localErrorM } from './local-geodesic.js';
import { hypot } from '../hypot.js';

/** Share of the error bound spent on arc sagitta; the rest covers lon/lat edge bending and vertices. */
const ARC_SHARE = 0.75;
/** Share of the error bound a vertex may stray from the true boundary (a local solution's error). */
const LOCAL_SHARE = 0.01;
const MAX_ARC_STEP_RAD = Math.PI / 4;
/** A safety net only: halving stops on its own once edges are short enough. */
const MAX_HALVINGS = 20;

/** A piece of true boundary, as a curve over a parameter t. */
export interface BoundaryPiece {
  readonly t0: number;
  readonly t1: number;
  /** Initial number of equal parameter steps, before halving. */
  readonly steps: number;
  at(t: number): LonLat;
}

/** Largest azimuth step on an arc of radius r metres for a bound of e metres, radians. */
export function arcStepRad(radiusM: number, maxErrorM: number): number {
  const ratio = (ARC_SHARE * maxErrorM) / radiusM;
  return ratio >= 1 ? MAX_ARC_STEP_RAD : Math.min(MAX_ARC_STEP_RAD, 2 * Math.acos(1 - ratio));
}

/** The arc at `radiusM` about `center`, clockwise from azimuth `fromDeg` through `spanDeg`. */
export function arcPiece(
  center: LonLat,
  radiusM: number,
  fromDeg: number,
  spanDeg: number,
  maxErrorM: number,
): BoundaryPiece {
  const steps = Math.max(
    1,
    Math.ceil((Math.abs(spanDeg) * Math.PI) / 180 / arcStepRad(radiusM, maxErrorM)),
  );
  const local = localErrorM(radiusM) <= LOCAL_SHARE * maxErrorM;
  return {
    t0: fromDeg,
    t1: fromDeg + spanDeg,
    steps,
    at: local ? (az) => localDirect(center, az, radiusM) : (az) => solveDirect(center, az, radiusM),
  };
}

/**
 * The geodesic leaving `center` at `azimuthDeg`, from distance `fromM` to `toM`, for a bound of
 * `maxErrorM` (exact vertices without one).
 */
export function radialPiece(
  center: LonLat,
  azimuthDeg: number,
  fromM: number,
  toM: number,
  maxErrorM = 0,
): BoundaryPiece {
  const local = localErrorM(Math.max(fromM, toM)) <= LOCAL_SHARE * maxErrorM;
  return {
    t0: fromM,
    t1: toM,
    steps: 1,
    at: local ? (s) => localDirect(center, azimuthDeg, s) : (s) => solveDirect(center, azimuthDeg, s),
  };
}

/** `p`'s longitude moved by a multiple of 360 to lie within 180 of `near`'s. */
function unrollNear(p: LonLat, nearLon: number): LonLat {
  return [nearLon + normalizeLongitude(p[0] - nearLon), p[1]];
}

function geodesicMidpoint(a: LonLat, b: LonLat): LonLat {
  const line = WGS84.InverseLine(a[1], a[0], b[1], b[0], LINE_CAPS);
  const r = line.Position(line.s13 / 2, Mask.LATITUDE | Mask.LONGITUDE);
  return [r.lon2 ?? Number.NaN, r.lat2 ?? Number.NaN];
}

/** WGS84 semi-axes, metres: the largest and least radius of curvature are a²/b and b²/a. */
const SEMI_MAJOR_M = 6_378_137;
const SEMI_MINOR_M = SEMI_MAJOR_M * (1 - 1 / 298.257223563);
const MAX_CURVATURE_RADIUS_M = (SEMI_MAJOR_M * SEMI_MAJOR_M) / SEMI_MINOR_M;
const MIN_CURVATURE_RADIUS_M = (SEMI_MINOR_M * SEMI_MINOR_M) / SEMI_MAJOR_M;
/** bendBoundM answers only for edges this short and this far from the poles (else Infinity). */
const BEND_BOUND_MAX_EDGE_M = 200_000;
const BEND_BOUND_MAX_LAT_DEG = 85;
const DEG = Math.PI / 180;

/**
 * An upper bound, metres, on how far an edge's lon/lat midpoint lies from its geodesic midpoint
 * (what edgeBendsTooFar measures), from its ends' coordinates alone; Infinity outside its domain
 * (edges over 200 km, or reaching beyond 85° of latitude).
 *
 * The edge is no longer than its lon/lat-straight path, which is at most
 * ℓ = √((R Δφ)² + (R cos φ₀ Δλ)²) with R = a²/b the largest radius of curvature and φ₀ its
 * latitude nearest the equator. That path bends off the geodesic with geodesic curvature at most
 * about 1.09·tan φ/R (a parallel, the worst direction but one, has tan φ/N), and a curve of
 * curvature κ strays about κℓ²/8 from the chord between its ends at the middle; the parameter
 * midpoint slides along it where cos φ changes along the edge. Over 400,000 random edges of 10 m
 * to 200 km at latitudes up to 85° the deviation never passed ℓ²·tan φ₁/(7 b²/a), φ₁ the edge's
 * latitude farthest from the equator (as the curvature alone predicts, 1.09/8). The bound is
 * ℓ²·tan φ₁/(3 b²/a), plus a micrometre for rounding: over twice that (region-boundary.test.ts
 * checks it against the exact measure). It settles a 40 km wedge's radials at a 500 m bound.
 */
export function bendBoundM(a: LonLat, b: LonLat): number {
  const latA = Math.abs(a[1]);
  const latB = Math.abs(b[1]);
  const latHi = latA > latB ? latA : latB;
  if (!(latHi <= BEND_BOUND_MAX_LAT_DEG)) return Infinity;
  const dLat = Math.abs(b[1] - a[1]) * DEG;
  const dLon = Math.abs(normalizeLongitude(b[0] - a[0])) * DEG;
  const cosMax = a[1] > 0 !== b[1] > 0 ? 1 : Math.cos((latA < latB ? latA : latB) * DEG);
  const lengthM = MAX_CURVATURE_RADIUS_M * hypot(dLat, cosMax * dLon);
  if (!(lengthM <= BEND_BOUND_MAX_EDGE_M)) return Infinity;
  return (lengthM * lengthM * Math.tan(latHi * DEG)) / (3 * MIN_CURVATURE_RADIUS_M) + 1e-6;
}

/** How far the edge's lon/lat midpoint lies from its geodesic midpoint, metres. */
export function edgeBendM(a: LonLat, b: LonLat): number {
  const bLon = unrollNear(b, a[0])[0];
  const chordMid: LonLat = [normalizeLongitude((a[0] + bLon) / 2), (a[1] + b[1]) / 2];
  return geodesicDistance(chordMid, geodesicMidpoint(a, b));
}

function edgeBendsTooFar(a: LonLat, b: LonLat, toleranceM: number): boolean {
  // Most edges are short enough that the bound settles it without two geodesic solutions.
  return bendBoundM(a, b) > toleranceM && edgeBendM(a, b) > toleranceM;
}

/**
 * Vertices along consecutive boundary pieces, as one open ring with unrolled longitudes (each
 * within 180° of the one before). Each piece contributes its start; the last piece's end is
 * assumed to meet the first piece's start.
 */
export function sampleBoundary(pieces: readonly BoundaryPiece[], maxErrorM: number): LonLat[] {
  const bendToleranceM = (1 - ARC_SHARE - LOCAL_SHARE) * maxErrorM;
  const out: LonLat[] = [];
  const push = (p: LonLat): void => {
    const prev = out[out.length - 1];
    out.push(prev ? unrollNear(p, prev[0]) : p);
  };
  const refine = (
    piece: BoundaryPiece,
    t0: number,
    a: LonLat,
    t1: number,
    b: LonLat,
    depth: number,
  ): void => {
    if (depth < MAX_HALVINGS && edgeBendsTooFar(a, b, bendToleranceM)) {
      const tm = (t0 + t1) / 2;
      const m = piece.at(tm);
      refine(piece, t0, a, tm, m, depth + 1);
      refine(piece, tm, m, t1, b, depth + 1);
      return;
    }
    push(a);
  };
  for (const piece of pieces) {
    let tPrev = piece.t0;
    let pPrev = piece.at(tPrev);
    for (let k = 1; k <= piece.steps; k++) {
      const t = k === piece.steps ? piece.t1 : piece.t0 + ((piece.t1 - piece.t0) * k) / piece.steps;
      const p = piece.at(t);
      refine(piece, tPrev, pPrev, t, p, 0);
      tPrev = t;
      pPrev = p;
    }
  }
  return out;
}
