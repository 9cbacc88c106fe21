import { afterAll, describe, expect, it } from 'vitest';
import { GATEWAY_WINDOW_MS } from '../src/app/identity/gateway.js';
import { openIdentity } from '../src/app/identity/open.js';
import { openMission } from '../src/app/mission.js';
import type { BatchOutcome, IngestDeps } from '../src/ingest/batch.js';
import { ingestBatch } from '../src/ingest/batch.js';
import { batchDigest, readGatewayKey, signBatch } from '../src/ingest/gateway.js';
import { deviceSubject, ensureBatchStream, ensureParkedStream } from '../src/ingest/stream.js';
import { ensureConsumer, runIngestWorker, type IngestWorkerOptions } from '../src/ingest/worker.js';
import {
  deleteStreams,
  missionWithGateway,
  natsReachable,
  NATS_URL,
  sensorObservation,
  storedCounts,
  uniqueLayout,
  withNats,
} from './support/nats.js';
import { connect, createInbox, nanos } from 'nats';

/**
 * A JetStream server may hand out again, as a first delivery (delivery count 1), a message that
 * was filed and acknowledged: nats-server 2.9 (fixed upstream by nats-io/nats-server#5305) rewinds
 * its delivery cursor when a redelivery finds only a pull request whose client is gone (a killed
 * ingest), and the message behind the cursor goes out again. The ingest must answer it as the batch already filed, never
 * park it as a replay. On a server without that defect the same steps still hold: every batch
 * stored exactly once, nothing parked.
 */
const reachable = await natsReachable();
if (!reachable)
  console.warn(
    `nats-redelivery: skipped: no NATS server at ${NATS_URL} (.ci/run starts nats-server -js)`,
  );

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!reachable)('ingest and a message delivered again', () => {
  const layout = uniqueLayout('redeliver');
  afterAll(async () => {
    await deleteStreams(layout.stream);
  });

  it(
    'answers a filed and acknowledged batch that comes back with delivery count 1 as filed, not as a replay',
    { timeout: 60_000 },
    async () => {
      const m = await missionWithGateway('nats-redeliver');
      const { privateKey } = readGatewayKey(m.keyFile);
      const mission = await openMission(m.data);
      const identity = openIdentity(mission);
      const deps: IngestDeps = {
        store: mission.store,
        identity,
        fuser: null,
        layout,
        windowMs: GATEWAY_WINDOW_MS,
        now: Date.now,
      };
      const outcomes: { seq: number; dc: number; outcome: BatchOutcome }[] = [];
      const opts: IngestWorkerOptions = {
        durable: 'truceline-ingest',
        ackWaitMs: 1000,
        untilIdle: true,
        shouldStop: () => false,
        onOutcome: (outcome, w) =>
          outcomes.push({ seq: w.streamSequence, dc: w.deliveryCount, outcome }),
      };
      try {
        await withNats(async (nc) => {
          const jsm = await nc.jetstreamManager();
          const js = nc.jetstream();
          await ensureBatchStream(jsm, layout);
          await ensureParkedStream(jsm, layout);
          await ensureConsumer(jsm, deps, opts);
          for (const k of [0, 1]) {
            const e = signBatch('gw-1', privateKey, [sensorObservation('r', k)], Date.now());
            await js.publish(deviceSubject(layout, 'gw-1'), Buffer.from(JSON.stringify(e)), {
              msgID: batchDigest(e.observations),
            });
          }
          // A worker files both batches, acknowledges the second and dies before the first's
          // acknowledgement, leaving a pull request behind.
          const consumer = await js.consumers.get(layout.stream, opts.durable);
          for await (const msg of await consumer.fetch({ max_messages: 2, expires: 5000 })) {
            const out = await ingestBatch(deps, {
              subject: msg.subject,
              data: msg.data,
              publishedMs: Math.floor(msg.info.timestampNanos / 1e6),
              deliveryCount: msg.info.deliveryCount,
            });
            expect(out).toMatchObject({ kind: 'filed', counts: { stored: 1 } });
            if (msg.info.streamSequence === 2) await msg.ackAck();
          }
          const dead = await connect({ servers: NATS_URL });
          const inbox = createInbox();
          dead.subscribe(inbox);
          dead.publish(
            `$JS.API.CONSUMER.MSG.NEXT.${layout.stream}.${opts.durable}`,
            JSON.stringify({ batch: 1, expires: nanos(30_000) }),
            { reply: inbox },
          );
          await dead.flush();
          await dead.close();
          // The first batch's ack wait runs out: its redelivery meets the dead pull request.
          await sleep(2500);
          const stats = await runIngestWorker(js, deps, opts);
          expect(stats.parked).toBe(0);
        });
      } finally {
        identity.reader.close();
        await mission.close();
      }
      expect(outcomes.filter((o) => o.outcome.kind === 'park')).toEqual([]);
      // Batch 1 came back (its acknowledgement never came); anything that came back was filed as
      // the batch it already was, whatever its delivery count.
      expect(outcomes.some((o) => o.seq === 1)).toBe(true);
      for (const o of outcomes)
        expect(o.outcome, `#${o.seq} delivery ${o.dc}`).toMatchObject({
          kind: 'filed',
          counts: { stored: 0, duplicate: 1 },
          redelivery: true,
        });
      const counts = await storedCounts(m.data);
      expect([...counts.entries()].sort()).toEqual([
        ['r-0', 1],
        ['r-1', 1],
      ]);
    },
  );
});
