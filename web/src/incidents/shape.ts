/**
 * Incidents shaped for the map and the side panel. The map gets flat properties only (MapLibre
 * turns nested values into strings); the panel reads the full incident by id. The selected
 * incident's 90 % uncertainty circle is a polygon computed here, in an azimuthal equidistant
 * projection about its centre (exact distances from the centre). Pure.
 */
import type { Feature, FeatureCollection, LineString, Point, Polygon } from 'geojson';
import type { Agreement, IncidentFeature, Position } from '../api/types.js';
import { azimuthalEquidistant } from '../geo/buffer-line.js';
import { INCIDENT } from '../map/palette.js';

export const UNDETERMINED = 'undetermined';

export interface MapIncident {
  readonly id: string;
  readonly party: string;
  readonly colour: string;
  readonly count: number;
}

type Parties = Agreement['parties'];

/** The colour of an attribution: its party's side, or neutral when undetermined or unknown. */
export function attributionColour(party: string, parties: Parties): string {
  const side = parties.find((p) => p.id === party)?.side;
  return side ? INCIDENT[side] : INCIDENT.undetermined;
}

/** The incidents whose time window overlaps [from, to] (ms; null = open on that side). */
export function incidentsInWindow(
  features: readonly IncidentFeature[],
  from: number | null,
  to: number | null,
): IncidentFeature[] {
  return features.filter((f) => {
    const a = Date.parse(f.properties.window.from);
    const b = Date.parse(f.properties.window.to);
    return (from === null || b >= from) && (to === null || a <= to);
  });
}

export function toIncidentCollection(
  features: readonly IncidentFeature[],
  parties: Parties,
): FeatureCollection<Point, MapIncident> {
  return {
    type: 'FeatureCollection',
    features: features.map((f): Feature<Point, MapIncident> => ({
      type: 'Feature',
      geometry: {
        type: 'Point',
        coordinates: [f.geometry.coordinates[0], f.geometry.coordinates[1]],
      },
      properties: {
        id: f.id,
        party: f.properties.attribution.party,
        colour: attributionColour(f.properties.attribution.party, parties),
        count: f.properties.count,
      },
    })),
  };
}

/** The circle of `radiusM` metres about `centre` ([lon, lat]) as a closed polygon ring. */
export function circlePolygon(centre: Position, radiusM: number, steps = 64): Polygon {
  if (!(radiusM > 0)) throw new Error(`circlePolygon: radiusM must be > 0, got ${radiusM}`);
  const proj = azimuthalEquidistant(centre);
  const ring: Position[] = [];
  for (let i = 0; i < steps; i++) {
    const a = (2 * Math.PI * i) / steps;
    ring.push(proj.inverse([radiusM * Math.sin(a), radiusM * Math.cos(a)]));
  }
  ring.push(ring[0]!);
  return { type: 'Polygon', coordinates: [ring] };
}

export type SelectionPart = 'uncertainty' | 'origin-line' | 'origin';

/**
 * What is drawn for the selected incident: its 90 % uncertainty circle, and when the origin of
 * the fire is known, that point and a line from it to the incident.
 */
export function selectionFeatures(
  f: IncidentFeature | null,
): FeatureCollection<Polygon | LineString | Point, { part: SelectionPart }> {
  const out: Feature<Polygon | LineString | Point, { part: SelectionPart }>[] = [];
  if (f) {
    const at: Position = [f.geometry.coordinates[0], f.geometry.coordinates[1]];
    if (f.properties.radius90M > 0)
      out.push({
        type: 'Feature',
        geometry: circlePolygon(at, f.properties.radius90M),
        properties: { part: 'uncertainty' },
      });
    const o = f.properties.origin;
    if (o) {
      const from: Position = [o.location[0], o.location[1]];
      out.push({
        type: 'Feature',
        geometry: { type: 'LineString', coordinates: [from, at] },
        properties: { part: 'origin-line' },
      });
      out.push({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: from },
        properties: { part: 'origin' },
      });
    }
  }
  return { type: 'FeatureCollection', features: out };
}
