/**
 * Evaluation of fusion and assessment against the simulator's ground truth (`truceline eval`).
 * Pure metric functions; the command reads the store and the truth file (src/cli/commands/eval.ts).
 */
export { evaluate, checkTargets, formatEvalReport, type EvalInput, type EvalReport, type TargetCheck } from './evaluate.js';
export { indexTruth, endOf, type End, type TruthGroup, type TruthIndex } from './truth.js';
export { pairwiseGrouping, f1, type PairScores } from './grouping.js';
export { toEvalIncident, majorityEvent, incidentByGroup, type EvalIncident } from './incidents.js';
export { placementScores, spread, quantile, missionSources, SOURCE_BUCKETS, type PlacementScores, type Spread, type SourceBucket } from './placement.js';
export { attributionScores, CALIBRATION_FROM, type AttributionScores } from './attribution.js';
export { provisionScores, formatProvisionCalibration, DEFAULT_CLAIM_AT, type ProvisionScores, type ProvisionCounts, type CalibrationBin } from './provisions.js';
export { readIncidents, readObservations } from './read-store.js';
