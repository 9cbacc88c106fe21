/**
 * One row of an ACLED-style CSV → an `osint` observation (or why not).
 *
 * Columns read (header names are matched without regard to case, so older upper-case exports
 * work): event_date, event_type, sub_event_type, latitude, longitude, geo_precision and
 * time_precision are required; event_id_cnty, actor1, actor2, admin1, location, source, notes
 * and fatalities are used when present. Other columns are ignored.
 *
 * Place: the coordinates, with an uncertainty radius from geo_precision (ACLED codebook):
 *   1  the town named, coordinates of that town                 → radius  5 km
 *   2  near a town / a small part of a region, a town standing in → radius 25 km
 *   3  only a larger region, a provincial capital standing in      → radius 100 km
 *
 * Time: event_date is a local calendar day, with time_precision (ACLED codebook):
 *   1  the actual date          → that day (in --utc-offset's zone, else widened to every zone, 50 h)
 *   2  a week or similar period → 7 days centred on the coded date (its day ± 3 days)
 *   3  only the month           → excluded: an observation's window is at most 7 days
 * Windows never reach past now.
 *
 * Event: ACLED_IMPORT (acled-vocabulary.ts); count 1 (an ACLED row is one event, its number of
 * explosions unknown). The row's actors, place names, fatalities, sources and notes go into the
 * observation's text. Id: `acled:<event_id_cnty>`, else `acled:row-<digest of the row>`, so
 * importing the same file twice stores nothing new.
 */
import type { FieldIssue } from '../../domain/errors.js';
import { lookupAcled } from './acled-vocabulary.js';
import { DAY_MS, isoInstant, localDaysWindow, parseCalendarDate } from './days.js';
import { cell, code, importedId, joinText, numberIn, optionalCount, type Row, type RowContext, type RowMapping } from './row-mapping.js';

export const ACLED_REQUIRED_COLUMNS = ['event_date', 'event_type', 'sub_event_type', 'latitude', 'longitude', 'geo_precision', 'time_precision'] as const;

/** Uncertainty radius, metres, for ACLED geo_precision 1, 2, 3. */
export const ACLED_GEO_PRECISION_RADIUS_M: Readonly<Record<1 | 2 | 3, number>> = { 1: 5_000, 2: 25_000, 3: 100_000 };

export function acledRowToObservation(row: Row, ctx: RowContext): RowMapping {
  const issues: FieldIssue[] = [];
  const kind = lookupAcled(cell(row, 'event_type'), cell(row, 'sub_event_type'));
  if (kind.kind === 'unknown') {
    issues.push({ path: 'event_type', reason: `${JSON.stringify(cell(row, 'event_type'))} / ${JSON.stringify(cell(row, 'sub_event_type'))} is not an ACLED event type and sub-event type` });
  }
  const date = parseCalendarDate(cell(row, 'event_date'));
  if (!date.ok) issues.push({ path: 'event_date', reason: date.reason });
  const lat = numberIn(row, 'latitude', -90, 90, issues);
  const lon = numberIn(row, 'longitude', -180, 180, issues);
  const geo = code(row, 'geo_precision', [1, 2, 3], issues) as 1 | 2 | 3 | null;
  const time = code(row, 'time_precision', [1, 2, 3], issues);
  const fatalities = optionalCount(row, 'fatalities', issues);
  if (issues.length > 0 || kind.kind === 'unknown' || !date.ok || lat === null || lon === null || geo === null || time === null) {
    return { kind: 'rejected', issues };
  }
  if (kind.kind === 'outside') return { kind: 'excluded', reason: `${kind.type} / ${kind.sub} is not something ceasefire observations record` };
  if (time === 3) return { kind: 'excluded', reason: 'time_precision 3: only the month is known, and an observation spans at most 7 days' };

  const window =
    time === 1
      ? localDaysWindow(date.dayMs, date.dayMs, ctx.utcOffsetMinutes)
      : localDaysWindow(date.dayMs - 3 * DAY_MS, date.dayMs + 3 * DAY_MS, ctx.utcOffsetMinutes ?? 0);
  const toMs = window.fromMs < ctx.nowMs ? Math.min(window.toMs, ctx.nowMs) : window.toMs;

  const actors = [cell(row, 'actor1'), cell(row, 'actor2')].filter((a) => a !== '').join(' vs ');
  const place = [cell(row, 'location'), cell(row, 'admin1')].filter((p) => p !== '').join(', ');
  const observation: Record<string, unknown> = {
    id: importedId('acled', cell(row, 'event_id_cnty'), row),
    source: { kind: 'osint', id: 'acled' },
    observedAt: { from: isoInstant(window.fromMs), to: isoInstant(toMs) },
    location: { lat, lon, radiusM: ACLED_GEO_PRECISION_RADIUS_M[geo] },
    event: kind.observed.event,
    count: 1,
    weapon: kind.observed.weapon,
    direction: kind.observed.direction,
    text: joinText([
      `ACLED ${kind.type} / ${kind.sub}`,
      actors,
      place,
      fatalities !== null ? `fatalities ${fatalities}` : null,
      `geo_precision ${geo}, time_precision ${time}`,
      cell(row, 'source') ? `source: ${cell(row, 'source')}` : null,
      cell(row, 'notes'),
    ]),
    lang: 'en',
    visibility: ctx.visibility ?? 'mission',
  };
  return { kind: 'observation', observation };
}
