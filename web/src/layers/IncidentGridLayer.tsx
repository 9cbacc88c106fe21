import type { FeatureCollection, Point } from 'geojson';
import { Marker, type MapLayerMouseEvent } from 'maplibre-gl';
import { useEffect } from 'react';
import { useI18n } from '../i18n/I18n.js';
import { GRID_MAX_ZOOM, rampExpression, rampRanges, type MapIncidentCell } from '../incidents/grid.js';
import { useMap } from '../map/map-context.js';
import { INCIDENT } from '../map/palette.js';
import { useGeoJsonLayer, type DataLayer } from '../map/useGeoJsonLayer.js';
import { INCIDENTS_RENDERED } from './IncidentsLayer.js';

const SOURCE = 'incidents-grid';
/**
 * The incident layers' slots (map/layer-order.ts): the grid is drawn instead of the incidents,
 * never with them, so it takes their places above the observations.
 */
const RING = 'incidents-ring';
const CELL = 'incidents-points';

// Cells are about 40 px apart: the largest symbol still leaves a gap to the next one.
const RADIUS = ['step', ['get', 'count'], 8, 10, 11, 100, 14, 1000, 17, 10000, 19];

const LAYERS: readonly DataLayer[] = [
  {
    // A black ring round every cell, as incidents are rings edged in black: told from the
    // observations' grey count discs by shape as well as colour.
    id: RING,
    type: 'circle',
    paint: {
      'circle-color': 'rgba(0,0,0,0)',
      'circle-radius': RADIUS as never,
      'circle-stroke-color': INCIDENT.outerRing,
      'circle-stroke-width': 5,
    },
  },
  {
    id: CELL,
    type: 'circle',
    paint: {
      'circle-color': rampExpression() as never,
      'circle-radius': RADIUS as never,
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': 1.5,
    },
  },
];

/**
 * Incidents at low zoom, counted by the server per grid cell: a disc at the mean location of
 * each cell's incidents, coloured by how many it holds on a ramp safe for colour-blind readers
 * (incidents/grid.ts), sized by the same steps and labelled with the number. Selecting one zooms
 * in towards it, down to the zoom where incidents are drawn one by one.
 *
 * The counts are DOM labels placed by MapLibre markers (the basemap ships no glyphs): white with
 * a black halo, readable on every step of the ramp; `aria-hidden`, since the side panel states
 * the total and IncidentGridLegend the ramp.
 */
export function IncidentGridLayer({ data }: { data: FeatureCollection<Point, MapIncidentCell> }) {
  const map = useMap();
  const { num } = useI18n();
  useGeoJsonLayer(SOURCE, data, LAYERS);

  useEffect(() => {
    const markers = data.features.map((f) => {
      const el = document.createElement('span');
      el.className = 'cluster-count';
      el.style.textShadow = '0 0 2px #000, 0 0 2px #000, 0 0 1px #000';
      el.setAttribute('aria-hidden', 'true');
      el.textContent = num(f.properties.count);
      const [lon, lat] = f.geometry.coordinates;
      return new Marker({ element: el }).setLngLat([lon!, lat!]).addTo(map);
    });
    return () => {
      for (const m of markers) m.remove();
    };
  }, [map, data, num]);

  // Says when the cells are on screen, as IncidentsLayer does for incidents: the incidents they
  // count (`data-incidents-rendered`) and a performance mark with that count and the cells.
  useEffect(() => {
    const wrapper = map.getContainer().closest('.map') ?? map.getContainer();
    wrapper.setAttribute('data-incidents-rendered', 'false');
    const onIdle = () => {
      if (!map.isSourceLoaded(SOURCE)) return;
      map.off('idle', onIdle);
      const count = data.features.reduce((n, f) => n + f.properties.count, 0);
      wrapper.setAttribute('data-incidents-rendered', String(count));
      performance.mark(INCIDENTS_RENDERED, { detail: { count, cells: data.features.length } });
    };
    map.on('idle', onIdle);
    map.triggerRepaint();
    return () => {
      map.off('idle', onIdle);
    };
  }, [map, data]);

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
    map.on('click', CELL, onCell);
    map.on('mouseenter', CELL, pointer);
    map.on('mouseleave', CELL, plain);
    return () => {
      map.off('click', CELL, onCell);
      map.off('mouseenter', CELL, pointer);
      map.off('mouseleave', CELL, plain);
    };
  }, [map]);
  return null;
}

/** The ramp in words, for the side panel: each step's swatch (decoration) and its range as text. */
export function IncidentGridLegend() {
  const { t, num } = useI18n();
  return (
    <div className="incident-grid-legend">
      <p id="incident-grid-legend-title">{t('legend.incidentCells')}</p>
      <ul aria-labelledby="incident-grid-legend-title">
        {rampRanges().map((r) => (
          <li key={r.from}>
            <svg width="16" height="16" aria-hidden="true" focusable="false">
              <circle cx="8" cy="8" r="6" fill={r.colour} stroke={INCIDENT.outerRing} strokeWidth="2" />
            </svg>{' '}
            {r.to === null
              ? t('legend.incidentCellOver', { from: num(r.from) })
              : t('legend.incidentCellRange', { from: num(r.from), to: num(r.to) })}
          </li>
        ))}
      </ul>
    </div>
  );
}
