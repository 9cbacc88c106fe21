/**
 * Force declarations (Vienna Document style): schema, and the checks that turn a declaration
 * into finding candidates: ceilings, change since the previous declaration, observations.
 */
export * from './schema.js';
export * from './candidate.js';
export { checkCeilings } from './ceilings.js';
export { compareDeclarations, type ChangeOptions } from './changes.js';
export {
  GROUND_EQUIPMENT,
  sightingsFromObservations,
  sightingOwner,
  type Sighting,
} from './sightings.js';
export {
  checkAgainstObservations,
  bindingWithdrawal,
  DEFAULT_RADIUS_KM,
  type ObservedAgreement,
  type ObservedOptions,
} from './observed.js';
export { checkDeclaration, type DeclarationCheckInput } from './check.js';
