import type { FeatureCollection, Point } from 'geojson';
import { Marker, type MapLayerMouseEvent } from 'maplibre-gl';
import { useEffect } from 'react';
import { useI18n } from '../i18n/I18n.js';
import { useMap } from '../map/map-context.js';
import { CLUSTER } from '../map/palette.js';
import { useGeoJsonLayer, type DataLayer } from '../map/useGeoJsonLayer.js';
import { GRID_MAX_ZOOM, type MapGridCell } from '../observations/grid.js';

const SOURCE = 'observations-grid';
/** Slotted where the old client-side clusters were (map/layer-order.ts). */
const LAYER = 'observations-clusters';

const LAYERS: readonly DataLayer[] = [
  {
    id: LAYER,
    type: 'circle',
    paint: {
      'circle-color': CLUSTER.fill,
      'circle-opacity': 1,
      'circle-stroke-color': CLUSTER.stroke,
      'circle-stroke-width': 2,
      // Cells are about 40 px apart: the largest circle still leaves a gap to the next one.
      'circle-radius': ['step', ['get', 'count'], 8, 10, 11, 100, 14, 1000, 17, 10000, 19],
    },
  },
];

/**
 * Observations at low zoom, counted by the server per grid cell: a neutral circle (so it is not
 * read as a kind of event) at the mean point of each cell's observations, sized by how many it
 * holds and labelled with the number. Selecting one zooms in towards it, down to the zoom where
 * observations are drawn one by one.
 *
 * The basemap ships no font glyphs (no network, no symbol layers), so the counts are small DOM
 * labels placed by MapLibre markers. They are decoration for sighted readers (`aria-hidden`; the
 * side panel states the count) and let clicks through to the circle beneath.
 */
export function ObservationGridLayer({ data }: { data: FeatureCollection<Point, MapGridCell> }) {
  const map = useMap();
  const { num } = useI18n();
  useGeoJsonLayer(SOURCE, data, LAYERS);

  useEffect(() => {
    const markers = data.features.map((f) => {
      const el = document.createElement('span');
      el.className = 'cluster-count';
      el.setAttribute('aria-hidden', 'true');
      el.textContent = num(f.properties.count);
      const [lon, lat] = f.geometry.coordinates;
      return new Marker({ element: el }).setLngLat([lon!, lat!]).addTo(map);
    });
    return () => {
      for (const m of markers) m.remove();
    };
  }, [map, data, num]);

  useEffect(() => {
    const onCell = (e: MapLayerMouseEvent) => {
      const f = e.features?.[0];
      if (f?.geometry.type !== 'Point') return;
      map.easeTo({
        center: f.geometry.coordinates as [number, number],
        zoom: Math.min(GRID_MAX_ZOOM, Math.floor(map.getZoom()) + 2),
      });
    };
    const pointer = () => (map.getCanvas().style.cursor = 'pointer');
    const plain = () => (map.getCanvas().style.cursor = '');
    map.on('click', LAYER, onCell);
    map.on('mouseenter', LAYER, pointer);
    map.on('mouseleave', LAYER, plain);
    return () => {
      map.off('click', LAYER, onCell);
      map.off('mouseenter', LAYER, pointer);
      map.off('mouseleave', LAYER, plain);
    };
  }, [map]);
  return null;
}
