import { createHash, verify } from 'node:crypto';
import { TrucelineError } from '../../domain/errors.js';
import { canonicalJson } from '../events/event.js';
import { eventOf, type IdentityDeps } from './context.js';
import { ed25519KeyFromBase64 } from './devices.js';

/**
 * A sensor gateway's signed batch. The signature is Ed25519 over the UTF-8 bytes of the RFC 8785
 * canonical JSON of `{observations, timestamp, nonce}`; `deviceId` names the key to check it with.
 */
export interface GatewayEnvelope {
  readonly deviceId: string;
  /** ISO 8601 instant the gateway signed at; must be within ±`windowMs` of the server clock. */
  readonly timestamp: string;
  /** 16-128 characters of base64url/hex, unique per device within the window. */
  readonly nonce: string;
  /** Base64 Ed25519 signature (64 bytes). */
  readonly signature: string;
  readonly observations: readonly unknown[];
}

/** What is kept with each stored observation of the batch (FileContext.provenance). */
export type GatewayProvenance = {
  readonly gateway: { deviceId: string; timestamp: string; nonce: string; signature: string; batchSha256: string; ledgerIndex: number };
};

export const GATEWAY_WINDOW_MS = 5 * 60 * 1000;
export const NONCE_PATTERN = /^[A-Za-z0-9_-]{16,128}$/;

function signedBytesOrReject(e: GatewayEnvelope): Buffer {
  try {
    return gatewaySignedBytes(e);
  } catch (err) {
    // canonicalize refuses lone surrogates and recursion deeper than the stack allows.
    const reason = `cannot be expressed as RFC 8785 canonical JSON, so no signature can cover it (${err instanceof Error ? err.message : 'unreadable'})`;
    throw new TrucelineError('VALIDATION', `the batch ${reason}`, [{ path: 'observations', reason }]);
  }
}

/** The bytes a gateway signs. */
export function gatewaySignedBytes(e: Pick<GatewayEnvelope, 'observations' | 'timestamp' | 'nonce'>): Buffer {
  return Buffer.from(canonicalJson({ observations: e.observations, timestamp: e.timestamp, nonce: e.nonce }), 'utf8');
}

/**
 * Checks a batch's signature, key, freshness and nonce, then records `gateway.batch_accepted`
 * (which makes the nonce durable for the replay window) in its own transaction. The nonce is
 * spent even if every observation is later rejected: a retry signs again with a new nonce, and
 * observation ids make the retry harmless. Throws UNAUTHENTICATED for an unknown or revoked key
 * or a bad signature, VALIDATION for a stale timestamp, ID_CONFLICT for a replayed nonce.
 */
export async function acceptGatewayBatch(deps: IdentityDeps, e: GatewayEnvelope, nowMs: number, windowMs = GATEWAY_WINDOW_MS): Promise<GatewayProvenance> {
  const device = await deps.reader.getDevice(e.deviceId);
  if (!device) throw new TrucelineError('UNAUTHENTICATED', `unknown device '${e.deviceId.slice(0, 64)}'`, [{ path: 'deviceId', reason: 'no such registered device' }]);
  if (device.revokedAt) throw new TrucelineError('UNAUTHENTICATED', `device '${device.id}' was revoked at ${device.revokedAt}`, [{ path: 'deviceId', reason: 'revoked' }]);
  const key = ed25519KeyFromBase64(device.publicKey);
  const sig = Buffer.from(e.signature, 'base64');
  const signed = signedBytesOrReject(e);
  if (!key || sig.length !== 64 || !verify(null, signed, key, sig)) {
    throw new TrucelineError('BAD_SIGNATURE', `signature does not verify with device '${device.id}''s key`, [{ path: 'signature', reason: 'Ed25519 signature over the canonical JSON of {observations, timestamp, nonce} does not verify' }]);
  }
  const t = Date.parse(e.timestamp);
  if (!Number.isFinite(t) || Math.abs(t - nowMs) > windowMs) {
    const reason = `must be within ±${windowMs / 1000} s of the server clock (${new Date(nowMs).toISOString()}); got '${e.timestamp.slice(0, 40)}'`;
    throw new TrucelineError('VALIDATION', `stale or invalid timestamp: ${reason}`, [{ path: 'timestamp', reason }]);
  }
  const batchSha256 = createHash('sha256').update(signed).digest('hex');
  const ledgerIndex = await deps.store.write(async (tx) => {
    if (await deps.reader.nonceSeen(device.id, e.nonce)) {
      throw new TrucelineError('ID_CONFLICT', `nonce already used by device '${device.id}' (replayed batch)`, [{ path: 'nonce', reason: 'already used within the replay window' }]);
    }
    const data = { deviceId: device.id, nonce: e.nonce, timestamp: e.timestamp, signature: e.signature, batchSha256, count: e.observations.length };
    const { firstIndex } = await tx.record([{ event: eventOf('gateway.batch_accepted', { actor: `device:${device.id}`, nowMs }, data) }]);
    return firstIndex;
  });
  return { gateway: { deviceId: device.id, timestamp: e.timestamp, nonce: e.nonce, signature: e.signature, batchSha256, ledgerIndex } };
}
