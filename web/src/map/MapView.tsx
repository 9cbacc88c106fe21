/**
 * The imperative MapLibre map, wrapped once. It owns the map's life (create on mount, remove on
 * unmount), reports the view when a move ends, and renders its children (the layer components)
 * once the style has loaded, giving them the map through context. Everything else about the map
 * is done by those children. `data-map-idle` on the wrapper says the map finished drawing (the
 * browser tests wait for it).
 */
import { Map as MapLibreMap, ScaleControl, type LngLatBounds } from 'maplibre-gl';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { MAX_ZOOM, MIN_ZOOM } from '../view/url-state.js';
import { basemapStyle } from './basemap-style.js';
import { MapContext } from './map-context.js';

export interface MapMove {
  readonly center: readonly [number, number];
  readonly zoom: number;
  /** west, south, east, north, clamped to the valid range. */
  readonly bbox: readonly [number, number, number, number];
}

export interface MapViewProps {
  readonly center: readonly [number, number];
  readonly zoom: number;
  /** Called once the map has loaded and after every move. */
  readonly onMove: (m: MapMove) => void;
  readonly label: string;
  readonly children?: ReactNode;
}

export function MapView({ center, zoom, onMove, label, children }: MapViewProps) {
  const wrapper = useRef<HTMLDivElement>(null);
  const container = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<MapLibreMap | null>(null);
  const onMoveRef = useRef(onMove);
  onMoveRef.current = onMove;

  useEffect(() => {
    const m = new MapLibreMap({
      container: container.current!,
      style: basemapStyle(document.baseURI),
      center: [center[0], center[1]],
      zoom,
      minZoom: MIN_ZOOM,
      maxZoom: MAX_ZOOM,
      dragRotate: false,
      pitchWithRotate: false,
      renderWorldCopies: false,
      attributionControl: { compact: false },
    });
    m.touchZoomRotate.disableRotation();
    m.keyboard.disableRotation();
    m.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-left');
    const report = () => onMoveRef.current(moveOf(m));
    const busy = () => wrapper.current?.setAttribute('data-map-idle', 'false');
    m.on('load', () => {
      setMap(m);
      report();
    });
    m.on('moveend', report);
    m.on('movestart', busy);
    m.on('dataloading', busy);
    m.on('idle', () => wrapper.current?.setAttribute('data-map-idle', 'true'));
    return () => {
      setMap(null);
      m.remove();
    };
    // Created once: later view changes come from the map itself, so center/zoom are initial values.
  }, []);

  return (
    <div className="map" ref={wrapper} data-map-idle="false">
      <div className="map-canvas" ref={container} role="region" aria-label={label} />
      {map && <MapContext.Provider value={map}>{children}</MapContext.Provider>}
    </div>
  );
}

function moveOf(m: MapLibreMap): MapMove {
  const c = m.getCenter();
  return { center: [c.lng, c.lat], zoom: m.getZoom(), bbox: clampBounds(m.getBounds()) };
}

function clampBounds(b: LngLatBounds): [number, number, number, number] {
  const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
  return [
    clamp(b.getWest(), -180, 180),
    clamp(b.getSouth(), -90, 90),
    clamp(b.getEast(), -180, 180),
    clamp(b.getNorth(), -90, 90),
  ];
}
