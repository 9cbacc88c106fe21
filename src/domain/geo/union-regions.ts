/**
 * The union of regions: everywhere any of several observations allows.
 */
import polygonClipping from 'polygon-clipping';
import { meters } from '../units.js';
import { IssueList } from './input-checks.js';
import { fromPlane, planeFor, toPlane } from './region-plane.js';
import { checkRegion, type Region } from './region.js';

/**
 * The union of one or more regions, with overlaps merged (polygon-clipping in a local plane
 * centred on them all; see region-plane.ts). Disjoint regions give a MultiPolygon of several
 * polygons. maxErrorM is the largest input's: the union of sets each within e of their truth is
 * within e of the true union (Hausdorff distance does not grow under union). Meant for regions
 * within a few hundred kilometres of each other.
 */
export function unionRegions(regions: readonly Region[]): Region {
  const issues = new IssueList();
  if (!Array.isArray(regions) || regions.length === 0) {
    issues.add('regions', 'must be a non-empty array of regions');
  } else {
    regions.forEach((r, i) => checkRegion(r, `regions[${i}]`, issues));
  }
  issues.throwIfAny('unionRegions input');
  const plane = planeFor(regions.map((r) => r.polygon));
  const [first, ...rest] = regions.map((r) => toPlane(plane, r.polygon));
  const merged = polygonClipping.union(first ?? [], ...rest);
  const maxErrorM = Math.max(...regions.map((r) => r.maxErrorM));
  return { polygon: fromPlane(plane, merged), maxErrorM: meters(maxErrorM) };
}
