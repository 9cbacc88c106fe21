/**
 * The ingest worker: a durable pull consumer on the batch stream that files each batch and
 * acknowledges it only after the store committed it.
 *
 * Back-pressure. The worker asks for at most `maxInFlight` messages at a time and asks again only
 * when it has answered all of them, so a slow store means fewer fetches, never a growing buffer;
 * on the server side `max_ack_pending` bounds what the consumer hands out unanswered (several
 * workers on one durable share that bound). A batch that takes long sends "working" so its ack
 * wait does not run out under a slow store.
 *
 * Answers. Filed: acknowledged (double acknowledgement, so the answer is known to have reached
 * the server). Unusable (ingestBatch's 'park'): copied to the parked stream with the reason in the
 * `Truceline-Parked-Reason` header, then terminated so it is never delivered again and nothing
 * behind it waits. A failure that may pass (the store): negatively acknowledged with a delay, so
 * it comes back later. A crash at any point leaves the message unacknowledged, and it is
 * delivered again after the ack wait; filing it again is harmless (batch.ts, "Redelivery"), whatever
 * its delivery count.
 *
 * Why parked messages go to a stream and not into the ledger: the ledger is the mission's signed
 * record of what it accepted, and a poison message is by definition not accepted and may come
 * from anyone able to publish. The parked stream keeps the original bytes next to the reason, for
 * a person to read and, once the cause is fixed, to publish again.
 */
import {
  AckPolicy,
  DeliverPolicy,
  headers as natsHeaders,
  nanos,
  type Consumer,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
} from 'nats';
import { ingestBatch, type BatchOutcome, type IngestDeps } from './batch.js';
import { parkedLayout, PARKED_REASON_HEADER } from './stream.js';

export interface IngestWorkerOptions {
  readonly durable: string;
  /** Messages fetched and answered at a time (default 8). */
  readonly maxInFlight?: number;
  /** Consumer's max_ack_pending, set when the worker creates the consumer (default 64). */
  readonly maxAckPending?: number;
  /** Consumer's ack wait (default 30 s). */
  readonly ackWaitMs?: number;
  /** Delay before a batch that failed for a passing reason comes back (default 2 s). */
  readonly retryDelayMs?: number;
  /** Stop when the consumer has nothing pending or unacknowledged. */
  readonly untilIdle?: boolean;
  readonly shouldStop: () => boolean;
  readonly onOutcome?: (
    o: BatchOutcome,
    m: { streamSequence: number; deliveryCount: number },
  ) => void;
  readonly onRetry?: (err: unknown, m: { streamSequence: number }) => void;
}

export interface IngestStats {
  batches: number;
  stored: number;
  duplicate: number;
  conflict: number;
  rejected: number;
  parked: number;
  retried: number;
}

/** The durable consumer, created with explicit acknowledgement if it does not exist. */
export async function ensureConsumer(
  jsm: JetStreamManager,
  deps: Pick<IngestDeps, 'layout'>,
  o: IngestWorkerOptions,
): Promise<void> {
  try {
    await jsm.consumers.info(deps.layout.stream, o.durable);
    return;
  } catch (err) {
    const e = err as { api_error?: { err_code?: number }; code?: string };
    if (e.api_error?.err_code !== 10014 && e.code !== '404') throw err;
  }
  await jsm.consumers.add(deps.layout.stream, {
    durable_name: o.durable,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    filter_subject: `${deps.layout.subjectPrefix}.*`,
    ack_wait: nanos(o.ackWaitMs ?? 30_000),
    max_ack_pending: o.maxAckPending ?? 64,
  });
}

/** A header value on one line (NATS headers end at a line break). */
const oneLine = (s: string) => s.replace(/[\r\n]+/g, ' ').slice(0, 1000);

