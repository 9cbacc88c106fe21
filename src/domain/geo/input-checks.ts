/**
 * Entry checks shared by the geo operations. Each check appends what is wrong to an issue list
 * (a JSON-ish path and a reason carrying the offending value); the operation then throws one
 * `TrucelineError('VALIDATION')` naming every problem, not just the first.
 */
import { validationError, type FieldIssue } from '../errors.js';
import type { LonLat, MultiPolygonCoords, PolygonCoords } from '../units.js';

/** Past this many issues the list is cut short, so one broken polygon cannot flood a message. */
const MAX_ISSUES = 20;

export class IssueList {
  readonly issues: FieldIssue[] = [];
  private dropped = 0;

  add(path: string, reason: string): void {
    if (this.issues.length < MAX_ISSUES) this.issues.push({ path, reason });
    else this.dropped += 1;
  }

  get full(): boolean {
    return this.issues.length >= MAX_ISSUES;
  }

  /** Throws VALIDATION naming every collected issue; returns when there are none. */
  throwIfAny(what: string): void {
    if (this.issues.length === 0) return;
    const all =
      this.dropped > 0
        ? [...this.issues, { path: '', reason: `and ${this.dropped} more issues` }]
        : this.issues;
    throw validationError(all, what);
  }
}

function show(value: unknown): string {
  if (
    typeof value === 'number' ||
    typeof value === 'boolean' ||
    value === null ||
    value === undefined
  )
    return String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  try {
    const s = JSON.stringify(value);
    return s.length > 60 ? `${s.slice(0, 57)}...` : s;
  } catch {
    return typeof value;
  }
}

export interface NumberBounds {
  /** Inclusive lower bound. */
  min?: number;
  /** Exclusive lower bound. */
  above?: number;
  /** Inclusive upper bound. */
  max?: number;
}

/** A finite number within the bounds given. */
export function checkNumber(
  value: unknown,
  path: string,
  issues: IssueList,
  bounds: NumberBounds = {},
): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    issues.add(path, `must be a finite number, got ${show(value)}`);
    return;
  }
  if (bounds.min !== undefined && value < bounds.min)
    issues.add(path, `must be >= ${bounds.min}, got ${value}`);
  if (bounds.above !== undefined && value <= bounds.above)
    issues.add(path, `must be > ${bounds.above}, got ${value}`);
  if (bounds.max !== undefined && value > bounds.max)
    issues.add(path, `must be <= ${bounds.max}, got ${value}`);
}

/**
 * A position [lon, lat] in WGS84 degrees: lon in [-180, 180], lat in [-90, 90]. A third element
 * (altitude, RFC 7946 §3.1.1) is allowed and ignored.
 */
export function checkLonLat(value: unknown, path: string, issues: IssueList): void {
  if (!Array.isArray(value) || value.length < 2 || value.length > 3) {
    issues.add(path, `must be a position [lon, lat], got ${show(value)}`);
    return;
  }
  const [lon, lat] = value as unknown[];
  if (typeof lon !== 'number' || !Number.isFinite(lon) || lon < -180 || lon > 180) {
    issues.add(`${path}[0]`, `longitude must be a number in [-180, 180], got ${show(lon)}`);
  }
  if (typeof lat !== 'number' || !Number.isFinite(lat) || lat < -90 || lat > 90) {
    issues.add(`${path}[1]`, `latitude must be a number in [-90, 90], got ${show(lat)}`);
  }
}

/** Whether checkLonLat would find nothing wrong: lets hot paths skip building an issue list. */
export function isLonLat(value: unknown): boolean {
  if (!Array.isArray(value) || value.length < 2 || value.length > 3) return false;
  const lon: unknown = value[0];
  const lat: unknown = value[1];
  return (
    typeof lon === 'number' &&
    Number.isFinite(lon) &&
    lon >= -180 &&
    lon <= 180 &&
    typeof lat === 'number' &&
    Number.isFinite(lat) &&
    lat >= -90 &&
    lat <= 90
  );
}

/** A polyline of at least two positions (RFC 7946 §3.1.4). */
export function checkLine(value: unknown, path: string, issues: IssueList): void {
  if (!Array.isArray(value) || value.length < 2) {
    issues.add(
      path,
      `must be a line of at least 2 positions, got ${Array.isArray(value) ? `${value.length}` : show(value)}`,
    );
    return;
  }
  for (let i = 0; i < value.length && !issues.full; i++)
    checkLonLat(value[i], `${path}[${i}]`, issues);
}

/** A linear ring: at least 4 positions, first equal to last (RFC 7946 §3.1.6). */
function checkRing(value: unknown, path: string, issues: IssueList): void {
  if (!Array.isArray(value) || value.length < 4) {
    issues.add(
      path,
      `must be a closed ring of at least 4 positions, got ${Array.isArray(value) ? `${value.length} positions` : show(value)}`,
    );
    return;
  }
  const before = issues.issues.length;
  // Each position's path is spelled only for one that is wrong (rings are checked on hot paths).
  for (let i = 0; i < value.length && !issues.full; i++)
    if (!isLonLat(value[i])) checkLonLat(value[i], `${path}[${i}]`, issues);
  if (issues.issues.length > before) return;
  const first = value[0] as LonLat;
  const last = value[value.length - 1] as LonLat;
  if (first[0] !== last[0] || first[1] !== last[1]) {
    issues.add(path, `ring is not closed: first ${show(first)} differs from last ${show(last)}`);
  }
}

function checkPolygonRings(value: unknown, path: string, issues: IssueList): void {
  if (!Array.isArray(value) || value.length === 0) {
    issues.add(path, `must be a polygon (an array of rings, outer ring first), got ${show(value)}`);
    return;
  }
  for (let i = 0; i < value.length && !issues.full; i++)
    checkRing(value[i], `${path}[${i}]`, issues);
}

/**
 * A Polygon's or MultiPolygon's coordinates. Tells them apart by nesting depth (a Polygon's
 * `[0][0][0]` is a number). Returns the coordinates as a MultiPolygon, or null after recording
 * issues. Ring orientation is not checked (RFC 7946 §3.1.6 asks parsers not to reject on it).
 */
export function checkPolygonal(
  value: unknown,
  path: string,
  issues: IssueList,
): MultiPolygonCoords | null {
  if (!Array.isArray(value) || value.length === 0) {
    issues.add(path, `must be Polygon or MultiPolygon coordinates, got ${show(value)}`);
    return null;
  }
  const probe = (value as unknown[][][])[0]?.[0]?.[0];
  const before = issues.issues.length;
  if (typeof probe === 'number') {
    checkPolygonRings(value, path, issues);
    return issues.issues.length > before ? null : [value as PolygonCoords];
  }
  for (let i = 0; i < value.length && !issues.full; i++)
    checkPolygonRings(value[i], `${path}[${i}]`, issues);
  return issues.issues.length > before ? null : (value as MultiPolygonCoords);
}
