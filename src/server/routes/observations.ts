import type { FastifyInstance, FastifySchemaCompiler } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { fileObservations, filePrepared, type FileResult } from '../../app/file-observations.js';
import { storedObservations } from '../../app/fusion/file-and-fuse.js';
import { prepareObservation } from '../../app/intake/prepare.js';
import { TrucelineError } from '../../domain/errors.js';
import { observationPoint } from '../../domain/observation/place.js';
import type { Observation } from '../../domain/observation/types.js';
import { observationSchema } from '../../domain/observation/schema.js';
import type { Store, StoredObservation } from '../../store/port.js';
import { canSeeObservation, filingRefusal, observationVisibility } from '../authz.js';
import { actorOf, type Principal } from '../principal.js';
import type { QueryCache } from '../query-cache.js';
import { featureCollectionSchema, featureSchema, intakeResponseSchema, observationQuerySchema, problems } from '../schemas.js';

export const MAX_BATCH = 10_000;

/**
 * The big answers (batch results, pages of features) are built here from typed values, so they
 * skip the zod response check and go straight to JSON.stringify: checking 10,000 results or 500
 * features a request cost more than the rest of the request (bench/http-intake.ts).
 */
export const plainJson = () => (data: unknown) => JSON.stringify(data);

/**
 * The intake body is checked only for its shape here (one object, or an array of at most 10,000);
 * each item is then validated on its own by fileObservations, so one bad item does not sink the
 * batch. The documented schema is the full observation format.
 */
export const intakeShapeValidator: FastifySchemaCompiler<unknown> = () => (data: unknown) => {
  if (Array.isArray(data)) {
    if (data.length === 0) return { error: new TrucelineError('VALIDATION', 'the batch is empty', [{ path: '', reason: 'must hold at least one observation' }]) };
    if (data.length > MAX_BATCH) {
      return { error: new TrucelineError('VALIDATION', `a batch holds at most ${MAX_BATCH} observations, got ${data.length}; split it`, [{ path: '', reason: `at most ${MAX_BATCH} items` }]) };
    }
    return { value: data };
  }
  if (data !== null && typeof data === 'object') return { value: data };
  return { error: new TrucelineError('VALIDATION', 'the body must be one observation (an object) or an array of observations', [{ path: '', reason: `must be an object or an array, got ${data === null ? 'null' : typeof data}` }]) };
};

export const intakeBodySchema = z
  .union([observationSchema, z.array(observationSchema).min(1).max(MAX_BATCH)])
  .meta({ description: 'One observation in the exchange format of docs/ARCHITECTURE.md, or an array of up to 10,000' });

/**
 * Runs after an intake batch has committed, with the observations it stored (fusion:
 * IncidentFuser.afterStored). It must not throw: the batch is stored whatever it does.
 */
export type AfterStored = (stored: readonly Observation[], nowMs: number) => Promise<unknown>;

/**
 * Files items as `principal`, applying the filing rules of authz first (a liaison files only for
 * its own party). All items that are stored commit in one transaction with their ledger events;
 * then `afterStored`, if given, sees the observations stored.
 */
export async function fileAs(store: Store, principal: Principal, items: readonly unknown[], nowMs: number, provenance?: Record<string, unknown>, afterStored?: AfterStored) {
  const refused = new Map<number, FileResult>();
  const allowed: unknown[] = [];
  const positions: number[] = [];
  items.forEach((item, index) => {
    const r = filingRefusal(principal, item);
    if (r) {
      const id = (item as { id?: unknown } | null)?.id;
      refused.set(index, { index, id: typeof id === 'string' ? id.slice(0, 128) : null, status: 'rejected', issues: [r] });
    } else {
      allowed.push(item);
      positions.push(index);
    }
  });
  const ctx = { actor: actorOf(principal), nowMs, provenance };
  const prepared = afterStored ? allowed.map((item) => prepareObservation(item, ctx)) : null;
  const filed = prepared ? await filePrepared(store, prepared, ctx) : await fileObservations(store, allowed, ctx);
  if (prepared && afterStored) await afterStored(storedObservations(prepared, filed), nowMs);
  const results: FileResult[] = items.map((_, i) => refused.get(i)!);
  filed.forEach((r, k) => (results[positions[k]!] = { ...r, index: positions[k]! }));
  const summary = { received: items.length, stored: 0, duplicate: 0, conflict: 0, rejected: 0 };
  for (const r of results) if (r.status !== 'skipped') summary[r.status]++;
  return { summary, results: results.map((r) => (r.issues ? { ...r, issues: [...r.issues] } : { ...r, issues: undefined })) };
}

