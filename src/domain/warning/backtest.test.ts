import { describe, expect, it } from 'vitest';
import { backtestEarlyWarning, type PlantedEpisode } from './backtest.js';
import { syntheticEvents } from './test-support/synthetic-counts.js';

const H = 3_600_000;
const D = 24 * H;
const T0 = Date.UTC(2026, 0, 1);

describe('backtestEarlyWarning scoring', () => {
  const quiet = Array.from({ length: 20 * 24 }, (_, h) => ({
    sectorId: 's',
    timeMs: T0 + h * H,
    count: h % 3 === 0 ? 1 : 0,
  }));

  it('times detection from the start of the episode and counts a run of warnings as one alarm', () => {
    const burst = [0, 1, 2, 3].map((h) => ({
      sectorId: 's',
      timeMs: T0 + 15 * D + h * H + 1,
      count: 10,
    }));
    const outside = [{ sectorId: 's', timeMs: T0 + 18 * D + 1, count: 40 }];
    const episode: PlantedEpisode = {
      sectorId: 's',
      fromMs: T0 + 15 * D,
      toMs: T0 + 15 * D + 4 * H,
    };
    const r = backtestEarlyWarning([...quiet, ...burst, ...outside], [episode], {
      fromMs: T0,
      toMs: T0 + 20 * D,
    });
    expect(r.episodes[0]!.delayMs).toBe(H);
    expect(r.detected).toBe(1);
    expect(r.falseAlarms).toHaveLength(1);
    expect(r.falseAlarms[0]!.firstMs).toBe(T0 + 18 * D + H);
    expect(r.falseAlarmsPerMonth).toBeCloseTo(1 / (20 / 30), 10);
  });

  it('reports a missed episode with a null delay', () => {
    const r = backtestEarlyWarning(quiet, [
      { sectorId: 's', fromMs: T0 + 10 * D, toMs: T0 + 11 * D },
    ]);
    expect(r.episodes[0]).toMatchObject({ detectedAtMs: null, delayMs: null });
    expect(r.missed).toBe(1);
    expect(r.meanDelayMs).toBeNull();
  });
});

describe('backtestEarlyWarning on synthetic bursty data', () => {
  // Six sectors with 0.5 to 6 incidents an hour of 3 violations on average (geometric clusters),
  // a daily rhythm (loud evenings), and AR(1) flare-ups of the log-rate (persistence 0.85,
  // innovation sd 0.15); one planted 12-h escalation (rate × 5) per sector, each starting at a
  // different hour of the day, from day 30 on; 100 days in all. Over seeds 1-8 this detects 46 of
  // 48 episodes, the slowest after 9 h, with 0.5-1.0 false alarms per sector-month; the bounds
  // below leave a little room over that.
  const rates = { a: 1, b: 2, c: 3, d: 4, e: 0.5, f: 6 };
  const episodes = Object.keys(rates).map((sectorId, i) => {
    const fromMs = T0 + (30 + i * 10) * D + ((i * 5) % 24) * H;
    return { sectorId, fromMs, toMs: fromMs + 12 * H, factor: 5 };
  });

  it.each([1, 2, 3])(
    'seed %i: detects at least 5 of 6 planted escalations within 10 h, under 1.2 false alarms per sector-month',
    (seed) => {
      const events = syntheticEvents({
        seed,
        startMs: T0,
        days: 100,
        sectorRates: rates,
        episodes,
        ar: { phi: 0.85, sd: 0.15 },
      });
      const r = backtestEarlyWarning(events, episodes, { fromMs: T0, toMs: T0 + 100 * D });
      expect(r.sectors).toBe(6);
      expect(r.detected).toBeGreaterThanOrEqual(5);
      expect(r.maxDelayMs!).toBeLessThanOrEqual(10 * H);
      expect(r.meanDelayMs!).toBeLessThanOrEqual(6 * H);
      expect(r.falseAlarmsPerMonth / r.sectors).toBeLessThan(1.2);
    },
  );
});
