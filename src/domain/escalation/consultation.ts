/**
 * Guarantor consultations: the "Article 5-like" step. A level-3 alert opens one with its evidence
 * (the verified findings behind the alert; the edge attaches each finding's ledger proof) and a
 * clock by which the guarantors are to have consulted.
 */
import { validationError } from '../errors.js';
import type { Alert, Consultation } from './types.js';

export interface ConsultationOptions {
  /** Hours the guarantors have to consult; default 72. */
  readonly consultationHours?: number;
}

export const DEFAULT_CONSULTATION_HOURS = 72;

/** Opens one consultation on `alerts` (at least one) at nowMs. The id is derived from the first alert's. */
export function openConsultation(
  alerts: readonly Alert[],
  nowMs: number,
  options: ConsultationOptions = {},
): Consultation {
  const hours = options.consultationHours ?? DEFAULT_CONSULTATION_HOURS;
  if (alerts.length === 0)
    throw validationError(
      [{ path: 'alerts', reason: 'a consultation needs at least one alert' }],
      'consultation',
    );
  if (!(hours > 0))
    throw validationError(
      [{ path: 'consultationHours', reason: `must be > 0, got ${hours}` }],
      'consultation',
    );
  const alertIds = alerts.map((a) => a.id);
  return {
    id: `cons:${alertIds[0]}`,
    alertIds,
    evidence: [...new Set(alerts.flatMap((a) => a.findingIds))].sort(),
    incidentIds: [...new Set(alerts.flatMap((a) => a.incidentIds))].sort(),
    openedAtMs: nowMs,
    deadlineMs: nowMs + hours * 3_600_000,
    state: 'open',
  };
}
