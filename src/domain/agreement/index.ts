/**
 * The agreement as data: schema and types, validation (`parseAgreement`), reading its rules,
 * and its summary.
 */
export * from './schema.js';
export { parseAgreement, agreementIssues } from './parse.js';
export { jsonPath } from './issues.js';
export {
  provision,
  withdrawalRuleCovers,
  withdrawalDistanceFor,
  partiesOnSide,
  partyById,
  otherSide,
} from './provisions.js';
export {
  summariseAgreement,
  describeTrigger,
  calibreRange,
  type AgreementSummary,
} from './summary.js';
export { formatAgreementSummary, formatQuantity } from './format.js';