export function toFeature(s: StoredObservation) {
  const [lon, lat] = observationPoint(s.observation);
  return {
    type: 'Feature' as const,
    id: s.observation.id,
    geometry: { type: 'Point' as const, coordinates: [lon, lat] },
    properties: { ...s.observation, receivedAt: s.receivedAt, ledgerIndex: s.ledgerIndex } as Record<string, unknown>,
  };
}

export function registerObservationRoutes(app: FastifyInstance, deps: { store: Store; now: () => number; cache: QueryCache; afterStored?: AfterStored }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post('/api/v1/observations', {
    schema: {
      summary: 'File one observation or a batch of up to 10,000',
      description:
        'Each item is validated and answered on its own (stored, duplicate, conflict, rejected with field errors); HTTP 200 means the request was processed, so read each result. ' +
        'All stored items of one request commit together in one transaction with their ledger events, and the answer is sent only after that commit is durable: a client that sees the answer can forget the batch; one that does not can resend it (ids make a resend harmless).',
      tags: ['observations'],
      body: intakeBodySchema,
      response: { 200: intakeResponseSchema, ...problems(400, 401, 403, 413, 415, 429) },
    },
    validatorCompiler: intakeShapeValidator,
    serializerCompiler: plainJson,
    config: { intake: true },
    handler: async (request) => {
      const body = request.body as unknown;
      const items = Array.isArray(body) ? body : [body];
      return fileAs(deps.store, request.principal, items, deps.now(), undefined, deps.afterStored);
    },
  });

  r.get('/api/v1/observations', {
    schema: {
      summary: 'Observations as GeoJSON, filtered by box, time window, kind, weapon and source',
      tags: ['observations'],
      querystring: observationQuerySchema,
      response: { 200: featureCollectionSchema, ...problems(400, 401, 403) },
    },
    serializerCompiler: plainJson,
    handler: async (request, reply) => {
      const q = request.query;
      const visibleTo = observationVisibility(request.principal);
      reply.type('application/geo+json');
      const size = await deps.store.ledger.size();
      const key = `${visibleTo.mission ? 'mission' : `party:${visibleTo.party ?? '-'}`}|${request.url}`;
      const cached = deps.cache.get(key, size);
      if (cached !== null) return reply.send(cached as never);
      let page;
      try {
        page = await deps.store.queryObservations({
          bbox: q.bbox, from: q.from, to: q.to, events: q.event, weapons: q.weapon, sourceKinds: q.source,
          cursor: q.cursor, limit: q.limit, visibleTo,
        });
      } catch (err) {
        if (q.cursor && err instanceof Error && /cursor/.test(err.message)) throw new TrucelineError('VALIDATION', err.message, [{ path: 'query.cursor', reason: 'not a cursor this server issued' }]);
        throw err;
      }
      const links = [{ rel: 'self', href: request.url, type: 'application/geo+json' }];
      if (page.nextCursor) {
        const u = new URL(request.url, 'http://x');
        u.searchParams.set('cursor', page.nextCursor);
        links.push({ rel: 'next', href: u.pathname + u.search, type: 'application/geo+json' });
      }
      const body = JSON.stringify({ type: 'FeatureCollection' as const, features: page.items.map(toFeature), links, numberReturned: page.items.length });
      deps.cache.set(key, size, body);
      // A string payload is sent as is (already JSON); the schema documents its shape.
      return reply.send(body as never);
    },
  });

  r.get('/api/v1/observations/:id', {
    schema: {
      summary: 'One observation as a GeoJSON Feature',
      tags: ['observations'],
      params: z.object({ id: z.string().min(1).max(128) }),
      response: { 200: featureSchema, ...problems(401, 403, 404) },
    },
    handler: async (request, reply) => {
      const stored = await deps.store.getObservation(request.params.id);
      // A record the caller may not see answers exactly like one that does not exist.
      if (!stored || !canSeeObservation(request.principal, stored.observation)) throw new TrucelineError('NOT_FOUND', `no observation '${request.params.id}'`);
      reply.type('application/geo+json');
      return toFeature(stored);
    },
  });
}
