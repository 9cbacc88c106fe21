import type { AreaCollection } from '../geo/agreement-features.js';
import { ZONES } from '../map/palette.js';
import { useGeoJsonLayer, type DataLayer } from '../map/useGeoJsonLayer.js';

const LAYERS: readonly DataLayer[] = [
  {
    id: 'maritime-fill',
    type: 'fill',
    paint: { 'fill-color': ZONES.maritime, 'fill-opacity': 0.35 },
  },
  {
    id: 'maritime-outline',
    type: 'line',
    paint: { 'line-color': ZONES.maritimeOutline, 'line-width': 1.5, 'line-dasharray': [6, 3] },
  },
];

/** Maritime corridors: sky-blue fill, long-dashed blue outline. */
export function MaritimeCorridorsLayer({ data }: { data: AreaCollection }) {
  useGeoJsonLayer('maritime', data, LAYERS);
  return null;
}
