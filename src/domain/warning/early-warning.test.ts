import { describe, expect, it } from 'vitest';
import { TrucelineError } from '../errors.js';
import { EarlyWarning } from './early-warning.js';
import { mulberry32, poisson } from './test-support/synthetic-counts.js';

const H = 3_600_000;
const D = 24 * H;
const T0 = Date.UTC(2026, 2, 1);

/** Feeds `days` of hourly Poisson counts with the given mean per hour into the sectors. */
function feedSteady(
  ew: EarlyWarning,
  sectors: Record<string, number>,
  days: number,
  seed = 7,
  fromMs = T0,
): number {
  const rand = mulberry32(seed);
  for (let h = 0; h < days * 24; h++) {
    for (const [s, mean] of Object.entries(sectors)) {
      const n = poisson(rand, mean);
      if (n > 0) ew.add(s, fromMs + h * H + 60_000, n);
    }
  }
  return fromMs + days * D;
}

describe('EarlyWarning options', () => {
  it('names every bad option at once', () => {
    try {
      new EarlyWarning({ binMs: 1.5, alpha: 2, minCount: -1 });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(TrucelineError);
      const err = e as TrucelineError;
      expect(err.code).toBe('VALIDATION');
      expect(err.issues.map((i) => i.path)).toEqual(
        expect.arrayContaining(['binMs', 'alpha', 'minCount']),
      );
    }
  });

  it('rejects a recent window that is not a whole number of bins', () => {
    expect(() => new EarlyWarning({ binMs: H, recentMs: 90 * 60_000 })).toThrow(/recentMs/);
  });

  it('rejects a negative count and a non-finite time', () => {
    const ew = new EarlyWarning();
    expect(() => ew.add('s1', T0, -1)).toThrow(/count/);
    expect(() => ew.add('s1', Number.NaN, 1)).toThrow(/timeMs/);
  });
});

describe('EarlyWarning.evaluate', () => {
  it('stays silent until the sector has minBaselineBlocks of history', () => {
    const ew = new EarlyWarning({ sinceMs: T0 });
    ew.add('s1', T0 + 30 * 60_000, 1);
    // one day in: 3 baseline blocks of 6 h behind a 6-h window, fewer than the default 8
    ew.add('s1', T0 + D - H, 40);
    expect(ew.judge('s1', T0 + D)).toBeNull();
    expect(ew.evaluate(T0 + D)).toEqual([]);
  });

  it('warns on a quiet sector that starts firing while its 24-h count is still far below a threshold of 50', () => {
    const ew = new EarlyWarning({ sinceMs: T0, sectors: ['quiet', 'busy'] });
    let now = feedSteady(ew, { quiet: 0.05, busy: 2 }, 14);
    // 3 violations an hour for 4 hours: 12 in 24 h
    for (let h = 0; h < 4; h++) ew.add('quiet', now + h * H + 1000, 3);
    now += 4 * H;
    const warnings = ew.evaluate(now);
    expect(warnings.map((w) => w.sectorId)).toEqual(['quiet']);
    const [w] = warnings;
    expect(w!.observed).toBe(12);
    expect(w!.pValue).toBeLessThan(0.001);
    expect(w!.expected).toBeLessThan(1);
    expect([w!.fromMs, w!.toMs]).toEqual([now - 6 * H, now]);
  });

  it('does not warn on a steady sector at its usual rate', () => {
    const ew = new EarlyWarning({ sinceMs: T0 });
    const end = feedSteady(ew, { a: 1, b: 4, c: 0.2 }, 21);
    for (let t = end - 7 * D; t <= end; t += H) expect(ew.evaluate(t)).toEqual([]);
  });

  it('tolerates a burst as large as the bursts in its history, where a Poisson-like sector of the same mean warns', () => {
    const ew = new EarlyWarning({ sinceMs: T0, periodMs: 0 });
    // "bursty": nothing for 2 days, then an exchange of 30 violations; "even": the same mean spread out
    for (let d = 0; d < 14; d++) {
      if (d % 2 === 1) ew.add('bursty', T0 + d * D + 20 * H, 30);
      for (let h = 0; h < 24; h++) ew.add('even', T0 + d * D + h * H, (d * 24 + h) % 8 < 5 ? 1 : 0);
    }
    const now = T0 + 14 * D + 2 * H;
    ew.add('bursty', now - H, 30);
    ew.add('even', now - H, 30);
    const bursty = ew.judge('bursty', now)!;
    const even = ew.judge('even', now)!;
    expect(bursty.dispersion).toBeGreaterThan(1);
    expect(bursty.warns).toBe(false);
    expect(even.warns).toBe(true);
  });

  it('compares an evening with previous evenings when the daily rhythm is on', () => {
    const make = (periodMs: number) => {
      const ew = new EarlyWarning({ sinceMs: T0, periodMs, sectors: ['s', 't'] });
      // every day: 2 an hour from 18:00 to 24:00 UTC, 0.2 an hour otherwise (a fixed pattern)
      for (let d = 0; d < 14; d++) {
        for (let h = 0; h < 24; h++) {
          const n = h >= 18 ? 2 : (d * 24 + h) % 5 === 0 ? 1 : 0;
          if (n) ew.add('s', T0 + d * D + h * H, n);
          if (n) ew.add('t', T0 + d * D + h * H, n);
        }
      }
      return ew;
    };
    const morningOf = T0 + 14 * D;
    for (const periodMs of [0, D]) {
      const ew = make(periodMs);
      // the morning of day 14 gets an evening's worth (12 in 6 h) in sector s
      for (let h = 0; h < 6; h++) ew.add('s', morningOf + 6 * H + h * H, 2);
      const morning = ew.judge('s', morningOf + 12 * H)!;
      expect({ periodMs, warns: morning.warns }).toEqual({ periodMs, warns: periodMs === D });
    }
    // and an ordinary evening is no warning with the rhythm
    const ew = make(D);
    for (let h = 18; h < 24; h++) ew.add('t', morningOf + h * H, 2);
    expect(ew.judge('t', morningOf + D)!.warns).toBe(false);
  });

  it('is deterministic and orders warnings by p-value', () => {
    const run = () => {
      const ew = new EarlyWarning({ sinceMs: T0 });
      const now = feedSteady(ew, { a: 0.2, b: 0.2, c: 0.2 }, 14, 99);
      ew.add('a', now - H, 9);
      ew.add('b', now - H, 20);
      return ew.evaluate(now);
    };
    const first = run();
    expect(first.map((w) => w.sectorId)).toEqual(['b', 'a']);
    expect(run()).toEqual(first);
  });
});

describe('EarlyWarning memory', () => {
  it('keeps a fixed ring per sector however long it runs, and drops counts older than the ring', () => {
    const ew = new EarlyWarning({ sinceMs: T0 });
    const end = feedSteady(ew, { a: 1, b: 1 }, 60);
    const bins = (14 * 24 + 6) * 2;
    expect(ew.memoryBins).toBe(bins);
    feedSteady(ew, { a: 1, b: 1 }, 60, 8, end);
    expect(ew.memoryBins).toBe(bins);
    expect(ew.add('a', T0, 1)).toBe(false);
    expect(ew.add('a', end + 60 * D - H, 1)).toBe(true);
  });

  it('refuses more sectors than maxSectors', () => {
    const ew = new EarlyWarning({ maxSectors: 2 });
    ew.add('a', T0, 1);
    ew.add('b', T0, 1);
    expect(() => ew.add('c', T0, 1)).toThrow(/maxSectors/);
  });
});
