/**
 * Reporting periods. A daily report covers the day that closes at the local closing time on its
 * date (the OSCE SMM closed at 19:30 Kyiv time: from 19:30 the evening before to 19:30 on the
 * day); a weekly one the seven such days ending on its date. Closing instants are computed in the
 * time zone with Intl, so a period across a daylight-saving change is 23 or 25 hours long, as the
 * clocks say, and still ends at 19:30 local.
 */
import { TrucelineError } from '../errors.js';
import type { ReportKind, ReportPeriod } from './types.js';

export const DEFAULT_CLOSING_TIME = '19:30';
export const DEFAULT_TIME_ZONE = 'Europe/Kyiv';

export interface PeriodOptions {
  /** Local `HH:MM` (default 19:30). */
  readonly closesAt?: string;
  /** IANA time zone (default Europe/Kyiv). */
  readonly timeZone?: string;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

function checkDate(date: string, path: string): [number, number, number] {
  const m = DATE.exec(date);
  const parts = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
  if (
    !parts ||
    new Date(Date.UTC(parts[0]!, parts[1]! - 1, parts[2]!)).toISOString().slice(0, 10) !== date
  )
    throw new TrucelineError('VALIDATION', `${path}: must be a date YYYY-MM-DD, got '${date}'`, [
      { path, reason: 'not a calendar date YYYY-MM-DD' },
    ]);
  return parts as [number, number, number];
}

/** `date` plus `days` (negative to go back), as YYYY-MM-DD. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = checkDate(date, 'date');
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

function checkTimeZone(timeZone: string): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    throw new TrucelineError('VALIDATION', `timeZone: unknown time zone '${timeZone}'`, [
      { path: 'timeZone', reason: 'not an IANA time zone' },
    ]);
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Offset of `timeZone` from UTC at instant `ms`, in ms (Kyiv in summer: +3 h). */
function offsetMs(timeZone: string, ms: number): number {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  const asUtc = Date.UTC(
    Number(p.year),
    Number(p.month) - 1,
    Number(p.day),
    Number(p.hour),
    Number(p.minute),
    Number(p.second),
  );
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/**
 * The UTC instant (ms) of local wall time `date` `time` in `timeZone`. A wall time the clocks skip
 * (spring forward) is read with the offset before the change, so it lands as far past the gap's
 * end as it was past its start; a repeated one (fall back) maps to its first occurrence.
 */
export function zonedInstant(date: string, time: string, timeZone: string): number {
  const [y, mo, d] = checkDate(date, 'date');
  const t = TIME.exec(time);
  if (!t)
    throw new TrucelineError('VALIDATION', `closesAt: must be HH:MM, got '${time}'`, [
      { path: 'closesAt', reason: 'not a time HH:MM' },
    ]);
  checkTimeZone(timeZone);
  const wall = Date.UTC(y, mo - 1, d, Number(t[1]), Number(t[2]));
  // The offset before and after any change near this wall time; try the earlier one first.
  const candidates = [
    ...new Set([offsetMs(timeZone, wall - 86_400_000), offsetMs(timeZone, wall + 86_400_000)]),
  ].sort((a, b) => b - a);
  for (const off of candidates) {
    const ms = wall - off;
    if (offsetMs(timeZone, ms) === off) return ms;
  }
  // In a gap: the wall time does not exist; the clocks jumped over it.
  return wall - Math.min(...candidates);
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The period of a `kind` report dated `date` (the local date it closes on). */
export function reportPeriod(
  kind: ReportKind,
  date: string,
  options: PeriodOptions = {},
): ReportPeriod {
  const closesAt = options.closesAt ?? DEFAULT_CLOSING_TIME;
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  const days = kind === 'daily' ? 1 : 7;
  const close = (d: string) => iso(zonedInstant(d, closesAt, timeZone));
  return {
    kind,
    date,
    from: close(addDays(date, -days)),
    to: close(date),
    closesAtLocal: closesAt,
    timeZone,
    previous: { from: close(addDays(date, -2 * days)), to: close(addDays(date, -days)) },
  };
}

/** The daily period of `date` as [from, to) instants (ms), for the trend. */
export function dailyBounds(
  date: string,
  period: Pick<ReportPeriod, 'closesAtLocal' | 'timeZone'>,
): { fromMs: number; toMs: number } {
  return {
    fromMs: zonedInstant(addDays(date, -1), period.closesAtLocal, period.timeZone),
    toMs: zonedInstant(date, period.closesAtLocal, period.timeZone),
  };
}
