import { ApiError, loadIncidents } from '../api/client.js';
import type { IncidentFeature, Problem } from '../api/types.js';
import { usePolledLoad, type LoadState } from '../api/usePolledLoad.js';
import type { IncidentQuery } from '../api/urls.js';
import { GRID_MAX_ZOOM, gridCell, incidentGridUrl, type IncidentGrid } from './grid.js';

export type { LoadState as IncidentLoadState } from '../api/usePolledLoad.js';

export interface IncidentRequest {
  readonly bbox: readonly [number, number, number, number] | null;
  /** The map's zoom: below GRID_MAX_ZOOM incidents are counted per grid cell. */
  readonly zoom: number;
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

export interface IncidentsInView {
  /** 'grid' below GRID_MAX_ZOOM (counts per cell), 'list' from it on (the incidents). */
  readonly mode: 'grid' | 'list';
  readonly state: LoadState;
  /** The incidents (list mode; empty in grid mode). */
  readonly features: IncidentFeature[];
  /** The counts per cell (grid mode; null before the first answer and in list mode). */
  readonly grid: IncidentGrid | null;
  /** How many incidents match in view: the grid's total, or the list's length. */
  readonly matched: number;
  /** List mode: more matched than were loaded. */
  readonly truncated: boolean;
}

/** GET one incident grid: counts per cell. */
async function loadIncidentGrid(url: string, signal: AbortSignal): Promise<IncidentGrid> {
  const res = await fetch(url, {
    signal,
    credentials: 'same-origin',
    headers: { accept: 'application/geo+json, application/problem+json' },
  });
  const text = await res.text();
  const data: unknown = text ? JSON.parse(text) : null;
  if (!res.ok) throw new ApiError(res.status, (data as Problem | null) ?? null);
  return data as IncidentGrid;
}

/**
 * Incidents in the box and time window, loaded as observations are (useObservations): after a
 * short pause, cancelling the request in flight, and every `refreshMs` while the page is visible.
 * The last good answer stays on screen while the next loads. Below the grid zoom it asks for
 * counts per cell (a few kilobytes however many incidents match; polls are answered 304 by ETag
 * while nothing changed), zoomed in for the incidents themselves.
 */
export function useIncidents(req: IncidentRequest, refreshMs = 15_000): IncidentsInView {
  const mode = req.zoom < GRID_MAX_ZOOM ? 'grid' : 'list';
  const bbox = req.bbox;
  const cell = bbox ? gridCell(bbox, req.zoom) : 0;
  const base = [bbox?.map((v) => v.toFixed(3)), req.from, req.to, req.who, req.filters];
  const grid = usePolledLoad<IncidentGrid>(
    JSON.stringify([...base, cell]),
    req.enabled && mode === 'grid',
    bbox
      ? async (signal) => ({
          features: [
            await loadIncidentGrid(
              incidentGridUrl({ bbox, from: req.from, to: req.to, ...req.filters }, cell),
              signal,
            ),
          ],
          truncated: false,
        })
      : null,
    refreshMs,
  );
  const list = usePolledLoad<IncidentFeature>(
    JSON.stringify(base),
    req.enabled && mode === 'list',
    bbox
      ? (signal) => loadIncidents({ bbox, from: req.from, to: req.to, ...req.filters }, { signal })
      : null,
    refreshMs,
  );
  if (mode === 'grid') {
    const g = grid.features[0] ?? null;
    return { mode, state: grid.state, features: [], grid: g, matched: g?.numberMatched ?? 0, truncated: false };
  }
  return {
    mode,
    state: list.state,
    features: list.features,
    grid: null,
    matched: list.features.length,
    truncated: list.truncated,
  };
}
