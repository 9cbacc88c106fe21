/**
 * Observations as an ACLED-style CSV: ACLED's column names and codes, so tools built for ACLED
 * data read ours. RFC 4180 (CRLF, quoted as needed), every text cell guarded against formula
 * injection (src/app/formats/csv.ts).
 *
 *   event_date       UTC date (or the date in `utcOffsetMinutes`' zone) of the middle of the window
 *   event_type,      acledKindOf (acled-vocabulary.ts)
 *   sub_event_type
 *   actor1           for a restriction of movement, the restricting party's name; else empty
 *   actor2           empty: observations carry no attribution (incidents will)
 *   admin1           empty: the mission keeps no gazetteer of administrative areas
 *   location         the name of the agreement sector holding the point, else empty
 *   latitude,        the representative point of the reported place (observationPoint), 5 decimals
 *   longitude
 *   geo_precision    from the place's uncertainty radius r: 1 if r ≤ 5 km, 2 if r ≤ 25 km, else 3
 *                    (the radii the importer gives codes 1, 2, 3, so a round trip keeps the code).
 *                    r is the location's radiusM; for a bearing and distance range, the farthest
 *                    distance plus the observer's accuracy; for a bearing alone, 40 km.
 *   time_precision   1 if the window is at most 50 hours (one local day in any zone), else 2
 *   source           `Truceline <source kind> <source id>` (and the party for party reports)
 *   notes            `[<id>] <count> <event>, <weapon>, <direction>, <from>/<to>` then the text
 *   fatalities       empty: observations do not record casualties
 */
import { stringify } from 'csv-stringify/sync';
import type { Agreement } from '../../domain/agreement/schema.js';
import { pointInPolygon } from '../../domain/geo/index.js';
import { BEARING_ONLY_RANGE_M, observationPoint } from '../../domain/observation/place.js';
import { observedWindow, type Observation } from '../../domain/observation/types.js';
import type { PolygonCoords } from '../../domain/units.js';
import { guardCsvFormula } from '../formats/csv.js';
import { acledKindOf } from './acled-vocabulary.js';
import { calendarDate } from './days.js';

export const ACLED_COLUMNS = [
  'event_date',
  'event_type',
  'sub_event_type',
  'actor1',
  'actor2',
  'admin1',
  'location',
  'latitude',
  'longitude',
  'geo_precision',
  'time_precision',
  'source',
  'notes',
  'fatalities',
] as const;
export type AcledColumn = (typeof ACLED_COLUMNS)[number];
export type AcledRecord = Record<AcledColumn, string | number>;

export interface AcledExportContext {
  readonly agreement: Pick<Agreement, 'parties' | 'sectors'>;
  /** Zone of event_date, minutes east of UTC; default 0. */
  readonly utcOffsetMinutes?: number;
}

const HOUR_MS = 3_600_000;

/** The radius, metres, within which the observation places its event (see the header). */
export function placeRadiusM(o: Observation): number {
  if (o.location) return o.location.radiusM;
  const accuracy = o.observer?.accuracyM ?? 0;
  if (!o.bearing) return accuracy;
  return accuracy + (o.distanceKm ? o.distanceKm.max * 1000 : BEARING_ONLY_RANGE_M);
}

export function geoPrecisionOf(radiusM: number): 1 | 2 | 3 {
  return radiusM <= 5_000 ? 1 : radiusM <= 25_000 ? 2 : 3;
}

const round5 = (n: number) => Math.round(n * 1e5) / 1e5;

export function observationToAcledRecord(o: Observation, ctx: AcledExportContext): AcledRecord {
  const { from, to } = observedWindow(o);
  const fromMs = Date.parse(from);
  const toMs = Date.parse(to);
  const [lon, lat] = observationPoint(o);
  const kind = acledKindOf(o);
  const sector = ctx.agreement.sectors.find((s) => pointInPolygon([lon, lat], s.polygon as PolygonCoords));
  const restrictor = o.event === 'restriction' && o.restriction?.party ? (ctx.agreement.parties.find((p) => p.id === o.restriction!.party)?.name ?? o.restriction.party) : '';
  const weapon = o.calibreMm ? `${o.weapon} ${o.calibreMm} mm` : o.weapon;
  return {
    event_date: calendarDate((fromMs + toMs) / 2, ctx.utcOffsetMinutes ?? 0),
    event_type: kind.type,
    sub_event_type: kind.sub,
    actor1: restrictor,
    actor2: '',
    admin1: '',
    location: sector?.name ?? '',
    latitude: round5(lat),
    longitude: round5(lon),
    geo_precision: geoPrecisionOf(placeRadiusM(o)),
    time_precision: toMs - fromMs <= 50 * HOUR_MS ? 1 : 2,
    source: `Truceline ${o.source.kind}${o.source.party ? ` ${o.source.party}` : ''} ${o.source.id}`,
    notes: `[${o.id}] ${o.count} ${o.event}, ${weapon}, ${o.direction}, ${from}/${to}${o.text ? `. ${o.text}` : ''}`,
    fatalities: '',
  };
}

function line(cells: readonly (string | number)[]): string {
  return stringify([cells.map((c) => (typeof c === 'string' ? guardCsvFormula(c) : c))], { record_delimiter: '\r\n', quote_record_delimiter: true, eof: true });
}

/** The header record, ending in CRLF. */
export function acledCsvHeader(): string {
  return line(ACLED_COLUMNS);
}

export function observationToAcledCsvRow(o: Observation, ctx: AcledExportContext): string {
  const r = observationToAcledRecord(o, ctx);
  return line(ACLED_COLUMNS.map((c) => r[c]));
}

/** Header then one record per observation; one observation held at a time. */
export async function* acledCsvChunks(observations: AsyncIterable<Observation> | Iterable<Observation>, ctx: AcledExportContext): AsyncGenerator<string> {
  yield acledCsvHeader();
  for await (const o of observations) yield observationToAcledCsvRow(o, ctx);
}
