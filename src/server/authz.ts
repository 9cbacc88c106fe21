import { TrucelineError } from '../domain/errors.js';
import type { Observation } from '../domain/observation/types.js';
import type { Scope } from '../app/identity/roles.js';
import type { ObservationQuery } from '../store/port.js';
import { LEDGER_ROUTES } from './ledger-routes.js';
import { OGC_PREFIX, OGC_ROUTES } from './ogc/route-list.js';
import { subjectOf, type Principal, type Subject } from './principal.js';
import { WEB_ROUTES } from './web-routes.js';

/**
 * Authorisation, in one place. Every registered route has an entry in ROUTE_TABLE (the server
 * refuses to start otherwise, and test/http-authz.test.ts walks every route with every role);
 * `authorise` decides by the caller's role and, for tokens, scope; record-level decisions
 * (which observations a caller may see) are `observationVisibility` and `canSeeObservation`.
 *
 * Compartments: the mission's own staff (monitor, analyst, chief, admin) see every observation; a
 * party liaison sees public records and its own party's filings, never the other party's
 * (not in lists, not by id, not in counts: a hidden record answers 404 exactly like a missing one);
 * guarantors and the public see public records. Verified findings for guarantors come with the
 * incident routes.
 */
export interface RouteRule {
  readonly method: string;
  readonly url: string;
  readonly allow: readonly Subject[];
  /** Required token scope; sessions pass when the role is allowed. */
  readonly scope?: Scope;
  /** The caller is a device proven by the batch signature, checked in the route. */
  readonly gatewaySignature?: boolean;
  /**
   * The request carries its own proof (a signed link's token, checked in the route): tokens and
   * session cookies are ignored, so a recipient logged in to the dashboard in the same browser can
   * still use the plain HTML form of an emailed link (which cannot send the CSRF header).
   */
  readonly signedLink?: boolean;
}

const EVERYONE: readonly Subject[] = ['anonymous', 'monitor', 'analyst', 'chief', 'liaison', 'guarantor', 'admin', 'device'];
const USERS: readonly Subject[] = ['monitor', 'analyst', 'chief', 'liaison', 'guarantor', 'admin'];
const READERS: readonly Subject[] = ['anonymous', ...USERS];
const FILERS: readonly Subject[] = ['monitor', 'analyst', 'chief', 'liaison'];
const ADMIN: readonly Subject[] = ['admin'];
const DOCS = ['/api/docs', '/api/docs/json', '/api/docs/yaml', '/api/docs/static/*', '/api/docs/static/index.html', '/api/docs/static/swagger-initializer.js'];

/** Where the ledger's publishing routes (src/server/ledger-routes.ts) are mounted: public, read-only. */
export const LEDGER_PREFIX = '/log';

