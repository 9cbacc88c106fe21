import { ApiError, loadObservations } from '../api/client.js';
import type { ObservationFeature, Problem } from '../api/types.js';
import { observationGridUrl } from '../api/urls.js';
import { usePolledLoad, type LoadState } from '../api/usePolledLoad.js';
import { GRID_MAX_ZOOM, gridCell, type ObservationGrid } from './grid.js';

export type { LoadState } from '../api/usePolledLoad.js';

/** Zoomed in, one page of this many observations of the view (the rest: "more than shown"). */
export const LIST_LIMIT = 500;

export interface ObservationRequest {
  readonly bbox: readonly [number, number, number, number] | null;
  readonly zoom: number;
  readonly events: readonly string[];
  readonly weapons: readonly string[];
  /** Source kinds; empty or absent = all. */
  readonly sources?: readonly string[];
  /** The timeline's window (ISO instants); null = open on that side. Filtered by the server. */
  readonly from: string | null;
  readonly to: string | null;
  /** Changes when the caller's identity changes, so a login shows what the new role may see. */
  readonly who: string;
}

export interface ObservationsInView {
  /** 'grid' below GRID_MAX_ZOOM (counts per cell), 'list' from it on (the observations). */
  readonly mode: 'grid' | 'list';
  readonly state: LoadState;
  readonly loading: boolean;
  /** The observations (list mode; empty in grid mode). */
  readonly features: ObservationFeature[];
  /** The counts per cell (grid mode; null before the first answer and in list mode). */
  readonly grid: ObservationGrid | null;
  /** How many observations match in view: the grid's total, or the list's length. */
  readonly matched: number;
  /** List mode: more matched than the page shows. */
  readonly truncated: boolean;
}

/** GET one grid: counts per cell. */
async function loadGrid(url: string, signal: AbortSignal): Promise<ObservationGrid> {
  const res = await fetch(url, {
    signal,
    credentials: 'same-origin',
    headers: { accept: 'application/geo+json, application/problem+json' },
  });
  const text = await res.text();
  const data: unknown = text ? JSON.parse(text) : null;
  if (!res.ok) throw new ApiError(res.status, (data as Problem | null) ?? null);
  return data as ObservationGrid;
}

/**
 * The observations in the box, reloaded when the box, the zoom, the filters, the time window or
 * the user change (after a short pause, cancelling the request in flight) and every `refreshMs`
 * while the page is visible, so the map follows new filings; the last good answer stays on
 * screen while the next loads. At low zoom it asks for counts per grid cell (a few kilobytes
 * however many match; polls are answered 304 by ETag while nothing changed), zoomed in for one
 * page of observations. The window is the server's filter. The timeline's bars are counted by
 * the server (web/src/incidents/useTimelineBars.ts).
 */
export function useObservations(req: ObservationRequest, refreshMs = 15_000): ObservationsInView {
  const mode = req.zoom < GRID_MAX_ZOOM ? 'grid' : 'list';
  const bbox = req.bbox;
  const filters = { events: req.events, weapons: req.weapons, sources: req.sources };
  const box = bbox?.map((v) => v.toFixed(3));
  const cell = bbox ? gridCell(bbox, req.zoom) : 0;
  const base = [box, req.events, req.weapons, req.sources ?? [], req.who];

  const grid = usePolledLoad<ObservationGrid>(
    JSON.stringify([...base, cell, req.from, req.to]),
    mode === 'grid',
    bbox
      ? async (signal) => ({
          features: [
            await loadGrid(
              observationGridUrl({ bbox, ...filters, from: req.from, to: req.to }, cell),
              signal,
            ),
          ],
          truncated: false,
        })
      : null,
    refreshMs,
  );
  const list = usePolledLoad<ObservationFeature>(
    JSON.stringify([...base, req.from, req.to]),
    mode === 'list',
    bbox
      ? (signal) =>
          loadObservations(
            { bbox, ...filters, from: req.from, to: req.to },
            { cap: LIST_LIMIT, signal },
          )
      : null,
    refreshMs,
  );
  if (mode === 'grid') {
    const g = grid.features[0] ?? null;
    return {
      mode,
      state: grid.state,
      loading: grid.state.status === 'loading',
      features: [],
      grid: g,
      matched: g?.numberMatched ?? 0,
      truncated: false,
    };
  }
  return {
    mode,
    state: list.state,
    loading: list.state.status === 'loading',
    features: list.features,
    grid: null,
    matched: list.features.length,
    truncated: list.truncated,
  };
}
