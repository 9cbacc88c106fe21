import { useEffect, useState } from 'react';
import { ApiError, loadObservations } from '../api/client.js';
import type { ObservationFeature } from '../api/types.js';

export type LoadState =
  | { readonly status: 'idle' | 'loading' }
  | {
      readonly status: 'ready';
      readonly features: ObservationFeature[];
      readonly truncated: boolean;
    }
  | { readonly status: 'error'; readonly detail: string };

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
  const [state, setState] = useState<LoadState>({ status: 'idle' });
  const [last, setLast] = useState<{ features: ObservationFeature[]; truncated: boolean }>({
    features: [],
    truncated: false,
  });
  const [tick, setTick] = useState(0);
  const key = JSON.stringify([
    req.bbox?.map((v) => v.toFixed(3)),
    req.events,
    req.weapons,
    req.who,
  ]);

  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') setTick((t) => t + 1);
    }, refreshMs);
    return () => clearInterval(timer);
  }, [refreshMs]);

  useEffect(() => {
    if (!req.bbox) return;
    const bbox = req.bbox;
    const abort = new AbortController();
    const wait = setTimeout(() => {
      setState({ status: 'loading' });
      loadObservations({ bbox, events: req.events, weapons: req.weapons }, { signal: abort.signal })
        .then((r) => {
          setLast(r);
          setState({ status: 'ready', ...r });
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
    // `key` stands for bbox, filters and user.
  }, [key, tick]);

  return {
    state,
    features: last.features,
    truncated: last.truncated,
    loading: state.status === 'loading',
  };
}
