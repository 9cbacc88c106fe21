/**
 * Moving regions into a local plane (x, y metres east and north) and back, so that clipping
 * can be done by polygon-clipping in flat coordinates. Internal; inputs are assumed checked.
 *
 * Vertices map back where they were (LocalPlane's forward and reverse are inverses to rounding);
 * only the edges change meaning, from straight-in-lon/lat to straight-in-the-plane, and for
 * regions' short edges within a few hundred kilometres of the plane's centre the two differ by
 * far less than the regions' stated error (see region-boundary.ts and local-plane.ts).
 */
import type { MultiPolygon, Pair } from 'polygon-clipping';
import type { LonLat, MultiPolygonCoords } from '../units.js';
import { normalizeLongitude } from './ellipsoid.js';
import { LocalPlane } from './local-plane.js';
import { assembleMultiPolygon } from './ring-assembly.js';

/**
 * A plane centred on the middle of the polygons' lon/lat bounding box (longitudes unrolled
 * around the first vertex, so boxes across the antimeridian come out right).
 */
export function planeFor(polygons: readonly MultiPolygonCoords[]): LocalPlane {
  let refLon: number | null = null;
  let west = Infinity;
  let east = -Infinity;
  let south = Infinity;
  let north = -Infinity;
  for (const mp of polygons) {
    for (const polygon of mp) {
      for (const [lon, lat] of polygon[0] ?? []) {
        refLon ??= lon;
        const u = refLon + normalizeLongitude(lon - refLon);
        west = Math.min(west, u);
        east = Math.max(east, u);
        south = Math.min(south, lat);
        north = Math.max(north, lat);
      }
    }
  }
  if (refLon === null) return new LocalPlane([0, 0]);
  return new LocalPlane([normalizeLongitude((west + east) / 2), (south + north) / 2]);
}

/** The polygons' vertices in the plane, in polygon-clipping's shape. */
export function toPlane(plane: LocalPlane, polygons: MultiPolygonCoords): MultiPolygon {
  return polygons.map((polygon) => polygon.map((ring) => ring.map((p): Pair => plane.forward(p))));
}

/**
 * Plane polygons back to RFC 7946 coordinates: each vertex reverse-projected, longitudes kept
 * continuous around the centre, rings closed and wound CCW outer / CW holes, and cut at the
 * antimeridian if they cross it.
 */
export function fromPlane(plane: LocalPlane, polygons: MultiPolygon): MultiPolygonCoords {
  const lon0 = plane.center[0];
  return assembleMultiPolygon(
    polygons.map((polygon) =>
      polygon.map((ring) =>
        ring.map((xy): LonLat => {
          const p = plane.at(xy[0], xy[1]);
          p[0] = lon0 + normalizeLongitude(p[0] - lon0);
          return p;
        }),
      ),
    ),
  );
}