async function parkMessage(
  js: JetStreamClient,
  deps: IngestDeps,
  msg: JsMsg,
  reason: string,
): Promise<void> {
  const parked = parkedLayout(deps.layout);
  const h = natsHeaders();
  // The publisher's headers travel with the bytes (JetStream's own, such as Nats-Msg-Id, do not).
  for (const [k, values] of msg.headers ?? [])
    if (!/^nats-/i.test(k)) for (const v of values) h.append(k, v);
  h.set(PARKED_REASON_HEADER, oneLine(reason));
  h.set('Truceline-Original-Subject', msg.subject);
  h.set('Truceline-Original-Sequence', String(msg.info.streamSequence));
  h.set(
    'Truceline-Published-At',
    new Date(Math.floor(msg.info.timestampNanos / 1e6)).toISOString(),
  );
  // One parked copy per stream message, even if parking is retried after a crash.
  await js.publish(parked.subject, msg.data, {
    headers: h,
    msgID: `${deps.layout.stream}:${msg.info.streamSequence}`,
  });
}

async function answer(
  js: JetStreamClient,
  deps: IngestDeps,
  msg: JsMsg,
  o: IngestWorkerOptions,
  stats: IngestStats,
): Promise<void> {
  const ackWaitMs = o.ackWaitMs ?? 30_000;
  const keepAlive = setInterval(() => msg.working(), Math.max(1000, ackWaitMs / 3));
  const where = { streamSequence: msg.info.streamSequence, deliveryCount: msg.info.deliveryCount };
  try {
    const outcome = await ingestBatch(deps, {
      subject: msg.subject,
      data: msg.data,
      publishedMs: Math.floor(msg.info.timestampNanos / 1e6),
      deliveryCount: msg.info.deliveryCount,
    });
    if (outcome.kind === 'park') {
      await parkMessage(js, deps, msg, outcome.reason);
      msg.term();
      stats.parked++;
    } else {
      // Only now, after the commit: a crash before this line means the batch comes back.
      await msg.ackAck();
      stats.stored += outcome.counts.stored;
      stats.duplicate += outcome.counts.duplicate;
      stats.conflict += outcome.counts.conflict;
      stats.rejected += outcome.counts.rejected;
    }
    stats.batches++;
    o.onOutcome?.(outcome, where);
  } catch (err) {
    stats.retried++;
    o.onRetry?.(err, where);
    msg.nak(o.retryDelayMs ?? 2000);
  } finally {
    clearInterval(keepAlive);
  }
}

export function emptyStats(): IngestStats {
  return { batches: 0, stored: 0, duplicate: 0, conflict: 0, rejected: 0, parked: 0, retried: 0 };
}

/**
 * Runs until `shouldStop` (finishing the message in hand) or, with `untilIdle`, until nothing is
 * left. `stats` is updated as batches are answered (a caller may show it while this runs).
 */
export async function runIngestWorker(
  js: JetStreamClient,
  deps: IngestDeps,
  o: IngestWorkerOptions,
  stats: IngestStats = emptyStats(),
): Promise<IngestStats> {
  const consumer: Consumer = await js.consumers.get(deps.layout.stream, o.durable);
  const maxInFlight = o.maxInFlight ?? 8;
  while (!o.shouldStop()) {
    const msgs = await consumer.fetch({ max_messages: maxInFlight, expires: 1000 });
    let busy = false;
    // Ends a wait for messages at once when asked to stop (never one being answered).
    const stopWatch = setInterval(() => o.shouldStop() && !busy && msgs.stop(), 100);
    let got = 0;
    try {
      for await (const msg of msgs) {
        got++;
        // Fetched but not started when asked to stop: handed back at once for the next worker.
        if (o.shouldStop()) {
          msg.nak();
          continue;
        }
        busy = true;
        await answer(js, deps, msg, o, stats);
        busy = false;
      }
    } finally {
      clearInterval(stopWatch);
    }
    if (got === 0 && o.untilIdle) {
      const info = await consumer.info();
      if (info.num_pending === 0 && info.num_ack_pending === 0) break;
    }
  }
  return stats;
}
