import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../api/client.js';

export type Load<T> =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly data: T }
  | { readonly status: 'error'; readonly detail: string; readonly httpStatus: number | null };

/**
 * Data a page shows: asked when the page opens and again on `reload()` (after the page changed
 * something), cancelling the request in flight. The last answer stays on screen while the next
 * loads.
 */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>): {
  readonly state: Load<T>;
  readonly reload: () => void;
} {
  const [state, setState] = useState<Load<T>>({ status: 'loading' });
  const [round, setRound] = useState(0);
  useEffect(() => {
    const abort = new AbortController();
    load(abort.signal).then(
      (data) => setState({ status: 'ready', data }),
      (err: unknown) => {
        if (abort.signal.aborted) return;
        setState({
          status: 'error',
          detail: errorText(err),
          httpStatus: err instanceof ApiError ? err.status : null,
        });
      },
    );
    return () => abort.abort();
    // `load` is a module function or stable closure; `round` asks again.
  }, [round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { state, reload };
}

/** An API error's own words (the problem's detail and the fields it names), else the message. */
export function errorText(err: unknown): string {
  if (err instanceof ApiError && err.problem) {
    const fields = (err.problem.errors ?? []).map((e) => `${e.path}: ${e.reason}`);
    return [err.problem.detail, ...fields].filter(Boolean).join('; ');
  }
  return err instanceof Error ? err.message : String(err);
}
