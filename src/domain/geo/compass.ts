/**
 * The 16-point compass rose used in field reports ("3-5 km SSE"): points and the bearing
 * sectors they stand for.
 */
import { normalizeAzimuth } from './ellipsoid.js';
import { checkNumber, IssueList } from './input-checks.js';

export const COMPASS_16 = [
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

export type Compass16 = (typeof COMPASS_16)[number];

/** Width of one compass point's sector, degrees. */
export const COMPASS_16_STEP_DEG = 22.5;

/**
 * The compass point whose sector holds `azimuthDeg` (degrees clockwise from north, any finite
 * value; reduced mod 360). Sectors are half-open, [centre - 11.25, centre + 11.25): a bearing on
 * a boundary goes to the point clockwise of it, so 11.25 is 'NNE' and 348.75 is 'N'.
 */
export function compassPoint16(azimuthDeg: number): Compass16 {
  const issues = new IssueList();
  checkNumber(azimuthDeg, 'azimuthDeg', issues);
  issues.throwIfAny('compassPoint16 input');
  const index =
    Math.floor(normalizeAzimuth(azimuthDeg + COMPASS_16_STEP_DEG / 2) / COMPASS_16_STEP_DEG) % 16;
  return COMPASS_16[index] as Compass16;
}

/**
 * The bearing sector a compass point stands for, clockwise from `fromDeg` to `toDeg`, degrees in
 * [0, 360). 'N' wraps through north: { fromDeg: 348.75, toDeg: 11.25 }; 'SSE' is
 * { fromDeg: 146.25, toDeg: 168.75 }. The result can be passed to `annularSectorRegion`.
 */
export function compassSector16(point: Compass16): { fromDeg: number; toDeg: number } {
  const index = COMPASS_16.indexOf(point);
  if (index < 0) {
    const issues = new IssueList();
    issues.add('point', `must be one of ${COMPASS_16.join(', ')}, got ${JSON.stringify(point)}`);
    issues.throwIfAny('compassSector16 input');
  }
  const centre = index * COMPASS_16_STEP_DEG;
  return {
    fromDeg: normalizeAzimuth(centre - COMPASS_16_STEP_DEG / 2),
    toDeg: normalizeAzimuth(centre + COMPASS_16_STEP_DEG / 2),
  };
}
