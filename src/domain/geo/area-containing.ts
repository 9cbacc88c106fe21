/**
 * Which of several named areas (the parties' sides, say) holds a position.
 */
import type { LonLat, MultiPolygonCoords, PolygonCoords } from '../units.js';
import { checkLonLat, checkPolygonal, IssueList } from './input-checks.js';
import { multiPolygonContains } from './point-in-polygon.js';

/**
 * The key of the area that holds p, or null when none does. Containment is pointInPolygon's:
 * straight edges in lon/lat, boundaries included.
 *
 * Areas may touch (two sides of a line of contact share it) or overlap; when more than one holds
 * p, the key first in code-unit order (`a` < `b`, `A` < `a`) wins, so the answer depends on the
 * data and not on the order the record was built in. Callers who need to know about overlap
 * should check each area with pointInPolygon.
 *
 * @example areaContaining([37.8, 48.0], { east: eastCoords, west: westCoords }) // 'east' or 'west' or null
 */
export function areaContaining(
  p: LonLat,
  areas: Readonly<Record<string, PolygonCoords | MultiPolygonCoords>>,
): string | null {
  const issues = new IssueList();
  checkLonLat(p, 'p', issues);
  const checked: [string, MultiPolygonCoords][] = [];
  if (typeof areas !== 'object' || areas === null || Array.isArray(areas)) {
    issues.add(
      'areas',
      'must be an object mapping area keys to Polygon or MultiPolygon coordinates',
    );
  } else {
    for (const key of Object.keys(areas).sort()) {
      const polygons = checkPolygonal(areas[key], `areas.${key}`, issues);
      if (polygons) checked.push([key, polygons]);
    }
  }
  issues.throwIfAny('areaContaining input');
  for (const [key, polygons] of checked) {
    if (multiPolygonContains(p, polygons)) return key;
  }
  return null;
}
