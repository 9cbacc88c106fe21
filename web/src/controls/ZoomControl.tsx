import { NavigationControl } from 'maplibre-gl';
import { useEffect } from 'react';
import { useI18n } from '../i18n/I18n.js';
import { useMap } from '../map/map-context.js';

/** Zoom in / zoom out buttons, labelled in the UI language (MapLibre's own strings are English). */
export function ZoomControl() {
  const map = useMap();
  const { t } = useI18n();
  useEffect(() => {
    const control = new NavigationControl({ showCompass: false });
    map.addControl(control, 'top-left');
    return () => {
      map.removeControl(control);
    };
  }, [map]);
  useEffect(() => {
    const label = (selector: string, text: string) => {
      const button = map.getContainer().querySelector(selector);
      button?.setAttribute('aria-label', text);
      button?.setAttribute('title', text);
    };
    label('.maplibregl-ctrl-zoom-in', t('map.zoomIn'));
    label('.maplibregl-ctrl-zoom-out', t('map.zoomOut'));
  }, [map, t]);
  return null;
}
