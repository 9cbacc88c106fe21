/**
 * Assessment: where an incident's fire came from, which side it came from, and which provisions
 * of the agreement it touches (docs/ARCHITECTURE.md, "The flow": assess). Pure.
 */
export {
  estimateOrigin,
  speaksToOrigin,
  RANGE_ERROR_FRACTION,
  widenForAttribution,
  type OriginEstimate,
  type OriginOptions,
} from './origin.js';
export {
  attributeSide,
  territoryShares,
  BEARING_ONLY_REASON,
  LEAVE_ONE_OUT_REASON,
  DEFAULT_ATTRIBUTION_THRESHOLD,
  UNDETERMINED,
  UNASSIGNED,
  type Attribution,
  type AttributionOptions,
} from './attribution.js';
export {
  matchProvisions,
  evidenceWeight,
  weaponWeight,
  CLAIMED_AT,
  UNNAMED_HEAVY,
  EVIDENCE_WEIGHT,
  type ProvisionKind,
  type ProvisionMatch,
  type ProvisionOptions,
} from './provisions.js';
export { normalCdf, withinLimit } from './limits.js';
export { samplePoints, shareInside, type SamplingOptions } from './sampling.js';
export {
  coveredShare,
  firedWithin,
  systemsFor,
  WEAPON_CATALOGUE,
  type WeaponCatalogue,
  type WeaponSystem,
  type WeightedSystem,
} from './weapons.js';
export {
  chi2Median,
  ErrorScale,
  excessOf,
  originConsistency,
  type Consistency,
  type ErrorScaleOptions,
} from './consistency.js';
export { LinePrior, PRIOR_LANDINGS, type LinePriorOptions } from './line-distance.js';
