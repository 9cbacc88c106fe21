/**
 * An alert as JSON for the outside (webhook bodies, the JSON API): ISO 8601 times instead of
 * epoch milliseconds, and nothing internal (the ladder stays home).
 */
import type { Alert } from '../domain/escalation/types.js';

export interface AlertJson {
  readonly id: string;
  readonly thresholdId: string;
  readonly level: number;
  readonly state: string;
  readonly summary: string;
  readonly trigger: Alert['trigger'];
  readonly sectorId: string | null;
  readonly observed: number;
  readonly triggeredAt: string;
  readonly raisedAt: string;
  readonly ackDeadline: string;
  readonly recipients: readonly string[];
  readonly incidentIds: readonly string[];
  readonly findingIds: readonly string[];
  readonly location: {
    readonly lon: number;
    readonly lat: number;
    readonly radiusM: number | null;
  } | null;
  readonly escalatedFrom: string | null;
  readonly acknowledgedBy: string | null;
}

const iso = (ms: number) => new Date(ms).toISOString();

export function alertJson(a: Alert): AlertJson {
  return {
    id: a.id,
    thresholdId: a.thresholdId,
    level: a.level,
    state: a.state,
    summary: a.summary,
    trigger: a.trigger,
    sectorId: a.sectorId,
    observed: a.observed,
    triggeredAt: iso(a.triggeredAtMs),
    raisedAt: iso(a.raisedAtMs),
    ackDeadline: iso(a.ackDeadlineMs),
    recipients: a.recipients,
    incidentIds: a.incidentIds,
    findingIds: a.findingIds,
    location: a.location ? { lon: a.location[0], lat: a.location[1], radiusM: a.radiusM } : null,
    escalatedFrom: a.escalatedFrom,
    acknowledgedBy: a.acknowledgedBy,
  };
}
