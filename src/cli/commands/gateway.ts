import { createReadStream } from 'node:fs';
import { createInterface, type Interface } from 'node:readline';
import { InvalidArgumentError, type Command } from 'commander';
import { connect } from 'nats';
import {
  createGatewayKey,
  publishLines,
  readGatewayKey,
  type GatewaySummary,
} from '../../ingest/gateway.js';
import {
  DEFAULT_STREAM,
  DEFAULT_SUBJECT_PREFIX,
  deviceSubject,
  ensureBatchStream,
} from '../../ingest/stream.js';
import { NAME_PATTERN } from '../../app/identity/roles.js';
import { EXIT } from '../exit.js';

export interface NatsFlags {
  nats: string;
  stream: string;
  subjectPrefix: string;
}

export function positiveInt(value: string, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new InvalidArgumentError(`${name} must be a positive whole number, got '${value}'`);
  return n;
}

/** The options naming the NATS server and the batch stream, shared by `gateway` and `ingest`. */
export function natsOptions(c: Command): Command {
  return c
    .option(
      '--nats <url>',
      'NATS server (default: $NATS_URL or nats://127.0.0.1:4222)',
      process.env.NATS_URL ?? 'nats://127.0.0.1:4222',
    )
    .option(
      '--stream <name>',
      'JetStream stream of gateway batches (created if missing)',
      DEFAULT_STREAM,
    )
    .option(
      '--subject-prefix <subject>',
      'batches are published on <prefix>.<deviceId>',
      DEFAULT_SUBJECT_PREFIX,
    );
}

interface PublishFlags extends NatsFlags {
  device: string;
  key: string;
  batch: number;
  linger: number;
  quiet?: boolean;
}

const summaryLine = (s: GatewaySummary) =>
  `${s.lines} lines: ${s.batches} batches (${s.observations} observations) acknowledged by the stream, ${s.published} new, ${s.duplicate} already on the stream; ${s.unreadable} unreadable lines`;

/**
 * `truceline gateway keygen|publish`: a sensor gateway that signs batches of observations and
 * publishes them to NATS JetStream, for `truceline ingest` to store (src/ingest/gateway.ts).
 */
export function registerGatewayCommand(program: Command): void {
  const gateway = program
    .command('gateway')
    .description(
      'a sensor gateway: sign batches of observations and publish them to NATS JetStream',
    );

  gateway
    .command('keygen')
    .description(
      "create a gateway's Ed25519 key file and print its public key (register it with `truceline device add`)",
    )
    .requiredOption(
      '--out <file>',
      'where to write the private key (PKCS#8 PEM, owner-only; never overwritten)',
    )
    .action((o: { out: string }) => {
      const publicKey = createGatewayKey(o.out);
      process.stdout.write(`${publicKey}\n`);
      process.stderr.write(
        `wrote ${o.out}; register it with: truceline device add --name <id> --public-key ${publicKey}\n`,
      );
    });

  natsOptions(
    gateway
      .command('publish')
      .description(
        'read observations (NDJSON, one a line; - for standard input), sign them in batches and publish each to the stream',
      )
      .argument('<file>', 'NDJSON file, or - to read standard input')
      .requiredOption('--device <id>', 'the device id registered with `truceline device add`')
      .requiredOption('--key <file>', 'the device private key (from `truceline gateway keygen`)'),
  )
    .option('--batch <n>', 'observations per batch', (v) => positiveInt(v, '--batch'), 100)
    .option(
      '--linger <ms>',
      'send a partial batch after this long without a new line (live input)',
      (v) => positiveInt(v, '--linger'),
      1000,
    )
    .option('--quiet', 'print only the summary')
    .addHelpText(
      'after',
      '\nExit codes: 0 every batch acknowledged; 2 some lines were not JSON objects (not sent); 1 publishing failed; 130 interrupted.',
    )
    .action(async (file: string, flags: PublishFlags) => {
      if (!NAME_PATTERN.test(flags.device))
        throw new InvalidArgumentError(
          `--device must be a registered device id, got '${flags.device}'`,
        );
      const { privateKey } = readGatewayKey(flags.key);
      const layout = { stream: flags.stream, subjectPrefix: flags.subjectPrefix };
      const fromStdin = file === '-';
      let interrupted = false;
      const onSignal = () => void (interrupted = true);
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
      const nc = await connect({ servers: flags.nats, name: `truceline-gateway ${flags.device}` });
      let lines: Interface | null = null;
      try {
        await ensureBatchStream(await nc.jetstreamManager(), layout);
        // Opened only now: lines read before anyone listens would be lost.
        lines = createInterface({
          input: fromStdin ? process.stdin : createReadStream(file),
          crlfDelay: Infinity,
        });
        if (!flags.quiet)
          process.stderr.write(
            `gateway: publishing to ${deviceSubject(layout, flags.device)} (stream ${layout.stream})\n`,
          );
        let lastShown = 0;
        const summary = await publishLines(nc.jetstream(), lines, {
          deviceId: flags.device,
          key: privateKey,
          layout,
          batchSize: flags.batch,
          lingerMs: flags.linger,
          shouldStop: () => interrupted,
          onProgress: (s) => {
            if (flags.quiet || Date.now() - lastShown < 1000) return;
            lastShown = Date.now();
            process.stderr.write(
              `gateway: ${s.batches} batches, ${s.published} new, ${s.duplicate} already on the stream\n`,
            );
          },
          onUnreadable: (line, reason) =>
            process.stderr.write(`line ${line}: not sent: ${reason}\n`),
        });
        process.stdout.write(summaryLine(summary) + (interrupted ? ' (interrupted)' : '') + '\n');
        process.exitCode = interrupted
          ? EXIT.INTERRUPTED
          : summary.unreadable > 0
            ? EXIT.REJECTED
            : EXIT.OK;
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        lines?.close();
        if (fromStdin) process.stdin.destroy();
        await nc.drain().catch(() => undefined);
      }
    });
}
