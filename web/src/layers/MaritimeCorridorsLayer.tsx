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

const KEEP_OUT: readonly DataLayer[] = [
  {
    id: 'maritime-keep-out',
    type: 'line',
    paint: { 'line-color': ZONES.maritimeOutline, 'line-width': 1, 'line-dasharray': [1, 2] },
  },
];

/**
 * Maritime corridors: sky-blue fill, long-dashed blue outline; where the agreement sets a
 * distance the parties' warships keep from a corridor, that boundary as a dotted blue line.
 */
export function MaritimeCorridorsLayer({
  data,
  keepOut,
}: {
  data: AreaCollection;
  keepOut: AreaCollection;
}) {
  useGeoJsonLayer('maritime', data, LAYERS);
  useGeoJsonLayer('maritime-keep-out', keepOut, KEEP_OUT);
  return null;
}
