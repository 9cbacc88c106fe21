/**
 * Freedom of movement over HTTP: GET /api/v1/restrictions/summary counts the restrictions the
 * monitors met (observations with `event: "restriction"`, src/domain/movement) per party and per
 * kind over a period [from, to), from the observations the caller may see, so a liaison's counts
 * never include the other party's confidential filings.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { summariseRestrictions } from '../../app/restrictions/index.js';
import type { Store } from '../../store/port.js';
import { observationVisibility } from '../authz.js';
import { problems } from '../schemas.js';
import { plainJson } from './observations.js';

const kindCounts = z.record(z.string(), z.number().int());

const summarySchema = z
  .object({
    from: z.string(),
    to: z.string(),
    total: z.number().int(),
    byKind: kindCounts,
    byParty: z.record(z.string(), z.object({ total: z.number().int(), byKind: kindCounts })),
  })
  .meta({
    id: 'RestrictionSummary',
    description:
      'Restrictions of freedom of movement that began in [from, to), per kind (denied_passage, escort_required, area_mined, uav_jammed, uav_shot_at, other) and per party named (`unattributed` for none)',
  });

export function registerRestrictionRoutes(
  app: FastifyInstance,
  deps: { store: Store; now: () => number },
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/v1/restrictions/summary', {
    schema: {
      summary: 'Restrictions of freedom of movement, counted per party and kind over a period',
      description: 'Default period: the 24 hours before now.',
      tags: ['observations'],
      querystring: z.strictObject({
        from: z.iso.datetime({ offset: true }).optional(),
        to: z.iso.datetime({ offset: true }).optional(),
      }),
      response: { 200: summarySchema, ...problems(400, 401, 403) },
    },
    serializerCompiler: plainJson,
    handler: async (request) => {
      const to = request.query.to ?? new Date(deps.now()).toISOString();
      const from = request.query.from ?? new Date(Date.parse(to) - 86_400_000).toISOString();
      return summariseRestrictions(
        deps.store,
        { from, to },
        observationVisibility(request.principal),
      );
    },
  });
}
