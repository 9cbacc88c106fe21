/**
 * OGC API – Features, Part 1: Core, with GeoJSON (OGC 17-069r4), mounted at OGC_PREFIX:
 *
 *   GET /ogc                                             landing page
 *   GET /ogc/conformance                                 core, geojson
 *   GET /ogc/collections                                 observations, line-of-contact, zones
 *   GET /ogc/collections/{collectionId}                  one collection, with its extent
 *   GET /ogc/collections/{collectionId}/items            bbox, datetime, limit, next links
 *   GET /ogc/collections/{collectionId}/items/{featureId}
 *
 * `observations` holds what the caller may see (authz.observationVisibility: anonymous callers
 * see public records only; a hidden record answers 404 like a missing one). `line-of-contact` and
 * `zones` are the bound agreement's geography (agreement-features.ts). There is no `incidents`
 * collection yet: the store has no incidents.
 *
 * Features are served as application/geo+json, or application/json when asked for by Accept or
 * `f=json`; the other documents as application/json. Errors are problem+json (src/server/problem.ts).
 *
 * Register with: app.register(ogcRoutes, { prefix: OGC_PREFIX, store, agreement })
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Agreement } from '../../domain/agreement/schema.js';
import { TrucelineError } from '../../domain/errors.js';
import type { Store } from '../../store/port.js';
import { canSeeObservation, observationVisibility } from '../authz.js';
import { DOCS_PREFIX } from '../openapi.js';
import { QueryCache } from '../query-cache.js';
import { problems } from '../schemas.js';
import { lineOfContactFeatures, missionAreaBbox, zoneFeatures, type StaticFeature } from './agreement-features.js';
import { collectionDocument, collectionsDocument, conformance, GEOJSON, JSON_TYPE, landingPage, type CollectionFacts, type Link } from './documents.js';
import { bboxOf, intersectsBbox } from './geometry.js';
import { observationFeature, observationItems } from './observation-items.js';
import { DEFAULT_LIMIT, documentQuerySchema, intervalOverlaps, itemsQuerySchema, type ItemsQuery } from './params.js';

export { OGC_PREFIX, OGC_ROUTES } from './route-list.js';

export interface OgcOptions {
  readonly store: Store;
  readonly agreement: Agreement;
}

interface StaticCollection {
  readonly facts: CollectionFacts;
  readonly features: readonly StaticFeature[];
  readonly validFromMs: number;
}

const TAGS = ['ogc-api-features'];
const collectionIdParam = z.string().min(1).max(64).meta({ description: 'observations, line-of-contact or zones' });
const featureIdParam = z.string().min(1).max(256);
const anyJson = z.record(z.string(), z.unknown());
/** Bodies are built as JSON text here; fastify sends a string as it is. */
const asText = () => (data: unknown) => (typeof data === 'string' ? data : JSON.stringify(data));

function notAcceptable(accept: string): Error {
  return Object.assign(new Error(`cannot answer with any of: ${accept.slice(0, 200)}; this API serves application/geo+json and application/json`), { statusCode: 406 });
}

/**
 * The media type to answer with: `f` wins, then Accept (a type we serve, or a wildcard), else
 * the default. Features default to GeoJSON; other documents are JSON.
 */
function negotiate(request: FastifyRequest, f: 'json' | 'geojson' | undefined, features: boolean): string {
  if (f === 'json') return JSON_TYPE;
  if (f === 'geojson') return features ? GEOJSON : JSON_TYPE;
  const preferred = features ? GEOJSON : JSON_TYPE;
  const accept = request.headers.accept;
  if (!accept) return preferred;
  const types = accept.split(',').map((t) => t.split(';')[0]!.trim().toLowerCase());
  if (types.includes(preferred) || types.some((t) => t === '*/*' || t === 'application/*')) return preferred;
  if (types.includes(JSON_TYPE) || types.includes(GEOJSON)) return JSON_TYPE === preferred ? GEOJSON : JSON_TYPE;
  throw notAcceptable(accept);
}

function send(reply: FastifyReply, type: string, body: unknown): FastifyReply {
  return reply.type(type).send(typeof body === 'string' ? body : JSON.stringify(body));
}

function withParam(href: string, key: string, value: string | null): string {
  const u = new URL(href);
  if (value === null) u.searchParams.delete(key);
  else u.searchParams.set(key, value);
  return u.toString();
}

