import { createHash, verify } from 'node:crypto';
import { TrucelineError } from '../../domain/errors.js';
import type { Store, WriteTx } from '../../store/port.js';
import { canonicalJson } from '../events/event.js';
import type { FileOpening } from '../file-observations.js';
import { eventOf, type IdentityDeps } from './context.js';
import { acceptanceOfLeaf } from './gateway-acceptance.js';
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

/** A batch whose key, signature and timestamp hold; its nonce is still to be spent. */
export interface CheckedGatewayBatch {
  readonly deviceId: string;
  readonly timestamp: string;
  readonly nonce: string;
  readonly signature: string;
  readonly count: number;
  /** Hex SHA-256 of the signed bytes: what tells an identical resend from a reused nonce. */
  readonly batchSha256: string;
}

/**
 * Checks a batch's key (registered, not revoked), signature and timestamp (within ±`windowMs` of
 * `nowMs`). Writes nothing. Throws UNAUTHENTICATED for an unknown or revoked key, BAD_SIGNATURE,
 * VALIDATION for a stale timestamp or bytes no signature can cover.
 */
export async function checkGatewayBatch(deps: IdentityDeps, e: GatewayEnvelope, nowMs: number, windowMs = GATEWAY_WINDOW_MS): Promise<CheckedGatewayBatch> {
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
  return { deviceId: device.id, timestamp: e.timestamp, nonce: e.nonce, signature: e.signature, count: e.observations.length, batchSha256 };
}

const NONCE_ISSUE = { path: 'nonce', reason: 'already used within the replay window' };

/** The nonce was spent when the filing's transaction opened: rolls that transaction back. */
class NonceSpent extends TrucelineError {
  constructor(
    deviceId: string,
    /** Ledger index of the acceptance that spent it (null when the store does not know it). */
    readonly acceptanceIndex: number | null,
  ) {
    super('ID_CONFLICT', `nonce already used by device '${deviceId}'`, [NONCE_ISSUE]);
  }
}

/**
 * Records `gateway.batch_accepted` (which makes the nonce durable for the replay window) in `tx`,
 * the transaction that files the batch's observations; throws NonceSpent when the nonce is spent.
 * The nonce is looked up after the transaction has begun, so no other filing can spend it or
 * forget it (the window's pruning) between the lookup and the commit.
 */
async function spendNonce(deps: IdentityDeps, b: CheckedGatewayBatch, tx: WriteTx, nowMs: number): Promise<GatewayProvenance> {
  const spent = await deps.reader.nonceAcceptance(b.deviceId, b.nonce);
  if (spent) throw new NonceSpent(b.deviceId, spent.ledgerIndex);
  const data = { deviceId: b.deviceId, nonce: b.nonce, timestamp: b.timestamp, signature: b.signature, batchSha256: b.batchSha256, count: b.count };
  const { firstIndex } = await tx.record([{ event: eventOf('gateway.batch_accepted', { actor: `device:${b.deviceId}`, nowMs }, data) }]);
  const { deviceId, timestamp, nonce, signature, batchSha256 } = b;
  return { gateway: { deviceId, timestamp, nonce, signature, batchSha256, ledgerIndex: firstIndex } };
}

/**
 * The acceptance at ledger entry `ledgerIndex`, as the provenance it gave, when that entry is the
 * `gateway.batch_accepted` of (device, nonce); null otherwise. One entry is read: the identity
 * state keeps the index of each spent nonce's acceptance (IdentityReader.nonceAcceptance).
 */
export async function acceptanceAt(store: Store, ledgerIndex: number, deviceId: string, nonce: string): Promise<GatewayProvenance | null> {
  const leaf = await store.ledger.entry(ledgerIndex);
  const a = leaf ? acceptanceOfLeaf(leaf) : null;
  if (!a || a.deviceId !== deviceId || a.nonce !== nonce) return null;
  return { gateway: { deviceId, timestamp: a.timestamp, nonce, signature: a.signature, batchSha256: a.batchSha256, ledgerIndex } };
}

/** What fileGatewayBatch gives back. */
export interface GatewayFiling<R> {
  /** What the filing answered. */
  readonly result: R;
  /** The acceptance the stored observations keep (the earlier one for a resend). */
  readonly provenance: GatewayProvenance;
  /**
   * The identical signed batch had been accepted before (a retry after a lost answer, a
   * redelivery, a captured copy sent again): it was filed again under that acceptance, which
   * stores nothing twice (observation ids) and records no second acceptance.
   */
  readonly resent: boolean;
}

/**
 * Checks a gateway batch (checkGatewayBatch) and files it with `file`, which must pass `opening`
 * to the filing (FileContext.opening): the nonce is spent by recording `gateway.batch_accepted`
 * in the very transaction that stores the batch's observations, so a crash or a failing store
 * between the two leaves neither. The nonce is spent even if every observation is rejected: a
 * retry signs again with a new nonce, and observation ids make the retry harmless.
 *
 * A spent nonce: when its acceptance has the digest of these signed bytes, the batch is the same
 * one sent again and is filed again under that acceptance (`resent`), which stores nothing twice;
 * otherwise the nonce was reused for other bytes and this throws ID_CONFLICT (a replay).
 * `clockMs` is the instant freshness is judged at and the acceptance is dated.
 */
export async function fileGatewayBatch<R>(
  deps: IdentityDeps,
  e: GatewayEnvelope,
  clockMs: number,
  windowMs: number,
  file: (opening: FileOpening) => Promise<R>,
): Promise<GatewayFiling<R>> {
  const batch = await checkGatewayBatch(deps, e, clockMs, windowMs);
  let spent = null as GatewayProvenance | null;
  let spentAt: number | null = null;
  try {
    const result = await file(async (tx) => (spent = await spendNonce(deps, batch, tx, clockMs)));
    if (!spent) throw new Error('the filing did not open with the gateway acceptance');
    return { result, provenance: spent, resent: false };
  } catch (err) {
    if (!(err instanceof NonceSpent)) throw err;
    spentAt = err.acceptanceIndex;
  }
  // Read outside any transaction: a resend never holds the store's write lock for it.
  const earlier = spentAt === null ? null : await acceptanceAt(deps.store, spentAt, batch.deviceId, batch.nonce);
  if (!earlier || earlier.gateway.batchSha256 !== batch.batchSha256) {
    const which = earlier ? 'for a different batch' : 'by a batch whose acceptance the store cannot show';
    throw new TrucelineError('ID_CONFLICT', `nonce already used by device '${batch.deviceId}' ${which} (replayed nonce)`, [NONCE_ISSUE]);
  }
  const result = await file(async () => earlier);
  return { result, provenance: earlier, resent: true };
}
