import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { IdentityDeps } from '../../app/identity/context.js';
import { fileGatewayBatch } from '../../app/identity/gateway.js';
import { gatewayEnvelopeSchema } from '../../app/identity/gateway-envelope.js';
import type { Store } from '../../store/port.js';
import type { Principal } from '../principal.js';
import { intakeResponseSchema, problems } from '../schemas.js';
import { fileAs, plainJson, type AfterStored } from './observations.js';

/**
 * The envelope's shape (src/app/identity/gateway-envelope.ts, shared with the NATS ingest) is
 * validated here; the observations inside are validated one by one after the signature holds (so
 * nothing about an unsigned batch is judged beyond its shape).
 */
export function registerGatewayRoutes(app: FastifyInstance, deps: { identity: IdentityDeps; store: Store; now: () => number; windowMs: number; afterStored?: AfterStored }): void {
  app.withTypeProvider<ZodTypeProvider>().post('/api/v1/gateway/batches', {
    schema: {
      summary: 'A signed batch of sensor detections from a registered gateway',
      description:
        'Rejected whole with 401 for an unknown or revoked device or a bad signature, 400 for a timestamp outside ±5 minutes, 409 for a nonce already used for a different batch (a replay). ' +
        'An accepted batch is recorded as `gateway.batch_accepted` (device, nonce, timestamp, signature, SHA-256 of the signed bytes) in the same transaction as its observations, and every stored observation keeps that provenance; items are then answered one by one as on POST /api/v1/observations. ' +
        'The same signed batch sent again (a retry after a lost answer; the same bytes and nonce) is answered 200 as already filed: it is filed again under its first acceptance, so its stored items come back `duplicate` and nothing is stored or accepted twice.',
      tags: ['gateway'],
      body: gatewayEnvelopeSchema,
      response: { 200: intakeResponseSchema, ...problems(400, 401, 409, 413, 429) },
    },
    serializerCompiler: plainJson,
    config: { intake: true },
    handler: async (request) => {
      const nowMs = deps.now();
      const e = request.body;
      const filed = await fileGatewayBatch(deps.identity, e, nowMs, deps.windowMs, (opening) => {
        // Only now is the signature known to be the device's.
        const device: Principal = { kind: 'device', id: e.deviceId };
        request.principal = device;
        return fileAs(deps.store, device, e.observations, nowMs, opening, deps.afterStored);
      });
      return filed.result;
    },
  });
}
