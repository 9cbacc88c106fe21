import type {
  CircleLayerSpecification,
  FillLayerSpecification,
  GeoJSONSource,
  GeoJSONSourceSpecification,
  LineLayerSpecification,
} from 'maplibre-gl';
import { useEffect } from 'react';
import { beforeIdFor, type LayerId } from './layer-order.js';
import { useMap } from './map-context.js';

/** A style layer of a GeoJSON source, as typed data; the hook fills in the source. */
export type DataLayer = (
  | Omit<FillLayerSpecification, 'source'>
  | Omit<LineLayerSpecification, 'source'>
  | Omit<CircleLayerSpecification, 'source'>
) & { id: LayerId };

/**
 * Adds a GeoJSON source and its layers while the calling component is mounted, updates the data
 * in place when it changes (no re-adding, so no flicker), and removes both on unmount.
 */
export function useGeoJsonLayer(
  sourceId: string,
  data: GeoJSON.GeoJSON,
  layers: readonly DataLayer[],
  source: Partial<GeoJSONSourceSpecification> = {},
): void {
  const map = useMap();
  useEffect(() => {
    map.addSource(sourceId, { ...source, type: 'geojson', data });
    for (const layer of layers)
      map.addLayer(
        { ...layer, source: sourceId } as FillLayerSpecification,
        beforeIdFor(layer.id, (id) => map.getLayer(id) !== undefined),
      );
    return () => {
      try {
        for (const layer of layers) if (map.getLayer(layer.id)) map.removeLayer(layer.id);
        if (map.getSource(sourceId)) map.removeSource(sourceId);
      } catch {
        // The map itself is gone (app unmounting): nothing left to remove.
      }
    };
    // Added once per mount (map, sourceId); data changes go through setData below.
  }, [map, sourceId]);
  useEffect(() => {
    (map.getSource(sourceId) as GeoJSONSource | undefined)?.setData(data);
  }, [map, sourceId, data]);
}
