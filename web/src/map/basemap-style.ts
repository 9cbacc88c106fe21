/**
 * The basemap style (MapLibre style spec v8), our own: water as the background, Natural Earth
 * countries as land, coastlines and land borders. Served with the app (web/public/basemap,
 * built by web/scripts/build-basemap.ts); no tiles, no glyphs, no sprites, no network.
 */
import type { StyleSpecification } from 'maplibre-gl';
import { BASEMAP } from './palette.js';

export function basemapStyle(baseUrl: string): StyleSpecification {
  const url = (file: string) => new URL(`basemap/${file}`, baseUrl).href;
  return {
    version: 8,
    name: 'Truceline basemap',
    sources: {
      countries: {
        type: 'geojson',
        data: url('countries.geojson'),
        attribution: 'Natural Earth (public domain), borders per UN GA res. 68/262',
      },
      borders: { type: 'geojson', data: url('borders.geojson') },
    },
    layers: [
      { id: 'water', type: 'background', paint: { 'background-color': BASEMAP.water } },
      {
        id: 'land',
        type: 'fill',
        source: 'countries',
        paint: { 'fill-color': BASEMAP.land, 'fill-antialias': true },
      },
      {
        id: 'coast',
        type: 'line',
        source: 'countries',
        paint: {
          'line-color': BASEMAP.coast,
          'line-width': ['interpolate', ['linear'], ['zoom'], 2, 0.4, 8, 1.2],
        },
      },
      {
        id: 'borders',
        type: 'line',
        source: 'borders',
        layout: { 'line-join': 'round' },
        paint: {
          'line-color': BASEMAP.border,
          'line-width': ['interpolate', ['linear'], ['zoom'], 2, 0.6, 8, 1.6],
          'line-dasharray': [4, 2],
        },
      },
    ],
  };
}
