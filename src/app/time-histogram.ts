/**
 * Counts per time bin for the dashboard's timeline (GET /api/v1/observations/histogram and
 * GET /api/v1/incidents/histogram, src/server/routes/histograms.ts). Each record is counted once,
 * in the bin holding the start of its time window. Bins are of a round width (15 minutes to 30
 * days, then powers of two of 30 days) aligned to the epoch, so bars fall on whole hours and days
 * and the same domain always gives the same bins. Times are milliseconds since the epoch (UTC).
 *
 * Observations are counted in one pass over the column copy the map grid keeps
 * (src/app/observation-grid.ts); incidents from the store's pages (incident-histogram.ts).
 */
import type { ColumnFilter, ObservationColumns } from './observation-grid.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** The bin widths, smallest first; past the last, it doubles until the bins fit. */
export const BIN_WIDTHS_MS = [
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  2 * HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  DAY,
  2 * DAY,
  7 * DAY,
  14 * DAY,
  30 * DAY,
] as const;
export const DEFAULT_BINS = 96;
export const MAX_BINS = 1000;

export interface TimeBins {
  /** Start of the first bin (ms, a multiple of `stepMs`). */
  readonly start: number;
  readonly stepMs: number;
  /** How many bins: the last holds `to`. */
  readonly bins: number;
}

/**
 * The bins over [from, to] (ms, from ≤ to): the narrowest width of BIN_WIDTHS_MS (or a doubling
 * of the last) that covers the domain in at most `maxBins` bins (1 ≤ maxBins).
 * Example: a week in at most 96 bins → 2-hour bins, 84 or 85 of them.
 */
export function timeBins(from: number, to: number, maxBins = DEFAULT_BINS): TimeBins {
  if (!(from <= to)) throw new Error(`timeBins: from (${from}) must not be after to (${to})`);
  if (!(Number.isInteger(maxBins) && maxBins >= 1))
    throw new Error(`timeBins: maxBins must be a positive integer, got ${maxBins}`);
  const count = (step: number) => Math.floor(to / step) - Math.floor(from / step) + 1;
  let step: number = BIN_WIDTHS_MS.find((w) => count(w) <= maxBins) ?? BIN_WIDTHS_MS.at(-1)!;
  while (count(step) > maxBins) step *= 2;
  return { start: Math.floor(from / step) * step, stepMs: step, bins: count(step) };
}

export interface TimeHistogram extends TimeBins {
  readonly counts: number[];
  /** Records counted (the sum of `counts`). */
  readonly total: number;
}

/** The histogram of nothing: no domain, no bins. */
export const EMPTY_HISTOGRAM: TimeHistogram = {
  start: 0,
  stepMs: 0,
  bins: 0,
  counts: [],
  total: 0,
};

/**
 * Counts `starts` (ms) into the bins of [from, to], each by its value; values outside [from, to]
 * are not counted. Without `from` or `to`, that side is the smallest or largest start; no starts
 * and an open side give EMPTY_HISTOGRAM.
 */
export function binStarts(
  starts: ArrayLike<number>,
  domain: { readonly from?: number; readonly to?: number; readonly maxBins?: number },
): TimeHistogram {
  let from = domain.from;
  let to = domain.to;
  if (from === undefined || to === undefined) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < starts.length; i++) {
      const t = starts[i]!;
      if (
        (domain.from !== undefined && t < domain.from) ||
        (domain.to !== undefined && t > domain.to)
      )
        continue;
      if (t < lo) lo = t;
      if (t > hi) hi = t;
    }
    if (lo > hi) return EMPTY_HISTOGRAM;
    from ??= lo;
    to ??= hi;
  }
  const bins = timeBins(from, to, domain.maxBins ?? DEFAULT_BINS);
  const counts = new Array<number>(bins.bins).fill(0);
  let total = 0;
  for (let i = 0; i < starts.length; i++) {
    const t = starts[i]!;
    if (t < from || t > to) continue;
    counts[Math.floor((t - bins.start) / bins.stepMs)]!++;
    total++;
  }
  return { ...bins, counts, total };
}

export type ObservationHistogramQuery = Omit<ColumnFilter, 'from' | 'to'> & {
  /** The domain (ms); open sides are taken from the observations matched. */
  readonly from?: number;
  readonly to?: number;
  readonly maxBins?: number;
};

/**
 * The observations matching `q` (box, kinds, compartment: the grid's filters), counted by the
 * start of their window. Only starts inside the domain are kept, so the pass stores at most one
 * number per observation matched.
 */
export function observationHistogram(
  columns: ObservationColumns,
  q: ObservationHistogramQuery,
): TimeHistogram {
  const { from, to, maxBins, ...filter } = q;
  let starts = new Float64Array(1024);
  let n = 0;
  columns.eachWindow(filter, (a) => {
    if ((from !== undefined && a < from) || (to !== undefined && a > to)) return;
    if (n === starts.length) {
      const bigger = new Float64Array(n * 2);
      bigger.set(starts);
      starts = bigger;
    }
    starts[n++] = a;
  });
  return binStarts(starts.subarray(0, n), { from, to, maxBins });
}