/** self, the other encoding as alternate, and next when there is one (OGC 17-069r4 §7.15.6). */
function pageLinks(selfHref: string, type: string, collectionHref: string, nextCursor: string | null): Link[] {
  const other = type === GEOJSON ? JSON_TYPE : GEOJSON;
  const links: Link[] = [
    { href: selfHref, rel: 'self', type, title: 'This page' },
    { href: withParam(selfHref, 'f', other === GEOJSON ? 'geojson' : 'json'), rel: 'alternate', type: other, title: 'This page as ' + other },
    { href: collectionHref, rel: 'collection', type: JSON_TYPE, title: 'The collection' },
  ];
  if (nextCursor !== null) links.push({ href: withParam(selfHref, 'cursor', nextCursor), rel: 'next', type, title: 'Next page' });
  return links;
}

export async function ogcRoutes(app: FastifyInstance, opts: OgcOptions): Promise<void> {
  const { store, agreement } = opts;
  const validFrom = `${agreement.effectiveFrom}T00:00:00Z`;
  const validFromMs = Date.parse(validFrom);
  const cache = new QueryCache();
  let statics: Map<string, StaticCollection> | null = null;
  let observationFacts: CollectionFacts | null = null;

  /** Built on first use: drawing the security zone takes a moment, and the agreement never changes under a running server. */
  function collections(): { observations: CollectionFacts; statics: Map<string, StaticCollection> } {
    if (!statics || !observationFacts) {
      const line = lineOfContactFeatures(agreement);
      const zones = zoneFeatures(agreement);
      const interval = [validFrom, null] as const;
      statics = new Map([
        ['line-of-contact', { features: line, validFromMs, facts: { id: 'line-of-contact', title: 'Line of contact', description: `The line of contact of agreement ${agreement.id} version ${agreement.version}, in force from ${agreement.effectiveFrom}.`, bbox: bboxOf(line.map((f) => f.geometry))!, interval } }],
        ['zones', { features: zones, validFromMs, facts: { id: 'zones', title: 'Zones of the agreement', description: 'The security zone, disengagement areas, no-fly areas and maritime corridors; `kind` says which.', bbox: bboxOf(zones.map((f) => f.geometry))!, interval } }],
      ]);
      observationFacts = {
        id: 'observations',
        title: 'Observations',
        description:
          'Reports as filed (monitors, sensors, parties, open sources) that the caller may see: anonymous callers see public records only. The geometry is the representative point of the reported place; the extent is the mission area, not the bounds of the stored records.',
        bbox: missionAreaBbox(agreement, zones),
        interval: [validFrom, null],
      };
    }
    return { observations: observationFacts, statics };
  }

  function facts(id: string): CollectionFacts {
    const c = collections();
    const found = id === 'observations' ? c.observations : c.statics.get(id)?.facts;
    if (!found) throw new TrucelineError('NOT_FOUND', `no collection '${id}'; the collections are observations, line-of-contact and zones`);
    return found;
  }

  const origin = (request: FastifyRequest) => `${request.protocol}://${request.host}`;
  const base = (request: FastifyRequest) => origin(request) + app.prefix;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const doc = { tags: TAGS, querystring: documentQuerySchema, response: { 200: anyJson, ...problems(400, 404, 406) } };

  // The landing page, at the prefix and at the prefix with a slash (OWSLib asks for `/ogc/`): two
  // routes, so the route list, the authorisation table and the OpenAPI document all see both.
  for (const [url, prefixTrailingSlash] of [['', 'no-slash'], ['/', 'slash']] as const) {
    r.get(url, { prefixTrailingSlash, schema: { ...doc, summary: 'OGC API – Features landing page' }, serializerCompiler: asText }, async (request, reply) => {
      const type = negotiate(request, request.query.f, false);
      return send(reply, type, landingPage(base(request), { json: `${origin(request)}${DOCS_PREFIX}/json`, html: `${origin(request)}${DOCS_PREFIX}` }));
    });
  }

  r.get('/conformance', { schema: { ...doc, summary: 'OGC API – Features conformance classes' }, serializerCompiler: asText }, async (request, reply) => {
    return send(reply, negotiate(request, request.query.f, false), conformance());
  });

  r.get('/collections', { schema: { ...doc, summary: 'OGC API – Features collections' }, serializerCompiler: asText }, async (request, reply) => {
    const c = collections();
    return send(reply, negotiate(request, request.query.f, false), collectionsDocument(base(request), [c.observations, ...[...c.statics.values()].map((s) => s.facts)]));
  });

  r.get(
    '/collections/:collectionId',
    { schema: { ...doc, summary: 'One OGC API – Features collection', params: z.object({ collectionId: collectionIdParam }) }, serializerCompiler: asText },
    async (request, reply) => send(reply, negotiate(request, request.query.f, false), collectionDocument(base(request), facts(request.params.collectionId))),
  );

  r.get(
    '/collections/:collectionId/items',
    {
      schema: {
        tags: TAGS,
        summary: 'Features of a collection (GeoJSON FeatureCollection), filtered by bbox and datetime, paged by limit and next links',
        params: z.object({ collectionId: collectionIdParam }),
        querystring: itemsQuerySchema,
        response: { 200: anyJson, ...problems(400, 401, 403, 404, 406) },
      },
      serializerCompiler: asText,
    },
    async (request, reply) => {
      const id = request.params.collectionId;
      const collectionHref = `${base(request)}/collections/${id}`;
      facts(id);
      const q = request.query;
      const type = negotiate(request, q.f, true);
      const selfHref = origin(request) + request.url;
      if (id !== 'observations') return send(reply, type, staticPage(collections().statics.get(id)!, q, selfHref, type, collectionHref));

      const visibleTo = observationVisibility(request.principal);
      const size = await store.ledger.size();
      const key = `${visibleTo.mission ? 'mission' : `party:${visibleTo.party ?? '-'}`}|${type}|${selfHref}`;
      const cached = cache.get(key, size);
      if (cached !== null) return send(reply, type, cached);
      const page = await observationItems(store, { bbox: q.bbox, interval: q.datetime, limit: q.limit ?? DEFAULT_LIMIT, cursor: q.cursor, visibleTo });
      const body = JSON.stringify({
        type: 'FeatureCollection',
        features: page.items.map(observationFeature),
        links: pageLinks(selfHref, type, collectionHref, page.nextCursor),
        numberReturned: page.items.length,
      });
      cache.set(key, size, body);
      return send(reply, type, body);
    },
  );

  r.get(
    '/collections/:collectionId/items/:featureId',
    {
      schema: {
        tags: TAGS,
        summary: 'One feature (GeoJSON Feature)',
        params: z.object({ collectionId: collectionIdParam, featureId: featureIdParam }),
        querystring: documentQuerySchema,
        response: { 200: anyJson, ...problems(401, 403, 404, 406) },
      },
      serializerCompiler: asText,
    },
    async (request, reply) => {
      const { collectionId: id, featureId } = request.params;
      const collectionHref = `${base(request)}/collections/${id}`;
      facts(id);
      const type = negotiate(request, request.query.f, true);
      let feature: object | undefined;
      if (id === 'observations') {
        const stored = await store.getObservation(featureId);
        // A record the caller may not see answers exactly like one that does not exist.
        if (stored && canSeeObservation(request.principal, stored.observation)) feature = observationFeature(stored);
      } else {
        feature = collections().statics.get(id)!.features.find((f) => f.id === featureId);
      }
      if (!feature) throw new TrucelineError('NOT_FOUND', `no feature '${featureId}' in collection '${id}'`);
      const links: Link[] = [
        { href: `${collectionHref}/items/${encodeURIComponent(featureId)}`, rel: 'self', type },
        { href: collectionHref, rel: 'collection', type: JSON_TYPE },
      ];
      return send(reply, type, { ...feature, links });
    },
  );
}

/** A page of a small in-memory collection; the cursor is the offset of the page's first feature. */
function staticPage(c: StaticCollection, q: ItemsQuery, selfHref: string, type: string, collectionHref: string) {
  let offset = 0;
  if (q.cursor !== undefined) {
    if (!/^\d{1,6}$/.test(q.cursor)) throw new TrucelineError('VALIDATION', `cursor '${q.cursor}' is not one this server issued`, [{ path: 'query.cursor', reason: 'not a cursor this server issued' }]);
    offset = Number(q.cursor);
  }
  const inForce = !q.datetime || intervalOverlaps(q.datetime, c.validFromMs, Number.MAX_SAFE_INTEGER);
  const matched = inForce ? c.features.filter((f) => !q.bbox || intersectsBbox(f.geometry, q.bbox)) : [];
  const limit = q.limit ?? DEFAULT_LIMIT;
  const features = matched.slice(offset, offset + limit);
  const next = offset + limit < matched.length ? String(offset + limit) : null;
  return {
    type: 'FeatureCollection',
    features,
    links: pageLinks(selfHref, type, collectionHref, next),
    numberMatched: matched.length,
    numberReturned: features.length,
  };
}
