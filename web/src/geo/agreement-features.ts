/**
 * The agreement's geography as GeoJSON FeatureCollections, one per map layer. Pure.
 * Each feature carries `{id, name}` for the legend and for screen readers' lists.
 */
import type { Feature, FeatureCollection, LineString, MultiPolygon, Polygon } from 'geojson';
import type { Agreement, PolygonCoords, Position } from '../api/types.js';
import {
  union,
  type MultiPolygon as PcMultiPolygon,
  type Polygon as PcPolygon,
} from 'polygon-clipping';
import { bufferLine } from './buffer-line.js';

export interface AreaProps {
  readonly id: string;
  readonly name: string;
}

export type AreaFeature = Feature<Polygon | MultiPolygon, AreaProps>;
export type AreaCollection = FeatureCollection<Polygon | MultiPolygon, AreaProps>;

export interface AgreementLayers {
  readonly lineOfContact: FeatureCollection<LineString, AreaProps>;
  readonly securityZone: AreaCollection;
  readonly disengagementAreas: AreaCollection;
  readonly noFlyAreas: AreaCollection;
  readonly maritimeCorridors: AreaCollection;
  /**
   * For each corridor given as a centreline with a `militaryKeepOutKm`, the area the parties'
   * warships must keep out of: within half the width plus that distance of the centreline.
   */
  readonly maritimeKeepOut: AreaCollection;
}

export function agreementLayers(a: Agreement): AgreementLayers {
  const polygon = (id: string, name: string, coordinates: PolygonCoords): AreaFeature => ({
    type: 'Feature',
    properties: { id, name },
    geometry: { type: 'Polygon', coordinates },
  });
  const multi = (id: string, name: string, coordinates: Position[][][]): AreaFeature => ({
    type: 'Feature',
    properties: { id, name },
    geometry: { type: 'MultiPolygon', coordinates },
  });
  const collection = (features: AreaFeature[]): AreaCollection => ({
    type: 'FeatureCollection',
    features,
  });
  return {
    lineOfContact: {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { id: 'line-of-contact', name: 'line of contact' },
          geometry: { type: 'LineString', coordinates: a.lineOfContact },
        },
      ],
    },
    securityZone: collection([
      multi('security-zone', 'security zone', bufferLine(a.lineOfContact, a.securityZone.widthKm)),
    ]),
    disengagementAreas: collection(
      a.disengagementAreas.map((d) => polygon(d.id, d.name, d.polygon)),
    ),
    noFlyAreas: collection(a.noFlyAreas.map((n) => polygon(n.id, n.name, n.polygon))),
    maritimeCorridors: collection(
      a.maritimeCorridors.flatMap((c) => {
        if (c.polygon) return [polygon(c.id, c.name, c.polygon)];
        if (c.centreline && c.widthKm)
          return [multi(c.id, c.name, bufferLine(c.centreline, c.widthKm / 2))];
        return [];
      }),
    ),
    maritimeKeepOut: collection(
      a.maritimeCorridors.flatMap((c) => {
        const km = c.militaryKeepOutKm;
        if (!km) return [];
        const name = `${c.name}: warships keep ${km} km away`;
        if (c.polygon) {
          const band = bufferLine(c.polygon[0] ?? [], km) as PcMultiPolygon;
          return [multi(`${c.id}-keep-out`, name, union(c.polygon as PcPolygon, band))];
        }
        if (c.centreline && c.widthKm)
          return [multi(`${c.id}-keep-out`, name, bufferLine(c.centreline, c.widthKm / 2 + km))];
        return [];
      }),
    ),
  };
}
