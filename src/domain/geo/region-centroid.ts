/**
 * A region's centroid: a single point to label or index it by.
 */
import type { LonLat } from '../units.js';
import { IssueList } from './input-checks.js';
import { planeFor, toPlane } from './region-plane.js';
import { checkRegion, type Region } from './region.js';

/**
 * The area-weighted centroid of the region, computed in a local azimuthal equidistant plane
 * centred on it (region-plane.ts) and mapped back to [lon, lat]. Holes count negatively whatever
 * their winding. It may fall outside a non-convex region: an annulus's centroid is its centre.
 * Throws VALIDATION for a region with no area.
 */
export function regionCentroid(r: Region): LonLat {
  const issues = new IssueList();
  checkRegion(r, 'r', issues);
  issues.throwIfAny('regionCentroid input');
  const plane = planeFor([r.polygon]);
  let area = 0;
  let sx = 0;
  let sy = 0;
  for (const polygon of toPlane(plane, r.polygon)) {
    polygon.forEach((ring, index) => {
      let a = 0;
      let cx = 0;
      let cy = 0;
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [x0, y0] = ring[j] as [number, number];
        const [x1, y1] = ring[i] as [number, number];
        const cross = x0 * y1 - x1 * y0;
        a += cross;
        cx += (x0 + x1) * cross;
        cy += (y0 + y1) * cross;
      }
      // Shoelace sums are twice the signed area, and six times area × centroid.
      const sign = (index === 0 ? 1 : -1) * Math.sign(a);
      area += (sign * a) / 2;
      sx += (sign * cx) / 6;
      sy += (sign * cy) / 6;
    });
  }
  // Below a square millimetre there is no meaningful centre (and the division would be noise).
  if (!(Math.abs(area) > 1e-6)) {
    issues.add('r.polygon', 'region has no area, so no centroid');
    issues.throwIfAny('regionCentroid input');
  }
  return plane.reverse([sx / area, sy / area]);
}
