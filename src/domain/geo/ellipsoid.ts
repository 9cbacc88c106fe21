/**
 * The one place GeographicLib is imported: the WGS84 ellipsoid (a = 6378137 m,
 * f = 1/298.257223563) and the angle conventions every geo module shares.
 *
 * GeographicLib takes and returns (latitude, longitude); this layer's API takes LonLat
 * (GeoJSON order, RFC 7946 §3.1.1). Convert at each call, nowhere else.
 */
import geographiclib from 'geographiclib-geodesic';
import type { LonLat } from '../units.js';

/** GeographicLib's solver for WGS84 (Karney 2013, "Algorithms for geodesics"). */
export const WGS84 = geographiclib.Geodesic.WGS84;

/** GeographicLib capability / output mask bits (LATITUDE, LONGITUDE, AZIMUTH, DISTANCE, ...). */
export const Mask = geographiclib.Geodesic;

/** Outputs needed to walk along a line: position, azimuth, and positions by distance. */
export const LINE_CAPS = Mask.LATITUDE | Mask.LONGITUDE | Mask.AZIMUTH | Mask.DISTANCE_IN;

/** Radius of the sphere of equal mean (IUGG R1), metres; used only for first guesses. */
export const MEAN_RADIUS_M = 6_371_008.8;

/** An azimuth or bearing in degrees, reduced to [0, 360). */
export function normalizeAzimuth(deg: number): number {
  const r = ((deg % 360) + 360) % 360;
  return r === 360 ? 0 : r + 0; // `+ 0` turns -0 into 0
}

/** The signed turn from `fromDeg` to `toDeg`, degrees in (-180, 180]; positive is clockwise. */
export function angleDiff(fromDeg: number, toDeg: number): number {
  const d = normalizeAzimuth(toDeg - fromDeg);
  return d > 180 ? d - 360 : d;
}

/** Longitude reduced to [-180, 180). */
export function normalizeLongitude(deg: number): number {
  return normalizeAzimuth(deg + 180) - 180;
}

/** The geodesic (distance, azimuths) from a to b; azimuths as GeographicLib gives them. */
export function solveInverse(a: LonLat, b: LonLat): { s12: number; azi1: number; azi2: number } {
  const r = WGS84.Inverse(a[1], a[0], b[1], b[0], Mask.DISTANCE | Mask.AZIMUTH);
  return { s12: r.s12 ?? Number.NaN, azi1: r.azi1 ?? Number.NaN, azi2: r.azi2 ?? Number.NaN };
}

/** Geodesic distance a to b, metres. */
export function geodesicDistance(a: LonLat, b: LonLat): number {
  return WGS84.Inverse(a[1], a[0], b[1], b[0], Mask.DISTANCE).s12 ?? Number.NaN;
}

/** The point `distanceM` from `origin` along azimuth `azimuthDeg`; longitude in [-180, 180]. */
export function solveDirect(origin: LonLat, azimuthDeg: number, distanceM: number): LonLat {
  const r = WGS84.Direct(
    origin[1],
    origin[0],
    azimuthDeg,
    distanceM,
    Mask.LATITUDE | Mask.LONGITUDE,
  );
  return [r.lon2 ?? Number.NaN, r.lat2 ?? Number.NaN];
}
