/**
 * A sensor gateway: reads observations (one JSON object a line), groups them into batches, signs
 * each batch as POST /api/v1/gateway/batches expects (src/app/identity/gateway.ts: Ed25519 over
 * the canonical JSON of {observations, timestamp, nonce}) and publishes it to the batch stream.
 *
 * Each batch carries `Nats-Msg-Id` = its digest (SHA-256 of the canonical JSON of its
 * observations, not of the signature), so the same observations published again (a retry after a
 * lost acknowledgement, the gateway run again over the same file) are dropped by JetStream's
 * duplicate window; past the window the ingest answers them as duplicates, storing nothing.
 * A batch counts as sent only when JetStream acknowledged it, i.e. it is on the stream's disk.
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  sign,
  type KeyObject,
} from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { headers as natsHeaders, type JetStreamClient, type PubAck } from 'nats';
import { canonicalJson } from '../app/events/event.js';
import { gatewaySignedBytes, type GatewayEnvelope } from '../app/identity/gateway.js';
import { TrucelineError } from '../domain/errors.js';
import { deviceSubject, type StreamLayout } from './stream.js';

/** Writes a new Ed25519 private key (PKCS#8 PEM, owner-only) and returns the raw public key in base64, for `truceline device add`. */
export function createGatewayKey(file: string): string {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), {
    mode: 0o600,
    flag: 'wx',
  });
  return rawPublicKeyBase64(publicKey);
}

export function rawPublicKeyBase64(key: KeyObject): string {
  return key.export({ type: 'spki', format: 'der' }).subarray(-32).toString('base64');
}

/** Reads a gateway's private key (PKCS#8 PEM); refuses anything but Ed25519. */
export function readGatewayKey(file: string): { privateKey: KeyObject; publicKey: string } {
  const privateKey = createPrivateKey(readFileSync(file));
  if (privateKey.asymmetricKeyType !== 'ed25519')
    throw new TrucelineError(
      'VALIDATION',
      `${file}: not an Ed25519 private key (got ${privateKey.asymmetricKeyType ?? 'unknown'})`,
    );
  return { privateKey, publicKey: rawPublicKeyBase64(createPublicKey(privateKey)) };
}

/** The batch digest used as `Nats-Msg-Id`: hex SHA-256 of the canonical JSON of the observations. */
export function batchDigest(observations: readonly unknown[]): string {
  return createHash('sha256').update(canonicalJson(observations), 'utf8').digest('hex');
}

/** A signed envelope for `observations`, timestamped `nowMs` with a fresh 128-bit nonce. */
export function signBatch(
  deviceId: string,
  key: KeyObject,
  observations: readonly unknown[],
  nowMs: number,
): GatewayEnvelope {
  const timestamp = new Date(nowMs).toISOString();
  const nonce = randomBytes(16).toString('base64url');
  const signature = sign(
    null,
    gatewaySignedBytes({ observations, timestamp, nonce }),
    key,
  ).toString('base64');
  return { deviceId, timestamp, nonce, signature, observations };
}

export interface GatewaySummary {
  lines: number;
  /** Lines that are not one JSON object: reported and not sent (they could never be stored). */
  unreadable: number;
  batches: number;
  /** Batches JetStream stored. */
  published: number;
  /** Batches JetStream dropped as already on the stream (same digest within the duplicate window). */
  duplicate: number;
  observations: number;
}

export interface GatewayOptions {
  readonly deviceId: string;
  readonly key: KeyObject;
  readonly layout: StreamLayout;
  /** Observations per batch (default 100). */
  readonly batchSize?: number;
  /** Send a partial batch after this many ms without a new line (default 1000), for live input. */
  readonly lingerMs?: number;
  /** Publishes awaiting their acknowledgement at once (default 16). */
  readonly inFlight?: number;
  readonly shouldStop?: () => boolean;
  readonly onProgress?: (s: Readonly<GatewaySummary>) => void;
  readonly onUnreadable?: (line: number, reason: string) => void;
}

const LINGER = Symbol('linger');
const PUBLISH_ATTEMPTS = 5;

async function publishWithRetry(
  js: JetStreamClient,
  subject: string,
  body: Uint8Array,
  msgID: string,
): Promise<PubAck> {
  const h = natsHeaders();
  h.set('Content-Type', 'application/json');
  for (let attempt = 1; ; attempt++) {
    try {
      // The same msgID on every attempt: a retry of a publish that did land is dropped as a duplicate.
      return await js.publish(subject, body, { msgID, headers: h, timeout: 5000 });
    } catch (err) {
      if (attempt >= PUBLISH_ATTEMPTS) throw err;
      await new Promise((r) => setTimeout(r, 200 * 2 ** attempt));
    }
  }
}

/** Reads `lines`, publishes signed batches and resolves when every batch sent was acknowledged. */
export async function publishLines(
  js: JetStreamClient,
  lines: AsyncIterable<string>,
  o: GatewayOptions,
): Promise<GatewaySummary> {
  const s: GatewaySummary = {
    lines: 0,
    unreadable: 0,
    batches: 0,
    published: 0,
    duplicate: 0,
    observations: 0,
  };
  const batchSize = o.batchSize ?? 100;
  const lingerMs = o.lingerMs ?? 1000;
  const window = o.inFlight ?? 16;
  const subject = deviceSubject(o.layout, o.deviceId);
  const pending = new Set<Promise<void>>();
  let batch: unknown[] = [];
  let failure: unknown = null;

  const send = async (observations: unknown[]) => {
    while (pending.size >= window) await Promise.race(pending);
    if (failure) throw failure;
    const envelope = signBatch(o.deviceId, o.key, observations, Date.now());
    const body = Buffer.from(JSON.stringify(envelope), 'utf8');
    s.batches++;
    const p = publishWithRetry(js, subject, body, batchDigest(observations)).then((ack) => {
      if (ack.duplicate) s.duplicate++;
      else s.published++;
      s.observations += observations.length;
      o.onProgress?.(s);
    });
    // Never rejects (a failure is kept and thrown by the next send or at the end).
    const tracked: Promise<void> = p.then(
      () => void pending.delete(tracked),
      (err: unknown) => {
        failure ??= err;
        pending.delete(tracked);
      },
    );
    pending.add(tracked);
  };

  const it = lines[Symbol.asyncIterator]();
  let next = it.next();
  let timer: NodeJS.Timeout | undefined;
  try {
    while (!o.shouldStop?.()) {
      const r =
        batch.length > 0
          ? await Promise.race([
              next,
              new Promise<typeof LINGER>(
                (resolve) => (timer = setTimeout(() => resolve(LINGER), lingerMs)),
              ),
            ])
          : await next;
      clearTimeout(timer);
      if (r === LINGER) {
        await send(batch);
        batch = [];
        continue;
      }
      if (r.done) break;
      next = it.next();
      s.lines++;
      const line = r.value.trim();
      if (line === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (err) {
        s.unreadable++;
        o.onUnreadable?.(s.lines, `not JSON: ${(err as Error).message}`);
        continue;
      }
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        s.unreadable++;
        o.onUnreadable?.(s.lines, 'not a JSON object');
        continue;
      }
      batch.push(value);
      if (batch.length >= batchSize) {
        await send(batch);
        batch = [];
      }
    }
    if (batch.length > 0) await send(batch);
  } finally {
    clearTimeout(timer);
    await Promise.all(pending);
  }
  // A batch not acknowledged after every attempt fails the run.
  if (failure) throw failure;
  return s;
}
