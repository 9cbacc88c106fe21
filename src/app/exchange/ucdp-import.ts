/**
 * One row of a UCDP GED-style CSV (Georeferenced Event Dataset) → an `osint` observation (or why
 * not).
 *
 * Columns read (any case): id, date_start, date_end, latitude, longitude, where_prec and
 * date_prec are required; type_of_violence, dyad_name, side_a, side_b, where_description, adm_1,
 * country, best, deaths_civilians and source_headline are used when present.
 *
 * Place: the coordinates, with an uncertainty radius from where_prec (UCDP GED codebook):
 *   1  the exact place                                    → radius   5 km
 *   2  within about 25 km of a known place                → radius  25 km
 *   3  a second-order administrative division (ADM2)     → radius  50 km
 *   4  a first-order administrative division (ADM1)      → radius 150 km
 *   5  a part of a country larger than ADM1, or a point   → radius 250 km
 *      between places named
 *   6  only the country                                   → excluded: too vague to place
 *   7  a water area or international airspace            → radius 250 km
 *
 * Time: date_start..date_end are local calendar days, with date_prec (UCDP GED codebook):
 *   1  the exact day; 2  a span of 2 to 6 days; 3  a week → the days date_start..date_end, in
 *      --utc-offset's zone; when the zone is not given, widened to every zone (UTC-12 to UTC+14)
 *      unless that would pass the 7-day limit of an observation, then read in UTC
 *   4  the month; 5  the year → excluded: an observation spans at most 7 days
 * A span longer than 7 days is excluded whatever its date_prec. Windows never reach past now.
 *
 * Event: UCDP records that organised violence killed people, not by what means, so every row is
 * filed as `options.event` (default `explosion`) with weapon and direction `undetermined`, count
 * 1; the dyad, deaths and place names go into the text. Id: `ucdp-ged:<id>`.
 */
import type { FieldIssue } from '../../domain/errors.js';
import { OBSERVATION_LIMITS } from '../../domain/observation/schema.js';
import type { EventKind } from '../../domain/observation/types.js';
import { DAY_MS, isoInstant, localDaysWindow, parseCalendarDate } from './days.js';
import { cell, code, importedId, joinText, numberIn, optionalCount, type Row, type RowContext, type RowMapping } from './row-mapping.js';

export const UCDP_REQUIRED_COLUMNS = ['id', 'date_start', 'date_end', 'latitude', 'longitude', 'where_prec', 'date_prec'] as const;

/** Uncertainty radius, metres, for UCDP where_prec 1..7 (6, the country alone, is not placed). */
export const UCDP_WHERE_PREC_RADIUS_M: Readonly<Record<number, number | null>> = { 1: 5_000, 2: 25_000, 3: 50_000, 4: 150_000, 5: 250_000, 6: null, 7: 250_000 };

const VIOLENCE: Readonly<Record<string, string>> = { '1': 'state-based conflict', '2': 'non-state conflict', '3': 'one-sided violence' };

export interface UcdpContext extends RowContext {
  /** The event kind every row is filed as; default `explosion`. */
  readonly event?: EventKind;
}

export function ucdpRowToObservation(row: Row, ctx: UcdpContext): RowMapping {
  const issues: FieldIssue[] = [];
  const start = parseCalendarDate(cell(row, 'date_start'));
  if (!start.ok) issues.push({ path: 'date_start', reason: start.reason });
  const end = parseCalendarDate(cell(row, 'date_end'));
  if (!end.ok) issues.push({ path: 'date_end', reason: end.reason });
  if (start.ok && end.ok && end.dayMs < start.dayMs) issues.push({ path: 'date_end', reason: `${cell(row, 'date_end')} is before date_start ${cell(row, 'date_start')}` });
  const lat = numberIn(row, 'latitude', -90, 90, issues);
  const lon = numberIn(row, 'longitude', -180, 180, issues);
  const where = code(row, 'where_prec', [1, 2, 3, 4, 5, 6, 7], issues);
  const when = code(row, 'date_prec', [1, 2, 3, 4, 5], issues);
  const best = optionalCount(row, 'best', issues);
  const civilians = optionalCount(row, 'deaths_civilians', issues);
  if (cell(row, 'id') === '') issues.push({ path: 'id', reason: 'is empty' });
  if (issues.length > 0 || !start.ok || !end.ok || lat === null || lon === null || where === null || when === null) return { kind: 'rejected', issues };

  if (when >= 4) return { kind: 'excluded', reason: `date_prec ${when}: only the ${when === 4 ? 'month' : 'year'} is known, and an observation spans at most 7 days` };
  const radiusM = UCDP_WHERE_PREC_RADIUS_M[where];
  if (radiusM === null || radiusM === undefined) return { kind: 'excluded', reason: `where_prec ${where}: only the country is known, too vague to place` };
  let window = localDaysWindow(start.dayMs, end.dayMs, ctx.utcOffsetMinutes);
  if (window.toMs - window.fromMs > OBSERVATION_LIMITS.windowMaxMs) window = localDaysWindow(start.dayMs, end.dayMs, ctx.utcOffsetMinutes ?? 0);
  if (window.toMs - window.fromMs > OBSERVATION_LIMITS.windowMaxMs) {
    return { kind: 'excluded', reason: `date_start..date_end spans ${Math.round((end.dayMs - start.dayMs) / DAY_MS) + 1} days, and an observation spans at most 7` };
  }
  const toMs = window.fromMs < ctx.nowMs ? Math.min(window.toMs, ctx.nowMs) : window.toMs;

  const dyad = cell(row, 'dyad_name') || [cell(row, 'side_a'), cell(row, 'side_b')].filter((s) => s !== '').join(' vs ');
  const violence = VIOLENCE[cell(row, 'type_of_violence')];
  const place = [cell(row, 'where_description'), cell(row, 'adm_1'), cell(row, 'country')].filter((p) => p !== '').join(', ');
  const deaths = best !== null ? `deaths (best estimate) ${best}${civilians !== null ? `, civilians ${civilians}` : ''}` : null;
  return {
    kind: 'observation',
    observation: {
      id: importedId('ucdp-ged', cell(row, 'id'), row),
      source: { kind: 'osint', id: 'ucdp-ged' },
      observedAt: { from: isoInstant(window.fromMs), to: isoInstant(toMs) },
      location: { lat, lon, radiusM },
      event: ctx.event ?? 'explosion',
      count: 1,
      weapon: 'undetermined',
      direction: 'undetermined',
      text: joinText([
        `UCDP GED ${cell(row, 'id')}${violence ? ` (${violence})` : ''}`,
        dyad,
        deaths,
        place,
        `where_prec ${where}, date_prec ${when}`,
        cell(row, 'source_headline'),
      ]),
      lang: 'en',
      visibility: ctx.visibility ?? 'mission',
    },
  };
}
