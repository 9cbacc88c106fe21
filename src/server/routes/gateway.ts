import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { IdentityDeps } from '../../app/identity/context.js';
import { acceptGatewayBatch } from '../../app/identity/gateway.js';
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
        'Rejected whole with 401 for an unknown or revoked device or a bad signature, 400 for a timestamp outside ±5 minutes, 409 for a nonce already used. ' +
        'An accepted batch is recorded as `gateway.batch_accepted` (device, nonce, timestamp, signature, SHA-256 of the signed bytes) and every stored observation keeps that provenance; items are then answered one by one as on POST /api/v1/observations.',
      tags: ['gateway'],
      body: gatewayEnvelopeSchema,
      response: { 200: intakeResponseSchema, ...problems(400, 401, 409, 413, 429) },
    },
    serializerCompiler: plainJson,
    config: { intake: true },
    handler: async (request) => {
      const nowMs = deps.now();
      const provenance = await acceptGatewayBatch(deps.identity, request.body, nowMs, deps.windowMs);
      const device: Principal = { kind: 'device', id: provenance.gateway.deviceId };
      request.principal = device;
      return fileAs(deps.store, device, request.body.observations, nowMs, provenance, deps.afterStored);
    },
  });
}
