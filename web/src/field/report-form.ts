/**
 * Building an observation (the exchange format of docs/ARCHITECTURE.md) from what the field form
 * holds, and the form's own checks, each naming its field and a message key so the page can say
 * what is wrong next to the input. The server checks everything again and has the last word
 * (its clock above all: a report timed in the future is judged by the server's clock, not the
 * tablet's, so the form does not refuse it). Pure: the unit tests run it in Node.
 */
import { DIRECTIONS, EVENT_KINDS, WEAPON_KINDS } from '../api/vocabulary.js';
import { isCompassPoint, pointSector, sectorAround, type Sector } from './compass.js';

/** Limits the server applies (src/domain/observation/schema.ts), repeated so the form speaks first. */
export const FIELD_LIMITS = {
  distanceMaxKm: 100,
  countMax: 10_000,
  textMaxChars: 4000,
  radiusMaxM: 500_000,
  spreadMaxDeg: 90,
} as const;

export type BearingMode = 'none' | 'compass' | 'degrees';

/** The form as typed: strings straight from the inputs, plus the place picked. */
export interface FieldFormValues {
  /** `YYYY-MM-DDTHH:MM` in UTC (a datetime-local input read as UTC). */
  readonly observedAt: string;
  readonly place: { readonly lat: number; readonly lon: number } | null;
  /** Metres: the GPS accuracy, or what the monitor says for a point tapped on the map. */
  readonly uncertaintyM: string;
  readonly bearingMode: BearingMode;
  readonly compass: string;
  readonly degrees: string;
  /** ± degrees around `degrees`. */
  readonly spreadDeg: string;
  readonly distanceMin: string;
  readonly distanceMax: string;
  readonly event: string;
  readonly weapon: string;
  readonly count: string;
  readonly direction: string;
  readonly notes: string;
}

export type FormField =
  | 'observedAt'
  | 'place'
  | 'uncertaintyM'
  | 'compass'
  | 'degrees'
  | 'spreadDeg'
  | 'distance'
  | 'event'
  | 'weapon'
  | 'count'
  | 'direction'
  | 'notes';

/** A message key of the i18n tables (field.err.*) with its placeholders. */
export interface FormIssue {
  readonly field: FormField;
  readonly key: string;
  readonly params?: Readonly<Record<string, string | number>>;
}

export interface EvidenceRef {
  readonly sha256: string;
  readonly mediaType: string;
}

export interface BuildContext {
  /** The observation's id: client-made, so a resend is a harmless duplicate. */
  readonly id: string;
  /** Who files: the monitor's user name. */
  readonly sourceId: string;
  readonly lang: string;
  readonly evidence: readonly EvidenceRef[];
}

export type BuildResult =
  | { readonly ok: true; readonly observation: Record<string, unknown> }
  | { readonly ok: false; readonly issues: readonly FormIssue[] };

export function emptyForm(nowMs: number): FieldFormValues {
  return {
    observedAt: toMinuteUtc(nowMs),
    place: null,
    uncertaintyM: '',
    bearingMode: 'none',
    compass: 'N',
    degrees: '',
    spreadDeg: '5',
    distanceMin: '',
    distanceMax: '',
    event: '',
    weapon: 'undetermined',
    count: '1',
    direction: 'undetermined',
    notes: '',
  };
}

/** `YYYY-MM-DDTHH:MM` of an instant, in UTC (what a datetime-local input holds). */
export function toMinuteUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16);
}

