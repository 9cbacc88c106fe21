/** Query strings of the API's list routes: pure, so tests can check them outside a browser. */

export interface ObservationQuery {
  /** west, south, east, north in degrees. */
  readonly bbox: readonly [number, number, number, number];
  readonly events: readonly string[];
  readonly weapons: readonly string[];
  /** Source kinds (monitor, sensor, party, osint); empty or absent = all. */
  readonly sources?: readonly string[];
  /** The time window (ISO instants); null or absent = open on that side. */
  readonly from?: string | null;
  readonly to?: string | null;
}

/** The filter parameters the list and grid routes share, in a fixed order (cacheable URLs). */
function observationParams(q: ObservationQuery): URLSearchParams {
  const p = new URLSearchParams();
  p.set('bbox', q.bbox.map((v) => v.toFixed(3)).join(','));
  if (q.from) p.set('from', q.from);
  if (q.to) p.set('to', q.to);
  if (q.events.length > 0) p.set('event', q.events.join(','));
  if (q.weapons.length > 0) p.set('weapon', q.weapons.join(','));
  if (q.sources && q.sources.length > 0) p.set('source', q.sources.join(','));
  return p;
}

/** The query string of GET /api/v1/observations for one page. */
export function observationsUrl(q: ObservationQuery, limit: number): string {
  const p = observationParams(q);
  p.set('limit', String(limit));
  return `/api/v1/observations?${p.toString()}`;
}

/**
 * The query string of GET /api/v1/observations/grid: counts per cell of `cell` degrees. The box
 * is widened by rounding outwards (3 decimals), so it still covers the whole view.
 */
export function observationGridUrl(q: ObservationQuery, cell: number): string {
  const [w, s, e, n] = q.bbox;
  const out = (v: number, up: boolean) => (up ? Math.ceil(v * 1000) : Math.floor(v * 1000)) / 1000;
  const p = observationParams({
    ...q,
    bbox: [
      Math.max(-180, out(w, false)),
      Math.max(-90, out(s, false)),
      Math.min(180, out(e, true)),
      Math.min(90, out(n, true)),
    ],
  });
  p.set('cell', String(cell));
  return `/api/v1/observations/grid?${p.toString()}`;
}

export interface IncidentQuery {
  /** west, south, east, north in degrees. */
  readonly bbox: readonly [number, number, number, number];
  /** ISO instants; null = open on that side. */
  readonly from: string | null;
  readonly to: string | null;
  /** Workflow statuses; empty or absent = all. */
  readonly statuses?: readonly string[];
  /** Attributed to a party on this side of the line, or to none ('undetermined'). */
  readonly side?: 'left' | 'right' | 'undetermined' | null;
  /** A provision kind (withdrawal) or id (withdrawal:wd-art) the incident matched. */
  readonly provision?: string | null;
  /** Incidents holding any of these event kinds; empty or absent = all. */
  readonly events?: readonly string[];
  /** Incidents of any of these weapon classes; empty or absent = all. */
  readonly weapons?: readonly string[];
}

/** The query string of GET /api/v1/incidents for one page. */
export function incidentsUrl(q: IncidentQuery, limit: number): string {
  const p = new URLSearchParams();
  p.set('bbox', q.bbox.map((v) => v.toFixed(3)).join(','));
  if (q.from) p.set('from', q.from);
  if (q.to) p.set('to', q.to);
  if (q.statuses && q.statuses.length > 0) p.set('status', q.statuses.join(','));
  // The API filters sides by party; the unattributed are the party `undetermined`.
  if (q.side === 'undetermined') p.set('party', 'undetermined');
  else if (q.side) p.set('side', q.side);
  if (q.provision) p.set('provision', q.provision);
  if (q.events && q.events.length > 0) p.set('event', q.events.join(','));
  if (q.weapons && q.weapons.length > 0) p.set('weapon', q.weapons.join(','));
  p.set('limit', String(limit));
  return `/api/v1/incidents?${p.toString()}`;
}

/** GET /api/v1/incidents/:id: one incident with the member observations the caller may read. */
export function incidentUrl(id: string): string {
  return `/api/v1/incidents/${encodeURIComponent(id)}`;
}

/** GET /api/v1/incidents/:id/workflow: its verification workflow and history. */
export function incidentWorkflowUrl(id: string): string {
  return `${incidentUrl(id)}/workflow`;
}
