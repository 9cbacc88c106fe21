/**
 * The escalation ladder read from an agreement's thresholds: one tier per severity level that
 * has thresholds, with every recipient any of them names and the shortest deadline among them.
 */
import type { Agreement } from '../agreement/schema.js';
import type { Tier } from './types.js';

export function escalationTiers(agreement: Pick<Agreement, 'escalationThresholds'>): Tier[] {
  const byLevel = new Map<number, { recipients: string[]; ackDeadlineMinutes: number }>();
  for (const t of agreement.escalationThresholds) {
    const tier = byLevel.get(t.level) ?? { recipients: [], ackDeadlineMinutes: Infinity };
    for (const r of t.recipients) if (!tier.recipients.includes(r)) tier.recipients.push(r);
    tier.ackDeadlineMinutes = Math.min(tier.ackDeadlineMinutes, t.ackDeadlineMinutes);
    byLevel.set(t.level, tier);
  }
  return [...byLevel.entries()].sort((a, b) => a[0] - b[0]).map(([level, t]) => ({ level, ...t }));
}

/** The tiers above `level`, lowest first. */
export function tiersAbove(tiers: readonly Tier[], level: number): Tier[] {
  return tiers.filter((t) => t.level > level);
}
