import type { Command } from 'commander';
import { backupMission } from '../../app/backup/backup.js';
import { restoreMission } from '../../app/backup/restore.js';
import { resolveDataDir } from '../../app/mission.js';
import { describeLocation, locationFromFlags } from '../../app/store-location.js';
import { stagedProgress } from './copy.js';

const DATA_HELP = 'mission data directory (default: $TRUCELINE_DATA or ./data)';
const URL_HELP = 'PostgreSQL store (default: $DATABASE_URL; without either, the data directory\'s SQLite file)';

export function registerBackupCommand(program: Command): void {
  program
    .command('backup')
    .description("write one archive of the mission's store (safe while `serve` runs: SQLite online backup, pg_dump for PostgreSQL), with its ledger size and root")
    .requiredOption('--to <file>', 'the archive to write (must not exist)')
    .option('--data <dir>', DATA_HELP)
    .option('--database-url <url>', URL_HELP)
    .option('--schema <name>', 'PostgreSQL schema (default public)')
    .option('--with-keys', "also put the mission signing key (keys/) in the archive; by default it is left out, since it is the mission's identity: keep it offline, apart from backups")
    .action(async (opts: { to: string; data?: string; databaseUrl?: string; schema?: string; withKeys?: boolean }) => {
      const dataDir = resolveDataDir(opts.data);
      const loc = locationFromFlags({ dataDir, databaseUrl: opts.databaseUrl, schema: opts.schema });
      const progress = stagedProgress();
      try {
        const { manifest, notes } = await backupMission({ loc, dataDir, file: opts.to, withKeys: !!opts.withKeys, onProgress: (s, d, t) => progress.update(s, d, t) });
        progress.stop();
        process.stdout.write(`backed up ${describeLocation(loc)} to ${opts.to}\n`);
        process.stdout.write(`ledger size ${manifest.ledger.size}, root ${manifest.ledger.root}\n`);
        process.stdout.write(`members: ${manifest.members.map((m) => `${m.name} (${m.size} bytes)`).join(', ')}\n`);
        for (const n of notes) process.stderr.write(`truceline: ${n}\n`);
      } finally {
        progress.stop();
      }
    });

  program
    .command('restore')
    .description('restore a backup archive into an empty store, then verify the restored ledger (against the root the backup recorded) and state')
    .requiredOption('--from <file>', 'the archive written by `truceline backup`')
    .option('--data <dir>', `${DATA_HELP}; also receives checkpoints.jsonl and any archived keys`)
    .option('--database-url <url>', 'restore into this PostgreSQL database (default: $DATABASE_URL)')
    .option('--schema <name>', 'PostgreSQL schema (default: the one the backup holds)')
    .action(async (opts: { from: string; data?: string; databaseUrl?: string; schema?: string }) => {
      const dataDir = resolveDataDir(opts.data);
      const progress = stagedProgress();
      try {
        const postgres = !!(opts.databaseUrl ?? process.env.DATABASE_URL ?? '').trim();
        const r = await restoreMission({
          file: opts.from,
          locate: (m) => locationFromFlags({ dataDir, databaseUrl: opts.databaseUrl, schema: opts.schema ?? m.schema }),
          dataDir: !postgres || opts.data !== undefined ? dataDir : null,
          onProgress: (s, d, t) => progress.update(s, d, t),
        });
        progress.stop();
        process.stdout.write(`restored ${opts.from} (taken ${r.manifest.createdAt}) into ${describeLocation(r.loc)}\n`);
        process.stdout.write(`ledger size ${r.size}, root ${r.root}: the log verifies, matches the backup's root, and the state equals a replay of the log\n`);
        for (const f of r.files) process.stdout.write(`wrote ${f}\n`);
        for (const n of r.notes) process.stderr.write(`truceline: ${n}\n`);
      } finally {
        progress.stop();
      }
    });
}

