import { InvalidArgumentError, type Command } from 'commander';
import { ensureFirstAdmin } from '../../app/identity/users.js';
import { openMission, resolveDataDir } from '../../app/mission.js';
import { buildServer } from '../../server/app.js';
import { startCheckpointPublisher, type WitnessConfig } from '../../app/checkpoints/index.js';
import { fusionDuty } from '../../app/fusion/index.js';
import { holdDuties } from '../../app/duties.js';
import { onDemandCheckpoint } from '../../app/checkpoints/index.js';
import { configFromEnv, configFromFile, describeConfig, resolveConfig } from '../../server/config.js';
import { startReplyLapseScheduler } from '../../app/workflow/reply-lapse.js';
import { startDemoStream } from '../../server/demo.js';
import type { AfterStored } from '../../server/routes/observations.js';
import { AlertScheduler, loadAlertsConfig } from '../../app/alerts/index.js';

interface ServeFlags {
  port?: number;
  host?: string;
  data?: string;
  config?: string;
  demo?: boolean;
  witness: WitnessConfig[];
  minWitnesses?: number;
  checkpointInterval: number;
  alertsConfig?: string;
}

/** `URL,VKEY`: where a witness listens and its cosigner key (base64 has no comma). */
function witness(v: string, previous: WitnessConfig[]): WitnessConfig[] {
  const comma = v.lastIndexOf(',');
  if (comma < 1) throw new InvalidArgumentError(`--witness must be URL,VKEY, got '${v.slice(0, 80)}'`);
  return [...previous, { url: v.slice(0, comma), vkey: v.slice(comma + 1) }];
}

function wholeNumber(name: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`${name} must be a whole number, got '${v}'`);
    return n;
  };
}

function port(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError(`--port must be 0-65535, got '${v}'`);
  return n;
}

/**
 * `truceline serve`: the HTTP API. Configuration: flags over TRUCELINE_* environment over
 * `--config FILE` (JSON) over safe defaults. SIGINT/SIGTERM stop accepting connections, let
 * in-flight requests finish (their commits included), then close the store.
 */
