import { errorCodes, type FastifyInstance, type FastifySchemaCompiler } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { fileObservations, filePrepared, type FileOpening, type FileResult } from '../../app/file-observations.js';
import { storedObservations } from '../../app/fusion/file-and-fuse.js';
import { intakeShapeIssue, MAX_BATCH, prepareBatch, type PreparedBatch } from '../../app/intake/batch.js';
import { PreparePool } from '../../app/intake/prepare-pool.js';
import { fromWire, prepareObservation, type PreparedItem } from '../../app/intake/prepare.js';
import { TrucelineError } from '../../domain/errors.js';
import { observationPoint } from '../../domain/observation/place.js';
import type { Observation } from '../../domain/observation/types.js';
import { observationSchema } from '../../domain/observation/schema.js';
import type { Store, StoredObservation } from '../../store/port.js';
import { canSeeObservation, filingRefusal, observationVisibility } from '../authz.js';
import { actorOf, type Principal } from '../principal.js';
import { answerNotModified, answerTag, compartmentKey, type QueryCache } from '../query-cache.js';
import { INTAKE_SOURCE_KINDS } from '../metrics/index.js';
import { featureCollectionSchema, featureSchema, intakeResponseSchema, observationQuerySchema, problems } from '../schemas.js';

export { MAX_BATCH };

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
  // A big body still in its text form: its shape is checked where it is parsed (batch.ts).
  if (data instanceof RawIntakeBody) return { value: data };
  const shape = intakeShapeIssue(data);
  return shape ? { error: new TrucelineError('VALIDATION', shape.message, [...shape.issues]) } : { value: data };
};

/**
 * An intake body of at least RAW_MIN_CHARS, kept as text by the route's JSON parser and parsed,
 * checked and prepared on a worker thread (src/app/intake/batch.ts): for batches of thousands,
 * parsing and validating on the main thread cost as much as storing them.
 */
export class RawIntakeBody {
  constructor(readonly text: string) {}
}
const RAW_MIN_CHARS = 32 * 1024;
/**
 * Bodies that might hold `__proto__` or `constructor` keys (or escapes that could spell them)
 * take fastify's own parser, which refuses them: the worker's plain JSON.parse would not.
 */
const MAYBE_POISONED = /__proto__|constructor|\\u/;

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
 * its own party). All items that are stored commit in one transaction with their ledger events
 * (and with what `opening` records first, FileContext.opening); then `afterStored`, if given, sees
 * the observations stored.
 */
export async function fileAs(store: Store, principal: Principal, items: readonly unknown[], nowMs: number, opening?: FileOpening, afterStored?: AfterStored) {
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
  const ctx = { actor: actorOf(principal), nowMs, opening };
  const prepared = afterStored ? allowed.map((item) => prepareObservation(item, ctx)) : null;
  const filed = prepared ? await filePrepared(store, prepared, ctx) : await fileObservations(store, allowed, ctx);
  if (prepared && afterStored) await afterStored(storedObservations(prepared, filed), nowMs);
  return answer(items.length, refused, positions, filed, items.map((item) => sourceKindOf((item as { source?: unknown } | null)?.source)));
}

/**
 * fileAs for a body prepared on a worker (RawIntakeBody): the same filing rules, results and
 * problems. The filing rules read only each item's source kind and party, which the worker
 * hands back with the prepared item.
 */
