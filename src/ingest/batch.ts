/**
 * What the ingest does with one message of the batch stream: the same checks as
 * POST /api/v1/gateway/batches (fileGatewayBatch: registered device, not revoked, signature,
 * timestamp within the window, nonce unused or spent by these very bytes), then filing and fusion
 * as `import --fuse` does.
 *
 * Freshness is judged against the message's publish time (when JetStream stored it), not the
 * clock at consumption: a batch that waited on the stream while the ingest was down is still the
 * fresh batch it was when the gateway sent it, and a batch captured and published again later is
 * stale all the same.
 *
 * Redelivery. The nonce is spent in the transaction that files the observations
 * (fileGatewayBatch), so an ingest killed before that commit leaves nothing spent, and the message
 * delivered again is filed as new. Once committed, the same signed bytes coming back, however
 * they come, are answered as the batch already filed: filed again under the first acceptance,
 * which stores nothing twice. The delivery count plays no part: JetStream counts deliveries made,
 * including to a worker that died before reading them, and a server may hand out again, as a
 * first delivery, a message already acknowledged (nats-server 2.9, fixed upstream by
 * nats-io/nats-server#5305, rewinds its cursor when a redelivery meets only a dead pull request).
 * Only a nonce reused for different bytes is a replay, parked as HTTP answers 409.
 */
import { fileAndFuse, type FuseHook } from '../app/fusion/index.js';
import type { FileResult } from '../app/file-observations.js';
import type { IdentityDeps } from '../app/identity/context.js';
import { fileGatewayBatch, type GatewayEnvelope } from '../app/identity/gateway.js';
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
  /** 1 on the first delivery (for the record: a batch's handling does not depend on it). */
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
      /** The identical signed batch had been accepted before: filed again under that acceptance. */
      readonly redelivery: boolean;
    }
  | { readonly kind: 'park'; readonly reason: string };

/** Error codes fileGatewayBatch gives for a batch that will never be acceptable. */
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

/** Files `e` (fileGatewayBatch), or says why it can never be filed. */
async function fileOrRefuse(
  deps: IngestDeps,
  e: GatewayEnvelope,
  m: Delivery,
): Promise<{ results: FileResult[]; resent: boolean } | { reason: string }> {
  try {
    const filed = await fileGatewayBatch(deps.identity, e, m.publishedMs, deps.windowMs, (opening) =>
      fileAndFuse(deps.store, deps.fuser, e.observations, {
        actor: `device:${e.deviceId}`,
        nowMs: deps.now(),
        opening,
      }),
    );
    return { results: filed.result, resent: filed.resent };
  } catch (err) {
    if (!(err instanceof TrucelineError)) throw err;
    if (REFUSALS.has(err.code)) return { reason: `${err.code}: ${err.message}` };
    if (err.code === 'ID_CONFLICT') return { reason: `REPLAYED: ${err.message}` };
    throw err;
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

  const filed = await fileOrRefuse(deps, e, m);
  if ('reason' in filed) return park(filed.reason);
  const counts = countResults(filed.results);
  if (counts.stored === 0 && counts.duplicate === 0) {
    return park(
      `NOTHING_STORABLE: every observation was rejected or conflicts (${counts.rejected} rejected, ${counts.conflict} conflicting)${firstIssues(filed.results)}`,
    );
  }
  return { kind: 'filed', deviceId: e.deviceId, counts, redelivery: filed.resent };
}
