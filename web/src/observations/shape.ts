/**
 * Observations shaped for the map and the counters. The map gets flat properties only (MapLibre
 * turns nested values into strings); the side panel reads the full observation by id. Pure.
 */
import type { Feature, FeatureCollection, Point } from 'geojson';
import type { ObservationFeature } from '../api/types.js';
import type { EventKind, WeaponKind } from '../api/vocabulary.js';
import { observedSpan, overlaps } from '../view/time.js';

export interface MapObservation {
  readonly id: string;
  readonly event: EventKind;
  readonly weapon: WeaponKind;
  readonly count: number;
}

/** The observations whose time window overlaps [from, to] (ms; null = open on that side). */
export function inWindow(
  features: readonly ObservationFeature[],
  from: number | null,
  to: number | null,
): ObservationFeature[] {
  if (from === null && to === null) return [...features];
  return features.filter((f) => overlaps(observedSpan(f.properties), from, to));
}

export function toMapCollection(
  features: readonly ObservationFeature[],
): FeatureCollection<Point, MapObservation> {
  return {
    type: 'FeatureCollection',
    features: features.map((f): Feature<Point, MapObservation> => ({
      type: 'Feature',
      geometry: {
        type: 'Point',
        coordinates: [f.geometry.coordinates[0], f.geometry.coordinates[1]],
      },
      properties: {
        id: f.id,
        event: f.properties.event,
        weapon: f.properties.weapon,
        count: f.properties.count,
      },
    })),
  };
}

/** How many observations of each kind. */
export function countByEvent(
  features: readonly ObservationFeature[],
): Partial<Record<EventKind, number>> {
  const out: Partial<Record<EventKind, number>> = {};
  for (const f of features) out[f.properties.event] = (out[f.properties.event] ?? 0) + 1;
  return out;
}
