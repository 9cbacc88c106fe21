/**
 * Calendar days, as conflict event data sets give them, turned into observation time windows.
 *
 * ACLED and UCDP code the local calendar date of an event, with no time of day and no zone. A
 * day in local time D is the UTC interval [D 00:00 - offset, D+1 00:00 - offset]; when the
 * offset is not known, the window is widened to hold that day in every zone in use, UTC-12 to
 * UTC+14: [D 00:00Z - 14 h, D+1 00:00Z + 12 h], 50 hours.
 */

export const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** The most a zone is ahead of UTC (UTC+14, Line Islands) and behind it (UTC-12). */
export const MAX_AHEAD_MS = 14 * HOUR_MS;
export const MAX_BEHIND_MS = 12 * HOUR_MS;

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

export type DateParse = { ok: true; dayMs: number } | { ok: false; reason: string };

function dayOf(y: number, m: number, d: number, text: string): DateParse {
  if (m < 1 || m > 12 || d < 1 || d > new Date(Date.UTC(y, m, 0)).getUTCDate() || y < 1900 || y > 2999) {
    return { ok: false, reason: `${JSON.stringify(text)} is not a real date` };
  }
  return { ok: true, dayMs: Date.UTC(y, m - 1, d) };
}

/**
 * A calendar date as UTC midnight of that date (ms). Accepts the forms the data sets write:
 * `2026-03-01` (ISO 8601, also with a zero time `2026-03-01 00:00:00.000` as UCDP's CSV has it),
 * `01 March 2026` / `1 Mar 2026` (ACLED's site exports), and `01-03-2026` / `01/03/2026`
 * (day first, as ACLED's codebook writes it).
 */
export function parseCalendarDate(text: string): DateParse {
  const t = text.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T]00:00(?::00(?:\.0+)?)?Z?)?$/.exec(t);
  if (m) return dayOf(Number(m[1]), Number(m[2]), Number(m[3]), t);
  m = /^(\d{1,2})[-/](\d{1,2})[-/](\d{4})$/.exec(t);
  if (m) return dayOf(Number(m[3]), Number(m[2]), Number(m[1]), t);
  m = /^(\d{1,2})[ -]([A-Za-z]+)[ -](\d{4})$/.exec(t);
  if (m) {
    const name = m[2]!.toLowerCase();
    const month = MONTHS.findIndex((full) => full === name || (name.length >= 3 && full.startsWith(name)));
    if (month >= 0) return dayOf(Number(m[3]), month + 1, Number(m[1]), t);
  }
  return { ok: false, reason: `${JSON.stringify(t.slice(0, 40))} is not a date (write 2026-03-01, 01 March 2026 or 01-03-2026)` };
}

/** `+03:00`, `-05:30`, `+0300`, `Z` → minutes east of UTC; null when not of that form. */
export function parseUtcOffset(text: string): number | null {
  if (text === 'Z' || text === 'UTC') return 0;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(text);
  if (!m) return null;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  if (Number(m[3]) > 59 || minutes > 14 * 60) return null;
  return (m[1] === '-' ? -1 : 1) * minutes;
}

/**
 * The UTC window [fromMs, toMs] holding local days firstDay..lastDay (each given as UTC
 * midnight of its date), in a zone `utcOffsetMinutes` east of UTC, or in any zone when null.
 */
export function localDaysWindow(firstDayMs: number, lastDayMs: number, utcOffsetMinutes: number | null): { fromMs: number; toMs: number } {
  if (utcOffsetMinutes === null) return { fromMs: firstDayMs - MAX_AHEAD_MS, toMs: lastDayMs + DAY_MS + MAX_BEHIND_MS };
  const off = utcOffsetMinutes * 60_000;
  return { fromMs: firstDayMs - off, toMs: lastDayMs + DAY_MS - off };
}

/** An instant as the exchange format writes it: `2026-03-01T00:00:00Z` (no zero milliseconds). */
export function isoInstant(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** The calendar date (YYYY-MM-DD) of an instant in a zone `utcOffsetMinutes` east of UTC. */
export function calendarDate(ms: number, utcOffsetMinutes = 0): string {
  return new Date(ms + utcOffsetMinutes * 60_000).toISOString().slice(0, 10);
}
