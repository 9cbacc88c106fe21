/**
 * Rules that relate fields to each other, checked on the raw input so they are reported together
 * with every per-field problem (a wrong `count` does not hide a missing `bearing`). Each rule
 * reads only what it needs and stays silent when that part is itself malformed: the per-field
 * rules already speak about it.
 *
 * Place (docs/ARCHITECTURE.md, "Exchange formats"):
 * - exactly one of `location` or `observer`;
 * - `bearing` needs `observer` (a bearing is taken from where the observer stood);
 * - `distanceKm` needs `bearing` (a distance without a direction places nothing);
 * - `observer` without `bearing` is allowed only for events seen at the observer's own position
 *   (AT_OBSERVER_EVENTS), and then `observer.accuracyM` is required: it is the radius of the place.
 * Source:
 * - a `party` source names its `source.party`; other sources do not;
 * - `visibility: "party-confidential"` only on party filings;
 * - `restriction` details only with `event: "restriction"`.
 */
import { EVENT_KINDS, SOURCE_KINDS, type EventKind, type SourceKind } from './types.js';

/** Events an observer reports at the spot where they stand: no bearing needed. */
export const AT_OBSERVER_EVENTS: readonly EventKind[] = [
  'weapon_sighting',
  'troop_presence',
  'restriction',
];

export interface RawIssue {
  readonly path: readonly (string | number)[];
  readonly reason: string;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function has(o: Record<string, unknown>, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, key) && o[key] !== undefined;
}

function knownEvent(value: unknown): EventKind | undefined {
  return typeof value === 'string' && (EVENT_KINDS as readonly string[]).includes(value)
    ? (value as EventKind)
    : undefined;
}

function knownSourceKind(value: unknown): SourceKind | undefined {
  return typeof value === 'string' && (SOURCE_KINDS as readonly string[]).includes(value)
    ? (value as SourceKind)
    : undefined;
}

export function consistencyIssues(o: Record<string, unknown>): RawIssue[] {
  return [...placeIssues(o), ...sourceIssues(o)];
}

function placeIssues(o: Record<string, unknown>): RawIssue[] {
  const issues: RawIssue[] = [];
  const hasLocation = has(o, 'location');
  const hasObserver = has(o, 'observer');
  const hasBearing = has(o, 'bearing');
  if (hasLocation && hasObserver) {
    issues.push({
      path: ['location'],
      reason:
        'give either location or observer, not both: a place is a point with a radius, or where the observer stood',
    });
  } else if (!hasLocation && !hasObserver) {
    issues.push({
      path: ['location'],
      reason:
        'required: a place is location {lat, lon, radiusM} or observer {lat, lon} with bearing (and distanceKm)',
    });
  }
  if (hasBearing && !hasObserver) {
    issues.push({
      path: ['bearing'],
      reason: hasLocation
        ? 'bearing goes with observer, not with location; give one of the two places'
        : 'needs observer: a bearing is measured from where the observer stood',
    });
  }
  if (has(o, 'distanceKm') && !hasBearing) {
    issues.push({
      path: ['distanceKm'],
      reason: 'needs bearing: a distance range without a direction does not place the event',
    });
  }
  if (hasObserver && !hasLocation && !hasBearing) {
    const event = knownEvent(o.event);
    if (event !== undefined && AT_OBSERVER_EVENTS.includes(event)) {
      const observer = o.observer;
      if (isRecord(observer) && !has(observer, 'accuracyM')) {
        issues.push({
          path: ['observer', 'accuracyM'],
          reason: `required when observer is given without bearing: the ${event} event is then placed at the observer, within accuracyM metres`,
        });
      }
    } else if (event !== undefined) {
      issues.push({
        path: ['bearing'],
        reason: `required with observer for event '${event}'; only ${AT_OBSERVER_EVENTS.join(', ')} may be placed at the observer alone (with observer.accuracyM)`,
      });
    }
  }
  return issues;
}

function sourceIssues(o: Record<string, unknown>): RawIssue[] {
  const issues: RawIssue[] = [];
  const source = o.source;
  const kind = isRecord(source) ? knownSourceKind(source.kind) : undefined;
  if (isRecord(source) && kind !== undefined) {
    if (kind === 'party' && !has(source, 'party')) {
      issues.push({
        path: ['source', 'party'],
        reason: 'required for party sources: the agreement party that filed the report',
      });
    } else if (kind !== 'party' && has(source, 'party')) {
      issues.push({
        path: ['source', 'party'],
        reason: `only party sources name a party; source.kind is ${kind}`,
      });
    }
  }
  if (o.visibility === 'party-confidential' && kind !== undefined && kind !== 'party') {
    issues.push({
      path: ['visibility'],
      reason: `party-confidential is only for party filings; source.kind is ${kind}, so use public or mission`,
    });
  }
  const event = knownEvent(o.event);
  if (has(o, 'restriction') && event !== undefined && event !== 'restriction') {
    issues.push({
      path: ['restriction'],
      reason: `only for event 'restriction', got event '${event}'`,
    });
  }
  return issues;
}
