/**
 * The region "from where I stand, on these bearings, between these distances": the place an
 * observation like "12 explosions 3-5 km SSE" puts its event in.
 */
import { meters, type LonLat } from '../units.js';
import { checkLonLat, IssueList } from './input-checks.js';
import { arcPiece, radialPiece, sampleBoundary, type BoundaryPiece } from './region-boundary.js';
import {
  checkClearOfPoles,
  checkMaxErrorOption,
  checkRadius,
  checkSector,
  type Region,
} from './region.js';
import { assembleMultiPolygon } from './ring-assembly.js';

export interface BearingSector {
  /** Bearing where the sector starts, degrees clockwise from north, [0, 360]. */
  readonly fromDeg: number;
  /** Bearing where it ends, clockwise from fromDeg; below fromDeg means it wraps through north. */
  readonly toDeg: number;
}

export interface DistanceRange {
  /** Nearest distance, metres, >= 0; 0 makes a pie slice that includes the observer. */
  readonly minM: number;
  /** Farthest distance, metres, > minM and <= 1,000,000. */
  readonly maxM: number;
}

export interface AnnularSectorOptions {
  /** Most the boundary may stray from the true one, metres; default 10, at least 0.1. */
  maxErrorM?: number;
}

/**
 * Points whose geodesic azimuth from `observer` lies in `sector` (clockwise from fromDeg to
 * toDeg, so { fromDeg: 350, toDeg: 10 } is 20° wide through north) and whose geodesic distance
 * from it is in [minM, maxM]. Straight sides are geodesics from the observer; curved sides are
 * geodesic circles, sampled as discRegion does. { fromDeg: 0, toDeg: 360 } gives a full annulus
 * (a polygon with a hole), or a disc when minM is 0.
 *
 * @example annularSectorRegion(obs, compassSector16('SSE'), { minM: 3000, maxM: 5000 })
 */
export function annularSectorRegion(
  observer: LonLat,
  sector: BearingSector,
  range: DistanceRange,
  opts: AnnularSectorOptions = {},
): Region {
  const issues = new IssueList();
  checkLonLat(observer, 'observer', issues);
  const span = checkSector(sector, 'sector', issues);
  if (typeof range !== 'object' || range === null)
    issues.add('range', 'must be a distance range { minM, maxM }');
  else {
    checkRadius(range.minM, 'range.minM', issues, false);
    checkRadius(range.maxM, 'range.maxM', issues, true);
    if (
      typeof range.minM === 'number' &&
      typeof range.maxM === 'number' &&
      !(range.minM < range.maxM)
    ) {
      issues.add('range', `minM (${range.minM}) must be less than maxM (${range.maxM})`);
    }
  }
  const maxErrorM = checkMaxErrorOption(opts?.maxErrorM, 'opts.maxErrorM', issues);
  if (issues.issues.length === 0) checkClearOfPoles(observer, range.maxM, 'observer', issues);
  issues.throwIfAny('annularSectorRegion input');

  return buildSectorRegion(observer, sector.fromDeg, span, range.minM, range.maxM, maxErrorM);
}

/** The region for already-checked inputs; `spanDeg` in (0, 360] from sectorSpanDeg. */
export function buildSectorRegion(
  observer: LonLat,
  fromDeg: number,
  spanDeg: number,
  minM: number,
  maxM: number,
  maxErrorM: number,
): Region {
  let rings: LonLat[][];
  if (spanDeg === 360) {
    const outer = sampleBoundary([arcPiece(observer, maxM, 0, 360, maxErrorM)], maxErrorM);
    rings =
      minM > 0
        ? [outer, sampleBoundary([arcPiece(observer, minM, 0, 360, maxErrorM)], maxErrorM)]
        : [outer];
  } else {
    const toDeg = fromDeg + spanDeg;
    const pieces: BoundaryPiece[] = [
      radialPiece(observer, fromDeg, minM, maxM, maxErrorM),
      arcPiece(observer, maxM, fromDeg, spanDeg, maxErrorM),
      radialPiece(observer, toDeg, maxM, minM, maxErrorM),
    ];
    if (minM > 0) pieces.push(arcPiece(observer, minM, toDeg, -spanDeg, maxErrorM));
    rings = [sampleBoundary(pieces, maxErrorM)];
  }
  return { polygon: assembleMultiPolygon([rings]), maxErrorM: meters(maxErrorM) };
}
