import { loadIncidents } from '../api/client.js';
import type { IncidentFeature } from '../api/types.js';
import { usePolledLoad, type LoadState } from '../api/usePolledLoad.js';
import type { IncidentQuery } from '../api/urls.js';

export type { LoadState as IncidentLoadState } from '../api/usePolledLoad.js';

export interface IncidentRequest {
  readonly bbox: readonly [number, number, number, number] | null;
  /** ISO instants of the time window; null = open on that side. */
  readonly from: string | null;
  readonly to: string | null;
  /** Changes when the caller's identity changes, so a login shows what the new role may see. */
  readonly who: string;
  /** False while the layer is switched off: nothing is fetched. */
  readonly enabled: boolean;
  /** Status, side, provision, kind and weapon filters (view/), passed to the API. */
  readonly filters?: Pick<IncidentQuery, 'statuses' | 'side' | 'provision' | 'events' | 'weapons'>;
}

/**
 * Incidents in the box and time window, loaded as observations are (useObservations): after a
 * short pause, cancelling the request in flight, and every `refreshMs` while the page is visible.
 * The last good answer stays on screen while the next loads.
 */
export function useIncidents(
  req: IncidentRequest,
  refreshMs = 15_000,
): { state: LoadState; features: IncidentFeature[]; truncated: boolean } {
  const key = JSON.stringify([
    req.bbox?.map((v) => v.toFixed(3)),
    req.from,
    req.to,
    req.who,
    req.filters,
  ]);
  const bbox = req.bbox;
  return usePolledLoad<IncidentFeature>(
    key,
    req.enabled,
    bbox
      ? (signal) => loadIncidents({ bbox, from: req.from, to: req.to, ...req.filters }, { signal })
      : null,
    refreshMs,
  );
}
