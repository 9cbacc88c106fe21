/**
 * The shape of a sensor gateway's signed batch, as every way in (HTTP and the NATS ingest)
 * checks it before the signature: one schema, so both refuse the same envelopes with the same
 * reasons. The observations inside are validated one by one only after the signature holds.
 */
import { z } from 'zod';
import { MAX_BATCH } from '../intake/batch.js';
import { NONCE_PATTERN } from './gateway.js';
import { NAME_PATTERN } from './roles.js';

export const gatewayEnvelopeSchema = z
  .strictObject({
    deviceId: z.string().regex(NAME_PATTERN, { message: 'must be a registered device id' }),
    timestamp: z
      .string()
      .max(40)
      .meta({ description: 'ISO 8601 instant of signing; within ±5 minutes of the server clock' }),
    nonce: z
      .string()
      .regex(NONCE_PATTERN, { message: 'must be 16-128 characters of A-Z a-z 0-9 _ -' }),
    signature: z
      .string()
      .regex(/^[A-Za-z0-9+/]{86}==$/, { message: 'must be a base64 Ed25519 signature (64 bytes)' }),
    observations: z.array(z.unknown()).min(1).max(MAX_BATCH),
  })
  .meta({
    id: 'GatewayBatch',
    description:
      'A sensor gateway batch: `signature` is Ed25519 over the UTF-8 RFC 8785 canonical JSON of {observations, timestamp, nonce}, with the key registered by `truceline device add`.',
  });
