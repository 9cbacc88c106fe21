/**
 * Alerts wired into the mission (issue 7, items 4-6): raising early warnings and threshold
 * alerts from the stored incidents, delivering them, acknowledgement, escalation and guarantor
 * consultations, all recorded in the ledger; and the scheduler that runs them.
 */
export * from './records.js';
export * from './read.js';
export * from './config.js';
export { sectorLocator, storedIncidentsSince, escalationIncidents } from './incidents.js';
export { raiseDueAlerts, sectorWarnings, type RaisePolicy, type RaiseResult } from './raise.js';
export { escalateDueAlerts, type EscalationRun } from './escalate.js';
export { acknowledgeStoredAlert, recipientForRole, type Acknowledged } from './acknowledge.js';
export {
  runDeliveries,
  deliveryTargets,
  alertCap,
  alertOut,
  ackUrlFor,
  type DeliveryDeps,
  type DeliveryRun,
} from './deliver.js';
export {
  AlertScheduler,
  SYSTEM_CLOCK,
  type AlertSchedulerDeps,
  type SchedulerClock,
  type TickResult,
} from './scheduler.js';
