/**
 * The alert lifecycle:
 *
 * ```
 * raised ──► delivered ──► acknowledged
 *   │  └──────────┼─────────►  ▲
 *   └──► overdue ◄┘            │ (late acknowledgement, before escalation)
 *          ├───────────────────┘
 *          └──► escalated      (a new alert goes to the next tier)
 * ```
 *
 * An alert is overdue once its acknowledgement deadline passes unacknowledged; `escalateOverdue`
 * then raises the same alert to the next tier of the ladder, and at level 3 opens a guarantor
 * consultation. Acknowledged and escalated are final. Functions return new objects; an illegal
 * move throws ILLEGAL_TRANSITION naming both states.
 */
import { TrucelineError } from '../errors.js';
import { openConsultation, type ConsultationOptions } from './consultation.js';
import type { Alert, AlertCandidate, AlertEvent, AlertState, Consultation } from './types.js';

const MINUTE_MS = 60_000;

/** Allowed moves, from → to. */
export const ALERT_TRANSITIONS: Readonly<Record<AlertState, readonly AlertState[]>> = {
  raised: ['delivered', 'acknowledged', 'overdue'],
  delivered: ['acknowledged', 'overdue'],
  overdue: ['acknowledged', 'escalated'],
  acknowledged: [],
  escalated: [],
};

function move(
  alert: Alert,
  to: AlertState,
  atMs: number,
  patch: Partial<Alert> = {},
  by?: string,
): Alert {
  if (!ALERT_TRANSITIONS[alert.state].includes(to)) {
    throw new TrucelineError(
      'ILLEGAL_TRANSITION',
      `alert ${alert.id} cannot go from ${alert.state} to ${to}`,
    );
  }
  const event: AlertEvent = by === undefined ? { state: to, atMs } : { state: to, atMs, by };
  return { ...alert, ...patch, state: to, history: [...alert.history, event] };
}

/** A candidate becomes an alert at nowMs; its deadline is nowMs + ackDeadlineMinutes. */
export function raiseAlert(
  candidate: AlertCandidate,
  nowMs: number,
  escalatedFrom: string | null = null,
): Alert {
  return {
    ...candidate,
    state: 'raised',
    raisedAtMs: nowMs,
    ackDeadlineMs: nowMs + candidate.ackDeadlineMinutes * MINUTE_MS,
    acknowledgedBy: null,
    escalatedFrom,
    escalatedTo: null,
    history: [{ state: 'raised', atMs: nowMs }],
  };
}

/**
 * Raises a batch of candidates; the level-3 ones together open one guarantor consultation.
 */
export function raiseAlerts(
  candidates: readonly AlertCandidate[],
  nowMs: number,
  options: ConsultationOptions = {},
): { alerts: Alert[]; consultations: Consultation[] } {
  const alerts = candidates.map((c) => raiseAlert(c, nowMs));
  const top = alerts.filter((a) => a.level >= 3);
  return { alerts, consultations: top.length > 0 ? [openConsultation(top, nowMs, options)] : [] };
}

/** First delivery through `channel` (e.g. `webhook`, `email`); later deliveries leave it as is. */
export function markDelivered(alert: Alert, nowMs: number, channel?: string): Alert {
  if (alert.state === 'delivered') return alert;
  return move(alert, 'delivered', nowMs, {}, channel);
}

/**
 * `recipient` acknowledges (one of the alert's recipients, else FORBIDDEN). Acknowledging an
 * acknowledged alert again changes nothing (a link clicked twice); an escalated one is illegal:
 * the escalation is what needs acknowledging now.
 */
export function acknowledgeAlert(alert: Alert, recipient: string, nowMs: number): Alert {
  if (!alert.recipients.includes(recipient)) {
    throw new TrucelineError(
      'FORBIDDEN',
      `${JSON.stringify(recipient)} is not a recipient of alert ${alert.id} (${alert.recipients.join(', ')})`,
    );
  }
  if (alert.state === 'acknowledged') return alert;
  return move(alert, 'acknowledged', nowMs, { acknowledgedBy: recipient }, recipient);
}

/** Marks an alert overdue; its deadline must have passed. */
export function markOverdue(alert: Alert, nowMs: number): Alert {
  if (nowMs < alert.ackDeadlineMs && (alert.state === 'raised' || alert.state === 'delivered')) {
    throw new TrucelineError(
      'ILLEGAL_TRANSITION',
      `alert ${alert.id} is not due until ${new Date(alert.ackDeadlineMs).toISOString()}`,
    );
  }
  return move(alert, 'overdue', nowMs);
}

export interface EscalationStep {
  /** Every input alert, updated where it moved. */
  readonly alerts: Alert[];
  /** New alerts raised at the next tier. */
  readonly raised: Alert[];
  /** Consultations opened by alerts that reached level 3. */
  readonly consultations: Consultation[];
  /** Overdue alerts with no tier above them (they stay overdue). */
  readonly stranded: string[];
}

/**
 * Everything unacknowledged past its deadline at nowMs becomes overdue, and every overdue alert
 * with a tier above it is escalated: a new alert `<id>:L<level>` goes to that tier's recipients
 * with that tier's deadline, and the old one becomes `escalated`. Escalations that reach level 3
 * open one guarantor consultation together.
 */
export function escalateOverdue(
  alerts: readonly Alert[],
  nowMs: number,
  options: ConsultationOptions = {},
): EscalationStep {
  const out: Alert[] = [];
  const raised: Alert[] = [];
  const stranded: string[] = [];
  for (const original of alerts) {
    let a = original;
    if ((a.state === 'raised' || a.state === 'delivered') && nowMs >= a.ackDeadlineMs)
      a = markOverdue(a, nowMs);
    if (a.state === 'overdue') {
      const [next, ...rest] = a.ladder;
      if (next) {
        const id = `${a.id}:L${next.level}`;
        raised.push(
          raiseAlert(
            {
              ...a,
              id,
              level: next.level,
              recipients: [...next.recipients],
              ackDeadlineMinutes: next.ackDeadlineMinutes,
              ladder: rest,
            },
            nowMs,
            a.id,
          ),
        );
        a = move(a, 'escalated', nowMs, { escalatedTo: id });
      } else stranded.push(a.id);
    }
    out.push(a);
  }
  const top = raised.filter((a) => a.level >= 3);
  return {
    alerts: out,
    raised,
    consultations: top.length > 0 ? [openConsultation(top, nowMs, options)] : [],
    stranded,
  };
}
