/**
 * The parts of the view beside the map's (url-state.ts), in the same query string:
 *
 *   ?…&incident=<id>&status=<status,…>&side=<left|right|undetermined>&provision=<kind>&source=<kind,…>
 *
 * `incident` opens that incident's page; the rest filter the layers: status, side and provision
 * apply to incidents (the API's `status`, `side`/`party=undetermined` and `provision`), source to
 * observations (the API's `source`). Unknown values are dropped, as in url-state.ts. Pure.
 */
import { SOURCE_KINDS, type SourceKind } from '../api/vocabulary.js';

export const INCIDENT_STATUSES = [
  'reported',
  'triaged',
  'under_investigation',
  'verified',
  'not_verified',
  'inconclusive',
] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/** Sides of the line of contact an incident is attributed to, or none. */
export const ATTRIBUTION_SIDES = ['left', 'right', 'undetermined'] as const;
export type AttributionSide = (typeof ATTRIBUTION_SIDES)[number];

/** Kinds of provision (src/domain/assessment/provisions.ts). */
export const PROVISION_KINDS = [
  'ceasefire',
  'withdrawal',
  'security_zone',
  'disengagement',
  'no_fly',
  'maritime',
  'freedom_of_movement',
] as const;
export type ProvisionKind = (typeof PROVISION_KINDS)[number];

export interface IncidentView {
  /** The incident whose page is open, or null for the map's side panel. */
  readonly incident: string | null;
  /** Workflow statuses shown; empty = all. */
  readonly statuses: readonly IncidentStatus[];
  readonly side: AttributionSide | null;
  readonly provision: ProvisionKind | null;
  /** Source kinds of the observations shown; empty = all. */
  readonly sources: readonly SourceKind[];
}

export const DEFAULT_INCIDENT_VIEW: IncidentView = {
  incident: null,
  statuses: [],
  side: null,
  provision: null,
  sources: [],
};

const oneOf =
  <K extends string>(all: readonly K[]) =>
  (s: string): s is K =>
    (all as readonly string[]).includes(s);

function list<K extends string>(s: string | null, all: readonly K[]): K[] {
  if (!s) return [];
  const kept = all.filter((k) => s.split(',').includes(k));
  // Every value listed is the same as none: "all".
  return kept.length === all.length ? [] : kept;
}

/** An incident id as the API takes it (1–160 characters, no control characters or spaces). */
export function isIncidentId(s: string): boolean {
  return s.length > 0 && s.length <= 160 && !/[\s\p{Cc}]/u.test(s);
}

export function parseIncidentView(search: string): IncidentView {
  const p = new URLSearchParams(search);
  const incident = p.get('incident');
  const side = p.get('side');
  const provision = p.get('provision');
  return {
    incident: incident && isIncidentId(incident) ? incident : null,
    statuses: list(p.get('status'), INCIDENT_STATUSES),
    side: side && oneOf(ATTRIBUTION_SIDES)(side) ? side : null,
    provision: provision && oneOf(PROVISION_KINDS)(provision) ? provision : null,
    sources: list(p.get('source'), SOURCE_KINDS),
  };
}

/** `query` (url-state.ts's serialiseView output) with `v`'s parameters added. */
export function withIncidentView(query: string, v: IncidentView): string {
  const p = new URLSearchParams(query);
  for (const k of ['incident', 'status', 'side', 'provision', 'source']) p.delete(k);
  if (v.incident) p.set('incident', v.incident);
  if (v.statuses.length > 0) p.set('status', v.statuses.join(','));
  if (v.side) p.set('side', v.side);
  if (v.provision) p.set('provision', v.provision);
  if (v.sources.length > 0) p.set('source', v.sources.join(','));
  const s = p.toString().replace(/%2C/g, ',');
  return s ? `?${s}` : '';
}
