import type { AreaCollection } from '../geo/agreement-features.js';
import { ZONES } from '../map/palette.js';
import { useGeoJsonLayer, type DataLayer } from '../map/useGeoJsonLayer.js';

const LAYERS: readonly DataLayer[] = [
  { id: 'no-fly-fill', type: 'fill', paint: { 'fill-color': ZONES.noFly, 'fill-opacity': 0.07 } },
  {
    id: 'no-fly-outline',
    type: 'line',
    paint: { 'line-color': ZONES.noFly, 'line-width': 2, 'line-dasharray': [1, 2] },
  },
];

/** No-fly areas: dotted purple outline over a faint fill. */
export function NoFlyAreasLayer({ data }: { data: AreaCollection }) {
  useGeoJsonLayer('no-fly', data, LAYERS);
  return null;
}
