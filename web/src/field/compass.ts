/**
 * Bearings as a monitor gives them: one of the 16 compass points (N, NNE, …) or degrees, turned
 * into the sector {fromDeg, toDeg} the observation format wants. A compass point is 22.5° wide,
 * so its sector is its centre ± 11.25°; a bearing in degrees gets the spread the monitor states.
 * Pure: the unit tests run it in Node.
 */

export const COMPASS_POINTS = [
  'N',
  'NNE',
  'NE',
  'ENE',
  'E',
  'ESE',
  'SE',
  'SSE',
  'S',
  'SSW',
  'SW',
  'WSW',
  'W',
  'WNW',
  'NW',
  'NNW',
] as const;
export type CompassPoint = (typeof COMPASS_POINTS)[number];

/** Width of one compass point's sector, in degrees. */
export const POINT_WIDTH_DEG = 360 / COMPASS_POINTS.length;

export interface Sector {
  readonly fromDeg: number;
  readonly toDeg: number;
}

export function isCompassPoint(s: string): s is CompassPoint {
  return (COMPASS_POINTS as readonly string[]).includes(s);
}

/** Degrees in [0, 360), rounded to 0.01° so sums of floats do not leave 359.99999. */
export function normaliseDeg(deg: number): number {
  const d = Math.round((((deg % 360) + 360) % 360) * 100) / 100;
  return d === 360 ? 0 : d;
}

/** The centre of a compass point: N = 0, NNE = 22.5, …, NNW = 337.5. */
export function pointToDeg(point: CompassPoint): number {
  return COMPASS_POINTS.indexOf(point) * POINT_WIDTH_DEG;
}

/** The compass point whose sector holds `deg` (N covers 348.75°–11.25°). */
export function degToPoint(deg: number): CompassPoint {
  const i = Math.round(normaliseDeg(deg) / POINT_WIDTH_DEG) % COMPASS_POINTS.length;
  return COMPASS_POINTS[i]!;
}

/** The sector centred on `centreDeg` spanning `halfWidthDeg` either side, clockwise from → to. */
export function sectorAround(centreDeg: number, halfWidthDeg: number): Sector {
  return {
    fromDeg: normaliseDeg(centreDeg - halfWidthDeg),
    toDeg: normaliseDeg(centreDeg + halfWidthDeg),
  };
}

/** The sector of one compass point (its 22.5°). */
export function pointSector(point: CompassPoint): Sector {
  return sectorAround(pointToDeg(point), POINT_WIDTH_DEG / 2);
}
