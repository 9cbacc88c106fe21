import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { IdentityDeps } from '../../app/identity/context.js';
import { acceptGatewayBatch, NONCE_PATTERN } from '../../app/identity/gateway.js';
import { NAME_PATTERN } from '../../app/identity/roles.js';
import type { Store } from '../../store/port.js';
import type { Principal } from '../principal.js';
import { intakeResponseSchema, problems } from '../schemas.js';
import { fileAs, MAX_BATCH, plainJson, type AfterStored } from './observations.js';

/**
 * The envelope's shape is validated here; the observations inside are validated one by one after
 * the signature holds (so nothing about an unsigned batch is judged beyond its shape).
 */
export const gatewayEnvelopeSchema = z
  .strictObject({
    deviceId: z.string().regex(NAME_PATTERN, { message: 'must be a registered device id' }),
    timestamp: z.string().max(40).meta({ description: 'ISO 8601 instant of signing; within ±5 minutes of the server clock' }),
    nonce: z.string().regex(NONCE_PATTERN, { message: 'must be 16-128 characters of A-Z a-z 0-9 _ -' }),
    signature: z.string().regex(/^[A-Za-z0-9+/]{86}==$/, { message: 'must be a base64 Ed25519 signature (64 bytes)' }),
    observations: z.array(z.unknown()).min(1).max(MAX_BATCH),
  })
  .meta({
    id: 'GatewayBatch',
    description: 'A sensor gateway batch: `signature` is Ed25519 over the UTF-8 RFC 8785 canonical JSON of {observations, timestamp, nonce}, with the key registered by `truceline device add`.',
  });

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
