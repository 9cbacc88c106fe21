import { useMemo } from 'react';
import { ApiError } from '../api/client.js';
import type { Problem } from '../api/types.js';
import type { IncidentQuery } from '../api/urls.js';
import { usePolledLoad } from '../api/usePolledLoad.js';
import {
  barsDomain,
  incidentHistogramUrl,
  observationHistogramUrl,
  toBars,
  wholeDegrees,
  type Domain,
  type HistogramAnswer,
  type TimelineBars,
} from './histogram.js';

export interface TimelineRequest {
  readonly bbox: readonly [number, number, number, number] | null;
  readonly events: readonly string[];
  readonly weapons: readonly string[];
  readonly sources?: readonly string[];
  /** The chosen window (ISO instants): the bars always cover it. */
  readonly from: string | null;
  readonly to: string | null;
  /** Changes when the caller's identity changes. */
  readonly who: string;
  /** The incident filters while incidents are shown; null: observations only. */
  readonly incidents: Omit<IncidentQuery, 'bbox' | 'from' | 'to'> | null;
}

async function getHistogram(url: string, signal: AbortSignal): Promise<HistogramAnswer> {
  const res = await fetch(url, {
    signal,
    credentials: 'same-origin',
    headers: { accept: 'application/json, application/problem+json' },
  });
  const text = await res.text();
  const data: unknown = text ? JSON.parse(text) : null;
  if (!res.ok) throw new ApiError(res.status, (data as Problem | null) ?? null);
  return data as HistogramAnswer;
}

/**
 * The timeline's bars, counted by the server over everything the caller may see in the view's
 * box (widened to whole degrees) with the map's filters, over all time: first the observations'
 * extent (the open domain), then the observations over that extent widened to the chosen window;
 * the incidents, when shown, over the same domain (so their bars share the bins) in a request of
 * their own, so the observation bars never wait for them. Reloaded as the map's data is, and
 * every `refreshMs`; unchanged answers come back 304 by ETag.
 */
export function useTimelineBars(req: TimelineRequest, refreshMs = 15_000): TimelineBars | null {
  const box = req.bbox ? wholeDegrees(req.bbox) : null;
  const window = {
    from: req.from === null ? null : Date.parse(req.from),
    to: req.to === null ? null : Date.parse(req.to),
  };
  const filters = box
    ? { bbox: box, events: req.events, weapons: req.weapons, sources: req.sources }
    : null;
  const observations = usePolledLoad<{ domain: Domain; answer: HistogramAnswer }>(
    JSON.stringify([box, req.events, req.weapons, req.sources ?? [], req.from, req.to, req.who]),
    true,
    filters
      ? async (signal) => {
          const open = await getHistogram(observationHistogramUrl(filters, null), signal);
          const domain = barsDomain(open, window);
          if (!domain) return { features: [], truncated: false };
          const answer = await getHistogram(observationHistogramUrl(filters, domain), signal);
          return { features: [{ domain, answer }], truncated: false };
        }
      : null,
    refreshMs,
  );
  const counted = observations.features[0] ?? null;
  const domain = counted?.domain ?? null;
  const incidents = usePolledLoad<HistogramAnswer>(
    JSON.stringify([box, domain, req.who, req.incidents]),
    req.incidents !== null,
    box && domain && req.incidents
      ? async (signal) => ({
          features: [
            await getHistogram(
              incidentHistogramUrl({ ...req.incidents!, bbox: box }, domain),
              signal,
            ),
          ],
          truncated: false,
        })
      : null,
    refreshMs,
  );
  return useMemo(
    () =>
      counted
        ? toBars(counted.answer, req.incidents ? (incidents.features[0] ?? null) : null)
        : null,
    [counted, incidents.features, req.incidents],
  );
}
