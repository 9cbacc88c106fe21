/**
 * The point of one geodesic segment nearest to a given point, on WGS84. Internal to
 * distanceToLine and sideOfLine; inputs are assumed checked.
 *
 * Method: along a geodesic X(s), the distance from P changes at the rate -cos(ω), where ω is the
 * angle at X between the segment's direction and the geodesic from X to P (the first-variation
 * formula, exact on the ellipsoid). So the nearest interior point is where ω = ±90°. Each step
 * solves the spherical right triangle (hypotenuse d = |XP|, angle ω at X) for the along-track
 * offset to that foot, tan(Δs/R) = tan(d/R)·cos ω, and moves there, clamped to the segment.
 * Near the answer the spherical error is a factor of order the flattening (1/298), so each step
 * gains two to three digits; a handful reach 0.1 mm. Karney (2013, "Algorithms for geodesics"
 * §8) solves this "interception" problem in the ellipsoidal gnomonic projection; this simpler
 * iteration has the same fixed point. Should it not
 * settle (it always has in testing), a golden-section search over the segment finishes the job;
 * the distance along a segment shorter than half the globe is unimodal.
 */
import type { LonLat } from '../units.js';
import { LINE_CAPS, Mask, MEAN_RADIUS_M, WGS84 } from './ellipsoid.js';

export interface SegmentFoot {
  /** Geodesic distance from the point to the foot, metres. */
  readonly distanceM: number;
  /** Where the foot is: metres along the segment from its start, in [0, lengthM]. */
  readonly sM: number;
  /** The segment's geodesic length, metres. */
  readonly lengthM: number;
  /** The foot; exactly the segment's start or end position when it falls there. */
  readonly position: LonLat;
  /** Azimuth of the segment (its direction of travel) at the foot, degrees in [-180, 180]. */
  readonly lineAzimuthDeg: number;
  /** Azimuth at the foot of the geodesic from the foot to the point, degrees in [-180, 180]. */
  readonly azimuthToPointDeg: number;
}

/** The iteration stops once a step moves the foot less than this, metres. */
const STEP_TOLERANCE_M = 1e-4;
const MAX_STEPS = 40;
const DEG = Math.PI / 180;
const INVERSE_MASK = Mask.DISTANCE | Mask.AZIMUTH;

type GeodesicLine = ReturnType<typeof WGS84.InverseLine>;

function footAt(
  line: GeodesicLine,
  s: number,
  lengthM: number,
  a: LonLat,
  b: LonLat,
  p: LonLat,
): SegmentFoot {
  let position: LonLat;
  let lineAzimuthDeg: number;
  if (s <= 0 || s >= lengthM) {
    // Report the caller's own vertex rather than a recomputed one, so that two segments meeting
    // at a vertex give bit-identical answers there.
    position = s <= 0 ? a : b;
    lineAzimuthDeg = s <= 0 ? line.azi1 : (line.Position(lengthM, Mask.AZIMUTH).azi2 ?? Number.NaN);
  } else {
    const r = line.Position(s, Mask.LATITUDE | Mask.LONGITUDE | Mask.AZIMUTH);
    position = [r.lon2 ?? Number.NaN, r.lat2 ?? Number.NaN];
    lineAzimuthDeg = r.azi2 ?? Number.NaN;
  }
  const toP = WGS84.Inverse(position[1], position[0], p[1], p[0], INVERSE_MASK);
  return {
    distanceM: toP.s12 ?? Number.NaN,
    sM: s <= 0 ? 0 : s >= lengthM ? lengthM : s,
    lengthM,
    position,
    lineAzimuthDeg,
    azimuthToPointDeg: toP.azi1 ?? Number.NaN,
  };
}

/** Signed along-track offset from the foot's current place to the perpendicular foot, metres. */
function alongTrackStep(f: SegmentFoot): number {
  const sigma = f.distanceM / MEAN_RADIUS_M;
  const omega = (f.azimuthToPointDeg - f.lineAzimuthDeg) * DEG;
  return MEAN_RADIUS_M * Math.atan2(Math.sin(sigma) * Math.cos(omega), Math.cos(sigma));
}

function clamp(s: number, lengthM: number): number {
  return s < 0 ? 0 : s > lengthM ? lengthM : s;
}

function goldenSection(
  line: GeodesicLine,
  lengthM: number,
  a: LonLat,
  b: LonLat,
  p: LonLat,
): SegmentFoot {
  const g = (Math.sqrt(5) - 1) / 2;
  let lo = 0;
  let hi = lengthM;
  let x1 = hi - g * (hi - lo);
  let x2 = lo + g * (hi - lo);
  let f1 = footAt(line, x1, lengthM, a, b, p);
  let f2 = footAt(line, x2, lengthM, a, b, p);
  while (hi - lo > STEP_TOLERANCE_M) {
    if (f1.distanceM <= f2.distanceM) {
      hi = x2;
      x2 = x1;
      f2 = f1;
      x1 = hi - g * (hi - lo);
      f1 = footAt(line, x1, lengthM, a, b, p);
    } else {
      lo = x1;
      x1 = x2;
      f1 = f2;
      x2 = lo + g * (hi - lo);
      f2 = footAt(line, x2, lengthM, a, b, p);
    }
  }
  const candidates = [
    f1,
    f2,
    footAt(line, 0, lengthM, a, b, p),
    footAt(line, lengthM, lengthM, a, b, p),
  ];
  return candidates.reduce((best, f) => (f.distanceM < best.distanceM ? f : best));
}

/**
 * The point of the geodesic segment a→b nearest to p, with the distance to it and the azimuths
 * there. Exact to well under a millimetre for segments up to a few thousand kilometres and points
 * a few hundred kilometres off. A zero-length segment's foot is a.
 */
export function nearestOnSegment(p: LonLat, a: LonLat, b: LonLat): SegmentFoot {
  const line = WGS84.InverseLine(a[1], a[0], b[1], b[0], LINE_CAPS);
  const lengthM = line.s13;
  let foot = footAt(line, 0, lengthM, a, b, p);
  if (!(lengthM > 0)) return foot;
  let s = 0;
  for (let k = 0; k < MAX_STEPS; k++) {
    const next = clamp(s + alongTrackStep(foot), lengthM);
    if (Math.abs(next - s) < STEP_TOLERANCE_M) return foot;
    s = next;
    foot = footAt(line, s, lengthM, a, b, p);
  }
  return goldenSection(line, lengthM, a, b, p);
}
