/**
 * The inverse geodesic problem on WGS84: distance and azimuths between two positions.
 */
import { degrees, meters, type Degrees, type LonLat, type Meters } from '../units.js';
import { normalizeAzimuth, solveInverse } from './ellipsoid.js';
import { checkLonLat, isLonLat, IssueList } from './input-checks.js';

export interface InverseResult {
  /** Length of the shortest geodesic from a to b, metres. */
  readonly distanceM: Meters;
  /** Azimuth of the geodesic at a, degrees clockwise from north in [0, 360). */
  readonly azimuth1Deg: Degrees;
  /**
   * Forward azimuth at b (the direction of travel on arrival, not the bearing back to a),
   * degrees in [0, 360). The back bearing from b to a is azimuth2Deg + 180 (mod 360).
   */
  readonly azimuth2Deg: Degrees;
}

/**
 * Shortest geodesic between a and b on WGS84 (GeographicLib, accurate to ~15 nm).
 *
 * Coincident points give distance 0 and the azimuths GeographicLib picks (180 at both ends for
 * identical points), so do not read a bearing from a zero-length result.
 *
 * @example inverse([-73.8, 40.6], [-0.5, 51.6]) // JFK to LHR: 5,551,759.4 m, azimuth1 51.1989°
 */
export function inverse(a: LonLat, b: LonLat): InverseResult {
  if (!isLonLat(a) || !isLonLat(b)) {
    const issues = new IssueList();
    checkLonLat(a, 'a', issues);
    checkLonLat(b, 'b', issues);
    issues.throwIfAny('inverse input');
  }
  const r = solveInverse(a, b);
  return {
    distanceM: meters(r.s12),
    azimuth1Deg: degrees(normalizeAzimuth(r.azi1)),
    azimuth2Deg: degrees(normalizeAzimuth(r.azi2)),
  };
}
