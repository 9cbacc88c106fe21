import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Store } from '../../store/port.js';

/** Liveness and a little readiness: answers 200 while the store answers. */
export function registerHealthRoute(app: FastifyInstance, store: Store): void {
  app.withTypeProvider<ZodTypeProvider>().get('/healthz', {
    schema: { summary: 'Liveness: 200 while the server and its store answer', tags: ['health'], response: { 200: z.object({ status: z.literal('ok'), ledgerSize: z.number().int() }) } },
    config: { rateLimit: false },
    handler: async () => ({ status: 'ok' as const, ledgerSize: await store.ledger.size() }),
  });
}
