/**
 * Checking the simulator's options at the entry, with a reason for each one that is wrong.
 */
import type { Agreement } from '../domain/agreement/index.js';
import { validationError, type FieldIssue } from '../domain/errors.js';
import { TEMPOS, type EscalationPlan, type SimOptions, type Tempo } from './types.js';

export interface CheckedOptions {
  readonly seed: number;
  readonly startMs: number;
  readonly endMs: number;
  readonly tempo: Tempo;
  readonly noise: number;
  readonly escalation: boolean | EscalationPlan;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
/** Longest scenario, days: ten years. */
export const MAX_DAYS = 3650;

export function checkOptions(agreement: Agreement, o: SimOptions): CheckedOptions {
  const issues: FieldIssue[] = [];
  if (!Number.isInteger(o.seed) || o.seed < -(2 ** 31) || o.seed >= 2 ** 32) {
    issues.push({ path: 'seed', reason: `must be a 32-bit integer, got ${String(o.seed)}` });
  }
  if (typeof o.days !== 'number' || !(o.days > 0) || o.days > MAX_DAYS) {
    issues.push({
      path: 'days',
      reason: `must be a number in (0, ${MAX_DAYS}], got ${String(o.days)}`,
    });
  }
  const startMs =
    typeof o.start === 'string' && ISO_INSTANT.test(o.start) ? Date.parse(o.start) : Number.NaN;
  if (!Number.isFinite(startMs)) {
    issues.push({
      path: 'start',
      reason: `must be an ISO 8601 instant such as 2026-03-01T00:00:00Z, got ${JSON.stringify(o.start)}`,
    });
  }
  const tempo = o.tempo ?? 'normal';
  if (!TEMPOS.includes(tempo))
    issues.push({
      path: 'tempo',
      reason: `must be one of ${TEMPOS.join(', ')}, got ${JSON.stringify(tempo)}`,
    });
  const noise = o.noise ?? 1;
  if (typeof noise !== 'number' || !(noise >= 0) || noise > 10) {
    issues.push({ path: 'noise', reason: `must be a number in [0, 10], got ${String(noise)}` });
  }
  const escalation = o.escalation ?? false;
  if (typeof escalation === 'object') {
    if (!agreement.sectors.some((s) => s.id === escalation.sector)) {
      const known = agreement.sectors.map((s) => s.id).join(', ') || 'none';
      issues.push({
        path: 'escalation.sector',
        reason: `unknown sector ${JSON.stringify(escalation.sector)} (known: ${known})`,
      });
    }
    if (!(escalation.startHour >= 0))
      issues.push({
        path: 'escalation.startHour',
        reason: `must be ≥ 0, got ${String(escalation.startHour)}`,
      });
    if (!(escalation.hours > 0))
      issues.push({
        path: 'escalation.hours',
        reason: `must be > 0, got ${String(escalation.hours)}`,
      });
    if (!(escalation.factor >= 1))
      issues.push({
        path: 'escalation.factor',
        reason: `must be ≥ 1, got ${String(escalation.factor)}`,
      });
  } else if (escalation === true && agreement.sectors.length === 0) {
    issues.push({
      path: 'escalation',
      reason: 'the agreement has no sectors to plant an escalation in',
    });
  }
  if (issues.length > 0) throw validationError(issues, 'simulation options');
  return { seed: o.seed, startMs, endMs: startMs + o.days * 86_400_000, tempo, noise, escalation };
}
