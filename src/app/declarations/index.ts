/** Force declarations, stored: submitted and checked on arrival, re-checked against observations, read per role. */
export {
  submitDeclaration,
  recheckDeclaration,
  type Declarant,
  type DeclarationAgreement,
  type Submitted,
} from './submit.js';
export { storedSightings, sightingPeriod, SIGHTINGS_LOOKBACK_DAYS } from './sightings.js';
export {
  declarationView,
  mayReadCandidates,
  mayReadDeclarations,
  type DeclarationReader,
} from './view.js';
