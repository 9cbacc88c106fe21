import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Store } from '../../store/port.js';
import { problemType, sendProblem } from '../problem.js';
import { problems } from '../schemas.js';
import { classifyStoreError, RETRY_AFTER_S, STORE_PROBLEM, type StoreUnavailable } from '../store-errors.js';

/** How long /readyz waits for the store before it answers 503 (ms). */
export const READY_TIMEOUT_MS = 2000;

class ReadinessTimeout extends Error {
  constructor(ms: number) {
    super(`the store did not answer within ${ms} ms`);
  }
}

export function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ReadinessTimeout(ms)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Liveness and readiness, for process supervisors and load balancers (docs/DEPLOYMENT.md):
 * - `GET /healthz`: the process is alive and its event loop turns; touches no database, so a
 *   database outage does not get healthy servers restarted.
 * - `GET /readyz`: the store answers a trivial query and the ledger's size within `timeoutMs`;
 *   otherwise 503 with Retry-After and a problem body, so the balancer sends traffic elsewhere.
 */
export function registerHealthRoute(app: FastifyInstance, store: Store, opts: { timeoutMs?: number } = {}): void {
  const timeoutMs = opts.timeoutMs ?? READY_TIMEOUT_MS;
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/healthz', {
    schema: { summary: 'Liveness: 200 while the process answers (no database access)', tags: ['health'], response: { 200: z.object({ status: z.literal('ok') }) } },
    config: { rateLimit: false },
    handler: async () => ({ status: 'ok' as const }),
  });
  r.get('/readyz', {
    schema: {
      summary: 'Readiness: 200 while the store answers; 503 with Retry-After when it does not',
      tags: ['health'],
      response: { 200: z.object({ status: z.literal('ready'), store: z.enum(['sqlite', 'postgres']), ledgerSize: z.number().int() }), ...problems(503) },
    },
    config: { rateLimit: false },
    handler: async (request, reply) => {
      try {
        const ledgerSize = await withTimeout(
          (async () => {
            await store.getMeta('readyz');
            return store.ledger.size();
          })(),
          timeoutMs,
        );
        return { status: 'ready' as const, store: store.kind, ledgerSize };
      } catch (err) {
        const down: StoreUnavailable = classifyStoreError(err) ?? { kind: 'unavailable', code: err instanceof ReadinessTimeout ? 'timeout' : 'error', retryAfterS: RETRY_AFTER_S.unavailable };
        request.log.warn({ storeError: down.code, condition: down.kind, reason: (err as Error)?.message }, 'not ready');
        reply.header('retry-after', String(down.retryAfterS));
        return sendProblem(reply, {
          type: problemType(down.kind),
          title: STORE_PROBLEM[down.kind].title,
          status: 503,
          detail: `not ready: the store did not answer (${down.code})`,
          instance: `${request.url.split('?')[0]!.slice(0, 512)}#${request.id}`,
        });
      }
    },
  });
}
