/**
 * Which side of a directed polyline (a line of contact, say) a point lies on.
 */
import type { LonLat } from '../units.js';
import { angleDiff, solveInverse } from './ellipsoid.js';
import { nearestOnLine, type LineFoot } from './distance-to-line.js';
import { checkLine, checkLonLat, IssueList } from './input-checks.js';

export type Side = 'left' | 'right';

/** Points nearer the line than this are on it, metres; the azimuth to them is meaningless. */
export const ON_LINE_M = 1e-3;

/**
 * The direction of travel to compare against at the foot. At an interior vertex (the foot is
 * a corner shared by two segments) it is the bisector of the incoming and outgoing azimuths:
 * points whose nearest point is a corner lie in the corner's outer wedge, and the bisector puts
 * them on the outer side whatever the turn. Zero-length segments are skipped.
 */
function travelAzimuth(foot: LineFoot, line: readonly LonLat[]): number {
  const lastSegment = line.length - 2;
  let vertex: number;
  if (foot.sM === 0 && foot.segmentIndex > 0) vertex = foot.segmentIndex;
  else if (foot.sM === foot.lengthM && foot.segmentIndex < lastSegment)
    vertex = foot.segmentIndex + 1;
  else return foot.lineAzimuthDeg;

  let incoming: number | null = null;
  for (let j = vertex - 1; j >= 0 && incoming === null; j--) {
    const r = solveInverse(line[j] as LonLat, line[j + 1] as LonLat);
    if (r.s12 > 0) incoming = r.azi2;
  }
  let outgoing: number | null = null;
  for (let k = vertex; k <= lastSegment && outgoing === null; k++) {
    const r = solveInverse(line[k] as LonLat, line[k + 1] as LonLat);
    if (r.s12 > 0) outgoing = r.azi1;
  }
  if (incoming === null) return outgoing ?? foot.lineAzimuthDeg;
  if (outgoing === null) return incoming;
  return incoming + angleDiff(incoming, outgoing) / 2;
}

/**
 * The side of `line`, relative to its direction of travel (first position to last), that p is
 * on. Found at p's nearest point on the line (see distanceToLine): the geodesic azimuth from
 * there to p is compared with the line's geodesic azimuth there; clockwise of it (by 0° to 180°,
 * exclusive) is 'right', anticlockwise is 'left'. Walking a line drawn north, east is right.
 *
 * Where the nearest point is an interior vertex, the line's azimuth there is the bisector of the
 * two segments' azimuths. Points beyond an end are judged against the end segment's azimuth,
 * i.e. the line's continuation.
 *
 * Ties, which the answer type cannot express: a point within 1 mm of the line, or exactly on the
 * continuation of an end segment (azimuth difference exactly 0° or 180°), is 'left'. Callers for
 * whom "on the line" matters should test distanceToLine first.
 */
export function sideOfLine(p: LonLat, line: readonly LonLat[]): Side {
  const issues = new IssueList();
  checkLonLat(p, 'p', issues);
  checkLine(line, 'line', issues);
  issues.throwIfAny('sideOfLine input');
  const foot = nearestOnLine(p, line);
  if (foot.distanceM < ON_LINE_M) return 'left';
  const turn = angleDiff(travelAzimuth(foot, line), foot.azimuthToPointDeg);
  return turn > 0 && turn < 180 ? 'right' : 'left';
}