export const ROUTE_TABLE: readonly RouteRule[] = [
  ...LEDGER_ROUTES.map((r) => ({ method: r.method, url: LEDGER_PREFIX + r.url, allow: EVERYONE })),
  { method: 'GET', url: '/healthz', allow: EVERYONE },
  // Readiness for load balancers: says only whether the store answers, and the ledger's size (public in /log anyway).
  { method: 'GET', url: '/readyz', allow: EVERYONE },
  // Prometheus metrics (src/server/metrics): an admin, or a scraper holding TRUCELINE_METRICS_TOKEN; never the public.
  { method: 'GET', url: '/metrics', allow: ['admin', 'scraper'], scope: 'identity:admin' },
  // OGC API – Features (src/server/ogc): public documents; which observations a caller sees is decided per record.
  ...OGC_ROUTES.map((r) => ({ method: r.method, url: OGC_PREFIX + r.url, allow: READERS, ...(r.scope ? { scope: r.scope } : {}) })),
  // The dashboard (web/dist, any path outside /api and /log) and the agreement it draws: public.
  ...WEB_ROUTES.map((r) => ({ method: r.method, url: r.url, allow: EVERYONE })),
  // CORS preflight (@fastify/cors): answers with headers only, never reaches a handler.
  { method: 'OPTIONS', url: '*', allow: EVERYONE },
  ...DOCS.map((url) => ({ method: 'GET', url, allow: EVERYONE })),
  { method: 'POST', url: '/api/v1/auth/login', allow: READERS },
  { method: 'POST', url: '/api/v1/auth/logout', allow: READERS },
  { method: 'GET', url: '/api/v1/auth/me', allow: USERS },
  { method: 'POST', url: '/api/v1/auth/password', allow: USERS },
  { method: 'POST', url: '/api/v1/observations', allow: FILERS, scope: 'observations:write' },
  { method: 'GET', url: '/api/v1/observations', allow: READERS, scope: 'observations:read' },
  { method: 'GET', url: '/api/v1/observations/:id', allow: READERS, scope: 'observations:read' },
  { method: 'GET', url: '/api/v1/observations/grid', allow: READERS, scope: 'observations:read' },
  // The timeline's counts per time bin: what the caller could list (routes/histograms.ts).
  { method: 'GET', url: '/api/v1/observations/histogram', allow: READERS, scope: 'observations:read' },
  { method: 'GET', url: '/api/v1/incidents/histogram', allow: READERS, scope: 'observations:read' },
  // Incidents: which ones a caller sees is decided per record, as for observations (routes/incidents.ts).
  { method: 'GET', url: '/api/v1/incidents', allow: READERS, scope: 'observations:read' },
  { method: 'GET', url: '/api/v1/incidents/:id', allow: READERS, scope: 'observations:read' },
  // The map's incident counts per cell: what the caller could list (routes/incidents-grid.ts).
  { method: 'GET', url: '/api/v1/incidents/grid', allow: READERS, scope: 'observations:read' },
  // The verification workflow: the domain decides who may take which step (src/domain/workflow/guards.ts);
  // a liaison reads only its party's findings (routes/workflow.ts).
  { method: 'GET', url: '/api/v1/incidents/:id/workflow', allow: ['monitor', 'analyst', 'chief', 'admin', 'liaison'], scope: 'observations:read' },
  { method: 'POST', url: '/api/v1/incidents/:id/workflow', allow: FILERS, scope: 'observations:write' },
  // Force declarations: a liaison submits its own party's (checked in the route); exchanged among
  // the mission, the parties and the guarantors; candidates per record (routes/declarations.ts).
  { method: 'POST', url: '/api/v1/declarations', allow: ['liaison'], scope: 'observations:write' },
  { method: 'GET', url: '/api/v1/declarations', allow: ['monitor', 'analyst', 'chief', 'admin', 'liaison', 'guarantor'], scope: 'observations:read' },
  { method: 'GET', url: '/api/v1/declarations/:id', allow: ['monitor', 'analyst', 'chief', 'admin', 'liaison', 'guarantor'], scope: 'observations:read' },
  { method: 'POST', url: '/api/v1/declarations/:id/check', allow: ['analyst', 'chief'], scope: 'observations:write' },
  // De-confliction notices (who sees one: the domain's noticeVisibleTo) and windows of silence (routes/notices.ts).
  { method: 'POST', url: '/api/v1/notices', allow: ['liaison'], scope: 'observations:write' },
  { method: 'POST', url: '/api/v1/notices/:id/withdraw', allow: ['liaison'], scope: 'observations:write' },
  { method: 'GET', url: '/api/v1/notices', allow: READERS, scope: 'observations:read' },
  { method: 'GET', url: '/api/v1/notices/:id', allow: READERS, scope: 'observations:read' },
  { method: 'POST', url: '/api/v1/silences', allow: ['chief', 'liaison'], scope: 'observations:write' },
  { method: 'POST', url: '/api/v1/silences/:id/agree', allow: ['liaison'], scope: 'observations:write' },
  { method: 'POST', url: '/api/v1/silences/:id/decline', allow: ['liaison'], scope: 'observations:write' },
  { method: 'POST', url: '/api/v1/silences/:id/withdraw', allow: ['chief', 'liaison'], scope: 'observations:write' },
  { method: 'GET', url: '/api/v1/silences', allow: ['monitor', 'analyst', 'chief', 'admin', 'liaison', 'guarantor'], scope: 'observations:read' },
  { method: 'GET', url: '/api/v1/silences/:id', allow: ['monitor', 'analyst', 'chief', 'admin', 'liaison', 'guarantor'], scope: 'observations:read' },
  // Freedom of movement: counts from the observations the caller may see (routes/restrictions.ts).
  { method: 'GET', url: '/api/v1/restrictions/summary', allow: READERS, scope: 'observations:read' },
  // Evidence custody (routes/evidence.ts): staff upload and read; a liaison uploads to its own
  // party's filings and reads only what it may see (decided per file); transfer and export: staff.
  { method: 'POST', url: '/api/v1/evidence', allow: FILERS, scope: 'observations:write' },
  { method: 'GET', url: '/api/v1/evidence/:sha256', allow: FILERS, scope: 'observations:read' },
  { method: 'GET', url: '/api/v1/evidence/:sha256/content', allow: FILERS, scope: 'observations:read' },
  { method: 'GET', url: '/api/v1/evidence/:sha256/thumbnail', allow: FILERS, scope: 'observations:read' },
  { method: 'POST', url: '/api/v1/evidence/:sha256/transfer', allow: ['monitor', 'analyst', 'chief'], scope: 'observations:write' },
  { method: 'GET', url: '/api/v1/incidents/:id/evidence', allow: FILERS, scope: 'observations:read' },
  { method: 'GET', url: '/api/v1/incidents/:id/evidence-bundle', allow: ['monitor', 'analyst', 'chief'], scope: 'observations:read' },
  { method: 'POST', url: '/api/v1/gateway/batches', allow: ['device'], gatewaySignature: true },
  { method: 'GET', url: '/api/v1/users', allow: ADMIN, scope: 'identity:admin' },
  { method: 'POST', url: '/api/v1/users', allow: ADMIN, scope: 'identity:admin' },
  { method: 'POST', url: '/api/v1/users/:name/disable', allow: ADMIN, scope: 'identity:admin' },
  { method: 'POST', url: '/api/v1/users/:name/password-reset', allow: ADMIN, scope: 'identity:admin' },
  { method: 'POST', url: '/api/v1/users/:name/role', allow: ADMIN, scope: 'identity:admin' },
  { method: 'GET', url: '/api/v1/tokens', allow: USERS },
  { method: 'POST', url: '/api/v1/tokens', allow: USERS },
  { method: 'DELETE', url: '/api/v1/tokens/:id', allow: USERS },
  { method: 'GET', url: '/api/v1/devices', allow: ADMIN, scope: 'identity:admin' },
  { method: 'POST', url: '/api/v1/devices', allow: ADMIN, scope: 'identity:admin' },
  { method: 'POST', url: '/api/v1/devices/:id/revoke', allow: ADMIN, scope: 'identity:admin' },
  // Alerts (routes/alerts.ts): not public; recipients acknowledge (the role must hold one of the
  // alert's recipient functions), or anyone holding a signed acknowledgement link.
  ...['/api/v1/alerts', '/api/v1/alerts/feed.atom', '/api/v1/alerts/:id', '/api/v1/alerts/:id/cap', '/api/v1/consultations/:id'].map((url) => ({ method: 'GET', url, allow: ['guarantor', 'chief', 'analyst', 'admin'] as const, scope: 'observations:read' as const })),
  { method: 'POST', url: '/api/v1/alerts/:id/ack', allow: ['guarantor', 'chief', 'liaison'], scope: 'observations:read' },
  { method: 'GET', url: '/api/v1/alerts/ack', allow: EVERYONE, signedLink: true },
  { method: 'POST', url: '/api/v1/alerts/ack', allow: EVERYONE, signedLink: true },
  // Reports (routes/reports.ts): published ones are public; a draft only for mission staff (decided
  // in the route); only the chief monitor publishes (also checked in src/app/reports/publish.ts).
  { method: 'GET', url: '/api/v1/reports', allow: READERS, scope: 'observations:read' },
  { method: 'GET', url: '/api/v1/reports/:date', allow: READERS, scope: 'observations:read' },
  { method: 'POST', url: '/api/v1/reports/:date/publish', allow: ['chief'], scope: 'observations:write' },
];

