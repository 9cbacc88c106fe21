/**
 * Fusion: observations into incidents (docs/ARCHITECTURE.md, "The flow": fuse). Pure.
 */
export {
  FusionEngine,
  DEFAULT_WINDOW_MS,
  DEFAULT_MAX_SPAN_MS,
  type FusionChange,
  type FusionOptions,
} from './engine.js';
export { fuseAll, type FusionResult } from './fuse-all.js';
export type { Incident, RawCount, SourceCount } from './incident.js';
export { isMissionSource } from './incident.js';
export {
  EVENT_GROUPS,
  WEAPON_FAMILIES,
  CALIBRE_TOLERANCE,
  compatible,
  eventsCompatible,
  weaponsCompatible,
  calibresCompatible,
  directionsCompatible,
  type Descriptor,
} from './compatibility.js';
export {
  DEFAULT_CLOCK_ERROR_S,
  SPEED_OF_SOUND_MPS,
  clockErrorS,
  heardTogether,
  soundTravelS,
  statedWindowMs,
  widenedWindowMs,
  type HeardAt,
  type MsWindow,
} from './time.js';
export {
  bboxOf,
  discPlaced,
  observationRegion,
  isBearingOnly,
  REGION_DEFAULTS,
  type PlacedRegion,
  type RegionOptions,
  type Shape,
} from './region.js';
export { regionsMeet } from './region-meet.js';
export {
  triangulateBearings,
  type Bearing,
  type BearingFix,
  type TriangulationOptions,
} from './triangulate.js';
export {
  locateConsensus,
  radiusAbout,
  type LocationEstimate,
  type LocatedMember,
  type LocationMethod,
} from './locate.js';
export { SECTOR_HALF_WIDTH_IN_SIGMA, bearingOf } from './member.js';
