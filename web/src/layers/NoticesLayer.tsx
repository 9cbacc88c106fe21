import type { FillLayerSpecification, GeoJSONSource, LineLayerSpecification } from 'maplibre-gl';
import { useEffect } from 'react';
import type { NoticeAreaCollection } from '../api/notice-areas.js';
import { LAYER_ORDER } from '../map/layer-order.js';
import { useMap } from '../map/map-context.js';
import { OKABE_ITO } from '../map/palette.js';

const SOURCE = 'notices';

/**
 * Announced activity in bluish green with a solid edge; windows of silence in yellow with a
 * dashed black edge: told apart by line style as well as colour, and from the agreement's zones
 * (orange, blue, purple, sky blue) by hue.
 */
export const NOTICE_COLOURS = {
  notice: OKABE_ITO.bluishGreen,
  silence: OKABE_ITO.yellow,
  silenceEdge: OKABE_ITO.black,
} as const;

const LAYERS: readonly (
  Omit<FillLayerSpecification, 'source'> | Omit<LineLayerSpecification, 'source'>
)[] = [
  {
    id: 'notices-fill',
    type: 'fill',
    paint: {
      'fill-color': [
        'match',
        ['get', 'kind'],
        'silence',
        NOTICE_COLOURS.silence,
        NOTICE_COLOURS.notice,
      ],
      'fill-opacity': 0.25,
    },
  },
  {
    id: 'notices-outline',
    type: 'line',
    filter: ['==', ['get', 'kind'], 'notice'],
    paint: { 'line-color': NOTICE_COLOURS.notice, 'line-width': 2.5 },
  },
  {
    id: 'silences-outline',
    type: 'line',
    filter: ['==', ['get', 'kind'], 'silence'],
    paint: {
      'line-color': NOTICE_COLOURS.silenceEdge,
      'line-width': 2,
      'line-dasharray': [3, 2],
    },
  },
];

/**
 * De-confliction notices' areas and windows of silence. Drawn above the agreement's zones and
 * under the line of contact and the observations: the first data layer above the disengagement
 * areas that is on the map is the one these go under.
 */
export function NoticesLayer({ data }: { data: NoticeAreaCollection }) {
  const map = useMap();
  useEffect(() => {
    map.addSource(SOURCE, { type: 'geojson', data });
    const above = LAYER_ORDER.slice(LAYER_ORDER.indexOf('disengagement-outline') + 1);
    for (const layer of LAYERS) {
      const before = above.find((id) => map.getLayer(id) !== undefined);
      map.addLayer({ ...layer, source: SOURCE } as FillLayerSpecification, before);
    }
    return () => {
      try {
        for (const layer of LAYERS) if (map.getLayer(layer.id)) map.removeLayer(layer.id);
        if (map.getSource(SOURCE)) map.removeSource(SOURCE);
      } catch {
        // The map itself is gone (app unmounting): nothing left to remove.
      }
    };
    // Added once per mount; data changes go through setData below.
  }, [map]);
  useEffect(() => {
    (map.getSource(SOURCE) as GeoJSONSource | undefined)?.setData(data);
  }, [map, data]);
  return null;
}
