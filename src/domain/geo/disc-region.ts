/**
 * The region within a geodesic distance of a point: a reported location with its uncertainty
 * radius.
 */
import { meters, type LonLat } from '../units.js';
import { checkLonLat, IssueList } from './input-checks.js';
import { arcPiece, sampleBoundary } from './region-boundary.js';
import { checkClearOfPoles, checkMaxErrorOption, checkRadius, type Region } from './region.js';
import { assembleMultiPolygon } from './ring-assembly.js';

export interface DiscOptions {
  /** Most the boundary may stray from the true circle, metres; default 10, at least 0.1. */
  maxErrorM?: number;
}

/**
 * All points within `radiusM` metres (geodesic distance, WGS84) of `center`, as a polygon whose
 * vertices lie on the geodesic circle, spaced so that no edge falls more than `maxErrorM` inside
 * it: azimuth step 2·acos(1 - ¾e/r), then edges halved until their lon/lat bending is within ¼e
 * (see region-boundary.ts). A 5 km disc at the default 10 m has 58 sides.
 *
 * radiusM: (0, 1,000,000]. The disc must not reach a pole.
 *
 * @example discRegion([37.8021, 48.0123], 500) // a monitor's position, ±500 m
 */
export function discRegion(center: LonLat, radiusM: number, opts: DiscOptions = {}): Region {
  const issues = new IssueList();
  checkLonLat(center, 'center', issues);
  checkRadius(radiusM, 'radiusM', issues, true);
  const maxErrorM = checkMaxErrorOption(opts?.maxErrorM, 'opts.maxErrorM', issues);
  if (issues.issues.length === 0) checkClearOfPoles(center, radiusM, 'center', issues);
  issues.throwIfAny('discRegion input');
  // Anticlockwise on the map is decreasing azimuth; assembleMultiPolygon fixes winding anyway.
  const ring = sampleBoundary([arcPiece(center, radiusM, 360, -360, maxErrorM)], maxErrorM);
  return { polygon: assembleMultiPolygon([[ring]]), maxErrorM: meters(maxErrorM) };
}
