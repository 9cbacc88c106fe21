/**
 * Turning vertex lists into RFC 7946 MultiPolygon coordinates: rings closed, outer rings
 * counter-clockwise and holes clockwise (§3.1.6), and anything crossing the antimeridian cut
 * along it into pieces (§3.1.9). Input longitudes may be "unrolled" (continuous across ±180,
 * so possibly outside [-180, 180]); output longitudes are in [-180, 180].
 */
import polygonClipping, { type MultiPolygon, type Pair } from 'polygon-clipping';
import type { LonLat, MultiPolygonCoords, Ring } from '../units.js';

/** Twice the signed area in the lon/lat plane; positive when counter-clockwise. */
export function signedAreaLonLat(ring: readonly LonLat[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[j] as LonLat;
    const b = ring[i] as LonLat;
    sum += a[0] * b[1] - b[0] * a[1];
  }
  return sum;
}

/**
 * The ring closed (first position repeated at the end) and wound as asked: a new list, sharing
 * the given positions (read-only, like every position here) rather than copying each.
 */
export function closedRing(ring: readonly LonLat[], counterClockwise: boolean): LonLat[] {
  const open = ring.slice();
  const first = open[0];
  const last = open[open.length - 1];
  if (first && last && first[0] === last[0] && first[1] === last[1]) open.pop();
  if (signedAreaLonLat(open) > 0 !== counterClockwise) open.reverse();
  const start = open[0];
  if (start) open.push([start[0], start[1]]);
  return open;
}

function box(west: number, east: number): Pair[][] {
  return [
    [
      [west, -90],
      [east, -90],
      [east, 90],
      [west, 90],
      [west, -90],
    ],
  ];
}

function shifted(polygons: MultiPolygon, dLon: number): LonLat[][][] {
  return polygons.map((polygon) =>
    polygon.map((ring) =>
      ring.map(([lon, lat]): LonLat => [Math.min(180, Math.max(-180, lon + dLon)), lat]),
    ),
  );
}

/** Cuts unrolled polygons at the antimeridian; every piece ends up with lon in [-180, 180]. */
function splitAtAntimeridian(polygons: LonLat[][][]): LonLat[][][] {
  const input = polygons.map((polygon) =>
    polygon.map((ring) => ring.map(([lon, lat]): Pair => [lon, lat])),
  );
  return [
    ...shifted(polygonClipping.intersection(input, box(-180, 180)), 0),
    ...shifted(polygonClipping.intersection(input, box(180, 540)), -360),
    ...shifted(polygonClipping.intersection(input, box(-540, -180)), 360),
  ];
}

/**
 * RFC 7946 MultiPolygon coordinates from polygons given as rings (outer first, then holes) of
 * unrolled positions, open or closed, wound either way.
 */
export function assembleMultiPolygon(
  polygons: readonly (readonly (readonly LonLat[])[])[],
): MultiPolygonCoords {
  let oriented: LonLat[][][] = polygons.map((polygon) =>
    polygon.map((ring, i) => closedRing(ring, i === 0)),
  );
  const crosses = oriented.some((polygon) =>
    polygon.some((ring) => ring.some(([lon]) => lon < -180 || lon > 180)),
  );
  if (crosses) {
    oriented = splitAtAntimeridian(oriented).map((polygon) =>
      polygon.map((ring, i) => closedRing(ring, i === 0)),
    );
  }
  return oriented as readonly (readonly Ring[])[];
}
