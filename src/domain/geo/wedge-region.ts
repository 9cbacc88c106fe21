/**
 * The region a bearing-only report puts its event in: a sector out to a maximum range.
 */
import type { LonLat } from '../units.js';
import { buildSectorRegion, type BearingSector } from './annular-sector-region.js';
import { checkLonLat, IssueList } from './input-checks.js';
import {
  checkClearOfPoles,
  checkMaxErrorOption,
  checkRadius,
  checkSector,
  type Region,
} from './region.js';

/** Default reach of a bearing-only wedge, metres: beyond most tube and rocket artillery. */
export const DEFAULT_WEDGE_RANGE_M = 40_000;

export interface WedgeOptions {
  /** How far out the wedge reaches, metres; default 40,000, at most 1,000,000. */
  maxRangeM?: number;
  /** Most the boundary may stray from the true one, metres; default 10, at least 0.1. */
  maxErrorM?: number;
}

/**
 * Points on bearings in `sector` from `observer` (clockwise from fromDeg to toDeg; wraps through
 * north when toDeg < fromDeg) within `maxRangeM` metres: annularSectorRegion with minM = 0, a pie
 * slice that includes the observer. Fusion intersects several of these to place a source heard
 * by several sensors.
 *
 * @example wedgeRegion(sensor, { fromDeg: 120, toDeg: 126 }, { maxRangeM: 25_000 })
 */
export function wedgeRegion(
  observer: LonLat,
  sector: BearingSector,
  opts: WedgeOptions = {},
): Region {
  const issues = new IssueList();
  checkLonLat(observer, 'observer', issues);
  const span = checkSector(sector, 'sector', issues);
  const maxRangeM = opts?.maxRangeM ?? DEFAULT_WEDGE_RANGE_M;
  checkRadius(maxRangeM, 'opts.maxRangeM', issues, true);
  const maxErrorM = checkMaxErrorOption(opts?.maxErrorM, 'opts.maxErrorM', issues);
  if (issues.issues.length === 0) checkClearOfPoles(observer, maxRangeM, 'observer', issues);
  issues.throwIfAny('wedgeRegion input');
  return buildSectorRegion(observer, sector.fromDeg, span, 0, maxRangeM, maxErrorM);
}
