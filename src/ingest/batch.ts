/**
 * What the ingest does with one message of the batch stream: the same checks as
 * POST /api/v1/gateway/batches (acceptGatewayBatch: registered device, not revoked, signature,
 * timestamp within the window, nonce unused), then filing and fusion as `import --fuse` does.
 *
 * Freshness is judged against the message's publish time (when JetStream stored it), not the
 * clock at consumption: a batch that waited on the stream while the ingest was down is still the
 * fresh batch it was when the gateway sent it, and a batch captured and published again later is
 * stale all the same.
 *
 * Redelivery. acceptGatewayBatch spends the nonce in its own transaction before the observations
 * are filed, so an ingest killed between the two, or before its acknowledgement reached the
 * server, gets the message again with its nonce spent. A redelivered message (JetStream's own
 * retry of the same stream sequence, which a replaying publisher cannot produce) whose nonce is
 * spent is recognised as ours when the ledger holds its `gateway.batch_accepted` with the same
 * digest of the signed bytes: it is filed again under that acceptance, and observation ids make
 * the second filing store only what the first did not. Anything else with a spent nonce is a
 * replay and is parked, as HTTP answers 409.
 */
import { createHash } from 'node:crypto';
import { decodeLeaf } from '../app/events/event.js';
import { fileAndFuse, type FuseHook } from '../app/fusion/index.js';
import type { FileResult } from '../app/file-observations.js';
import type { IdentityDeps } from '../app/identity/context.js';
import {
  acceptGatewayBatch,
  gatewaySignedBytes,
  type GatewayEnvelope,
  type GatewayProvenance,
} from '../app/identity/gateway.js';
import { TrucelineError } from '../domain/errors.js';
import { gatewayEnvelopeSchema } from '../app/identity/gateway-envelope.js';
import type { Store } from '../store/port.js';
import { deviceOfSubject, type StreamLayout } from './stream.js';

export interface IngestDeps {
  readonly store: Store;
  readonly identity: IdentityDeps;
  readonly fuser: FuseHook | null;
  readonly layout: StreamLayout;
  /** Allowed distance between a batch's timestamp and its publish time (ms). */
  readonly windowMs: number;
  readonly now: () => number;
}

/** One delivery of a stream message, as the ingest needs it. */
export interface Delivery {
  readonly subject: string;
  readonly data: Uint8Array;
  /** When JetStream stored the message (ms since the epoch). */
  readonly publishedMs: number;
  /** 1 on the first delivery. */
  readonly deliveryCount: number;
}

export interface FiledCounts {
  stored: number;
  duplicate: number;
  conflict: number;
  rejected: number;
}

export type BatchOutcome =
  | {
      readonly kind: 'filed';
      readonly deviceId: string;
      readonly counts: FiledCounts;
      readonly redelivery: boolean;
    }
  | { readonly kind: 'park'; readonly reason: string };

/** How far back the ledger is searched for a redelivered batch's acceptance. */
const ACCEPTANCE_SCAN_LIMIT = 50_000;
/** Error codes acceptGatewayBatch gives for a batch that will never be acceptable. */
const REFUSALS = new Set(['UNAUTHENTICATED', 'BAD_SIGNATURE', 'VALIDATION']);

const park = (reason: string): BatchOutcome => ({ kind: 'park', reason: reason.slice(0, 1000) });

function countResults(results: readonly FileResult[]): FiledCounts {
  const c: FiledCounts = { stored: 0, duplicate: 0, conflict: 0, rejected: 0 };
  for (const r of results) if (r.status !== 'skipped') c[r.status]++;
  return c;
}

function firstIssues(results: readonly FileResult[]): string {
  const r = results.find((x) => x.issues && x.issues.length > 0);
  if (!r) return '';
  return `; first: item ${r.index}${r.id ? ` (${r.id.slice(0, 64)})` : ''}: ${r.issues!.map((i) => (i.path ? `${i.path}: ${i.reason}` : i.reason)).join('; ')}`;
}

