/**
 * The direct geodesic problem on WGS84: where a geodesic of given start azimuth and length ends.
 */
import type { LonLat } from '../units.js';
import { solveDirect } from './ellipsoid.js';
import { checkLonLat, checkNumber, isLonLat, IssueList } from './input-checks.js';

/**
 * The position reached by travelling `distanceM` metres from `origin` along the geodesic that
 * leaves it at `azimuthDeg` (degrees clockwise from north; any finite value, reduced mod 360).
 * A negative distance travels backwards along the same geodesic. The result's longitude is in
 * [-180, 180].
 *
 * @example direct([115.74, -32.06], 225, 20_000e3) // ≈ [-63.95925278, 32.11195529]
 */
export function direct(origin: LonLat, azimuthDeg: number, distanceM: number): LonLat {
  if (!isLonLat(origin) || !Number.isFinite(azimuthDeg) || !Number.isFinite(distanceM)) {
    const issues = new IssueList();
    checkLonLat(origin, 'origin', issues);
    checkNumber(azimuthDeg, 'azimuthDeg', issues);
    checkNumber(distanceM, 'distanceM', issues);
    issues.throwIfAny('direct input');
  }
  return solveDirect(origin, azimuthDeg, distanceM);
}
