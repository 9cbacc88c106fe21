import { Marker, type MapSourceDataEvent } from 'maplibre-gl';
import { useEffect } from 'react';
import { useI18n } from '../i18n/I18n.js';
import { useMap } from '../map/map-context.js';

/**
 * The number of observations in each cluster, written on it. The basemap ships no font glyphs
 * (no network, no symbol layers), so counts are small DOM labels placed by MapLibre markers over
 * the cluster circles. They are decoration for sighted readers (`aria-hidden`; the side panel
 * states the count) and let clicks through to the circle beneath.
 */
export function ClusterCountsLayer({ source }: { source: string }) {
  const map = useMap();
  const { num } = useI18n();

  useEffect(() => {
    let shown = new Map<number, Marker>();
    const update = () => {
      if (!map.getSource(source)) return;
      const next = new Map<number, Marker>();
      for (const f of map.querySourceFeatures(source)) {
        const p = f.properties;
        if (!p?.cluster || f.geometry.type !== 'Point') continue;
        const id = p.cluster_id as number;
        if (next.has(id)) continue;
        let marker = shown.get(id);
        if (!marker) {
          const el = document.createElement('span');
          el.className = 'cluster-count';
          el.setAttribute('aria-hidden', 'true');
          el.textContent = num(p.point_count as number);
          marker = new Marker({ element: el })
            .setLngLat(f.geometry.coordinates as [number, number])
            .addTo(map);
        }
        next.set(id, marker);
      }
      for (const [id, m] of shown) if (!next.has(id)) m.remove();
      shown = next;
    };
    const onData = (e: MapSourceDataEvent) => {
      if (e.sourceId === source && e.isSourceLoaded) update();
    };
    map.on('sourcedata', onData);
    map.on('moveend', update);
    update();
    return () => {
      map.off('sourcedata', onData);
      map.off('moveend', update);
      for (const m of shown.values()) m.remove();
    };
  }, [map, source, num]);
  return null;
}
