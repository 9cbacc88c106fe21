/**
 * Where two regions overlap: the place two observations of one event agree on.
 */
import polygonClipping from 'polygon-clipping';
import { meters } from '../units.js';
import { IssueList } from './input-checks.js';
import { fromPlane, planeFor, toPlane } from './region-plane.js';
import { checkRegion, type Region } from './region.js';

/**
 * The overlap of a and b, or null when they do not meet (touching along an edge or at a point
 * is not meeting: the overlap has no area). Clipped with polygon-clipping in a local azimuthal
 * equidistant plane centred on the pair (region-plane.ts), then mapped back to lon/lat.
 *
 * maxErrorM of the result is a.maxErrorM + b.maxErrorM: near a corner where the two boundaries
 * cross, both errors can push the corner the same way. (At very shallow crossings a corner can
 * move further than that; the boundary away from corners stays within the larger input error.)
 */
export function intersectRegions(a: Region, b: Region): Region | null {
  const issues = new IssueList();
  checkRegion(a, 'a', issues);
  checkRegion(b, 'b', issues);
  issues.throwIfAny('intersectRegions input');
  const plane = planeFor([a.polygon, b.polygon]);
  const overlap = polygonClipping.intersection(
    toPlane(plane, a.polygon),
    toPlane(plane, b.polygon),
  );
  if (overlap.length === 0) return null;
  return { polygon: fromPlane(plane, overlap), maxErrorM: meters(a.maxErrorM + b.maxErrorM) };
}
