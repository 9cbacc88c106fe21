/**
 * A polyline widened into an area: every point within `halfWidthM` metres (geodesic, WGS84) of
 * the line. Used to draw the security zone (the line of contact widened by its width on each
 * side) and maritime corridors given as a centreline and a width.
 *
 * Built as the union (unionRegions, in a local plane) of a disc about every vertex and a
 * quadrilateral along every segment, whose corners are the segment's ends moved `halfWidthM`
 * square to the geodesic. Disc edges stray at most `maxErrorM` from the true circles; a
 * quadrilateral's long sides are chords of the true offset curve, which for the tens of
 * kilometres between a line's vertices bend by metres at most. The drawing is for maps and
 * extents; whether a point is in the zone is decided by distanceToLine, not by this polygon.
 */
import { direct, discRegion, inverse, unionRegions, type Region } from '../../domain/geo/index.js';
import { meters, type LonLat, type MultiPolygonCoords } from '../../domain/units.js';

export function lineBuffer(line: readonly LonLat[], halfWidthM: number, opts: { maxErrorM?: number } = {}): MultiPolygonCoords {
  if (line.length < 2) throw new Error(`lineBuffer: a line needs at least 2 positions, got ${line.length}`);
  if (!(halfWidthM > 0)) throw new Error(`lineBuffer: halfWidthM must be > 0, got ${halfWidthM}`);
  const maxErrorM = opts.maxErrorM ?? 50;
  const pieces: Region[] = line.map((p) => discRegion(p, halfWidthM, { maxErrorM }));
  for (let i = 1; i < line.length; i++) {
    const a = line[i - 1]!;
    const b = line[i]!;
    const { azimuth1Deg, azimuth2Deg, distanceM } = inverse(a, b);
    if (distanceM === 0) continue;
    const ring: LonLat[] = [
      direct(a, azimuth1Deg - 90, halfWidthM),
      direct(b, azimuth2Deg - 90, halfWidthM),
      direct(b, azimuth2Deg + 90, halfWidthM),
      direct(a, azimuth1Deg + 90, halfWidthM),
    ];
    ring.push(ring[0]!);
    pieces.push({ polygon: [[ring]], maxErrorM: meters(maxErrorM) });
  }
  return unionRegions(pieces).polygon;
}
