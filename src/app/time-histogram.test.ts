import { describe, expect, it } from 'vitest';
import type { ObservationColumnsRow } from '../store/port.js';
import { ObservationColumns } from './observation-grid.js';
import {
  BIN_WIDTHS_MS,
  binStarts,
  EMPTY_HISTOGRAM,
  observationHistogram,
  timeBins,
} from './time-histogram.js';

const H = 3_600_000;
const D = 24 * H;
const T0 = Date.parse('2026-03-01T00:00:00Z');

describe('timeBins', () => {
  it.each([
    ['a day in 96 bins: 30 minutes (15 would need 97)', T0, T0 + D, 96, 30 * 60_000, 49],
    ['a week in 96 bins: 2 hours', T0, T0 + 7 * D, 96, 2 * H, 85],
    ['a week in 7 bins: 2 days (one-day bins would need 8)', T0, T0 + 7 * D, 7, 2 * D, 5],
    ['one instant: one bin of the narrowest width', T0 + 5, T0 + 5, 96, 15 * 60_000, 1],
    ['ten years in 10 bins: doublings of 30 days', T0, T0 + 3650 * D, 10, 480 * D, 9],
  ])('%s', (_name, from, to, maxBins, step, bins) => {
    const b = timeBins(from, to, maxBins);
    expect(b.stepMs).toBe(step);
    expect(b.bins).toBe(bins);
    expect(b.bins).toBeLessThanOrEqual(maxBins);
    expect(b.start % b.stepMs).toBe(0);
    expect(b.start).toBeLessThanOrEqual(from);
    expect(b.start + b.bins * b.stepMs).toBeGreaterThan(to);
  });

  it('takes the narrowest width that fits, so one bin narrower would not', () => {
    for (const maxBins of [2, 5, 24, 96, 500]) {
      for (const span of [H, 13 * H, 3 * D, 40 * D, 400 * D]) {
        const b = timeBins(T0 + 7 * 60_000, T0 + 7 * 60_000 + span, maxBins);
        const i = BIN_WIDTHS_MS.indexOf(b.stepMs as (typeof BIN_WIDTHS_MS)[number]);
        expect(b.bins).toBeLessThanOrEqual(maxBins);
        if (i > 0) {
          const narrower = BIN_WIDTHS_MS[i - 1]!;
          const from = T0 + 7 * 60_000;
          const to = from + span;
          expect(Math.floor(to / narrower) - Math.floor(from / narrower) + 1).toBeGreaterThan(
            maxBins,
          );
        }
      }
    }
  });

  it('refuses an inverted domain and a bin count below one', () => {
    expect(() => timeBins(T0 + 1, T0)).toThrow(/from/);
    expect(() => timeBins(T0, T0 + D, 0)).toThrow(/maxBins/);
  });
});

describe('binStarts', () => {
  it('counts each start in its bin, and nothing outside the domain', () => {
    const h = binStarts([T0, T0 + 1, T0 + H - 1, T0 + H, T0 + 5 * H, T0 - 1, T0 + 6 * H + 1], {
      from: T0,
      to: T0 + 6 * H,
      maxBins: 6,
    });
    expect(h.stepMs).toBe(2 * H);
    expect(h.start).toBe(T0);
    expect(h.counts).toEqual([4, 0, 1, 0]);
    expect(h.total).toBe(5);
  });

  it('takes an open side from the starts', () => {
    const h = binStarts([T0 + 2 * D, T0 + 3 * H, T0 + D], { maxBins: 100 });
    expect(h.start).toBe(T0 + 3 * H);
    expect(h.counts.reduce((a, b) => a + b, 0)).toBe(3);
    expect(h.start + h.bins * h.stepMs).toBeGreaterThan(T0 + 2 * D);
    const open = binStarts([T0, T0 + D, T0 + 2 * D], { from: T0 + 12 * H, maxBins: 100 });
    expect(open.total).toBe(2);
    expect(open.start).toBeLessThanOrEqual(T0 + 12 * H);
  });

  it('gives the empty histogram for no starts and an open domain, and empty bins for a closed one', () => {
    expect(binStarts([], {})).toBe(EMPTY_HISTOGRAM);
    expect(binStarts([T0], { from: T0 + 1 })).toBe(EMPTY_HISTOGRAM);
    const closed = binStarts([], { from: T0, to: T0 + D, maxBins: 24 });
    expect(closed.stepMs).toBe(2 * H);
    expect(closed.counts).toEqual(new Array(13).fill(0));
  });
});

describe('observationHistogram over the column copy', () => {
  // [rid, lon, lat, from, to, event, weapon, source, visibility, party]
  const rows: ObservationColumnsRow[] = [
    [1, 37.1, 48.1, T0, T0 + 60_000, 'explosion', 'mortar', 'monitor', 'public', null],
    [
      2,
      37.2,
      48.2,
      T0 + 30 * 60_000,
      T0 + 2 * H,
      'explosion',
      'mortar',
      'monitor',
      'mission',
      null,
    ],
    [
      3,
      37.3,
      48.3,
      T0 + 3 * H,
      T0 + 3 * H,
      'small_arms_burst',
      'small_arms',
      'party',
      'party-confidential',
      'a',
    ],
    [
      4,
      37.4,
      48.4,
      T0 + 5 * H,
      T0 + 5 * H,
      'explosion',
      'artillery',
      'party',
      'party-confidential',
      'b',
    ],
    [5, 20.0, 48.0, T0 + 5 * H, T0 + 5 * H, 'explosion', 'mortar', 'monitor', 'public', null],
  ];
  const columns = new ObservationColumns(async (after, limit) =>
    rows.filter((r) => r[0] > after).slice(0, limit),
  );
  const mission = { mission: true, party: null };

  it('counts per compartment: a liaison counts the public and its own party only', async () => {
    await columns.sync(0);
    const q = { from: T0, to: T0 + 6 * H, maxBins: 6 };
    expect(observationHistogram(columns, { ...q, visibleTo: mission }).counts).toEqual([
      2, 1, 2, 0,
    ]);
    expect(
      observationHistogram(columns, { ...q, visibleTo: { mission: false, party: 'a' } }).counts,
    ).toEqual([1, 1, 1, 0]);
    expect(
      observationHistogram(columns, { ...q, visibleTo: { mission: false, party: 'b' } }).counts,
    ).toEqual([1, 0, 2, 0]);
    expect(
      observationHistogram(columns, { ...q, visibleTo: { mission: false, party: null } }).total,
    ).toBe(2);
  });

  it('filters by box and kinds as the grid does, and counts by the window’s start', async () => {
    await columns.sync(0);
    const box = observationHistogram(columns, {
      bbox: [37, 48, 38, 49],
      visibleTo: mission,
      maxBins: 96,
    });
    expect(box.total).toBe(4);
    expect(box.start).toBe(T0);
    const kinds = observationHistogram(columns, {
      events: ['explosion'],
      weapons: ['mortar'],
      visibleTo: mission,
      maxBins: 96,
    });
    expect(kinds.total).toBe(3);
    // Row 2 runs past 01:00 but starts at 00:30: counted in its start's bin only.
    const hourly = observationHistogram(columns, {
      from: T0,
      to: T0 + 2 * H - 1,
      visibleTo: mission,
      maxBins: 8,
    });
    expect(hourly.stepMs).toBe(15 * 60_000);
    expect(hourly.counts[0]).toBe(1);
    expect(hourly.counts[2]).toBe(1);
    expect(hourly.total).toBe(2);
  });
});
