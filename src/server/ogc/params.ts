/**
 * The query parameters of OGC API – Features Part 1 (OGC 17-069r4) `/collections/{id}/items`:
 * `bbox` (§7.15.3), `datetime` (§7.15.4), `limit` (§7.15.2), plus our opaque paging `cursor`
 * (the `next` link carries it) and the common `f` format switch. Pure parsers: text in, typed
 * value or a reason out; the zod schema at the bottom turns reasons into field issues, so a bad
 * parameter is answered 400 problem+json naming it (`query.bbox: ...`).
 *
 * An unknown parameter is refused (§7.15.1, Requirement /req/core/query-param-unknown).
 */
import { z } from 'zod';

/** `limit` when the client sends none, and the most one page holds (larger values are capped, §7.15.2). */
export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 10_000;

/**
 * [west, south, east, north] in CRS84 degrees. `west > east` is a box across the antimeridian
 * (RFC 7946 §5.2, OGC 17-069r4 §7.15.3): it spans west..180 and -180..east.
 */
export interface QueryBbox {
  readonly west: number;
  readonly south: number;
  readonly east: number;
  readonly north: number;
}

/** A closed time interval in ms since the epoch; null is an open end (`..`). */
export interface QueryInterval {
  readonly fromMs: number | null;
  readonly toMs: number | null;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * `west,south,east,north` or, with heights, `west,south,minz,east,north,maxz` (heights ignored:
 * the data are 2D). GDAL sends full-precision doubles (`37.800000000000004`); any decimal
 * notation is taken, but not `NaN`, `Infinity` or hex.
 */
export function parseBbox(text: string): Parsed<QueryBbox> {
  const parts = text.split(',');
  if (parts.length !== 4 && parts.length !== 6) {
    return { ok: false, reason: `must be 4 numbers west,south,east,north (or 6 with heights), got ${parts.length} value(s)` };
  }
  const bad = parts.find((p) => !DECIMAL.test(p.trim()));
  if (bad !== undefined) return { ok: false, reason: `${JSON.stringify(bad.slice(0, 40))} is not a decimal number` };
  const n = parts.map((p) => Number(p.trim()));
  const [west, south, east, north] = n.length === 6 ? [n[0]!, n[1]!, n[3]!, n[4]!] : [n[0]!, n[1]!, n[2]!, n[3]!];
  const issues: string[] = [];
  for (const [name, v] of [['west', west], ['east', east]] as const) if (v < -180 || v > 180) issues.push(`${name} ${v} is outside [-180, 180]`);
  for (const [name, v] of [['south', south], ['north', north]] as const) if (v < -90 || v > 90) issues.push(`${name} ${v} is outside [-90, 90]`);
  if (issues.length === 0 && south > north) issues.push(`south ${south} is above north ${north}`);
  if (issues.length > 0) return { ok: false, reason: issues.join('; ') };
  return { ok: true, value: { west, south, east, north } };
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** An RFC 3339 date-time, or a full date meaning that whole UTC day, as [startMs, endMs]. */
function parseMoment(text: string): Parsed<{ startMs: number; endMs: number }> {
  const dt = DATE_TIME.exec(text);
  if (dt) {
    const [y, mo, d, h, mi, s] = dt.slice(1, 7).map(Number) as [number, number, number, number, number, number];
    if (!validDate(y, mo, d) || h > 23 || mi > 59 || s > 60) return { ok: false, reason: `${JSON.stringify(text)} is not a real date and time` };
    const ms = Date.parse(text.toUpperCase());
    if (!Number.isFinite(ms)) return { ok: false, reason: `${JSON.stringify(text)} is not a real date and time` };
    return { ok: true, value: { startMs: ms, endMs: ms } };
  }
  const date = DATE.exec(text);
  if (date) {
    const [y, mo, d] = date.slice(1, 4).map(Number) as [number, number, number];
    if (!validDate(y, mo, d)) return { ok: false, reason: `${JSON.stringify(text)} is not a real date` };
    const start = Date.UTC(y, mo - 1, d);
    return { ok: true, value: { startMs: start, endMs: start + DAY_MS - 1 } };
  }
  return { ok: false, reason: `${JSON.stringify(text.slice(0, 60))} is not an RFC 3339 date-time such as 2026-03-01T18:40:00Z (or a date, 2026-03-01)` };
}

/**
 * `datetime` (§7.15.4): an instant (`2026-03-01T18:40:00Z`), a closed interval (`a/b`), or a
 * half-bounded one (`../b`, `a/..`; an empty end is read as `..`, as RFC 3339 intervals allow).
 * A full date is that whole UTC day. Items match when their time overlaps the interval.
 */
export function parseDatetime(text: string): Parsed<QueryInterval> {
  const parts = text.split('/');
  if (parts.length > 2) return { ok: false, reason: 'must be an instant or one interval start/end' };
  if (parts.length === 1) {
    if (parts[0] === '..' || parts[0] === '') return { ok: false, reason: 'an open end (..) is only allowed in an interval, such as ../2026-03-01T00:00:00Z' };
    const m = parseMoment(parts[0]!);
    return m.ok ? { ok: true, value: { fromMs: m.value.startMs, toMs: m.value.endMs } } : m;
  }
  const [a, b] = parts as [string, string];
  const start = a === '..' || a === '' ? null : parseMoment(a);
  const end = b === '..' || b === '' ? null : parseMoment(b);
  if (start && !start.ok) return { ok: false, reason: `start: ${start.reason}` };
  if (end && !end.ok) return { ok: false, reason: `end: ${end.reason}` };
  const fromMs = start ? start.value.startMs : null;
  const toMs = end ? end.value.endMs : null;
  if (fromMs !== null && toMs !== null && fromMs > toMs) return { ok: false, reason: `start ${a} is after end ${b}` };
  return { ok: true, value: { fromMs, toMs } };
}

/** `limit`: a whole number ≥ 1; above MAX_LIMIT it is capped (§7.15.2, Requirement 20). */
export function parseLimit(text: string): Parsed<number> {
  if (!/^\d{1,12}$/.test(text)) return { ok: false, reason: `must be a whole number from 1 to ${MAX_LIMIT}, got ${JSON.stringify(text.slice(0, 20))}` };
  const n = Number(text);
  if (n < 1) return { ok: false, reason: `must be at least 1, got ${n}` };
  return { ok: true, value: Math.min(n, MAX_LIMIT) };
}

function fromParsed<T>(parse: (s: string) => Parsed<T>) {
  return (s: string, ctx: z.RefinementCtx): T => {
    const r = parse(s);
    if (!r.ok) {
      ctx.addIssue({ code: 'custom', message: r.reason });
      return z.NEVER;
    }
    return r.value;
  };
}

/** `f=json` / `f=geojson` select the encoding like Accept does; nothing else is served. */
export const formatParam = z.enum(['json', 'geojson']).optional().meta({ description: 'Encoding: json (application/json) or geojson (application/geo+json, the default for features)' });

const cursorParam = z
  .string()
  .max(100)
  .regex(/^[A-Za-z0-9_-]+$/, { message: 'must be the cursor of a next link this server gave' })
  .optional()
  .meta({ description: 'Opaque; follow the next link rather than building it' });

export const itemsQuerySchema = z.strictObject({
  bbox: z
    .string()
    .max(400)
    .transform(fromParsed(parseBbox))
    .optional()
    .meta({ description: 'west,south,east,north in CRS84 degrees; west > east crosses the antimeridian' }),
  datetime: z
    .string()
    .max(100)
    .transform(fromParsed(parseDatetime))
    .optional()
    .meta({ description: 'RFC 3339 instant or interval start/end with .. for an open end; items whose time overlaps it' }),
  limit: z
    .string()
    .max(20)
    .transform(fromParsed(parseLimit))
    .optional()
    .meta({ description: `Items per page, default ${DEFAULT_LIMIT}, at most ${MAX_LIMIT} (larger values are capped)` }),
  cursor: cursorParam,
  f: formatParam,
});
export type ItemsQuery = z.output<typeof itemsQuerySchema>;

export const documentQuerySchema = z.strictObject({ f: formatParam });

/** Does the box contain the point [lon, lat] (edges included)? */
export function bboxContains(b: QueryBbox, lon: number, lat: number): boolean {
  if (lat < b.south || lat > b.north) return false;
  return b.west <= b.east ? lon >= b.west && lon <= b.east : lon >= b.west || lon <= b.east;
}

/** Does [fromMs, toMs] overlap the query interval (ends included)? */
export function intervalOverlaps(q: QueryInterval, fromMs: number, toMs: number): boolean {
  return (q.fromMs === null || toMs >= q.fromMs) && (q.toMs === null || fromMs <= q.toMs);
}
