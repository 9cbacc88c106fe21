/**
 * Time on the timeline: observation windows, bins for the histogram, and the brush's window.
 * Times are milliseconds since the epoch (UTC). Pure.
 */
import type { ObservationProperties } from '../api/types.js';

export interface Span {
  readonly from: number;
  readonly to: number;
}

/** The observation's time as [from, to] ms; an instant is a window of zero length. */
export function observedSpan(o: Pick<ObservationProperties, 'observedAt'>): Span {
  if (typeof o.observedAt === 'string') {
    const t = Date.parse(o.observedAt);
    return { from: t, to: t };
  }
  return { from: Date.parse(o.observedAt.from), to: Date.parse(o.observedAt.to) };
}

/** True when the observation's window overlaps [from, to] (either side may be open). */
export function overlaps(s: Span, from: number | null, to: number | null): boolean {
  return (from === null || s.to >= from) && (to === null || s.from <= to);
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Bin widths the histogram picks from, so bins fall on round hours and days. */
export const BIN_STEPS = [
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

export interface Histogram {
  /** Start of the first bin (ms, aligned to `step`). */
  readonly start: number;
  readonly step: number;
  readonly counts: readonly number[];
  /** Largest count in a bin (at least 1, so scaling never divides by zero). */
  readonly max: number;
}

/**
 * Counts observations per bin over `domain`, counting each in the bin of its window's start.
 * The step is the smallest of BIN_STEPS giving at most `maxBins` bins.
 */
export function histogram(spans: readonly Span[], domain: Span, maxBins = 96): Histogram {
  const width = Math.max(domain.to - domain.from, MINUTE);
  const step = BIN_STEPS.find((s) => width / s <= maxBins) ?? BIN_STEPS[BIN_STEPS.length - 1]!;
  const start = Math.floor(domain.from / step) * step;
  const n = Math.floor((Math.max(domain.to, domain.from) - start) / step) + 1;
  const counts = new Array<number>(n).fill(0);
  for (const s of spans) {
    const i = Math.floor((s.from - start) / step);
    if (i >= 0 && i < n) counts[i]!++;
  }
  return { start, step, counts, max: Math.max(1, ...counts) };
}

/** The span covered by the spans, or null when there are none. */
export function extent(spans: readonly Span[]): Span | null {
  if (spans.length === 0) return null;
  let from = Infinity;
  let to = -Infinity;
  for (const s of spans) {
    if (s.from < from) from = s.from;
    if (s.to > to) to = s.to;
  }
  return { from, to };
}

/** Snaps an instant to the nearest bin edge of `h`. */
export function snap(t: number, h: Pick<Histogram, 'start' | 'step'>): number {
  return h.start + Math.round((t - h.start) / h.step) * h.step;
}
