/**
 * The sections of a report that come from records other than incidents: restrictions of the
 * monitors' freedom of movement (counted as src/domain/movement counts them) and the findings the
 * verification workflow issued, with the parties' replies and disputes.
 */
import { countRestrictions } from '../movement/restrictions.js';
import type { Observation } from '../observation/types.js';
import type { IncidentWorkflow } from '../workflow/index.js';
import type { MovementRestrictions, ReportFinding, ReportPeriod } from './types.js';

/** Whether instant `ms` lies in [from, to). */
export function within(ms: number, from: string, to: string): boolean {
  return ms >= Date.parse(from) && ms < Date.parse(to);
}

/** Restrictions that began in the period, per kind and party, and the previous period's total. */
export function restrictionsBlock(
  restrictions: readonly Observation[],
  period: ReportPeriod,
): MovementRestrictions {
  const now = countRestrictions(restrictions, period);
  const before = countRestrictions(restrictions, period.previous);
  return {
    total: now.total,
    byKind: now.byKind,
    byParty: Object.keys(now.byParty)
      .sort()
      .map((party) => ({
        party,
        total: now.byParty[party]!.total,
        byKind: now.byParty[party]!.byKind,
      })),
    previousTotal: before.total,
  };
}

/** Findings issued, or replied to, in the period; superseded ones left out; oldest first. */
export function findingsBlock(
  workflows: readonly IncidentWorkflow[],
  period: ReportPeriod,
): ReportFinding[] {
  const out: ReportFinding[] = [];
  for (const w of workflows) {
    for (const f of w.findings) {
      if (f.superseded) continue;
      const repliedAt = f.reply?.reply?.at ?? null;
      const issued = within(Date.parse(f.issuedAt), period.from, period.to);
      const replied = repliedAt !== null && within(Date.parse(repliedAt), period.from, period.to);
      if (!issued && !replied) continue;
      out.push({
        findingId: f.id,
        incidentId: w.incidentId,
        issuedAt: f.issuedAt,
        attributedTo: f.attributedTo,
        provisions: [...f.provisions],
        summary: f.summary,
        escalationRelevant: f.escalationRelevant,
        reply: f.reply
          ? {
              party: f.reply.party,
              deadline: f.reply.deadline,
              status: f.reply.status,
              repliedAt,
              text: f.reply.reply?.text ?? null,
            }
          : null,
        disputes: f.disputes.map((d) => ({
          id: d.id,
          party: d.party,
          filedAt: d.filedAt,
          status: d.status,
        })),
      });
    }
  }
  return out.sort(
    (a, b) => a.issuedAt.localeCompare(b.issuedAt) || a.findingId.localeCompare(b.findingId),
  );
}