/**
 * The `gateway.batch_accepted` event of (device, nonce) with this digest, searched from the end of
 * the ledger (a redelivery comes seconds to minutes after its first delivery), or null.
 */
export async function findAcceptance(
  store: Store,
  deviceId: string,
  nonce: string,
  batchSha256: string,
): Promise<GatewayProvenance | null> {
  const size = await store.ledger.size();
  for (let i = size - 1; i >= Math.max(0, size - ACCEPTANCE_SCAN_LIMIT); i--) {
    const leaf = await store.ledger.entry(i);
    if (!leaf) continue;
    const e = decodeLeaf(leaf);
    if (e.type !== 'gateway.batch_accepted' || !('data' in e)) continue;
    const d = e.data as {
      deviceId?: string;
      nonce?: string;
      timestamp?: string;
      signature?: string;
      batchSha256?: string;
    };
    if (d.deviceId !== deviceId || d.nonce !== nonce) continue;
    if (d.batchSha256 !== batchSha256) return null;
    return {
      gateway: {
        deviceId,
        timestamp: d.timestamp ?? '',
        nonce,
        signature: d.signature ?? '',
        batchSha256,
        ledgerIndex: i,
      },
    };
  }
  return null;
}

async function accept(
  deps: IngestDeps,
  e: GatewayEnvelope,
  m: Delivery,
): Promise<{ provenance: GatewayProvenance; redelivery: boolean } | { reason: string }> {
  try {
    return {
      provenance: await acceptGatewayBatch(deps.identity, e, m.publishedMs, deps.windowMs),
      redelivery: false,
    };
  } catch (err) {
    if (!(err instanceof TrucelineError)) throw err;
    if (REFUSALS.has(err.code)) return { reason: `${err.code}: ${err.message}` };
    if (err.code !== 'ID_CONFLICT') throw err;
    if (m.deliveryCount > 1) {
      const sha = createHash('sha256').update(gatewaySignedBytes(e)).digest('hex');
      const earlier = await findAcceptance(deps.store, e.deviceId, e.nonce, sha);
      if (earlier) return { provenance: earlier, redelivery: true };
    }
    return { reason: `REPLAYED: ${err.message}` };
  }
}

/**
 * Checks, files and fuses one batch. Returns 'filed' once the stored observations have committed
 * (the caller may acknowledge), or 'park' with the reason it can never be used. Throws for a
 * failure that may pass (the store busy or failing): the caller leaves the message to be
 * delivered again.
 */
export async function ingestBatch(deps: IngestDeps, m: Delivery): Promise<BatchOutcome> {
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(m.data).toString('utf8'));
  } catch (err) {
    return park(`UNPARSEABLE: not JSON: ${(err as Error).message}`);
  }
  const shape = gatewayEnvelopeSchema.safeParse(body);
  if (!shape.success) {
    return park(
      `INVALID_ENVELOPE: ${shape.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`,
    );
  }
  const e: GatewayEnvelope = shape.data;
  const subjectDevice = deviceOfSubject(deps.layout, m.subject);
  if (subjectDevice !== e.deviceId)
    return park(
      `WRONG_SUBJECT: a batch of device '${e.deviceId}' published on '${m.subject.slice(0, 200)}'`,
    );

  const accepted = await accept(deps, e, m);
  if ('reason' in accepted) return park(accepted.reason);
  const results = await fileAndFuse(deps.store, deps.fuser, e.observations, {
    actor: `device:${e.deviceId}`,
    nowMs: deps.now(),
    provenance: accepted.provenance,
  });
  const counts = countResults(results);
  if (counts.stored === 0 && counts.duplicate === 0) {
    return park(
      `NOTHING_STORABLE: every observation was rejected or conflicts (${counts.rejected} rejected, ${counts.conflict} conflicting)${firstIssues(results)}`,
    );
  }
  return { kind: 'filed', deviceId: e.deviceId, counts, redelivery: accepted.redelivery };
}
