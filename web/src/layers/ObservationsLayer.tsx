import type { FeatureCollection, Point } from 'geojson';
import type { ExpressionSpecification, MapLayerMouseEvent } from 'maplibre-gl';
import { useEffect } from 'react';
import { EVENT_KINDS } from '../api/vocabulary.js';
import { useMap } from '../map/map-context.js';
import { EVENT_COLOURS } from '../map/palette.js';
import { useGeoJsonLayer, type DataLayer } from '../map/useGeoJsonLayer.js';
import type { MapObservation } from '../observations/shape.js';

const SOURCE = 'observations';

const eventColour = [
  'match',
  ['get', 'event'],
  ...EVENT_KINDS.flatMap((k) => [k, EVENT_COLOURS[k]]),
  '#777777',
] as unknown as ExpressionSpecification;

const LAYERS: readonly DataLayer[] = [
  {
    id: 'observations-points',
    type: 'circle',
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
 * Observations in view, zoomed in (below observations/grid.ts GRID_MAX_ZOOM the map shows the
 * server's counts per cell instead): one circle each, coloured by kind and sized by the reported
 * count. Selecting a circle opens its details in the side panel.
 */
export function ObservationsLayer({ data, selectedId, onSelect }: ObservationsLayerProps) {
  const map = useMap();
  useGeoJsonLayer(SOURCE, data, LAYERS);

  useEffect(() => {
    map.setFilter('observations-selected', ['==', ['get', 'id'], selectedId ?? '']);
  }, [map, selectedId]);

  useEffect(() => {
    const onPoint = (e: MapLayerMouseEvent) => {
      const id = e.features?.[0]?.properties?.id as string | undefined;
      if (id) onSelect(id);
    };
    const pointer = () => (map.getCanvas().style.cursor = 'pointer');
    const plain = () => (map.getCanvas().style.cursor = '');
    map.on('click', 'observations-points', onPoint);
    map.on('mouseenter', 'observations-points', pointer);
    map.on('mouseleave', 'observations-points', plain);
    return () => {
      map.off('click', 'observations-points', onPoint);
      map.off('mouseenter', 'observations-points', pointer);
      map.off('mouseleave', 'observations-points', plain);
    };
  }, [map, onSelect]);
  return null;
}
