/**
 * GET /api/v1/observations/grid: how many observations fall in each cell of a regular
 * longitude/latitude grid over the map box, for the dashboard's low zooms. A map of the whole
 * theatre over a million observations needs a few hundred counts, not tens of thousands of
 * features: the answer is a few kilobytes however many observations match.
 *
 * The counting is src/app/observation-grid.ts (an in-memory column copy of the observations'
 * filter fields, followed as the ledger grows). Compartments are the list route's: a caller
 * counts only the observations it could list (src/server/authz.ts observationVisibility).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { TrucelineError } from '../../domain/errors.js';
import {
  defaultCell,
  gridFromPages,
  gridSpan,
  MAX_GRID_CELLS,
  columnsOf,
  type GridCell,
  type GridQuery,
} from '../../app/observation-grid.js';
import type { Store } from '../../store/port.js';
import { observationVisibility } from '../authz.js';
import { answerNotModified, answerTag, compartmentKey, type QueryCache } from '../query-cache.js';
import { observationQuerySchema, problems } from '../schemas.js';
import { plainJson } from './observations.js';

export const gridQuerySchema = z.strictObject({
  bbox: observationQuerySchema.shape.bbox,
  from: observationQuerySchema.shape.from,
  to: observationQuerySchema.shape.to,
  event: observationQuerySchema.shape.event,
  weapon: observationQuerySchema.shape.weapon,
  source: observationQuerySchema.shape.source,
  cell: z.coerce
    .number()
    .min(1 / 4096)
    .max(45)
    .optional()
    .meta({
      description:
        'cell size in degrees (both axes); default: a power of two giving about 64 columns across the box',
    }),
});

const gridCollectionSchema = z
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
          events: z.record(z.string(), z.number().int()),
        }),
      }),
    ),
  })
  .meta({
    id: 'ObservationGrid',
    description:
      'Observation counts per grid cell (RFC 7946 FeatureCollection): one Point per non-empty cell at the mean point of its observations, with `count`, the cell box `cell` (west,south,east,north) and the counts by event kind',
  });

const round = (v: number) => Math.round(v * 1e5) / 1e5;

/**
 * A grid answer: one GeoJSON point per cell (at the mean place of what it counts) with the count,
 * the cell's box and `more` properties, and the total as numberMatched. Shared by the
 * observation and incident grids.
 */
export function gridCollectionJson<
  C extends { gx: number; gy: number; lon: number; lat: number; count: number },
>(cells: readonly C[], cell: number, more: (c: C) => Record<string, unknown>): string {
  let matched = 0;
  const features = cells.map((c) => {
    matched += c.count;
    const w = -180 + c.gx * cell;
    const s = -90 + c.gy * cell;
    return {
      type: 'Feature' as const,
      id: `${c.gx}:${c.gy}`,
      geometry: { type: 'Point' as const, coordinates: [round(c.lon), round(c.lat)] },
      properties: {
        count: c.count,
        cell: [round(w), round(s), round(w + cell), round(s + cell)],
        ...more(c),
      },
    };
  });
  return JSON.stringify({
    type: 'FeatureCollection',
    cellDegrees: cell,
    numberMatched: matched,
    features,
  });
}

export function registerObservationGridRoute(
  app: FastifyInstance,
  deps: { store: Store; cache: QueryCache },
): void {
  const columns = columnsOf(deps.store);
  if (columns) {
    // Load the columns as the server starts, so the first map does not wait for them; a failure
    // here is retried by the first request.
    app.addHook('onReady', async () => {
      void (async () => columns.sync(await deps.store.ledger.size()))().catch(() => undefined);
    });
  }
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/v1/observations/grid', {
    schema: {
      summary: 'Observation counts per grid cell over a box, for maps at low zoom',
      description:
        'Counts the observations the caller may see (as GET /api/v1/observations would list them, filtered the same way, each by its representative point) in the cells of a global grid of `cell` degrees over the box. ' +
        'The answer carries an ETag (the ledger size and the query); send it back in If-None-Match to get 304 while nothing changed.',
      tags: ['observations'],
      querystring: gridQuerySchema,
      response: { 200: gridCollectionSchema, ...problems(400, 401, 403) },
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
      const gq: GridQuery = {
        bbox,
        cell,
        from: q.from,
        to: q.to,
        events: q.event,
        weapons: q.weapon,
        sourceKinds: q.source,
        visibleTo,
      };
      let cells: GridCell[];
      if (columns) {
        await columns.sync(size);
        cells = columns.grid(gq);
      } else cells = await gridFromPages(deps.store, gq);
      const body = gridCollectionJson(cells, cell, (c) => ({ events: c.events }));
      deps.cache.set(key, size, body);
      return reply.send(body as never);
    },
  });
}
