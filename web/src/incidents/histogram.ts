/**
 * The timeline's bars from the server's counts per time bin (GET /api/v1/observations/histogram,
 * GET /api/v1/incidents/histogram): the URLs asked, with the same filters as the map's lists,
 * and the domain the bars cover. Pure, so tests can check it outside a browser.
 */
import {
  incidentsUrl,
  observationsUrl,
  type IncidentQuery,
  type ObservationQuery,
} from '../api/urls.js';

/** The answer of either histogram route. */
export interface HistogramAnswer {
  /** ISO instants: the first bin's start and the last bin's end; null when nothing matched. */
  readonly start: string | null;
  readonly end: string | null;
  readonly stepMs: number;
  readonly counts: readonly number[];
  readonly total: number;
}

/** What the timeline draws: bins of `stepMs` from `start` (ms), observations and maybe incidents. */
export interface TimelineBars {
  readonly start: number;
  readonly stepMs: number;
  readonly observations: readonly number[];
  /** Null while incidents are not shown. */
  readonly incidents: readonly number[] | null;
}

/** About as many bars as the timeline has room for (the server picks a round width). */
export const TIMELINE_BINS = 96;

export interface Domain {
  readonly from: number;
  readonly to: number;
}

/** `path` with the filter parameters of `listUrl`, without its page size, and the domain and bins. */
function withDomain(path: string, listUrl: string, domain: Domain | null, bins: number): string {
  const p = new URL(listUrl, 'http://x').searchParams;
  p.delete('limit');
  p.delete('from');
  p.delete('to');
  if (domain) {
    p.set('from', new Date(domain.from).toISOString());
    p.set('to', new Date(domain.to).toISOString());
  }
  p.set('bins', String(bins));
  return `${path}?${p.toString()}`;
}

/** GET /api/v1/observations/histogram for the map's filters over `domain` (null: the data's extent). */
export function observationHistogramUrl(
  q: Omit<ObservationQuery, 'from' | 'to'>,
  domain: Domain | null,
  bins = TIMELINE_BINS,
): string {
  return withDomain('/api/v1/observations/histogram', observationsUrl(q, 1), domain, bins);
}

/** GET /api/v1/incidents/histogram for the incident filters over `domain`. */
export function incidentHistogramUrl(
  q: Omit<IncidentQuery, 'from' | 'to'>,
  domain: Domain | null,
  bins = TIMELINE_BINS,
): string {
  return withDomain(
    '/api/v1/incidents/histogram',
    incidentsUrl({ ...q, from: null, to: null }, 1),
    domain,
    bins,
  );
}

/**
 * The span the bars cover: the data's (from an answer over the open domain) widened to hold the
 * chosen window; null when there is neither data nor a window.
 */
export function barsDomain(
  open: HistogramAnswer,
  window: { readonly from: number | null; readonly to: number | null },
): Domain | null {
  const a = open.start !== null ? Date.parse(open.start) : null;
  // The open answer's last bin ends after the latest start; its end less 1 ms is still inside it.
  const b = open.end !== null ? Date.parse(open.end) - 1 : null;
  const lo = [a, window.from, window.to].filter((v): v is number => v !== null);
  const hi = [b, window.to, window.from].filter((v): v is number => v !== null);
  if (lo.length === 0) return null;
  return { from: Math.min(...lo), to: Math.max(...hi) };
}

/** The box widened to whole degrees, within the world: the bars need not follow every small pan. */
export function wholeDegrees(
  b: readonly [number, number, number, number],
): [number, number, number, number] {
  return [
    Math.max(-180, Math.floor(b[0])),
    Math.max(-90, Math.floor(b[1])),
    Math.min(180, Math.ceil(b[2])),
    Math.min(90, Math.ceil(b[3])),
  ];
}

/**
 * Bars from the answers over one domain; incident counts over other bins (an answer for an
 * earlier domain) count as none. Null when the observations have no bins.
 */
export function toBars(
  obs: HistogramAnswer,
  incidents: HistogramAnswer | null,
): TimelineBars | null {
  if (obs.start === null || obs.counts.length === 0) return null;
  const start = Date.parse(obs.start);
  const aligned =
    incidents !== null &&
    incidents.start !== null &&
    Date.parse(incidents.start) === start &&
    incidents.stepMs === obs.stepMs &&
    incidents.counts.length === obs.counts.length;
  return {
    start,
    stepMs: obs.stepMs,
    observations: obs.counts,
    incidents: incidents === null ? null : aligned ? incidents.counts : obs.counts.map(() => 0),
  };
}
