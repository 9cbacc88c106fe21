/**
 * Geodesic length of a polyline on WGS84.
 */
import { meters, type LonLat, type Meters } from '../units.js';
import { geodesicDistance } from './ellipsoid.js';
import { checkLine, IssueList } from './input-checks.js';

/**
 * Sum of the geodesic lengths of the line's segments, metres. Each segment is the shortest
 * geodesic between consecutive positions. Needs at least 2 positions (RFC 7946 §3.1.4);
 * repeated positions add 0.
 */
export function lineLength(line: readonly LonLat[]): Meters {
  const issues = new IssueList();
  checkLine(line, 'line', issues);
  issues.throwIfAny('lineLength input');
  let total = 0;
  for (let i = 1; i < line.length; i++)
    total += geodesicDistance(line[i - 1] as LonLat, line[i] as LonLat);
  return meters(total);
}
