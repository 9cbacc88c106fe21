/** The incident verification workflow, stored: steps recorded in the ledger, and reading them back. */
export { applyWorkflowCommand, workflowLedgerEvent, type AppliedStep } from './apply.js';
export { partyView, readWorkflow, type PartyWorkflowView, type StoredWorkflow } from './stored.js';
