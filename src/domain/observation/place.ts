/**
 * Where an observation puts its event, reduced to what an index needs: a representative point
 * and a conservative bounding box. The exact region (disc, annular sector, wedge) comes from
 * src/domain/geo; this module only bounds it.
 */
import { direct } from '../geo/index.js';
import type { LonLat } from '../units.js';
import type { Observation } from './types.js';

/** Range assumed for a bearing-only detection, metres (the geo wedge's default too). */
export const BEARING_ONLY_RANGE_M = 40_000;

/** [west, south, east, north] in degrees. */
export type Extent = readonly [number, number, number, number];

const places = new WeakMap<Observation, { extent: Extent; point: LonLat }>();

/**
 * Records an observation's extent and point computed elsewhere (another thread prepared it), so
 * they are not solved again. For immutable observations only.
 */
export function rememberPlace(o: Observation, extent: Extent, point: LonLat): void {
  places.set(o, { extent, point });
}

function sectorMidDeg(from: number, to: number): number {
  const width = (to - from + 360) % 360;
  return (from + width / 2) % 360;
}

/**
 * A representative point, [lon, lat]: the location itself; for a bearing and distance range,
 * the point at the middle bearing and middle distance; for a bearing-only report, the observer.
 */
export function observationPoint(o: Observation): LonLat {
  const known = places.get(o);
  if (known) return known.point;
  if (o.location) return [o.location.lon, o.location.lat];
  const observer = o.observer;
  if (!observer) throw new Error(`observation ${o.id} has neither location nor observer`);
  const at: LonLat = [observer.lon, observer.lat];
  if (o.bearing && o.distanceKm) {
    const midKm = (o.distanceKm.min + o.distanceKm.max) / 2;
    return direct(at, sectorMidDeg(o.bearing.fromDeg, o.bearing.toDeg), midKm * 1000);
  }
  return at;
}

/**
 * A bounding box that contains the observation's whole region: the box around a geodesic circle
 * of the region's outer radius about its centre, widened by 1% of the radius (the extreme
 * longitude of a geodesic circle lies slightly off due east/west).
 */
export function observationExtent(o: Observation): Extent {
  const known = places.get(o);
  if (known) return known.extent;
  let centre: LonLat;
  let radiusM: number;
  if (o.location) {
    centre = [o.location.lon, o.location.lat];
    radiusM = o.location.radiusM;
  } else if (o.observer) {
    centre = [o.observer.lon, o.observer.lat];
    const accuracy = o.observer.accuracyM ?? 0;
    radiusM = accuracy + (o.bearing ? (o.distanceKm ? o.distanceKm.max * 1000 : BEARING_ONLY_RANGE_M) : 0);
  } else {
    throw new Error(`observation ${o.id} has neither location nor observer`);
  }
  if (radiusM <= 0) return [centre[0], centre[1], centre[0], centre[1]];
  const r = radiusM * 1.01;
  const north = direct(centre, 0, r)[1];
  const south = direct(centre, 180, r)[1];
  const east = direct(centre, 90, r)[0];
  const west = direct(centre, 270, r)[0];
  return [Math.min(west, centre[0]), Math.min(south, centre[1]), Math.max(east, centre[0]), Math.max(north, centre[1])];
}