/** HEAD is answered by the GET route; `/x/` (a prefix's trailing-slash twin) by the rule of `/x`. */
export function ruleFor(method: string, url: string, table: readonly RouteRule[] = ROUTE_TABLE): RouteRule | null {
  const m = method === 'HEAD' ? 'GET' : method;
  const u = url.length > 1 && url.endsWith('/') ? url.slice(0, -1) : url;
  return table.find((r) => r.method === m && r.url === u) ?? null;
}

export type Decision = { readonly allowed: true } | { readonly allowed: false; readonly error: TrucelineError };

/** The decision for a caller on a route: 401 for anonymous callers that need to log in, else 403. */
export function authorise(rule: RouteRule, p: Principal): Decision {
  const subject = subjectOf(p);
  if (!rule.allow.includes(subject)) {
    if (subject === 'anonymous') return { allowed: false, error: new TrucelineError('UNAUTHENTICATED', 'log in or send an API token (Authorization: Bearer ...)') };
    return { allowed: false, error: new TrucelineError('FORBIDDEN', `a ${subject} may not ${rule.method} ${rule.url}`) };
  }
  if (p.kind === 'user' && p.scopes && rule.scope && !p.scopes.includes(rule.scope)) {
    return { allowed: false, error: new TrucelineError('FORBIDDEN', `this token lacks the scope ${rule.scope}`) };
  }
  return { allowed: true };
}

const MISSION_WIDE: readonly Subject[] = ['monitor', 'analyst', 'chief', 'admin'];

/** The store's visibility filter for this caller (never taken from the request). */
export function observationVisibility(p: Principal): NonNullable<ObservationQuery['visibleTo']> {
  if (p.kind !== 'user') return { party: null, mission: false };
  if (MISSION_WIDE.includes(p.role)) return { party: null, mission: true };
  return { party: p.role === 'liaison' ? p.party : null, mission: false };
}

export function canSeeObservation(p: Principal, o: Observation): boolean {
  const v = observationVisibility(p);
  if (v.mission || (o.visibility ?? 'mission') === 'public') return true;
  return v.party !== null && o.source.party === v.party;
}

/**
 * What a caller may file: a liaison files only as its own party (`source.kind` "party",
 * `source.party` its party). Returns the reason an item is refused, or null.
 */
export function filingRefusal(p: Principal, item: unknown): { path: string; reason: string } | null {
  if (p.kind !== 'user' || p.role !== 'liaison') return null;
  const source = (item as { source?: { kind?: unknown; party?: unknown } } | null)?.source;
  if (source?.kind !== 'party') return { path: 'source.kind', reason: `a party liaison files as source kind "party"` };
  if (source.party !== p.party) return { path: 'source.party', reason: `a liaison of ${p.party} files only for party "${p.party}"` };
  return null;
}
