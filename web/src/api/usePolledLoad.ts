import { useEffect, useState } from 'react';
import { ApiError } from './client.js';

export type LoadState =
  | { readonly status: 'idle' | 'loading' | 'ready' | 'off' }
  | { readonly status: 'error'; readonly detail: string };

export interface Loaded<F> {
  readonly features: F[];
  readonly truncated: boolean;
}

/**
 * A map layer's data: loaded after a short pause whenever `key` changes (cancelling the request
 * in flight) and every `refreshMs` while the page is visible, so the map follows new filings.
 * The last good answer stays on screen while the next loads. `load` is null while there is
 * nothing to ask yet (no map box); `enabled` false switches the layer off.
 */
export function usePolledLoad<F>(
  key: string,
  enabled: boolean,
  load: ((signal: AbortSignal) => Promise<Loaded<F>>) | null,
  refreshMs: number,
): { state: LoadState } & Loaded<F> {
  const [state, setState] = useState<LoadState>({ status: 'idle' });
  const [last, setLast] = useState<Loaded<F>>({ features: [], truncated: false });
  const [tick, setTick] = useState(0);

  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') setTick((t) => t + 1);
    }, refreshMs);
    return () => clearInterval(timer);
  }, [refreshMs]);

  useEffect(() => {
    if (!enabled) {
      setState({ status: 'off' });
      return;
    }
    if (!load) return;
    const abort = new AbortController();
    const wait = setTimeout(() => {
      setState({ status: 'loading' });
      load(abort.signal)
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
    // `key` stands for everything `load` asks (box, filters, window, user).
  }, [key, enabled, tick]);

  return { state, features: last.features, truncated: last.truncated };
}
