/**
 * Synthetic violation histories for the early-warning tests: bursty, diurnal, seeded. Test-only.
 *
 * Each sector fires incidents at a base hourly rate that follows the day (loud evenings) and an
 * AR(1) log-rate (the ordinary flare-ups a warning must NOT flag, as src/sim models them); each
 * incident is a cluster of violations (geometric ≥ 1, mean `clusterMean`). Planted episodes
 * multiply the sector's incident rate by `factor`.
 */
import type { BacktestEvent, PlantedEpisode } from '../backtest.js';

const HOUR_MS = 3_600_000;

/** mulberry32: a tiny 32-bit seeded generator, uniform on [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Poisson draw (Knuth; fine for the small means used here). */
export function poisson(rand: () => number, mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  let p = rand();
  while (p > limit) {
    k++;
    p *= rand();
  }
  return k;
}

/** Standard normal draw (Box-Muller). */
export function normal(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

/** Relative rate by UTC hour, mean 1: quiet mornings, loud evenings (the OSCE SMM pattern). */
const DIURNAL_RAW = [
  1.6, 1.4, 1.1, 0.8, 0.6, 0.5, 0.5, 0.5, 0.6, 0.7, 0.8, 0.8, 0.8, 0.8, 0.8, 0.9, 1.0, 1.2, 1.5,
  1.8, 1.9, 1.9, 1.8, 1.7,
];
const DIURNAL_MEAN = DIURNAL_RAW.reduce((a, b) => a + b, 0) / 24;

export interface SyntheticOptions {
  readonly seed: number;
  readonly startMs: number;
  readonly days: number;
  /** Incidents per hour, one entry per sector. */
  readonly sectorRates: Readonly<Record<string, number>>;
  /** Mean violations per incident (geometric ≥ 1); default 3. */
  readonly clusterMean?: number;
  /**
   * Burstiness: the log-rate of each sector follows an AR(1) process hour by hour with this
   * persistence and innovation sd (default 0.85 and 0.45, as in src/sim's tempo model).
   */
  readonly ar?: { readonly phi: number; readonly sd: number };
  /** Daily rhythm on (default) or off. */
  readonly diurnal?: boolean;
  readonly episodes?: readonly (PlantedEpisode & { readonly factor: number })[];
}

export function syntheticEvents(o: SyntheticOptions): BacktestEvent[] {
  const rand = mulberry32(o.seed);
  const clusterMean = o.clusterMean ?? 3;
  const { phi, sd } = o.ar ?? { phi: 0.85, sd: 0.45 };
  const stationaryVar = (sd * sd) / (1 - phi * phi);
  const events: BacktestEvent[] = [];
  const logRate = new Map<string, number>(
    Object.keys(o.sectorRates).map((s) => [s, normal(rand) * Math.sqrt(stationaryVar)]),
  );
  for (let h = 0; h < o.days * 24; h++) {
    const hStart = o.startMs + h * HOUR_MS;
    const diurnal =
      o.diurnal === false ? 1 : DIURNAL_RAW[new Date(hStart).getUTCHours()]! / DIURNAL_MEAN;
    for (const [sector, rate] of Object.entries(o.sectorRates)) {
      const x = phi * logRate.get(sector)! + sd * normal(rand);
      logRate.set(sector, x);
      const episode = o.episodes?.find(
        (e) => e.sectorId === sector && hStart >= e.fromMs && hStart < e.toMs,
      );
      const mean =
        rate * diurnal * Math.exp(x - stationaryVar / 2) * (episode ? episode.factor : 1);
      const incidents = poisson(rand, mean);
      for (let i = 0; i < incidents; i++) {
        let count = 1;
        while (rand() < 1 - 1 / clusterMean) count++;
        events.push({ sectorId: sector, timeMs: hStart + Math.floor(rand() * HOUR_MS), count });
      }
    }
  }
  return events.sort((a, b) => a.timeMs - b.timeMs);
}
