import type { FeatureCollection, Point } from 'geojson';
import type { ExpressionSpecification, GeoJSONSource, MapLayerMouseEvent } from 'maplibre-gl';
import { useEffect } from 'react';
import { EVENT_KINDS } from '../api/vocabulary.js';
import { useMap } from '../map/map-context.js';
import { CLUSTER, EVENT_COLOURS } from '../map/palette.js';
import { useGeoJsonLayer, type DataLayer } from '../map/useGeoJsonLayer.js';
import type { MapObservation } from '../observations/shape.js';

const SOURCE = 'observations';
/** Above this zoom every observation is drawn on its own. */
export const CLUSTER_MAX_ZOOM = 9;

const eventColour = [
  'match',
  ['get', 'event'],
  ...EVENT_KINDS.flatMap((k) => [k, EVENT_COLOURS[k]]),
  '#777777',
] as unknown as ExpressionSpecification;

const LAYERS: readonly DataLayer[] = [
  {
    id: 'observations-clusters',
    type: 'circle',
    filter: ['has', 'point_count'],
    paint: {
      'circle-color': CLUSTER.fill,
      'circle-opacity': 1,
      'circle-stroke-color': CLUSTER.stroke,
      'circle-stroke-width': 2,
      'circle-radius': ['step', ['get', 'point_count'], 9, 10, 13, 100, 18, 1000, 24, 10000, 30],
    },
  },
  {
    id: 'observations-points',
    type: 'circle',
    filter: ['!', ['has', 'point_count']],
    paint: {
      'circle-color': eventColour,
      'circle-radius': ['interpolate', ['linear'], ['get', 'count'], 1, 5, 20, 10],
      'circle-stroke-color': '#222222',
      'circle-stroke-width': 1,
    },
  },
  {
    id: 'observations-selected',
    type: 'circle',
    filter: ['==', ['get', 'id'], ''],
    paint: {
      'circle-color': 'rgba(0,0,0,0)',
      'circle-radius': 13,
      'circle-stroke-color': '#000000',
      'circle-stroke-width': 3,
    },
  },
];

export interface ObservationsLayerProps {
  readonly data: FeatureCollection<Point, MapObservation>;
  readonly selectedId: string | null;
  readonly onSelect: (id: string) => void;
}

/**
 * Observations in view: clustered up to CLUSTER_MAX_ZOOM (a neutral circle sized by how many it
 * holds; selecting one zooms in to split it), then one circle each, coloured by kind and sized by
 * the reported count. Selecting a circle opens its details in the side panel.
 */
export function ObservationsLayer({ data, selectedId, onSelect }: ObservationsLayerProps) {
  const map = useMap();
  useGeoJsonLayer(SOURCE, data, LAYERS, {
    cluster: true,
    clusterMaxZoom: CLUSTER_MAX_ZOOM,
    clusterRadius: 40,
  });

  useEffect(() => {
    map.setFilter('observations-selected', ['==', ['get', 'id'], selectedId ?? '']);
  }, [map, selectedId]);

  useEffect(() => {
    const onCluster = async (e: MapLayerMouseEvent) => {
      const f = e.features?.[0];
      const clusterId = f?.properties?.cluster_id as number | undefined;
      if (clusterId === undefined || f?.geometry.type !== 'Point') return;
      const zoom = await (map.getSource(SOURCE) as GeoJSONSource).getClusterExpansionZoom(
        clusterId,
      );
      map.easeTo({ center: f.geometry.coordinates as [number, number], zoom });
    };
    const onPoint = (e: MapLayerMouseEvent) => {
      const id = e.features?.[0]?.properties?.id as string | undefined;
      if (id) onSelect(id);
    };
    const pointer = () => (map.getCanvas().style.cursor = 'pointer');
    const plain = () => (map.getCanvas().style.cursor = '');
    map.on('click', 'observations-clusters', onCluster);
    map.on('click', 'observations-points', onPoint);
    for (const layer of ['observations-clusters', 'observations-points']) {
      map.on('mouseenter', layer, pointer);
      map.on('mouseleave', layer, plain);
    }
    return () => {
      map.off('click', 'observations-clusters', onCluster);
      map.off('click', 'observations-points', onPoint);
      for (const layer of ['observations-clusters', 'observations-points']) {
        map.off('mouseenter', layer, pointer);
        map.off('mouseleave', layer, plain);
      }
    };
  }, [map, onSelect]);
  return null;
}
