import { loadObservations } from '../api/client.js';
import type { ObservationFeature } from '../api/types.js';
import { usePolledLoad, type LoadState } from '../api/usePolledLoad.js';

export type { LoadState } from '../api/usePolledLoad.js';

export interface ObservationRequest {
  readonly bbox: readonly [number, number, number, number] | null;
  readonly events: readonly string[];
  readonly weapons: readonly string[];
  /** Changes when the caller's identity changes, so a login shows what the new role may see. */
  readonly who: string;
}

/**
 * Observations in the box, reloaded when the box, the filters or the user change (after a short
 * pause, and cancelling the request in flight) and every `refreshMs` while the page is visible,
 * so the map follows new filings. The last good answer stays on screen while the next loads.
 */
export function useObservations(
  req: ObservationRequest,
  refreshMs = 15_000,
): { state: LoadState; features: ObservationFeature[]; truncated: boolean; loading: boolean } {
  const key = JSON.stringify([
    req.bbox?.map((v) => v.toFixed(3)),
    req.events,
    req.weapons,
    req.who,
  ]);
  const bbox = req.bbox;
  const loaded = usePolledLoad<ObservationFeature>(
    key,
    true,
    bbox
      ? (signal) => loadObservations({ bbox, events: req.events, weapons: req.weapons }, { signal })
      : null,
    refreshMs,
  );
  return { ...loaded, loading: loaded.state.status === 'loading' };
}
