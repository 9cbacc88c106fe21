/**
 * Short geodesic problems solved in the LocalPlane about their first point (local-plane.ts): the
 * distance and azimuth from it to another point, and the point at a distance and azimuth from
 * it. A few trigonometric calls instead of GeographicLib's iterative solution, and no garbage,
 * for what fusion asks most often: where a report's vertex lies from an observer tens of
 * kilometres away, against error bounds of metres to hundreds of metres.
 *
 * Within `localErrorM(d)` of the exact answer (GeographicLib) in position for d up to
 * LOCAL_LIMIT_M, away from the poles (local-geodesic.test.ts holds it to that at latitudes up to
 * 80°): about 5 m at 40 km, a millimetre at 500 m. Beyond that, or near a pole, the exact solution
 * is used. Callers compare with margins that include that error, or accept it as far below the
 * uncertainty they carry.
 */
import type { LonLat } from '../units.js';
import { normalizeLongitude, solveDirect, solveInverse } from './ellipsoid.js';
import { LocalPlane } from './local-plane.js';
import { hypot } from '../hypot.js';

const DEG = Math.PI / 180;

/** Farthest distance solved in the plane, metres. */
export const LOCAL_LIMIT_M = 200_000;
const LOCAL_MAX_LAT_DEG = 80;

/** The most a local solution's point lies from the exact one, metres, at distance `d` metres. */
export function localErrorM(d: number): number {
  return 3e-9 * d * d + 1e-6;
}

/** The planes about the last few origins asked for (callers ask about one origin many times in a row). */
const recent: LocalPlane[] = [];
const RECENT = 4;

function planeAt(p: LonLat): LocalPlane {
  for (const plane of recent)
    if (plane.center[0] === p[0] && plane.center[1] === p[1]) return plane;
  const plane = new LocalPlane(p);
  if (recent.length === RECENT) recent.pop();
  recent.unshift(plane);
  return plane;
}

export interface LocalInverse {
  readonly distanceM: number;
  /** Azimuth at `from`, degrees clockwise from north in (-180, 180]. */
  readonly azimuthDeg: number;
}

/** Distance and azimuth from `from` to `to` (see the module's note on accuracy). */
export function localInverse(from: LonLat, to: LonLat): LocalInverse {
  if (Math.abs(from[1]) <= LOCAL_MAX_LAT_DEG) {
    const [x, y] = planeAt(from).forward(to);
    const distanceM = hypot(x, y);
    if (distanceM <= LOCAL_LIMIT_M)
      return { distanceM, azimuthDeg: distanceM === 0 ? 0 : Math.atan2(x, y) / DEG };
  }
  const exact = solveInverse(from, to);
  return { distanceM: exact.s12, azimuthDeg: exact.azi1 };
}

/** The distance from `from` to `to`, metres: `localInverse`'s, without its azimuth. */
export function localDistance(from: LonLat, to: LonLat): number {
  if (Math.abs(from[1]) <= LOCAL_MAX_LAT_DEG) {
    const distanceM = planeAt(from).distance(to);
    if (distanceM <= LOCAL_LIMIT_M) return distanceM;
  }
  return solveInverse(from, to).s12;
}

/** The point `distanceM` from `from` along azimuth `azimuthDeg` (see the module's note on accuracy). */
export function localDirect(from: LonLat, azimuthDeg: number, distanceM: number): LonLat {
  if (Math.abs(from[1]) > LOCAL_MAX_LAT_DEG || !(Math.abs(distanceM) <= LOCAL_LIMIT_M))
    return solveDirect(from, azimuthDeg, distanceM);
  const a = azimuthDeg * DEG;
  const p = planeAt(from).at(distanceM * Math.sin(a), distanceM * Math.cos(a));
  if (!(p[0] >= -180 && p[0] <= 180)) p[0] = normalizeLongitude(p[0]);
  return p;
}
