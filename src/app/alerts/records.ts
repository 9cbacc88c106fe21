/**
 * Alerts as the mission keeps them: the records the `alerts` state area holds
 * (src/store/sqlite/areas/alerts.ts) and the ledger events that change them. Every event carries
 * the whole snapshot of what it changed, so an applier upserts it and a rebuild reproduces it.
 */
import type { Alert, AlertEvent, Consultation } from '../../domain/escalation/index.js';
import type { Warning } from '../../domain/warning/index.js';
import type { LedgerEvent } from '../events/event.js';

/**
 * An early warning as an alert: sent to its recipients and acknowledgeable, never escalated (it is
 * not yet a breach of a threshold; the threshold alert that may follow carries the ladder).
 */
export interface WarningAlert {
  readonly id: string;
  readonly sectorId: string;
  readonly summary: string;
  readonly warning: Warning;
  readonly recipients: readonly string[];
  readonly raisedAtMs: number;
  readonly state: 'raised' | 'delivered' | 'acknowledged';
  readonly acknowledgedBy: string | null;
  readonly history: readonly AlertEvent[];
}

export type AlertRecord =
  | { readonly kind: 'escalation'; readonly alert: Alert }
  | { readonly kind: 'early_warning'; readonly alert: WarningAlert };

/** An alert as stored, with the ledger entry that last changed it. */
export interface StoredAlert {
  readonly record: AlertRecord;
  readonly updatedLedgerIndex: number;
}

export const DELIVERY_CHANNELS = ['webhook', 'email'] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];

/** Where one delivery goes: a recipient's webhook URL or one of its email addresses. */
export interface DeliveryTarget {
  readonly channel: DeliveryChannel;
  /** Recipient id as the agreement names it (`guarantors`). */
  readonly recipient: string;
  /** The URL or the address. */
  readonly target: string;
}

/** The state of one delivery (an alert to one target), folded from its attempts. */
export interface StoredDelivery extends DeliveryTarget {
  readonly alertId: string;
  readonly attempts: number;
  readonly status: 'retrying' | 'delivered' | 'parked';
  /** When the next try is due (status retrying), epoch ms. */
  readonly nextAtMs: number | null;
  readonly lastError: string | null;
  readonly updatedLedgerIndex: number;
}

/** One verified finding a consultation rests on, with the proof that the ledger holds it. */
export interface EvidenceItem {
  readonly findingId: string;
  readonly incidentId: string;
  /** The ledger entry that issued the finding (the workflow event carrying it). */
  readonly ledgerIndex: number;
  /** Tree size the proof is for, and the RFC 9162 inclusion proof (hashes, hex). */
  readonly treeSize: number;
  readonly inclusionProof: readonly string[];
}

export interface ConsultationRecord extends Omit<Consultation, 'evidence'> {
  readonly evidence: readonly EvidenceItem[];
  /** Findings the consultation names but no ledger entry was found for (should stay empty). */
  readonly unproven: readonly string[];
}

export interface StoredConsultation {
  readonly consultation: ConsultationRecord;
  readonly ledgerIndex: number;
}

/** One alert event as the state area lists it (the history the API shows). */
export interface StoredAlertEvent {
  readonly ledgerIndex: number;
  readonly alertId: string;
  readonly type: string;
  readonly at: string;
  readonly actor: string;
  readonly data: Readonly<Record<string, unknown>>;
}

/** The event types of the alerts area. */
export const ALERT_EVENT_TYPES = [
  'alert.raised',
  'alert.delivery_attempted',
  'alert.delivery_parked',
  'alert.acknowledged',
  'alert.overdue',
  'alert.escalated',
  'consultation.opened',
] as const;
export type AlertEventType = (typeof ALERT_EVENT_TYPES)[number];

export interface AlertRaisedData {
  readonly record: AlertRecord;
}
export interface DeliveryAttemptedData extends DeliveryTarget {
  readonly alertId: string;
  readonly attempt: number;
  readonly ok: boolean;
  /** HTTP status (webhook) or null. */
  readonly status: number | null;
  readonly error: string | null;
  /** When the next try is due, or null (delivered, or this was the last try). */
  readonly retryAtMs: number | null;
  /** The alert when this attempt moved it to `delivered`. */
  readonly record?: AlertRecord;
}
export interface DeliveryParkedData extends DeliveryTarget {
  readonly alertId: string;
  readonly attempts: number;
  readonly reason: string;
}
export interface AlertChangedData {
  readonly alertId: string;
  readonly record: AlertRecord;
  /** acknowledged: who, and how (`api`, `link`). */
  readonly recipient?: string;
  readonly via?: string;
  /** escalated: the alert raised at the next tier. */
  readonly to?: string;
}
export interface ConsultationOpenedData {
  readonly consultation: ConsultationRecord;
}

/**
 * The ledger event for an alert change. Alert events are recorded sealed (confidential): they
 * name incidents, recipients and their addresses, which the public log must not show; the public
 * leaf commits to them and the state area keeps them.
 */
export function alertLedgerEvent(
  type: AlertEventType,
  atMs: number,
  actor: string,
  data:
    | AlertRaisedData
    | DeliveryAttemptedData
    | DeliveryParkedData
    | AlertChangedData
    | ConsultationOpenedData,
): { event: LedgerEvent; confidential: true } {
  return {
    event: {
      v: 1,
      type,
      at: new Date(atMs).toISOString(),
      actor,
      data: data as unknown as Readonly<Record<string, unknown>>,
    },
    confidential: true,
  };
}

/** The alert id an event is about (consultations: their id). */
export function alertIdOf(type: string, data: Readonly<Record<string, unknown>>): string {
  if (type === 'alert.raised') return (data as unknown as AlertRaisedData).record.alert.id;
  if (type === 'consultation.opened')
    return (data as unknown as ConsultationOpenedData).consultation.id;
  return String((data as { alertId?: unknown }).alertId);
}
