import type { AreaCollection } from '../geo/agreement-features.js';
import { ZONES } from '../map/palette.js';
import { useGeoJsonLayer, type DataLayer } from '../map/useGeoJsonLayer.js';

const LAYERS: readonly DataLayer[] = [
  {
    id: 'disengagement-fill',
    type: 'fill',
    paint: { 'fill-color': ZONES.disengagement, 'fill-opacity': 0.22 },
  },
  {
    id: 'disengagement-outline',
    type: 'line',
    paint: { 'line-color': ZONES.disengagement, 'line-width': 2 },
  },
];

/** Disengagement areas: solid blue outline, the strongest of the zone fills. */
export function DisengagementAreasLayer({ data }: { data: AreaCollection }) {
  useGeoJsonLayer('disengagement', data, LAYERS);
  return null;
}
