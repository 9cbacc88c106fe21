/** Query strings of the API's list routes: pure, so tests can check them outside a browser. */

export interface ObservationQuery {
  /** west, south, east, north in degrees. */
  readonly bbox: readonly [number, number, number, number];
  readonly events: readonly string[];
  readonly weapons: readonly string[];
}

/** The query string of GET /api/v1/observations for one page. */
export function observationsUrl(q: ObservationQuery, limit: number): string {
  const p = new URLSearchParams();
  p.set('bbox', q.bbox.map((v) => v.toFixed(3)).join(','));
  if (q.events.length > 0) p.set('event', q.events.join(','));
  if (q.weapons.length > 0) p.set('weapon', q.weapons.join(','));
  p.set('limit', String(limit));
  return `/api/v1/observations?${p.toString()}`;
}

export interface IncidentQuery {
  /** west, south, east, north in degrees. */
  readonly bbox: readonly [number, number, number, number];
  /** ISO instants; null = open on that side. */
  readonly from: string | null;
  readonly to: string | null;
}

/** The query string of GET /api/v1/incidents for one page. */
export function incidentsUrl(q: IncidentQuery, limit: number): string {
  const p = new URLSearchParams();
  p.set('bbox', q.bbox.map((v) => v.toFixed(3)).join(','));
  if (q.from) p.set('from', q.from);
  if (q.to) p.set('to', q.to);
  p.set('limit', String(limit));
  return `/api/v1/incidents?${p.toString()}`;
}
