/**
 * Escalation rules from the agreement (issue 7, item 5): which thresholds the incidents cross,
 * as alert candidates with their level, recipients, deadline and ladder. Pure: the caller passes
 * the incidents and the time, and raises the candidates it has not raised before (ids are
 * deterministic, see triggers.ts).
 */
import type { Agreement } from '../agreement/schema.js';
import { describeTrigger } from '../agreement/summary.js';
import { validationError, type FieldIssue } from '../errors.js';
import { escalationTiers, tiersAbove } from './tiers.js';
import { crossings, type TimedIncident } from './triggers.js';
import type { AlertCandidate, EscalationIncident } from './types.js';

export interface EvaluateOptions {
  /** Verification statuses whose incidents count; default `['verified']`. */
  readonly countedStatuses?: readonly string[];
  /**
   * Only crossings within this many hours before nowMs become candidates (default 24), so that
   * replaying old history does not raise old alerts. Evaluate at least this often.
   */
  readonly lookbackHours?: number;
}

/**
 * The thresholds of `agreement` that `incidents` cross, as of `nowMs` (epoch ms). Incidents ending
 * after nowMs are ignored. Sorted by time, then by level (highest first), then by id.
 * Throws VALIDATION naming every incident whose window end is not an ISO 8601 instant.
 */
export function evaluateEscalation(
  incidents: readonly EscalationIncident[],
  agreement: Pick<Agreement, 'escalationThresholds'>,
  nowMs: number,
  options: EvaluateOptions = {},
): AlertCandidate[] {
  const counted = new Set(options.countedStatuses ?? ['verified']);
  const lookbackMs = (options.lookbackHours ?? 24) * 3_600_000;
  if (!Number.isFinite(nowMs))
    throw validationError(
      [{ path: 'nowMs', reason: `must be a finite epoch ms, got ${nowMs}` }],
      'evaluation time',
    );
  if (!(lookbackMs > 0))
    throw validationError(
      [{ path: 'lookbackHours', reason: `must be > 0, got ${options.lookbackHours}` }],
      'escalation options',
    );

  const issues: FieldIssue[] = [];
  const timed: TimedIncident[] = [];
  incidents.forEach((incident, i) => {
    const atMs = Date.parse(incident.window?.to);
    if (!Number.isFinite(atMs)) {
      issues.push({
        path: `incidents[${i}].window.to`,
        reason: `is not an ISO 8601 instant: ${JSON.stringify(incident.window?.to)}`,
      });
      return;
    }
    if (!(incident.count >= 0))
      issues.push({ path: `incidents[${i}].count`, reason: `must be ≥ 0, got ${incident.count}` });
    if (counted.has(incident.status) && atMs <= nowMs) timed.push({ incident, atMs });
  });
  if (issues.length > 0) throw validationError(issues, 'incidents');
  timed.sort(
    (a, b) =>
      a.atMs - b.atMs ||
      (a.incident.id < b.incident.id ? -1 : a.incident.id > b.incident.id ? 1 : 0),
  );

  const tiers = escalationTiers(agreement);
  const out: AlertCandidate[] = [];
  for (const threshold of agreement.escalationThresholds) {
    for (const c of crossings(threshold.trigger, timed)) {
      if (c.at.atMs <= nowMs - lookbackMs) continue;
      const where =
        threshold.trigger.kind === 'verified_violations_in_sector'
          ? ` in sector ${c.sectorId}`
          : '';
      const at = c.at.incident;
      out.push({
        id: [
          threshold.id,
          ...(threshold.trigger.kind === 'verified_violations_in_sector' ? [c.sectorId] : []),
          at.id,
        ].join(':'),
        thresholdId: threshold.id,
        level: threshold.level,
        trigger: threshold.trigger,
        summary: `${describeTrigger(threshold.trigger)}: ${c.observed}${where}`,
        sectorId: c.sectorId,
        observed: c.observed,
        triggeredAtMs: c.at.atMs,
        incidentIds: c.members.map((m) => m.id),
        findingIds: [...new Set(c.members.flatMap((m) => m.findingIds ?? []))].sort(),
        location: at.location ?? null,
        radiusM: at.radiusM ?? null,
        recipients: [...threshold.recipients],
        ackDeadlineMinutes: threshold.ackDeadlineMinutes,
        ladder: tiersAbove(tiers, threshold.level),
      });
    }
  }
  return out.sort(
    (a, b) =>
      a.triggeredAtMs - b.triggeredAtMs ||
      b.level - a.level ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}
