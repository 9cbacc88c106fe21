/**
 * What escalation reads (incidents, as fusion, assessment and verification leave them) and what it
 * produces (alert candidates, alerts with a lifecycle, guarantor consultations). Times are epoch
 * milliseconds, UTC; incident windows are ISO 8601 strings as in the exchange format.
 */
import type { EscalationTrigger } from '../agreement/schema.js';
import type { EventKind, TimeWindow, WeaponKind } from '../observation/types.js';
import type { LonLat } from '../units.js';

/**
 * The least of an incident escalation needs. Fusion gives id, window, weapon, events, count and
 * location; assessment gives sector, provisions, casualties and line crossings; verification
 * gives status and findings.
 */
export interface EscalationIncident {
  readonly id: string;
  /** Reporting sector (agreement sector id), or null outside every sector. */
  readonly sectorId: string | null;
  /** The incident's time window; its end is the incident's time for every rule. */
  readonly window: TimeWindow;
  readonly weapon: WeaponKind;
  readonly calibreMm?: number;
  readonly events: readonly EventKind[];
  /** Violations (rounds, bursts, pieces of equipment) in the incident, fused without double counting. */
  readonly count: number;
  /** Verification status from the workflow, e.g. `verified`; see `EvaluateOptions.countedStatuses`. */
  readonly status: string;
  /** Provisions broken, `kind` or `kind:id` as in domain/agreement `provision` (`withdrawal:wd-mlrs`). */
  readonly provisions: readonly string[];
  /** People killed or injured: civilians, and everyone else (military or undetermined). */
  readonly casualties?: { readonly civilian: number; readonly other: number };
  /** Armoured vehicles seen crossing the line of contact, when assessment found a crossing. */
  readonly armourAcrossLine?: number;
  /** Verified findings about the incident (the evidence a consultation carries). */
  readonly findingIds?: readonly string[];
  /** Best location, [lon, lat] (for the alert's area). */
  readonly location?: LonLat;
  /** 90 % radius of the location, metres. */
  readonly radiusM?: number;
}

/** One rung of the escalation ladder: everyone a level's thresholds name, and its shortest deadline. */
export interface Tier {
  readonly level: number;
  readonly recipients: readonly string[];
  readonly ackDeadlineMinutes: number;
}

/** A threshold crossed: what to raise, before any state. */
export interface AlertCandidate {
  /** Deterministic: `threshold:sector:incident` (the incident that crossed it), or `threshold:incident`. */
  readonly id: string;
  readonly thresholdId: string;
  /** Severity level 1-3 (3 opens a guarantor consultation). */
  readonly level: number;
  readonly trigger: EscalationTrigger;
  /** The trigger in words with what was observed: `≥ 50 verified violations in 24 h in any sector: 57 in sector s1`. */
  readonly summary: string;
  readonly sectorId: string | null;
  /** The count, casualties or vehicles that met the trigger. */
  readonly observed: number;
  /** When the trigger was met: the end of the incident that crossed it. */
  readonly triggeredAtMs: number;
  readonly incidentIds: readonly string[];
  readonly findingIds: readonly string[];
  /** Where: the crossing incident's location and radius, when known. */
  readonly location: LonLat | null;
  readonly radiusM: number | null;
  readonly recipients: readonly string[];
  readonly ackDeadlineMinutes: number;
  /** Tiers above this alert's level, lowest first: where it goes if nobody acknowledges it. */
  readonly ladder: readonly Tier[];
}

export const ALERT_STATES = [
  'raised',
  'delivered',
  'acknowledged',
  'overdue',
  'escalated',
] as const;
export type AlertState = (typeof ALERT_STATES)[number];

export interface AlertEvent {
  readonly state: AlertState;
  readonly atMs: number;
  /** Who acknowledged, or the channel that delivered. */
  readonly by?: string;
}

export interface Alert extends AlertCandidate {
  readonly state: AlertState;
  readonly raisedAtMs: number;
  readonly ackDeadlineMs: number;
  readonly acknowledgedBy: string | null;
  /** The alert this one escalates, and the one that escalated it. */
  readonly escalatedFrom: string | null;
  readonly escalatedTo: string | null;
  /** Every state the alert entered, oldest first (the ledger records each). */
  readonly history: readonly AlertEvent[];
}

/** A guarantor consultation opened by a level-3 alert: its evidence and its clock. */
export interface Consultation {
  readonly id: string;
  readonly alertIds: readonly string[];
  /** Verified finding ids the consultation rests on (their ledger proofs are attached at the edge). */
  readonly evidence: readonly string[];
  readonly incidentIds: readonly string[];
  readonly openedAtMs: number;
  /** The clock: consultations are due to conclude by this instant. */
  readonly deadlineMs: number;
  readonly state: 'open';
}