export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('run the HTTP API (observation intake, queries, identity, gateways; docs at /api/docs)')
    .option('--port <n>', 'port to listen on (default 8080; $TRUCELINE_PORT)', port)
    .option('--host <addr>', 'address to bind (default 127.0.0.1, loopback only; $TRUCELINE_HOST)')
    .option('--data <dir>', 'mission data directory (default: $TRUCELINE_DATA or ./data)')
    .option('--config <file>', 'JSON configuration file (see docs/ARCHITECTURE.md, "Serving")')
    .option('--demo', 'stream simulated observations in, so the map is alive')
    .option('--witness <url,vkey>', "a witness to ask for cosignatures: its URL and cosigner key (repeatable)", witness, [])
    .option('--min-witnesses <n>', 'cosignatures a checkpoint needs before it is published (default: every --witness)', wholeNumber('--min-witnesses'))
    .option('--checkpoint-interval <seconds>', 'how often a new checkpoint is published when the log has grown', wholeNumber('--checkpoint-interval'), 60)
    .option('--alerts-config <file>', 'alert recipients: webhooks, SMTP, email addresses (JSON, see README "Alerts"; $TRUCELINE_ALERTS_CONFIG)')
    .action(async (flags: ServeFlags) => {
      const fromFile = flags.config ? configFromFile(flags.config) : {};
      const config = resolveConfig(fromFile, configFromEnv(process.env), {
        port: flags.port,
        host: flags.host,
        dataDir: flags.data,
        demo: flags.demo ? true : undefined,
      });
      const dataDir = resolveDataDir(config.dataDir);
      const mission = await openMission(dataDir);
      for (const n of mission.notes) process.stderr.write(`truceline: ${n}\n`);
      // Checkpoints are published on a schedule (kept in checkpoints.jsonl) and, with witnesses,
      // served only once the policy's cosignatures are in; without witnesses /log/checkpoint
      // signs the current size on demand.
      const publisher = startCheckpointPublisher({
        mission,
        intervalMs: flags.checkpointInterval * 1000,
        witnesses: flags.witness,
        minWitnesses: flags.minWitnesses ?? flags.witness.length,
        log: (line) => process.stderr.write(`truceline: ${line}\n`),
      });
      const checkpoint = flags.witness.length > 0 ? async () => publisher.latest() ?? (await publisher.publishNow()) : onDemandCheckpoint(mission);
      // The mission's duties, each done by exactly one process however many serve one database
      // (src/app/duties.ts; with SQLite this process does them all):
      // - fusion: every observation stored (HTTP, gateways, the demo, other processes) is fused
      //   into incidents in commit order; the engine recovers from the store's recent window first;
      // - alerts: early warning, escalation thresholds, deliveries and escalation of the
      //   unacknowledged, on a timer;
      // - reply deadlines: a finding left unanswered past the agreement's replyDeadlineHours is
      //   recorded as lapsed.
      const fusion = fusionDuty(mission, { log: (message) => process.stderr.write(`truceline: fusion: ${message}\n`) });
      let alerts: AlertScheduler | null = null;
      const alertsConfig = loadAlertsConfig(process.env, flags.alertsConfig);
      const duties = holdDuties(
        mission.store,
        [
          fusion,
          {
            name: 'alerts',
            start: async () => {
              const started = new AlertScheduler({ mission, config: alertsConfig }).start();
              alerts = started;
              return { stop: async () => ((alerts = null), await started.stop()) };
            },
          },
          {
            name: 'reply-lapses',
            start: async () => startReplyLapseScheduler({ store: mission.store, log: (line) => process.stderr.write(`truceline: workflow: ${line}\n`) }),
          },
        ],
        { log: (line) => process.stderr.write(`truceline: duty ${line}\n`) },
      );
      await duties.ready;
      // A batch this process stored is fused at once (when it holds fusion), then the alert
      // scheduler is poked so thresholds are evaluated within seconds.
      const afterStored: AfterStored = async (stored, nowMs) => {
        await fusion.hook.afterStored(stored, nowMs);
        alerts?.poke();
      };
      const app = await buildServer({ mission, config, logger: config.logLevel !== 'silent', checkpoint, afterStored });
      const adminPassword = await ensureFirstAdmin(app.identity, { actor: 'system', nowMs: Date.now() });
      await app.listen({ port: config.port, host: config.host });
      const address = app.server.address();
      const bound = typeof address === 'object' && address ? { ...config, port: address.port } : config;
      process.stdout.write(`truceline serve — mission ${mission.agreement.id}, log origin ${mission.origin}\n`);
      for (const line of describeConfig(bound, dataDir)) process.stdout.write(`  ${line}\n`);
      if (adminPassword) {
        process.stdout.write(
          `\n  First start: created user 'admin' with the one-time password\n\n      ${adminPassword}\n\n` +
            `  It is shown only now. Log in (POST /api/v1/auth/login) and change it (POST /api/v1/auth/password).\n\n`,
        );
      }
      const demo = config.demo ? startDemoStream(app, mission, (line) => process.stdout.write(`  demo: ${line}\n`), {}, fusion.hook) : null;

      await new Promise<void>((resolve) => {
        let closing = false;
        const stop = (signal: string) => {
          if (closing) return;
          closing = true;
          process.stderr.write(`truceline: ${signal}: finishing in-flight requests, then closing the store\n`);
          void (async () => {
            try {
              await demo?.stop();
              await app.close();
              await publisher.stop();
              await duties.stop();
            } finally {
              await mission.close();
              resolve();
            }
          })();
        };
        process.once('SIGINT', () => stop('SIGINT'));
        process.once('SIGTERM', () => stop('SIGTERM'));
      });
    });
}
