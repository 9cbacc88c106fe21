import { useEffect, useState } from 'react';
import { ApiError, loadIncidents } from '../api/client.js';
import type { IncidentFeature } from '../api/types.js';

export type IncidentLoadState =
  | { readonly status: 'idle' | 'loading' | 'ready' | 'off' }
  | { readonly status: 'error'; readonly detail: string };

export interface IncidentRequest {
  readonly bbox: readonly [number, number, number, number] | null;
  /** ISO instants of the time window; null = open on that side. */
  readonly from: string | null;
  readonly to: string | null;
  /** Changes when the caller's identity changes, so a login shows what the new role may see. */
  readonly who: string;
  /** False while the layer is switched off: nothing is fetched. */
  readonly enabled: boolean;
}

/**
 * Incidents in the box and time window, loaded as observations are (useObservations): after a
 * short pause, cancelling the request in flight, and every `refreshMs` while the page is visible.
 * The last good answer stays on screen while the next loads.
 */
export function useIncidents(
  req: IncidentRequest,
  refreshMs = 15_000,
): { state: IncidentLoadState; features: IncidentFeature[]; truncated: boolean } {
  const [state, setState] = useState<IncidentLoadState>({ status: 'idle' });
  const [last, setLast] = useState<{ features: IncidentFeature[]; truncated: boolean }>({
    features: [],
    truncated: false,
  });
  const [tick, setTick] = useState(0);
  const key = JSON.stringify([
    req.bbox?.map((v) => v.toFixed(3)),
    req.from,
    req.to,
    req.who,
    req.enabled,
  ]);

  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') setTick((t) => t + 1);
    }, refreshMs);
    return () => clearInterval(timer);
  }, [refreshMs]);

  useEffect(() => {
    if (!req.enabled) {
      setState({ status: 'off' });
      return;
    }
    if (!req.bbox) return;
    const bbox = req.bbox;
    const abort = new AbortController();
    const wait = setTimeout(() => {
      setState({ status: 'loading' });
      loadIncidents({ bbox, from: req.from, to: req.to }, { signal: abort.signal })
        .then((r) => {
          setLast(r);
          setState({ status: 'ready' });
        })
        .catch((err: unknown) => {
          if (abort.signal.aborted) return;
          setState({
            status: 'error',
            detail: err instanceof ApiError || err instanceof Error ? err.message : String(err),
          });
        });
    }, 200);
    return () => {
      clearTimeout(wait);
      abort.abort();
    };
    // `key` stands for bbox, time window, user and whether the layer is on.
  }, [key, tick]);

  return { state, features: last.features, truncated: last.truncated };
}
