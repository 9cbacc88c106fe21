import type { Command } from 'commander';
import { connect } from 'nats';
import { fusionDuty } from '../../app/fusion/index.js';
import { holdDuties, type HeldDuties } from '../../app/duties.js';
import { GATEWAY_WINDOW_MS } from '../../app/identity/gateway.js';
import { openIdentity } from '../../app/identity/open.js';
import { openMission, resolveDataDir } from '../../app/mission.js';
import { ensureBatchStream, ensureParkedStream, type StreamLayout } from '../../ingest/stream.js';
import {
  emptyStats,
  ensureConsumer,
  runIngestWorker,
  type IngestStats,
  type IngestWorkerOptions,
} from '../../ingest/worker.js';
import { EXIT } from '../exit.js';
import { natsOptions, positiveInt, type NatsFlags } from './gateway.js';

interface IngestFlags extends NatsFlags {
  data?: string;
  durable: string;
  maxInFlight: number;
  maxAckPending: number;
  ackWait: number;
  window: number;
  fuse: boolean;
  untilIdle?: boolean;
  verbose?: boolean;
}

const PROGRESS_EVERY_MS = 5000;

const summaryLine = (s: IngestStats) =>
  `${s.batches} batches: ${s.stored} observations stored, ${s.duplicate} duplicate, ${s.conflict} conflicting, ${s.rejected} rejected; ${s.parked} batches parked, ${s.retried} retried`;

/**
 * `truceline ingest`: the durable JetStream consumer of gateway batches (src/ingest/worker.ts).
 * SIGINT/SIGTERM finish the batch in hand, acknowledge it, hand back what was fetched and not
 * started, and drain the connection before closing the store.
 */
export function registerIngestCommand(program: Command): void {
  natsOptions(
    program
      .command('ingest')
      .description(
        'consume signed gateway batches from NATS JetStream: verify, store, fuse, then acknowledge',
      )
      .option('--data <dir>', 'mission data directory (default: $TRUCELINE_DATA or ./data)'),
  )
    .option(
      '--durable <name>',
      'durable consumer name (workers with the same name share the stream)',
      'truceline-ingest',
    )
    .option(
      '--max-in-flight <n>',
      'batches fetched and answered at a time',
      (v) => positiveInt(v, '--max-in-flight'),
      8,
    )
    .option(
      '--max-ack-pending <n>',
      'unacknowledged batches the consumer hands out at most (set when it is created)',
      (v) => positiveInt(v, '--max-ack-pending'),
      64,
    )
    .option(
      '--ack-wait <seconds>',
      'seconds before an unacknowledged batch is delivered again (set when the consumer is created)',
      (v) => positiveInt(v, '--ack-wait'),
      30,
    )
    .option(
      '--window <seconds>',
      "allowed distance between a batch's timestamp and its publish time",
      (v) => positiveInt(v, '--window'),
      GATEWAY_WINDOW_MS / 1000,
    )
    .option('--no-fuse', 'store only (default: fuse into incidents as batches are stored)')
    .option('--until-idle', 'exit once the stream has nothing left for this consumer')
    .option('--verbose', 'a line for every batch')
    .addHelpText(
      'after',
      '\nParked batches (unusable: bad signature, unknown device, stale, replayed, unparseable, nothing storable) go to the stream <stream>_PARKED with the reason in the Truceline-Parked-Reason header.',
    )
    .action(async (flags: IngestFlags) => {
      const layout: StreamLayout = { stream: flags.stream, subjectPrefix: flags.subjectPrefix };
      const mission = await openMission(resolveDataDir(flags.data));
      const identity = openIdentity(mission);
      let stopping = false;
      const onSignal = (signal: string) => {
        if (!stopping)
          process.stderr.write(
            `truceline: ${signal}: finishing the batch in hand, then stopping\n`,
          );
        stopping = true;
      };
      const onInt = () => onSignal('SIGINT');
      const onTerm = () => onSignal('SIGTERM');
      process.on('SIGINT', onInt);
      process.on('SIGTERM', onTerm);
      let duties: HeldDuties | null = null;
      const nc = await connect({ servers: flags.nats, name: `truceline-ingest ${flags.durable}` });
      try {
        const jsm = await nc.jetstreamManager();
        await ensureBatchStream(jsm, layout);
        await ensureParkedStream(jsm, layout);
        // With --fuse this worker takes part in the fusion duty: whichever process holds it
        // (another worker, a server) fuses every stored observation once (src/app/duties.ts).
        const fusion = flags.fuse ? fusionDuty(mission, { log: (m) => process.stderr.write(`truceline: fusion: ${m}\n`) }) : null;
        duties = fusion ? holdDuties(mission.store, [fusion], { log: (line) => process.stderr.write(`truceline: duty ${line}\n`) }) : null;
        await duties?.ready;
        const fuser = fusion?.hook ?? null;
        const opts: IngestWorkerOptions = {
          durable: flags.durable,
          maxInFlight: flags.maxInFlight,
          maxAckPending: flags.maxAckPending,
          ackWaitMs: flags.ackWait * 1000,
          untilIdle: flags.untilIdle,
          shouldStop: () => stopping,
          onOutcome: (o, m) => {
            if (o.kind === 'park')
              process.stderr.write(`truceline: parked batch #${m.streamSequence}: ${o.reason}\n`);
            else if (flags.verbose) {
              const c = o.counts;
              process.stderr.write(
                `batch #${m.streamSequence} from ${o.deviceId}: ${c.stored} stored, ${c.duplicate} duplicate, ${c.conflict} conflicting, ${c.rejected} rejected${o.redelivery ? ' (redelivered)' : ''}\n`,
              );
            }
          },
          onRetry: (err, m) =>
            process.stderr.write(
              `truceline: batch #${m.streamSequence} will be retried: ${(err as Error)?.message ?? String(err)}\n`,
            ),
        };
        await ensureConsumer(jsm, { layout }, opts);
        process.stderr.write(
          `truceline: ingest from stream ${layout.stream} (${layout.subjectPrefix}.*) as '${flags.durable}'\n`,
        );
        const stats = emptyStats();
        let shown = '';
        const progress = setInterval(() => {
          const line = summaryLine(stats);
          if (line !== shown) process.stderr.write(`ingest: ${line}\n`);
          shown = line;
        }, PROGRESS_EVERY_MS);
        try {
          await runIngestWorker(
            nc.jetstream(),
            {
              store: mission.store,
              identity,
              fuser,
              layout,
              windowMs: flags.window * 1000,
              now: Date.now,
            },
            opts,
            stats,
          );
        } finally {
          clearInterval(progress);
        }
        process.stdout.write(summaryLine(stats) + (stopping ? ' (stopped)' : '') + '\n');
        process.exitCode = EXIT.OK;
      } finally {
        process.off('SIGINT', onInt);
        process.off('SIGTERM', onTerm);
        await nc.drain().catch(() => undefined);
        await duties?.stop();
        identity.reader.close();
        await mission.close();
      }
    });
}
