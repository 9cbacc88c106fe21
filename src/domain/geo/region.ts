/**
 * Regions: where an observation puts its event, as lon/lat polygons with a stated bound on how
 * far their boundary strays from the true one.
 */
import type { LonLat, Meters, MultiPolygonCoords } from '../units.js';
import { geodesicDistance } from './ellipsoid.js';
import { checkNumber, checkPolygonal, type IssueList } from './input-checks.js';

/**
 * A place as a MultiPolygon (RFC 7946 rings: closed, outer rings counter-clockwise, holes
 * clockwise, split at the antimeridian) and `maxErrorM`, the most, in metres, that its boundary
 * may lie from the true boundary it approximates, inward or outward. The bound holds for the
 * polygon's edges read as straight in lon/lat (RFC 7946 §3.1.1), as geodesics, or as straight
 * lines in a local azimuthal equidistant projection near the region.
 */
export interface Region {
  readonly polygon: MultiPolygonCoords;
  readonly maxErrorM: Meters;
}

/** Default for every builder's `maxErrorM` option, metres. */
export const DEFAULT_MAX_ERROR_M = 10;
/** The smallest `maxErrorM` a builder accepts, metres; finer bounds only multiply vertices. */
export const MIN_MAX_ERROR_M = 0.1;
/** The largest radius or range a builder accepts, metres; regions are local. */
export const MAX_REGION_RADIUS_M = 1_000_000;

/** Checks a builder's `maxErrorM` option and returns it, or the default when absent. */
export function checkMaxErrorOption(value: unknown, path: string, issues: IssueList): number {
  if (value === undefined) return DEFAULT_MAX_ERROR_M;
  checkNumber(value, path, issues, { min: MIN_MAX_ERROR_M });
  return typeof value === 'number' ? value : DEFAULT_MAX_ERROR_M;
}

/** Checks a distance that a builder uses as a radius or range: finite, in [min, 1,000 km]. */
export function checkRadius(
  value: unknown,
  path: string,
  issues: IssueList,
  positive: boolean,
): void {
  checkNumber(
    value,
    path,
    issues,
    positive ? { above: 0, max: MAX_REGION_RADIUS_M } : { min: 0, max: MAX_REGION_RADIUS_M },
  );
}

/**
 * Checks a Region handed in by a caller (it may have come over the wire). A region that passed
 * is remembered (regions are read-only), so the same one handed in again, as fusion hands in an
 * incident's place on every refold, is not walked again.
 */
export function checkRegion(value: unknown, path: string, issues: IssueList): Region | null {
  if (typeof value === 'object' && value !== null && passed.has(value)) return value as Region;
  if (typeof value !== 'object' || value === null) {
    issues.add(
      path,
      `must be a region { polygon, maxErrorM }, got ${value === null ? 'null' : typeof value}`,
    );
    return null;
  }
  const candidate = value as { polygon?: unknown; maxErrorM?: unknown };
  const before = issues.issues.length;
  const polygon = checkPolygonal(candidate.polygon, `${path}.polygon`, issues);
  checkNumber(candidate.maxErrorM, `${path}.maxErrorM`, issues, { min: 0 });
  if (issues.issues.length > before || !polygon) return null;
  passed.add(value);
  return value as Region;
}

const passed = new WeakSet<object>();

const DEG = Math.PI / 180;
/** WGS84's least meridian radius of curvature, b²/a = a(1 − e²) (at the equator), metres. */
const MIN_MERIDIAN_RADIUS_M = 6_378_137 * (1 - 1 / 298.257223563) ** 2;

/**
 * Records an issue when a region reaching `reachM` metres from `center` would touch a pole,
 * where a lon/lat polygon cannot describe it.
 */
export function checkClearOfPoles(
  center: LonLat,
  reachM: number,
  path: string,
  issues: IssueList,
): void {
  // The pole is a meridian arc away, no shorter than the latitude left times the least meridian
  // radius of curvature (b²/a): when that clears the reach, the geodesic is not needed.
  if ((90 - Math.abs(center[1])) * DEG * MIN_MERIDIAN_RADIUS_M * (1 - 1e-9) > reachM) return;
  const pole: LonLat = [center[0], center[1] >= 0 ? 90 : -90];
  const toPole = geodesicDistance(center, pole);
  if (toPole <= reachM) {
    issues.add(
      path,
      `a region reaching ${reachM} m from [${center[0]}, ${center[1]}] would touch the pole (${Math.round(toPole)} m away); polar regions are not supported`,
    );
  }
}

/**
 * A bearing sector's clockwise width, degrees: toDeg - fromDeg, plus 360 when it wraps through
 * north (toDeg < fromDeg). 0 when fromDeg === toDeg, or for { 360, 0 }: such sectors have no
 * width rather than being the full circle, which is spelt { fromDeg: 0, toDeg: 360 }.
 */
export function sectorSpanDeg(fromDeg: number, toDeg: number): number {
  if (fromDeg === toDeg) return 0;
  return toDeg > fromDeg ? toDeg - fromDeg : toDeg - fromDeg + 360;
}

/**
 * Checks a bearing sector { fromDeg, toDeg }: both in [0, 360], clockwise from fromDeg to toDeg;
 * toDeg < fromDeg wraps through north. Returns its width in degrees, (0, 360].
 */
export function checkSector(value: unknown, path: string, issues: IssueList): number {
  if (typeof value !== 'object' || value === null) {
    issues.add(path, 'must be a bearing sector { fromDeg, toDeg }');
    return 0;
  }
  const { fromDeg, toDeg } = value as { fromDeg?: unknown; toDeg?: unknown };
  const before = issues.issues.length;
  checkNumber(fromDeg, `${path}.fromDeg`, issues, { min: 0, max: 360 });
  checkNumber(toDeg, `${path}.toDeg`, issues, { min: 0, max: 360 });
  if (issues.issues.length > before) return 0;
  const span = sectorSpanDeg(fromDeg as number, toDeg as number);
  if (!(span > 0 && span <= 360)) {
    issues.add(
      path,
      `sector from ${fromDeg} to ${toDeg} has no width (use { fromDeg: 0, toDeg: 360 } for all bearings)`,
    );
    return 0;
  }
  return span;
}
