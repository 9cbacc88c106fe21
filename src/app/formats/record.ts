/**
 * One observation flattened to named columns, shared by the CSV and GeoJSON exports so both
 * say the same thing under the same names (snake_case, as ACLED's columns are).
 *
 * The place is flattened losslessly, because the exchange format allows exactly one of two:
 * - `place: "location"`: latitude/longitude/radius_m are `location`'s;
 * - `place: "observer"`: latitude/longitude are where the observer stood, radius_m is
 *   `observer.accuracyM`, and the event lies along bearing_from_deg..bearing_to_deg (clockwise,
 *   may wrap through north) at distance_min_km..distance_max_km when given.
 * Times are as received (`observed_from` = `observed_to` for an instant).
 */
import { observedWindow, type Observation } from '../../domain/observation/types.js';

export const OBSERVATION_COLUMNS = [
  'id',
  'source_kind',
  'source_id',
  'source_party',
  'source_clock_error_s',
  'observed_from',
  'observed_to',
  'event',
  'count',
  'weapon',
  'calibre_mm',
  'direction',
  'place',
  'latitude',
  'longitude',
  'radius_m',
  'bearing_from_deg',
  'bearing_to_deg',
  'distance_min_km',
  'distance_max_km',
  'visibility',
  'restriction_kind',
  'restriction_party',
  'lang',
  'text',
  'evidence_sha256',
  'evidence_media_type',
] as const;

export type ObservationColumn = (typeof OBSERVATION_COLUMNS)[number];
export type ColumnValue = string | number | null | readonly (string | null)[];
export type ObservationRecord = Record<ObservationColumn, ColumnValue>;

export function observationRecord(o: Observation): ObservationRecord {
  const { from, to } = observedWindow(o);
  const point = o.location ?? o.observer;
  return {
    id: o.id,
    source_kind: o.source.kind,
    source_id: o.source.id,
    source_party: o.source.party ?? null,
    source_clock_error_s: o.source.clockErrorS ?? null,
    observed_from: from,
    observed_to: to,
    event: o.event,
    count: o.count,
    weapon: o.weapon,
    calibre_mm: o.calibreMm ?? null,
    direction: o.direction,
    place: o.location ? 'location' : o.observer ? 'observer' : null,
    latitude: point?.lat ?? null,
    longitude: point?.lon ?? null,
    radius_m: o.location ? o.location.radiusM : (o.observer?.accuracyM ?? null),
    bearing_from_deg: o.bearing?.fromDeg ?? null,
    bearing_to_deg: o.bearing?.toDeg ?? null,
    distance_min_km: o.distanceKm?.min ?? null,
    distance_max_km: o.distanceKm?.max ?? null,
    visibility: o.visibility ?? 'mission',
    restriction_kind: o.restriction?.kind ?? null,
    restriction_party: o.restriction?.party ?? null,
    lang: o.lang ?? null,
    text: o.text ?? null,
    evidence_sha256: (o.evidence ?? []).map((e) => e.sha256),
    evidence_media_type: (o.evidence ?? []).map((e) => e.mediaType ?? null),
  };
}
