/**
 * Escalation (issue 7, item 5): the agreement's thresholds applied to incidents, the alert
 * lifecycle with acknowledgement deadlines and escalation to the next tier, and guarantor
 * consultations. Pure.
 */
export { evaluateEscalation, type EvaluateOptions } from './evaluate.js';
export { crossings, type Crossing, type TimedIncident } from './triggers.js';
export { escalationTiers, tiersAbove } from './tiers.js';
export {
  ALERT_TRANSITIONS,
  acknowledgeAlert,
  escalateOverdue,
  markDelivered,
  markOverdue,
  raiseAlert,
  raiseAlerts,
  type EscalationStep,
} from './lifecycle.js';
export {
  openConsultation,
  DEFAULT_CONSULTATION_HOURS,
  type ConsultationOptions,
} from './consultation.js';
export {
  ALERT_STATES,
  type Alert,
  type AlertCandidate,
  type AlertEvent,
  type AlertState,
  type Consultation,
  type EscalationIncident,
  type Tier,
} from './types.js';
