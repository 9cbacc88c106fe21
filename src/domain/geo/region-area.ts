/**
 * A region's area.
 */
import { IssueList } from './input-checks.js';
import { multiPolygonAreaM2 } from './polygon-area.js';
import { checkRegion, type Region } from './region.js';

/**
 * Geodesic area of the region's polygon on WGS84, m² (holes subtracted; see polygonArea, which
 * gives km²). This is the polygon's area: an arc sampled within maxErrorM makes the polygon a
 * little smaller than the true disc or sector, by at most about perimeter × maxErrorM.
 */
export function regionAreaM2(r: Region): number {
  const issues = new IssueList();
  checkRegion(r, 'r', issues);
  issues.throwIfAny('regionAreaM2 input');
  return multiPolygonAreaM2(r.polygon);
}
