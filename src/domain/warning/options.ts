/**
 * The early warning's options, their defaults and their checks (all issues reported at once).
 */
import { validationError, type FieldIssue } from '../errors.js';
import { DEFAULT_RATE_PRIOR, type RatePrior } from './baseline.js';

const HOUR_MS = 3_600_000;

export interface EarlyWarningOptions {
  /** Bin width, ms; default 1 h. Recent and baseline windows are whole numbers of bins. */
  readonly binMs?: number;
  /** The recent window tested, ms; default 6 h. A multiple of binMs. */
  readonly recentMs?: number;
  /** History the baseline is fitted on, ms, just before the recent window; default 14 days. A multiple of recentMs. */
  readonly baselineMs?: number;
  /**
   * Length of the daily (or other) rhythm, ms: each hour of the cycle gets its own expected share
   * of violations, estimated from the baseline of all sectors together (they share a clock), so a
   * loud evening is compared with loud evenings and a night-time escalation is not hidden by the
   * daytime lull. Default 24 h; 0 turns the rhythm off. A multiple of binMs.
   */
  readonly periodMs?: number;
  /** Upper-tail significance: warn when P(X ≥ observed) < alpha; default 0.001. */
  readonly alpha?: number;
  /** Fewest violations in the recent window that may raise a warning; default 5. */
  readonly minCount?: number;
  /** Fewest complete baseline blocks before a sector is judged; default 8 (two days with the default windows). */
  readonly minBaselineBlocks?: number;
  /** Gamma prior on the rate per block; default one violation per block, weight one block. */
  readonly prior?: RatePrior;
  /**
   * Counts are complete from this instant (ms); history before it is unknown, not zero.
   * Default: the time of the first `add`.
   */
  readonly sinceMs?: number;
  /** Sectors known from the start (judged even while quiet). More may be added by `add`. */
  readonly sectors?: readonly string[];
  /** Most sectors kept; default 10 000. Guards memory against a runaway sector id. */
  readonly maxSectors?: number;
}

export type ResolvedOptions = Required<Omit<EarlyWarningOptions, 'sinceMs' | 'sectors'>> & {
  readonly sinceMs: number | undefined;
};

/** Fills in the defaults and checks every option; throws VALIDATION naming each bad one. */
export function resolveOptions(options: EarlyWarningOptions): ResolvedOptions {
  const o: ResolvedOptions = {
    binMs: options.binMs ?? HOUR_MS,
    recentMs: options.recentMs ?? 6 * HOUR_MS,
    baselineMs: options.baselineMs ?? 14 * 24 * HOUR_MS,
    periodMs: options.periodMs ?? 24 * HOUR_MS,
    alpha: options.alpha ?? 0.001,
    minCount: options.minCount ?? 5,
    minBaselineBlocks: options.minBaselineBlocks ?? 8,
    prior: options.prior ?? DEFAULT_RATE_PRIOR,
    maxSectors: options.maxSectors ?? 10_000,
    sinceMs: options.sinceMs,
  };
  const issues: FieldIssue[] = [];
  const positiveInt = (v: number) => Number.isInteger(v) && v > 0;
  if (!positiveInt(o.binMs))
    issues.push({ path: 'binMs', reason: `must be a positive integer, got ${o.binMs}` });
  if (!positiveInt(o.recentMs) || o.recentMs % o.binMs !== 0)
    issues.push({
      path: 'recentMs',
      reason: `must be a positive multiple of binMs (${o.binMs}), got ${o.recentMs}`,
    });
  if (!positiveInt(o.baselineMs) || o.baselineMs % o.recentMs !== 0)
    issues.push({
      path: 'baselineMs',
      reason: `must be a positive multiple of recentMs (${o.recentMs}), got ${o.baselineMs}`,
    });
  if (o.periodMs !== 0 && (!positiveInt(o.periodMs) || o.periodMs % o.binMs !== 0)) {
    issues.push({
      path: 'periodMs',
      reason: `must be 0 or a positive multiple of binMs (${o.binMs}), got ${o.periodMs}`,
    });
  }
  if (!(o.alpha > 0 && o.alpha < 1))
    issues.push({ path: 'alpha', reason: `must be in (0, 1), got ${o.alpha}` });
  if (!(o.minCount >= 0))
    issues.push({ path: 'minCount', reason: `must be ≥ 0, got ${o.minCount}` });
  const maxBlocks = Math.floor(o.baselineMs / o.recentMs);
  if (!positiveInt(o.minBaselineBlocks) || o.minBaselineBlocks > maxBlocks) {
    issues.push({
      path: 'minBaselineBlocks',
      reason: `must be a positive integer no larger than the blocks in the baseline (${maxBlocks}), got ${o.minBaselineBlocks}`,
    });
  }
  if (!(o.prior.a0 > 0) || !(o.prior.b0 > 0))
    issues.push({
      path: 'prior',
      reason: `a0 and b0 must be > 0, got a0=${o.prior.a0}, b0=${o.prior.b0}`,
    });
  if (!positiveInt(o.maxSectors))
    issues.push({
      path: 'maxSectors',
      reason: `must be a positive integer, got ${o.maxSectors}`,
    });
  if (o.sinceMs !== undefined && !Number.isFinite(o.sinceMs))
    issues.push({ path: 'sinceMs', reason: `must be a finite epoch ms, got ${o.sinceMs}` });
  if (issues.length > 0) throw validationError(issues, 'early-warning options');
  return o;
}
