/**
 * Backtesting the early warning against a history whose escalations are known (the simulator's
 * planted episodes, or synthetic data): how long after an episode starts is it flagged, and how
 * often does a quiet sector raise a warning for nothing.
 */
import { validationError } from '../errors.js';
import { EarlyWarning, type EarlyWarningOptions, type Warning } from './early-warning.js';

const MONTH_MS = 30 * 24 * 3_600_000;

export interface BacktestEvent {
  readonly sectorId: string;
  readonly timeMs: number;
  readonly count: number;
}

/** A planted escalation: the sector's rate was raised over [fromMs, toMs). */
export interface PlantedEpisode {
  readonly sectorId: string;
  readonly fromMs: number;
  readonly toMs: number;
}

export interface BacktestOptions extends EarlyWarningOptions {
  /** Evaluate every stepMs; default the bin width. */
  readonly stepMs?: number;
  /** First and last evaluation instants; default the span of the events. */
  readonly fromMs?: number;
  readonly toMs?: number;
}

export interface EpisodeOutcome extends PlantedEpisode {
  /** First evaluation instant at which the sector warned, or null when it never did. */
  readonly detectedAtMs: number | null;
  /** detectedAtMs − fromMs. */
  readonly delayMs: number | null;
}

/** A run of consecutive warning evaluations of one sector, counted once. */
export interface Alarm {
  readonly sectorId: string;
  readonly firstMs: number;
  readonly lastMs: number;
  readonly minPValue: number;
}

export interface BacktestResult {
  readonly episodes: readonly EpisodeOutcome[];
  readonly detected: number;
  readonly missed: number;
  readonly meanDelayMs: number | null;
  readonly maxDelayMs: number | null;
  /** Alarms that overlap no planted episode of their sector (the episode extended by the recent window). */
  readonly falseAlarms: readonly Alarm[];
  /** False alarms per 30 days of evaluated time, all sectors together. */
  readonly falseAlarmsPerMonth: number;
  readonly monthsEvaluated: number;
  readonly sectors: number;
}

/**
 * Replays `events` in time order through an `EarlyWarning`, evaluating every `stepMs`, and scores
 * the warnings against `plantedEpisodes`. An episode counts as detected at the first evaluation in
 * [fromMs, toMs + recentMs] at which its sector warns (the recent window still holds the episode's
 * tail after it ends).
 */
export function backtestEarlyWarning(
  events: readonly BacktestEvent[],
  plantedEpisodes: readonly PlantedEpisode[],
  options: BacktestOptions = {},
): BacktestResult {
  const sorted = [...events].sort((a, b) => a.timeMs - b.timeMs);
  const ew = new EarlyWarning({
    ...options,
    sinceMs: options.sinceMs ?? options.fromMs ?? sorted[0]?.timeMs,
  });
  const { binMs, recentMs } = ew.options;
  const stepMs = options.stepMs ?? binMs;
  if (!(stepMs > 0))
    throw validationError(
      [{ path: 'stepMs', reason: `must be > 0, got ${stepMs}` }],
      'backtest options',
    );
  const fromMs = options.fromMs ?? Math.ceil((sorted[0]?.timeMs ?? 0) / stepMs) * stepMs;
  const toMs = options.toMs ?? (sorted[sorted.length - 1]?.timeMs ?? 0) + stepMs;

  const open = new Map<string, { firstMs: number; lastMs: number; minPValue: number }>();
  const alarms: Alarm[] = [];
  const firstWarning = plantedEpisodes.map(() => null as number | null);
  let next = 0;
  for (const e of sorted) if (e.timeMs < fromMs) ew.add(e.sectorId, e.timeMs, e.count);
  while (next < sorted.length && sorted[next]!.timeMs < fromMs) next++;
  for (let t = fromMs; t <= toMs; t += stepMs) {
    while (next < sorted.length && sorted[next]!.timeMs < t) {
      const e = sorted[next++]!;
      ew.add(e.sectorId, e.timeMs, e.count);
    }
    const warnings = new Map<string, Warning>(ew.evaluate(t).map((w) => [w.sectorId, w]));
    for (const [sectorId, run] of open) {
      if (!warnings.has(sectorId)) {
        alarms.push({ sectorId, ...run });
        open.delete(sectorId);
      }
    }
    for (const w of warnings.values()) {
      const run = open.get(w.sectorId);
      if (run) {
        run.lastMs = t;
        run.minPValue = Math.min(run.minPValue, w.pValue);
      } else open.set(w.sectorId, { firstMs: t, lastMs: t, minPValue: w.pValue });
      plantedEpisodes.forEach((p, i) => {
        if (
          firstWarning[i] === null &&
          p.sectorId === w.sectorId &&
          t >= p.fromMs &&
          t <= p.toMs + recentMs
        )
          firstWarning[i] = t;
      });
    }
  }
  for (const [sectorId, run] of open) alarms.push({ sectorId, ...run });

  const overlapsEpisode = (a: Alarm) =>
    plantedEpisodes.some(
      (p) => p.sectorId === a.sectorId && a.firstMs <= p.toMs + recentMs && a.lastMs >= p.fromMs,
    );
  const falseAlarms = alarms
    .filter((a) => !overlapsEpisode(a))
    .sort((a, b) => a.firstMs - b.firstMs);
  const episodes: EpisodeOutcome[] = plantedEpisodes.map((p, i) => {
    const at = firstWarning[i]!;
    return { ...p, detectedAtMs: at, delayMs: at === null ? null : at - p.fromMs };
  });
  const delays = episodes.flatMap((e) => (e.delayMs === null ? [] : [e.delayMs]));
  const monthsEvaluated = Math.max(0, toMs - fromMs) / MONTH_MS;
  return {
    episodes,
    detected: delays.length,
    missed: episodes.length - delays.length,
    meanDelayMs: delays.length ? delays.reduce((s, d) => s + d, 0) / delays.length : null,
    maxDelayMs: delays.length ? Math.max(...delays) : null,
    falseAlarms,
    falseAlarmsPerMonth: monthsEvaluated > 0 ? falseAlarms.length / monthsEvaluated : 0,
    monthsEvaluated,
    sectors: ew.sectors.length,
  };
}
