import type { AreaCollection } from '../geo/agreement-features.js';
import { ZONES } from '../map/palette.js';
import { useGeoJsonLayer, type DataLayer } from '../map/useGeoJsonLayer.js';

const LAYERS: readonly DataLayer[] = [
  {
    id: 'security-zone-fill',
    type: 'fill',
    paint: { 'fill-color': ZONES.securityZone, 'fill-opacity': 0.16 },
  },
  {
    id: 'security-zone-outline',
    type: 'line',
    paint: { 'line-color': ZONES.securityZone, 'line-width': 1.5, 'line-dasharray': [3, 2] },
  },
];

/** The security zone: the band of the agreed width each side of the line (computed from the line). */
export function SecurityZoneLayer({ data }: { data: AreaCollection }) {
  useGeoJsonLayer('security-zone', data, LAYERS);
  return null;
}
