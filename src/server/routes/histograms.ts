/**
 * The timeline's bars: how many observations, or incidents, start in each time bin.
 *   GET /api/v1/observations/histogram   one pass over the column copy of the observations'
 *                                        filter fields the map grid keeps (src/app/observation-grid.ts)
 *   GET /api/v1/incidents/histogram      through the store's incident query (src/app/incident-histogram.ts)
 * A caller counts only what it could list (src/server/authz.ts observationVisibility): a liaison
 * never counts the other party's confidential filings. Answers are cached per (compartment, URL)
 * for one ledger size and carry an ETag of the three, as the grid's are (src/server/query-cache.ts).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { incidentHistogram } from '../../app/incident-histogram.js';
import { columnsOf } from '../../app/observation-grid.js';
import {
  binStarts,
  DEFAULT_BINS,
  MAX_BINS,
  observationHistogram,
  type TimeHistogram,
} from '../../app/time-histogram.js';
import type { Agreement } from '../../domain/agreement/index.js';
import { TrucelineError } from '../../domain/errors.js';
import { observedWindow } from '../../domain/observation/types.js';
import type { Store } from '../../store/port.js';
import { observationVisibility } from '../authz.js';
import { answerNotModified, answerTag, compartmentKey, type QueryCache } from '../query-cache.js';
import { observationQuerySchema, problems } from '../schemas.js';
import { incidentQuerySchema } from './incidents.js';
import { plainJson } from './observations.js';

const bins = z.coerce
  .number()
  .int()
  .min(1)
  .max(MAX_BINS)
  .default(DEFAULT_BINS)
  .meta({
    description: `at most this many bins (1-${MAX_BINS}, default ${DEFAULT_BINS}); the bin width is the narrowest round one (15 min, 30 min, 1 h, …, 30 days) that fits`,
  });
const domainFrom = observationQuerySchema.shape.from.meta({
  description: 'start of the histogram (ISO 8601); default: the earliest start counted',
});
const domainTo = observationQuerySchema.shape.to.meta({
  description: 'end of the histogram (ISO 8601); default: the latest start counted',
});

export const observationHistogramQuerySchema = z.strictObject({
  bbox: observationQuerySchema.shape.bbox,
  from: domainFrom,
  to: domainTo,
  event: observationQuerySchema.shape.event,
  weapon: observationQuerySchema.shape.weapon,
  source: observationQuerySchema.shape.source,
  bins,
});

export const incidentHistogramQuerySchema = z.strictObject({
  bbox: incidentQuerySchema.shape.bbox,
  from: domainFrom,
  to: domainTo,
  status: incidentQuerySchema.shape.status,
  party: incidentQuerySchema.shape.party,
  side: incidentQuerySchema.shape.side,
  provision: incidentQuerySchema.shape.provision,
  event: incidentQuerySchema.shape.event,
  weapon: incidentQuerySchema.shape.weapon,
  bins,
});

const histogramSchema = z
  .object({
    start: z.string().nullable(),
    end: z.string().nullable(),
    stepMs: z.number().int(),
    counts: z.array(z.number().int()),
    total: z.number().int(),
  })
  .meta({
    id: 'TimeHistogram',
    description:
      'Counts per time bin: bin i covers [start + i × stepMs, start + (i + 1) × stepMs); each record is counted in the bin of its window’s start. `start`/`end` are null (and `counts` empty) when nothing matched and the domain was left open.',
  });

/** The domain's bounds (ms), refusing an inverted one with a problem naming `to`. */
function domainOf(q: { from?: string; to?: string }): { from?: number; to?: number } {
  const from = q.from !== undefined ? Date.parse(q.from) : undefined;
  const to = q.to !== undefined ? Date.parse(q.to) : undefined;
  if (from !== undefined && to !== undefined && from > to)
    throw new TrucelineError(
      'VALIDATION',
      `the histogram's end (${q.to}) is before its start (${q.from})`,
      [{ path: 'query.to', reason: 'must not be before from' }],
    );
  return { ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) };
}

function histogramJson(h: TimeHistogram): string {
  const iso = (ms: number) => new Date(ms).toISOString();
  return JSON.stringify({
    start: h.bins > 0 ? iso(h.start) : null,
    end: h.bins > 0 ? iso(h.start + h.bins * h.stepMs) : null,
    stepMs: h.stepMs,
    counts: h.counts,
    total: h.total,
  });
}

/**
 * Answers from the cache or with `compute`'s histogram, as JSON with an ETag of (ledger size,
 * compartment, URL); 304 when the client already holds it. Callers asking the same while it is
 * being computed wait for that computation (`inFlight`) instead of starting their own: many
 * dashboards of one compartment polling after a ledger change cost one pass.
 */
