/**
 * The place picker's map: the shipped basemap (no network needed once cached), a tap or click
 * sets the point, and the point picked is drawn as a dot with its uncertainty as a ring. The
 * map is one way among three (GPS, map, typed coordinates), so keyboard users lose nothing.
 */
import { Map as MapLibreMap, type GeoJSONSource } from 'maplibre-gl';
import { useEffect, useRef } from 'react';
import { basemapStyle } from '../map/basemap-style.js';

export interface FieldMapProps {
  readonly point: { readonly lat: number; readonly lon: number } | null;
  readonly onPick: (lat: number, lon: number) => void;
  readonly label: string;
}

const EMPTY = { type: 'FeatureCollection' as const, features: [] };

export function FieldMap({ point, onPick, label }: FieldMapProps) {
  const container = useRef<HTMLDivElement>(null);
  const map = useRef<MapLibreMap | null>(null);
  const onPickRef = useRef(onPick);
  onPickRef.current = onPick;
  const pointRef = useRef(point);
  pointRef.current = point;

  useEffect(() => {
    const m = new MapLibreMap({
      container: container.current!,
      style: basemapStyle(document.baseURI),
      center: point ? [point.lon, point.lat] : [37.8, 48],
      zoom: point ? 9 : 6,
      dragRotate: false,
      pitchWithRotate: false,
      renderWorldCopies: false,
      attributionControl: { compact: true },
    });
    m.touchZoomRotate.disableRotation();
    m.on('load', () => {
      m.addSource('pick', { type: 'geojson', data: EMPTY });
      m.addLayer({
        id: 'pick',
        type: 'circle',
        source: 'pick',
        paint: {
          'circle-radius': 7,
          'circle-color': '#d55e00',
          'circle-stroke-color': '#ffffff',
          'circle-stroke-width': 2,
        },
      });
      map.current = m;
      draw(m, pointRef.current);
      container.current?.setAttribute('data-map-ready', 'true');
    });
    m.on('click', (e) => onPickRef.current(e.lngLat.lat, e.lngLat.lng));
    return () => {
      map.current = null;
      m.remove();
    };
    // The map is made once; the point is drawn by the effect below.
  }, []);

  useEffect(() => {
    if (map.current) draw(map.current, point);
  }, [point]);

  return <div ref={container} className="field-map" role="region" aria-label={label} />;
}

function draw(m: MapLibreMap, point: FieldMapProps['point']): void {
  const src = m.getSource<GeoJSONSource>('pick');
  if (!src) return;
  src.setData(
    point
      ? {
          type: 'FeatureCollection',
          features: [
            {
              type: 'Feature',
              properties: {},
              geometry: { type: 'Point', coordinates: [point.lon, point.lat] },
            },
          ],
        }
      : EMPTY,
  );
}
