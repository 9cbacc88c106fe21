import type { FeatureCollection, Point } from 'geojson';
import type { MapLayerMouseEvent } from 'maplibre-gl';
import { useEffect, useMemo } from 'react';
import type { IncidentFeature } from '../api/types.js';
import { selectionFeatures, type MapIncident } from '../incidents/shape.js';
import { useMap } from '../map/map-context.js';
import { INCIDENT } from '../map/palette.js';
import { useGeoJsonLayer, type DataLayer } from '../map/useGeoJsonLayer.js';

const SOURCE = 'incidents';
/** The performance mark set each time new incident data has been drawn (detail: { count }). */
export const INCIDENTS_RENDERED = 'incidents-rendered';
const SELECTION_SOURCE = 'incident-selection';
/** The layers a click selects an incident on. */
const INCIDENT_HIT_LAYERS = ['incidents-points', 'incidents-ring'] as const;

/** Observation layers that keep a click: a point or cluster inside the ring is chosen over it. */
const OBSERVATION_HIT_LAYERS = ['observations-points', 'observations-clusters'];

/**
 * A ring, not a disc, so the observations it was fused from stay visible inside it: a band in
 * the attribution's colour edged in black on both sides.
 */
const LAYERS: readonly DataLayer[] = [
  {
    id: 'incidents-ring',
    type: 'circle',
    paint: {
      'circle-color': 'rgba(0,0,0,0)',
      'circle-radius': 11,
      'circle-stroke-color': INCIDENT.outerRing,
      'circle-stroke-width': 6,
    },
  },
  {
    id: 'incidents-points',
    type: 'circle',
    paint: {
      'circle-color': 'rgba(0,0,0,0)',
      'circle-radius': 12,
      'circle-stroke-color': ['get', 'colour'],
      'circle-stroke-width': 4,
    },
  },
  {
    id: 'incidents-selected',
    type: 'circle',
    filter: ['==', ['get', 'id'], ''],
    paint: {
      'circle-color': 'rgba(0,0,0,0)',
      'circle-radius': 20,
      'circle-stroke-color': INCIDENT.outerRing,
      'circle-stroke-width': 3,
    },
  },
];

const SELECTION_LAYERS: readonly DataLayer[] = [
  {
    id: 'incident-uncertainty-fill',
    type: 'fill',
    filter: ['==', ['get', 'part'], 'uncertainty'],
    paint: { 'fill-color': INCIDENT.uncertainty, 'fill-opacity': 0.15 },
  },
  {
    id: 'incident-uncertainty-outline',
    type: 'line',
    filter: ['==', ['get', 'part'], 'uncertainty'],
    paint: { 'line-color': INCIDENT.uncertainty, 'line-width': 2, 'line-dasharray': [3, 2] },
  },
  {
    id: 'incident-origin-line',
    type: 'line',
    filter: ['==', ['get', 'part'], 'origin-line'],
    paint: { 'line-color': INCIDENT.origin, 'line-width': 1.5, 'line-dasharray': [1, 2] },
  },
  {
    id: 'incident-origin',
    type: 'circle',
    filter: ['==', ['get', 'part'], 'origin'],
    paint: {
      'circle-color': INCIDENT.origin,
      'circle-radius': 5,
      'circle-stroke-color': INCIDENT.ring,
      'circle-stroke-width': 2,
    },
  },
];

export interface IncidentsLayerProps {
  readonly data: FeatureCollection<Point, MapIncident>;
  readonly selected: IncidentFeature | null;
  readonly onSelect: (id: string) => void;
}

/**
 * Fused incidents in view: a ring each, in the colour of the party they are attributed to (grey
 * when undetermined). Selecting a ring opens the incident's details (an observation inside it
 * keeps its own click); the selected incident also shows its 90 % uncertainty circle and, when
 * known, where the fire came from.
 */
export function IncidentsLayer({ data, selected, onSelect }: IncidentsLayerProps) {
  const map = useMap();
  const selection = useMemo(() => selectionFeatures(selected), [selected]);
  useGeoJsonLayer(SELECTION_SOURCE, selection, SELECTION_LAYERS);
  useGeoJsonLayer(SOURCE, data, LAYERS);

  // Says when the incidents given are on screen: `data-incidents-rendered` on the map's wrapper
  // (their number) and a performance mark, set at the first idle after the data was handed over
  // (the browser tests and bench/web-map.ts wait on it).
  useEffect(() => {
    const wrapper = map.getContainer().closest('.map') ?? map.getContainer();
    wrapper.setAttribute('data-incidents-rendered', 'false');
    const onIdle = () => {
      if (!map.isSourceLoaded(SOURCE)) return;
      map.off('idle', onIdle);
      const count = data.features.length;
      wrapper.setAttribute('data-incidents-rendered', String(count));
      performance.mark(INCIDENTS_RENDERED, { detail: { count } });
    };
    map.on('idle', onIdle);
    map.triggerRepaint();
    return () => {
      map.off('idle', onIdle);
    };
  }, [map, data]);

  useEffect(() => {
    map.setFilter('incidents-selected', ['==', ['get', 'id'], selected?.id ?? '']);
  }, [map, selected]);

  useEffect(() => {
    const onPoint = (e: MapLayerMouseEvent) => {
      const inside = OBSERVATION_HIT_LAYERS.filter((l) => map.getLayer(l) !== undefined);
      if (inside.length > 0 && map.queryRenderedFeatures(e.point, { layers: inside }).length > 0)
        return;
      const id = e.features?.[0]?.properties?.id as string | undefined;
      if (id) onSelect(id);
    };
    const pointer = () => (map.getCanvas().style.cursor = 'pointer');
    const plain = () => (map.getCanvas().style.cursor = '');
    for (const layer of INCIDENT_HIT_LAYERS) {
      map.on('click', layer, onPoint);
      map.on('mouseenter', layer, pointer);
      map.on('mouseleave', layer, plain);
    }
    return () => {
      for (const layer of INCIDENT_HIT_LAYERS) {
        map.off('click', layer, onPoint);
        map.off('mouseenter', layer, pointer);
        map.off('mouseleave', layer, plain);
      }
    };
  }, [map, onSelect]);
  return null;
}