/** The instant of a `YYYY-MM-DDTHH:MM[:SS]` read as UTC, or null. */
export function parseMinuteUtc(s: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(s.trim());
  if (!m) return null;
  const iso = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}Z`;
  const ms = Date.parse(iso);
  // Date.parse rolls 2026-02-30 over to March: compare back to refuse such dates.
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 19) !== iso.slice(0, 19)) return null;
  return iso;
}

/** A decimal number as typed (comma or point), or null when blank; NaN when not a number. */
export function parseNumber(s: string): number | null {
  const t = s.trim().replace(',', '.');
  if (t === '') return null;
  return /^[+-]?(\d+\.?\d*|\.\d+)$/.test(t) ? Number(t) : NaN;
}

function bearingOf(v: FieldFormValues, issues: FormIssue[]): Sector | null {
  if (v.bearingMode === 'compass') {
    if (!isCompassPoint(v.compass)) {
      issues.push({ field: 'compass', key: 'field.err.compass' });
      return null;
    }
    return pointSector(v.compass);
  }
  if (v.bearingMode === 'degrees') {
    const deg = parseNumber(v.degrees);
    const spread = parseNumber(v.spreadDeg);
    let ok = true;
    if (deg === null || !(deg >= 0 && deg < 360)) {
      issues.push({ field: 'degrees', key: 'field.err.degrees' });
      ok = false;
    }
    if (spread === null || !(spread > 0 && spread <= FIELD_LIMITS.spreadMaxDeg)) {
      issues.push({
        field: 'spreadDeg',
        key: 'field.err.spread',
        params: { max: FIELD_LIMITS.spreadMaxDeg },
      });
      ok = false;
    }
    return ok ? sectorAround(deg!, spread!) : null;
  }
  return null;
}

function distanceOf(v: FieldFormValues, hasBearing: boolean, issues: FormIssue[]) {
  const min = parseNumber(v.distanceMin);
  const max = parseNumber(v.distanceMax);
  if (min === null && max === null) return null;
  const max_ = FIELD_LIMITS.distanceMaxKm;
  if (!hasBearing) {
    issues.push({ field: 'distance', key: 'field.err.distanceNeedsBearing' });
    return null;
  }
  if (min === null || max === null) {
    issues.push({ field: 'distance', key: 'field.err.distanceBoth' });
    return null;
  }
  if (!(min >= 0 && min <= max_) || !(max > 0 && max <= max_)) {
    issues.push({ field: 'distance', key: 'field.err.distanceRange', params: { max: max_ } });
    return null;
  }
  if (min > max) {
    issues.push({ field: 'distance', key: 'field.err.distanceOrder' });
    return null;
  }
  return { min, max };
}

/**
 * The observation the form describes, or every problem found. The place is where the monitor
 * stood (GPS or a tap on the map): with a bearing it is the observer, the event lying along the
 * bearing (and within the distance range); without one it is the event's own place, its radius
 * the uncertainty.
 */
export function buildObservation(v: FieldFormValues, ctx: BuildContext): BuildResult {
  const issues: FormIssue[] = [];
  const observedAt = parseMinuteUtc(v.observedAt);
  if (observedAt === null) issues.push({ field: 'observedAt', key: 'field.err.time' });
  if (v.place === null) issues.push({ field: 'place', key: 'field.err.place' });
  else if (!(Math.abs(v.place.lat) <= 90 && Math.abs(v.place.lon) <= 180))
    issues.push({ field: 'place', key: 'field.err.placeRange' });
  const radius = parseNumber(v.uncertaintyM);
  if (radius === null || !(radius > 0 && radius <= FIELD_LIMITS.radiusMaxM))
    issues.push({
      field: 'uncertaintyM',
      key: 'field.err.uncertainty',
      params: { max: FIELD_LIMITS.radiusMaxM },
    });
  const bearing = bearingOf(v, issues);
  const distance = distanceOf(v, v.bearingMode !== 'none', issues);
  if (!(EVENT_KINDS as readonly string[]).includes(v.event))
    issues.push({ field: 'event', key: 'field.err.event' });
  if (!(WEAPON_KINDS as readonly string[]).includes(v.weapon))
    issues.push({ field: 'weapon', key: 'field.err.weapon' });
  if (!(DIRECTIONS as readonly string[]).includes(v.direction))
    issues.push({ field: 'direction', key: 'field.err.direction' });
  const count = parseNumber(v.count);
  if (count === null || !Number.isInteger(count) || count < 1 || count > FIELD_LIMITS.countMax)
    issues.push({ field: 'count', key: 'field.err.count', params: { max: FIELD_LIMITS.countMax } });
  const notes = v.notes.trim();
  if ([...notes].length > FIELD_LIMITS.textMaxChars)
    issues.push({
      field: 'notes',
      key: 'field.err.notes',
      params: { max: FIELD_LIMITS.textMaxChars },
    });
  if (issues.length > 0 || v.place === null || radius === null || count === null)
    return { ok: false, issues };

  const point = { lat: round6(v.place.lat), lon: round6(v.place.lon) };
  const observation: Record<string, unknown> = {
    id: ctx.id,
    source: { kind: 'monitor', id: ctx.sourceId },
    observedAt,
    ...(bearing
      ? {
          observer: { ...point, accuracyM: radius },
          bearing,
          ...(distance && { distanceKm: distance }),
        }
      : { location: { ...point, radiusM: radius } }),
    event: v.event,
    count,
    weapon: v.weapon,
    direction: v.direction,
    ...(notes && { text: notes, lang: ctx.lang }),
    visibility: 'mission',
    ...(ctx.evidence.length > 0 && { evidence: ctx.evidence.map((e) => ({ ...e })) }),
  };
  return { ok: true, observation };
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