async function cachedAnswer(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: { store: Store; cache: QueryCache; inFlight: Map<string, Promise<string>> },
  compute: (ledgerSize: number) => Promise<TimeHistogram>,
) {
  const size = await deps.store.ledger.size();
  const key = `${compartmentKey(observationVisibility(request.principal))}|${request.url}`;
  if (answerNotModified(request, reply, answerTag(size, key))) return reply;
  reply.type('application/json');
  const cached = deps.cache.get(key, size);
  if (cached !== null) return reply.send(cached as never);
  const flightKey = `${size}|${key}`;
  let body = deps.inFlight.get(flightKey);
  if (!body) {
    body = compute(size).then((h) => {
      const json = histogramJson(h);
      deps.cache.set(key, size, json);
      return json;
    });
    const done = body;
    deps.inFlight.set(flightKey, done);
    void done.then(
      () => deps.inFlight.delete(flightKey),
      () => deps.inFlight.delete(flightKey),
    );
  }
  return reply.send((await body) as never);
}

export function registerHistogramRoutes(
  app: FastifyInstance,
  deps: { store: Store; agreement: Agreement; cache: QueryCache },
): void {
  const columns = columnsOf(deps.store);
  const shared = { ...deps, inFlight: new Map<string, Promise<string>>() };
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/observations/histogram', {
    schema: {
      summary: 'Observation counts per time bin, for the timeline',
      description:
        'Counts the observations the caller may see (as GET /api/v1/observations would list them, filtered the same way by box, kind, weapon and source) by the start of their window, in bins of a round width over [from, to]. ' +
        'The answer carries an ETag (the ledger size and the query); send it back in If-None-Match to get 304 while nothing changed.',
      tags: ['observations'],
      querystring: observationHistogramQuerySchema,
      response: { 200: histogramSchema, ...problems(400, 401, 403) },
    },
    serializerCompiler: plainJson,
    handler: async (request, reply) => {
      const q = request.query;
      const domain = domainOf(q);
      const visibleTo = observationVisibility(request.principal);
      const filter = {
        bbox: q.bbox,
        events: q.event,
        weapons: q.weapon,
        sourceKinds: q.source,
        visibleTo,
      };
      return cachedAnswer(request, reply, shared, async (size) => {
        if (columns) {
          await columns.sync(size);
          return observationHistogram(columns, { ...filter, ...domain, maxBins: q.bins });
        }
        return histogramFromPages(deps.store, { ...filter, ...domain, maxBins: q.bins });
      });
    },
  });

  r.get('/api/v1/incidents/histogram', {
    schema: {
      summary: 'Incident counts per time bin, for the timeline',
      description:
        'Counts the incidents the caller may see (as GET /api/v1/incidents would list them, filtered the same way) by the start of their window, in bins of a round width over [from, to]. ' +
        'Computed from every matching incident (a pass over the store’s rows), then cached until the ledger grows; the answer carries an ETag as the observation histogram’s does.',
      tags: ['incidents'],
      querystring: incidentHistogramQuerySchema,
      response: { 200: histogramSchema, ...problems(400, 401, 403) },
    },
    serializerCompiler: plainJson,
    handler: async (request, reply) => {
      const q = request.query;
      const domain = domainOf(q);
      const sideParties = q.side
        ? deps.agreement.parties.filter((p) => p.side === q.side).map((p) => p.id)
        : null;
      const parties =
        sideParties && q.party
          ? q.party.filter((p) => sideParties.includes(p))
          : (sideParties ?? q.party);
      return cachedAnswer(request, reply, shared, async () => {
        if (parties && parties.length === 0) return binStarts([], { ...domain, maxBins: q.bins });
        return incidentHistogram(deps.store, {
          bbox: q.bbox,
          statuses: q.status,
          parties: parties ?? undefined,
          provision: q.provision,
          events: q.event,
          weapons: q.weapon,
          visibleTo: observationVisibility(request.principal),
          ...domain,
          maxBins: q.bins,
        });
      });
    },
  });
}

/** For a store without the column read: the same counts from pages of the list query. */
async function histogramFromPages(
  store: Store,
  q: Parameters<typeof observationHistogram>[1],
): Promise<TimeHistogram> {
  const starts: number[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.queryObservations({
      bbox: q.bbox,
      events: q.events,
      weapons: q.weapons,
      sourceKinds: q.sourceKinds,
      visibleTo: q.visibleTo,
      cursor,
      limit: 5000,
    });
    for (const s of page.items) starts.push(Date.parse(observedWindow(s.observation).from));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return binStarts(starts, { from: q.from, to: q.to, maxBins: q.maxBins });
}