export async function fileBatchAs(store: Store, principal: Principal, batch: PreparedBatch, nowMs: number, afterStored?: AfterStored) {
  // The very errors the main-thread path gives: fastify's for unparsable JSON, the shape validator's.
  if (batch.kind === 'invalid-json') throw new errorCodes.FST_ERR_CTP_INVALID_JSON_BODY();
  if (batch.kind === 'bad-shape') throw new TrucelineError('VALIDATION', batch.message, [...batch.issues]);
  const refused = new Map<number, FileResult>();
  const allowed: PreparedItem[] = [];
  const positions: number[] = [];
  batch.items.forEach((item, index) => {
    const r = filingRefusal(principal, { source: item.source ?? undefined });
    if (r) refused.set(index, { index, id: item.id, status: 'rejected', issues: [r] });
    else {
      allowed.push(fromWire(item.wire));
      positions.push(index);
    }
  });
  const filed = await filePrepared(store, allowed, { actor: actorOf(principal), nowMs });
  if (afterStored) await afterStored(storedObservations(allowed, filed), nowMs);
  return answer(batch.items.length, refused, positions, filed, batch.items.map((item) => sourceKindOf(item.source)));
}

/** The source kind an item declared (for the intake metrics), or null. */
function sourceKindOf(source: unknown): string | null {
  const kind = (source as { kind?: unknown } | null | undefined)?.kind;
  return typeof kind === 'string' ? kind : null;
}

/** The intake answer: per-item results in request order, and their counts. */
function answer(count: number, refused: ReadonlyMap<number, FileResult>, positions: readonly number[], filed: readonly FileResult[], kinds: readonly (string | null)[]) {
  const results: FileResult[] = Array.from({ length: count }, (_, i) => refused.get(i)!);
  filed.forEach((r, k) => (results[positions[k]!] = { ...r, index: positions[k]! }));
  const summary = { received: count, stored: 0, duplicate: 0, conflict: 0, rejected: 0 };
  for (const r of results) if (r.status !== 'skipped') summary[r.status]++;
  // The source kinds ride along under a symbol key: the metrics hook reads them, JSON never shows them.
  return { summary, results: results.map((r) => (r.issues ? { ...r, issues: [...r.issues] } : { ...r, issues: undefined })), [INTAKE_SOURCE_KINDS]: kinds };
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
  // Started at the first big intake body, so servers that never see one start no thread.
  let pool: PreparePool | null = null;
  app.addHook('onClose', async () => pool?.close());
  const prepare = async (text: string, nowMs: number): Promise<PreparedBatch> => {
    pool ??= new PreparePool();
    try {
      return await pool.prepareBatch(text, { nowMs });
    } catch {
      // A worker that died answers nothing more: drop the pool (the next body starts another) and prepare here.
      const dead = pool;
      pool = null;
      void dead.close();
      return prepareBatch(text, { nowMs });
    }
  };
  // The intake route parses JSON bodies itself: big ones stay text for the worker (RawIntakeBody).
  void app.register(async (intake) => {
    const defaultJson = intake.getDefaultJsonParser('error', 'error');
    intake.removeContentTypeParser('application/json');
    intake.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
      const text = body as string;
      if (text.length >= RAW_MIN_CHARS && !MAYBE_POISONED.test(text)) done(null, new RawIntakeBody(text));
      else defaultJson(request, text, done);
    });
    registerIntakeRoute(intake, deps, prepare);
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
      const size = await deps.store.ledger.size();
      const key = `${compartmentKey(visibleTo)}|${request.url}`;
      if (answerNotModified(request, reply, answerTag(size, key))) return reply;
      reply.type('application/geo+json');
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

/** POST /api/v1/observations, in the context whose JSON parser keeps big bodies as text. */
function registerIntakeRoute(app: FastifyInstance, deps: { store: Store; now: () => number; afterStored?: AfterStored }, prepare: (text: string, nowMs: number) => Promise<PreparedBatch>): void {
  app.withTypeProvider<ZodTypeProvider>().post('/api/v1/observations', {
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
      const nowMs = deps.now();
      if (body instanceof RawIntakeBody) return fileBatchAs(deps.store, request.principal, await prepare(body.text, nowMs), nowMs, deps.afterStored);
      const items = Array.isArray(body) ? body : [body];
      return fileAs(deps.store, request.principal, items, nowMs, undefined, deps.afterStored);
    },
  });
}
