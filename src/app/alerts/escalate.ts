/**
 * Escalating what nobody acknowledged in time: every escalation alert past its acknowledgement
 * deadline becomes overdue and, where the ladder has a tier above it, is escalated: a new alert
 * goes to that tier (src/domain/escalation escalateOverdue). Reaching level 3 opens a guarantor
 * consultation with its evidence. Early warnings have no deadline and never escalate.
 */
import type { Agreement } from '../../domain/agreement/index.js';
import { escalateOverdue, type Alert } from '../../domain/escalation/index.js';
import type { Store } from '../../store/port.js';
import { withEvidence } from './consultation.js';
import { escalationIncidents } from './incidents.js';
import { listAlerts } from './read.js';
import { alertLedgerEvent, type ConsultationRecord } from './records.js';
import { recordRaised } from './raise.js';

export interface EscalationRun {
  readonly escalated: readonly string[];
  readonly raised: readonly Alert[];
  readonly stranded: readonly string[];
  readonly consultations: readonly ConsultationRecord[];
}

export async function escalateDueAlerts(
  store: Store,
  agreement: Pick<Agreement, 'sectors'>,
  nowMs: number,
  options: { readonly consultationHours?: number } = {},
): Promise<EscalationRun> {
  const open = (await listAlerts(store)).flatMap((a) =>
    a.record.kind === 'escalation' &&
    ['raised', 'delivered', 'overdue'].includes(a.record.alert.state)
      ? [a.record.alert]
      : [],
  );
  const due = open.filter((a) => a.state === 'overdue' || nowMs >= a.ackDeadlineMs);
  if (due.length === 0) return { escalated: [], raised: [], stranded: [], consultations: [] };
  const step = escalateOverdue(due, nowMs, options);
  const changes = step.alerts.flatMap((a, i) => {
    const before = due[i]!;
    if (a.state === before.state) return [];
    if (a.state === 'escalated')
      return [
        alertLedgerEvent('alert.escalated', nowMs, 'system', {
          alertId: a.id,
          record: { kind: 'escalation', alert: a },
          to: a.escalatedTo ?? '',
        }),
      ];
    return [
      alertLedgerEvent('alert.overdue', nowMs, 'system', {
        alertId: a.id,
        record: { kind: 'escalation', alert: a },
      }),
    ];
  });
  const consultations: ConsultationRecord[] = [];
  if (step.consultations.length > 0) {
    const ids = new Set(step.consultations.flatMap((c) => c.incidentIds));
    const stored = [];
    for (const id of ids) {
      const s = await store.getIncident?.(id);
      if (s) stored.push(s);
    }
    const { findingLedgerIndex } = await escalationIncidents(store, agreement, stored);
    for (const c of step.consultations)
      consultations.push(await withEvidence(store, c, findingLedgerIndex));
  }
  await recordRaised(
    store,
    nowMs,
    step.raised.map((alert) => ({ kind: 'escalation', alert })),
    consultations,
    changes,
  );
  return {
    escalated: step.alerts.filter((a) => a.state === 'escalated').map((a) => a.id),
    raised: step.raised,
    stranded: step.stranded,
    consultations,
  };
}
