import type { FeatureCollection, LineString } from 'geojson';
import type { AreaProps } from '../geo/agreement-features.js';
import { ZONES } from '../map/palette.js';
import { useGeoJsonLayer, type DataLayer } from '../map/useGeoJsonLayer.js';

const LAYERS: readonly DataLayer[] = [
  {
    id: 'line-of-contact-casing',
    type: 'line',
    layout: { 'line-join': 'round', 'line-cap': 'round' },
    paint: {
      'line-color': ZONES.lineCasing,
      'line-width': ['interpolate', ['linear'], ['zoom'], 4, 4, 10, 8],
    },
  },
  {
    id: 'line-of-contact',
    type: 'line',
    layout: { 'line-join': 'round', 'line-cap': 'round' },
    paint: {
      'line-color': ZONES.lineOfContact,
      'line-width': ['interpolate', ['linear'], ['zoom'], 4, 2, 10, 4],
    },
  },
];

/** The line of contact: black on a white casing, readable over any zone. */
export function LineOfContactLayer({ data }: { data: FeatureCollection<LineString, AreaProps> }) {
  useGeoJsonLayer('line-of-contact', data, LAYERS);
  return null;
}
