/**
 * Fusion in the mission: the engine (src/domain/fusion) and assessment (src/domain/assessment)
 * wired to intake and the ledger. See fuser.ts.
 */
export { IncidentFuser, type FuseOutcome, type FuserStats, type IncidentFuserOptions } from './fuser.js';
export { assessIncident, restsOnLoneBearings, ASSESS_SAMPLING, BEARING_ONLY_REASON, NO_ORIGIN_REASON, type AssessOptions } from './assess.js';
export { fileAndFuse, storedObservations, type FuseHook } from './file-and-fuse.js';
export { FusionFollower, fusionDuty, type FusionFollowerOptions } from './follower.js';
export { planIncidentEvents, type PlannedEvent } from './plan-events.js';
export { incidentCompartment, type IncidentCompartment } from './visibility.js';
export { fuseStoredObservations, type BackfillResult } from './backfill.js';
