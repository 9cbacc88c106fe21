/**
 * GET /api/v1/incidents/grid: how many incidents fall in each cell of a regular longitude/latitude
 * grid over the map box, for the dashboard's low zooms, where a theatre of a hundred thousand
 * incidents would otherwise be a hundred thousand features. The answer is a few kilobytes
 * however many incidents match.
 *
 * The counting is src/app/incident-grid.ts (an in-memory column copy of the incidents' filter
 * fields, following every change by ledger index). The filters are the list route's
 * (routes/incidents.ts) and so are the compartments: a caller counts only the incidents it could
 * list (src/server/authz.ts observationVisibility), so a liaison never counts the other party's
 * confidential incidents and the public counts the public ones.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Agreement } from '../../domain/agreement/index.js';
import { TrucelineError } from '../../domain/errors.js';
import {
  incidentColumnsOf,
  incidentGridFromPages,
  type IncidentGridCell,
  type IncidentGridQuery,
} from '../../app/incident-grid.js';
import { defaultCell, gridSpan, MAX_GRID_CELLS } from '../../app/observation-grid.js';
import type { Store } from '../../store/port.js';
import { observationVisibility } from '../authz.js';
import { answerNotModified, answerTag, compartmentKey, type QueryCache } from '../query-cache.js';
import { problems } from '../schemas.js';
import { gridCollectionJson, gridQuerySchema } from './observations-grid.js';
import { incidentQuerySchema } from './incidents.js';
import { plainJson } from './observations.js';

export const incidentGridQuerySchema = z.strictObject({
  bbox: incidentQuerySchema.shape.bbox,
  from: incidentQuerySchema.shape.from,
  to: incidentQuerySchema.shape.to,
  status: incidentQuerySchema.shape.status,
  party: incidentQuerySchema.shape.party,
  side: incidentQuerySchema.shape.side,
  provision: incidentQuerySchema.shape.provision,
  event: incidentQuerySchema.shape.event,
  weapon: incidentQuerySchema.shape.weapon,
  cell: gridQuerySchema.shape.cell,
});

const incidentGridCollectionSchema = z
  .object({
    type: z.literal('FeatureCollection'),
    cellDegrees: z.number(),
    numberMatched: z.number().int(),
    features: z.array(
      z.object({
        type: z.literal('Feature'),
        id: z.string(),
        geometry: z.object({ type: z.literal('Point'), coordinates: z.array(z.number()) }),
        properties: z.object({
          count: z.number().int(),
          cell: z.array(z.number()),
          statuses: z.record(z.string(), z.number().int()),
        }),
      }),
    ),
  })
  .meta({
    id: 'IncidentGrid',
    description:
      'Incident counts per grid cell (RFC 7946 FeatureCollection): one Point per non-empty cell at the mean location of its incidents, with `count`, the cell box `cell` (west,south,east,north) and the counts by verification status',
  });

export function registerIncidentGridRoute(
  app: FastifyInstance,
  deps: { store: Store; agreement: Agreement; cache: QueryCache },
): void {
  const columns = incidentColumnsOf(deps.store);
  if (columns) {
    // Load the columns as the server starts, so the first map does not wait for them; a failure
    // here is retried by the first request.
    app.addHook('onReady', async () => {
      void (async () => columns.sync(await deps.store.ledger.size()))().catch(() => undefined);
    });
  }
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/v1/incidents/grid', {
    schema: {
      summary: 'Incident counts per grid cell over a box, for maps at low zoom',
      description:
        'Counts the incidents the caller may see (as GET /api/v1/incidents would list them, filtered the same way, each at its location) in the cells of a global grid of `cell` degrees over the box. ' +
        'The answer carries an ETag (the ledger size and the query); send it back in If-None-Match to get 304 while nothing changed.',
      tags: ['incidents'],
      querystring: incidentGridQuerySchema,
      response: { 200: incidentGridCollectionSchema, ...problems(400, 401, 403) },
    },
    serializerCompiler: plainJson,
    handler: async (request, reply) => {
      const q = request.query;
      const bbox = q.bbox ?? ([-180, -90, 180, 90] as const);
      const cell = q.cell ?? defaultCell(bbox);
      const { nx, ny } = gridSpan(bbox, cell);
      if (nx * ny > MAX_GRID_CELLS) {
        throw new TrucelineError(
          'VALIDATION',
          `the box holds ${nx} × ${ny} cells of ${cell}°; at most ${MAX_GRID_CELLS}: choose a larger cell`,
          [{ path: 'query.cell', reason: `at most ${MAX_GRID_CELLS} cells over the box` }],
        );
      }
      const visibleTo = observationVisibility(request.principal);
      const size = await deps.store.ledger.size();
      const key = `${compartmentKey(visibleTo)}|${request.url}`;
      if (answerNotModified(request, reply, answerTag(size, key))) return reply;
      reply.type('application/geo+json');
      const cached = deps.cache.get(key, size);
      if (cached !== null) return reply.send(cached as never);
      // `side`: the parties of that side of the line, narrowed by `party` when both are given.
      const sideParties = q.side
        ? deps.agreement.parties.filter((p) => p.side === q.side).map((p) => p.id)
        : null;
      const parties =
        sideParties && q.party
          ? q.party.filter((p) => sideParties.includes(p))
          : (sideParties ?? q.party);
      let cells: IncidentGridCell[] = [];
      // Both `side` and `party` given with no party in common: nothing matches.
      if (!(parties && parties.length === 0)) {
        const gq: IncidentGridQuery = {
          bbox,
          cell,
          from: q.from,
          to: q.to,
          statuses: q.status,
          parties: parties ?? undefined,
          provision: q.provision,
          events: q.event,
          weapons: q.weapon,
          visibleTo,
        };
        if (columns) {
          await columns.sync(size);
          cells = columns.grid(gq);
        } else cells = await incidentGridFromPages(deps.store, gq);
      }
      const body = gridCollectionJson(cells, cell, (c) => ({ statuses: c.statuses }));
      deps.cache.set(key, size, body);
      return reply.send(body as never);
    },
  });
}
