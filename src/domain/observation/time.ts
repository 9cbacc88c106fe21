/**
 * Instants of the exchange format: the RFC 3339 profile of ISO 8601, always with a zone.
 *
 *   2026-03-01T18:40:00Z            2026-03-01T20:40:00+02:00          2026-03-01T18:40:00.125Z
 *
 * Seconds are required, a fraction may have 1 to 9 digits, `T` and `Z` are upper case, the zone is
 * `Z` or `±hh:mm`. Years before 1900 are rejected as implausible for an observation. Parsing is
 * pure arithmetic (no `Date` parsing, whose leniency differs between engines) and exact to the
 * nanosecond, so `from ≤ to` holds or fails exactly as written.
 */

export interface Instant {
  /** Whole seconds since 1970-01-01T00:00:00Z (may be negative). */
  readonly epochS: number;
  /** Nanoseconds within the second, 0 ≤ nanos < 1e9. */
  readonly nanos: number;
  /** Milliseconds since the epoch, sub-millisecond digits truncated. */
  readonly epochMs: number;
  /** The same instant in UTC: `YYYY-MM-DDTHH:MM:SS[.fraction]Z`, fraction without trailing zeros. */
  readonly canonical: string;
}

export type InstantParse = { ok: true; instant: Instant } | { ok: false; reason: string };

export const MIN_YEAR = 1900;

const INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/;
const NO_ZONE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/;
const EXAMPLE = 'such as 2026-03-01T18:40:00Z or 2026-03-01T20:40:00+02:00';

/** Parses an exchange-format instant; a failure carries a reason naming what is wrong. */
export function parseInstant(text: string): InstantParse {
  const m = INSTANT.exec(text);
  if (m === null) {
    if (NO_ZONE.test(text)) {
      return {
        ok: false,
        reason: `has no timezone; write the instant with Z or an offset, ${EXAMPLE}`,
      };
    }
    return {
      ok: false,
      reason: `must be an ISO 8601 instant with a timezone, ${EXAMPLE}; got ${quote(text)}`,
    };
  }
  const [, ys, mos, ds, hs, mis, ss, frac = '', zone = 'Z'] = m;
  const y = Number(ys);
  const mo = Number(mos);
  const d = Number(ds);
  const h = Number(hs);
  const mi = Number(mis);
  const s = Number(ss);
  if (y < MIN_YEAR)
    return {
      ok: false,
      reason: `year ${y} is before ${MIN_YEAR}; not a plausible observation time`,
    };
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) {
    return { ok: false, reason: `${ys}-${mos}-${ds} is not a calendar date` };
  }
  if (h > 23 || mi > 59 || s > 59)
    return { ok: false, reason: `${hs}:${mis}:${ss} is not a time of day` };
  let offsetS = 0;
  if (zone !== 'Z') {
    const oh = Number(zone.slice(1, 3));
    const om = Number(zone.slice(4, 6));
    if (oh > 23 || om > 59) return { ok: false, reason: `${zone} is not a timezone offset` };
    offsetS = (zone[0] === '-' ? -1 : 1) * (oh * 3600 + om * 60);
  }
  const epochS = daysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s - offsetS;
  const nanos = Number(frac.padEnd(9, '0'));
  return {
    ok: true,
    instant: {
      epochS,
      nanos,
      epochMs: epochS * 1000 + Math.floor(nanos / 1e6),
      canonical: formatUtc(epochS, nanos),
    },
  };
}

/** Negative when `a` is earlier than `b`, zero when equal, positive when later. Exact. */
export function compareInstants(a: Instant, b: Instant): number {
  return a.epochS !== b.epochS ? a.epochS - b.epochS : a.nanos - b.nanos;
}

/** Milliseconds as a short human duration: `45 s`, `12 min`, `3 h 5 min`, `9.5 days`. */
export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.round(s / 60)} min`;
  if (s < 86400) {
    const h = Math.floor(s / 3600);
    const min = Math.round((s % 3600) / 60);
    return min === 0 ? `${h} h` : `${h} h ${min} min`;
  }
  return `${Math.round((s / 86400) * 10) / 10} days`;
}

/** Epoch milliseconds as an ISO 8601 UTC instant (for messages; no `Date` needed). */
export function formatEpochMs(ms: number): string {
  const epochS = Math.floor(ms / 1000);
  return formatUtc(epochS, (ms - epochS * 1000) * 1e6);
}

function formatUtc(epochS: number, nanos: number): string {
  const days = Math.floor(epochS / 86400);
  const secOfDay = epochS - days * 86400;
  const [y, mo, d] = civilFromDays(days);
  const hh = Math.floor(secOfDay / 3600);
  const mm = Math.floor((secOfDay % 3600) / 60);
  const ss = secOfDay % 60;
  const fraction =
    nanos === 0 ? '' : '.' + String(Math.round(nanos)).padStart(9, '0').replace(/0+$/, '');
  return `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}T${pad(hh, 2)}:${pad(mm, 2)}:${pad(ss, 2)}${fraction}Z`;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function quote(text: string): string {
  const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  return `'${JSON.stringify(shown).slice(1, -1)}'`;
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, mo: number): number {
  return mo === 2 ? (isLeap(y) ? 29 : 28) : [4, 6, 9, 11].includes(mo) ? 30 : 31;
}

// Howard Hinnant's days_from_civil / civil_from_days (proleptic Gregorian, exact for all years).
function daysFromCivil(y0: number, m: number, d: number): number {
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(z0: number): [number, number, number] {
  const z = z0 + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}
