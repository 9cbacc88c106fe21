/**
 * The early warning backtested on the simulator (issue 7, item 4): several simulated runs, each
 * with one escalation episode planted in a sector at a time drawn from the seed; the observations
 * are fused into incidents (src/domain/fusion fuseAll), each incident counted in the agreement
 * sector holding it at the end of its window, exactly as the live system counts stored
 * incidents (raise.ts); the early warning is replayed hour by hour over those counts and scored
 * against the truth: detection delay per episode, false alarms per sector-month.
 */
import type { Agreement } from '../../domain/agreement/index.js';
import { fuseAll } from '../../domain/fusion/index.js';
import type { Observation } from '../../domain/observation/types.js';
import {
  backtestEarlyWarning,
  resolveOptions,
  type BacktestEvent,
  type EarlyWarningOptions,
} from '../../domain/warning/index.js';
import { simulate, SimRandom, type EscalationPlan, type Tempo } from '../../sim/index.js';
import { sectorLocator } from './incidents.js';
import { measureOf, type WarningMeasure } from './raise.js';

const H = 3_600_000;
const MONTH_MS = 30 * 24 * H;

export interface SimBacktestOptions {
  readonly seed: number;
  /** Days per run. */
  readonly days: number;
  /** Runs (one planted episode each); default 3. */
  readonly runs?: number;
  readonly tempo?: Tempo;
  /** Episode rate multiplier; default 4. */
  readonly factor?: number;
  /** Episode length, hours; default 12. */
  readonly hours?: number;
  readonly start?: string;
  readonly earlyWarning?: EarlyWarningOptions;
  /** What is counted per sector: incidents (default) or violations (the incidents' fused counts). */
  readonly measure?: WarningMeasure;
  readonly onRun?: (run: number, observations: number, incidents: number) => void;
}

export interface EpisodeResult extends EscalationPlan {
  readonly run: number;
  readonly seed: number;
  readonly detected: boolean;
  /** Hours from the episode's start to the first warning of its sector. */
  readonly delayHours: number | null;
}

export interface SimBacktestResult {
  readonly episodes: readonly EpisodeResult[];
  readonly detected: number;
  readonly medianDelayHours: number | null;
  readonly meanDelayHours: number | null;
  readonly maxDelayHours: number | null;
  readonly falseAlarms: number;
  /** Sector-months evaluated (sectors × evaluated time). */
  readonly sectorMonths: number;
  readonly falseAlarmsPerSectorMonth: number;
  readonly falseAlarmsBySector: Readonly<Record<string, number>>;
  readonly observations: number;
  readonly incidents: number;
  readonly daysSimulated: number;
}

/** Runs the backtest; deterministic for a seed. */
export function backtestOnSimulator(
  agreement: Agreement,
  options: SimBacktestOptions,
): SimBacktestResult {
  const runs = options.runs ?? 3;
  const ew = resolveOptions(options.earlyWarning ?? {});
  const minHistoryH = Math.ceil((ew.minBaselineBlocks * ew.recentMs) / H);
  const totalH = Math.floor(options.days * 24);
  if (totalH < minHistoryH + 2 * 24)
    throw new RangeError(
      `--days must leave ${minHistoryH} h of baseline and two days besides (≥ ${Math.ceil((minHistoryH + 48) / 24)} days)`,
    );
  const startMs = Date.parse(options.start ?? '2026-03-01T00:00:00Z');
  const sectorOf = sectorLocator(agreement);
  const sectors = agreement.sectors.map((s) => s.id);
  const hours = options.hours ?? 12;
  const episodes: EpisodeResult[] = [];
  const falseBySector: Record<string, number> = Object.fromEntries(sectors.map((s) => [s, 0]));
  let falseAlarms = 0;
  let monthsEvaluated = 0;
  let observationCount = 0;
  let incidentCount = 0;

  for (let run = 0; run < runs; run++) {
    const seed = (options.seed + run * 7919) >>> 0;
    const pick = new SimRandom(seed ^ 0x5eed);
    pick.float(); // the first draw of a fresh generator varies little with the seed
    // The episode starts after the baseline the warning needs and a day of quiet, and ends a day before the run.
    const earliest = minHistoryH + 24;
    const latest = Math.max(earliest, totalH - hours - 24);
    const plan: EscalationPlan = {
      // Sectors in turn, so that every sector gets its episodes.
      sector: sectors[(options.seed + run) % sectors.length]!,
      startHour: earliest + Math.floor(pick.float() * (latest - earliest + 1)),
      hours,
      factor: options.factor ?? 4,
    };
    const observations: Observation[] = [];
    for (const item of simulate(agreement, {
      seed,
      days: options.days,
      start: new Date(startMs).toISOString(),
      ...(options.tempo ? { tempo: options.tempo } : {}),
      escalation: plan,
    }))
      if ('observation' in item) observations.push(item.observation);
    const { incidents } = fuseAll(observations);
    observationCount += observations.length;
    incidentCount += incidents.length;
    options.onRun?.(run, observations.length, incidents.length);
    const events: BacktestEvent[] = [];
    for (const i of incidents) {
      const sectorId = sectorOf(i.location);
      if (sectorId !== null)
        events.push({
          sectorId,
          timeMs: Date.parse(i.window.to),
          count: measureOf(i, options.measure),
        });
    }
    const fromMs = startMs + minHistoryH * H;
    const toMs = startMs + totalH * H;
    const episodeFrom = startMs + plan.startHour * H;
    const result = backtestEarlyWarning(
      events,
      [{ sectorId: plan.sector, fromMs: episodeFrom, toMs: episodeFrom + hours * H }],
      {
        ...options.earlyWarning,
        sectors,
        sinceMs: startMs,
        fromMs,
        toMs,
        stepMs: H,
      },
    );
    const e = result.episodes[0]!;
    episodes.push({
      ...plan,
      run,
      seed,
      detected: e.delayMs !== null,
      delayHours: e.delayMs === null ? null : e.delayMs / H,
    });
    falseAlarms += result.falseAlarms.length;
    for (const a of result.falseAlarms)
      falseBySector[a.sectorId] = (falseBySector[a.sectorId] ?? 0) + 1;
    monthsEvaluated += (toMs - fromMs) / MONTH_MS;
  }
  const delays = episodes
    .flatMap((e) => (e.delayHours === null ? [] : [e.delayHours]))
    .sort((a, b) => a - b);
  const sectorMonths = monthsEvaluated * sectors.length;
  return {
    episodes,
    detected: delays.length,
    medianDelayHours: delays.length ? delays[Math.floor((delays.length - 1) / 2)]! : null,
    meanDelayHours: delays.length ? delays.reduce((a, b) => a + b, 0) / delays.length : null,
    maxDelayHours: delays.length ? delays[delays.length - 1]! : null,
    falseAlarms,
    sectorMonths,
    falseAlarmsPerSectorMonth: sectorMonths > 0 ? falseAlarms / sectorMonths : 0,
    falseAlarmsBySector: falseBySector,
    observations: observationCount,
    incidents: incidentCount,
    daysSimulated: runs * options.days,
  };
}
