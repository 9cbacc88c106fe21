/**
 * Geodesy for Truceline on the WGS84 ellipsoid (GeographicLib). Positions are [lon, lat]
 * (GeoJSON order), distances metres on the ellipsoid, azimuths degrees clockwise from north.
 */
// measure
export { inverse, type InverseResult } from './inverse.js';
export { direct } from './direct.js';
export { lineLength } from './line-length.js';
export { polygonArea } from './polygon-area.js';
// line of contact
export { distanceToLine, type LineDistance } from './distance-to-line.js';
export { sideOfLine, type Side } from './side-of-line.js';
export { multiPolygonContains, pointInPolygon } from './point-in-polygon.js';
export { areaContaining } from './area-containing.js';
// compass
export { COMPASS_16, compassPoint16, compassSector16, type Compass16 } from './compass.js';
// local projection
export { LocalProjection } from './local-projection.js';
export { LocalPlane } from './local-plane.js';
// regions
export {
  DEFAULT_MAX_ERROR_M,
  MAX_REGION_RADIUS_M,
  MIN_MAX_ERROR_M,
  type Region,
} from './region.js';
export { discRegion, type DiscOptions } from './disc-region.js';
export {
  annularSectorRegion,
  type AnnularSectorOptions,
  type BearingSector,
  type DistanceRange,
} from './annular-sector-region.js';
export { DEFAULT_WEDGE_RANGE_M, wedgeRegion, type WedgeOptions } from './wedge-region.js';
export { intersectRegions, intersectRegionsMeasured } from './intersect-regions.js';
export { unionRegions } from './union-regions.js';
export { regionAreaM2 } from './region-area.js';
export { regionCentroid } from './region-centroid.js';
export { LOCAL_LIMIT_M, localDirect, localDistance, localErrorM, localInverse, type LocalInverse } from './local-geodesic.js';
