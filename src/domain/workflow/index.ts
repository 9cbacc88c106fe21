/**
 * Incident verification as a pure state machine: reported → triaged → under investigation →
 * verified | not verified | inconclusive, reopened on new evidence; assignments; the four-eyes
 * rule; the chief monitor's sign-off; findings, right of reply and disputes.
 */
export * from './roles.js';
export * from './commands.js';
export * from './types.js';
export { COMMAND_ROLES, REPORTING_ROLES } from './guards.js';
export type { WorkflowAgreement } from './step.js';
export { evolve } from './evolve.js';
export {
  openIncidentWorkflow,
  transition,
  replayWorkflow,
  expireReplies,
  overdueAssignments,
  type OverdueItem,
} from './transition.js';
