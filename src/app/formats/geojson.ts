/**
 * Observations as GeoJSON (RFC 7946). Pure: observations in, strings or objects out.
 *
 * Geometry (RFC 7946 §3.1.2, a Point, [longitude, latitude] per §3.1.1, WGS84, coordinates as
 * given): the `location` when there is one; otherwise the observer's position, which is where the
 * report was made from, not where the event happened; the properties `place: "observer"`,
 * `bearing_*` and `distance_*` say where along the bearing the event lies. (The event region itself
 * is src/domain/geo's to compute, and incidents are what leave with regions.) An observation
 * without either place, which validation never lets through, gets `geometry: null` (§3.2).
 */
import type { Observation } from '../../domain/observation/types.js';
import { observationRecord, type ObservationRecord } from './record.js';

export interface GeoJsonPoint {
  readonly type: 'Point';
  readonly coordinates: readonly [number, number];
}

export interface ObservationFeature {
  readonly type: 'Feature';
  readonly id: string;
  readonly geometry: GeoJsonPoint | null;
  readonly properties: ObservationRecord;
}

export function observationToGeoJsonFeature(o: Observation): ObservationFeature {
  const point = o.location ?? o.observer;
  return {
    type: 'Feature',
    id: o.id,
    geometry: point ? { type: 'Point', coordinates: [point.lon, point.lat] } : null,
    properties: observationRecord(o),
  };
}

const HEAD = '{"type":"FeatureCollection","features":[';
const TAIL = '\n]}\n';

function featureChunk(o: Observation, first: boolean): string {
  return (first ? '\n' : ',\n') + JSON.stringify(observationToGeoJsonFeature(o));
}

/**
 * A FeatureCollection as string chunks: the opening, one chunk per feature, the closing. The
 * concatenation is one valid GeoJSON document (an empty input gives `"features":[]`), and only one
 * observation is held at a time, so an export of any size streams in constant memory.
 */
export async function* geoJsonChunks(
  observations: AsyncIterable<Observation> | Iterable<Observation>,
): AsyncGenerator<string> {
  yield HEAD;
  let first = true;
  for await (const o of observations) {
    yield featureChunk(o, first);
    first = false;
  }
  yield TAIL;
}

/** The synchronous twin of `geoJsonChunks`, for arrays and other in-memory iterables. */
export function* geoJsonChunksSync(observations: Iterable<Observation>): Generator<string> {
  yield HEAD;
  let first = true;
  for (const o of observations) {
    yield featureChunk(o, first);
    first = false;
  }
  yield TAIL;
}
