import type { Command } from 'commander';
import { copyMission } from '../../app/copy-mission.js';
import { describeLocation, openLocation, parseStoreLocation } from '../../app/store-location.js';
import type { TransferableStore } from '../../app/stored-log-check.js';
import { progressBar, type Progress } from '../progress.js';

const STAGE_LABELS: Record<string, string> = {
  'verify-source': 'verify source',
  documents: 'documents',
  entries: 'copy log',
  rebuild: 'rebuild',
  'verify-target': 'verify copy',
  audit: 'audit state',
  verify: 'verify log',
};

/** One progress bar per stage of a long operation (silent when stderr is not a terminal). */
export function stagedProgress(): { update(stage: string, done: number, total: number): void; stop(): void } {
  let current: { stage: string; bar: Progress } | null = null;
  return {
    update(stage, done, total) {
      if (current?.stage !== stage) {
        current?.bar.stop();
        current = { stage, bar: progressBar((STAGE_LABELS[stage] ?? stage).padEnd(13), total) };
      }
      current.bar.update(done);
    },
    stop: () => current?.bar.stop(),
  };
}

export function registerCopyCommand(program: Command): void {
  program
    .command('copy')
    .description("copy a mission's store into an empty one (e.g. SQLite to PostgreSQL): the ledger byte for byte, sealed events and documents; then rebuild the target's state and verify it")
    .requiredOption('--from <store>', 'source: sqlite:PATH (a truceline.db or a data directory) or postgres://...')
    .requiredOption('--to <store>', 'target, which must be empty: sqlite:PATH or postgres://...')
    .option('--schema <name>', 'PostgreSQL schema of both sides (default public)')
    .option('--from-schema <name>', 'PostgreSQL schema of the source (default --schema)')
    .option('--to-schema <name>', 'PostgreSQL schema of the target (default --schema)')
    .action(async (opts: { from: string; to: string; schema?: string; fromSchema?: string; toSchema?: string }) => {
      const from = parseStoreLocation(opts.from, opts.fromSchema ?? opts.schema);
      const to = parseStoreLocation(opts.to, opts.toSchema ?? opts.schema);
      if (describeLocation(from) === describeLocation(to)) throw new Error('--from and --to name the same store');
      const source = await openLocation(from, { mustExist: true });
      let target: TransferableStore | null = null;
      const progress = stagedProgress();
      try {
        target = await openLocation(to);
        const r = await copyMission(source, target, (stage, done, total) => progress.update(stage, done, total));
        progress.stop();
        const out = process.stdout;
        out.write(`copied ${r.size} ledger entries (${r.sealed} sealed) and ${r.documents} documents\n`);
        out.write(`  from ${describeLocation(from)}\n  to   ${describeLocation(to)}\n`);
        out.write(`root at size ${r.size}: ${r.root} (the same on both sides)\n`);
        out.write(`target state rebuilt from ${r.rebuilt} events; its log verifies and its state equals a replay of the log\n`);
        out.write('the mission signing key (keys/) and checkpoints.jsonl stay in the data directory: keep them with the mission wherever it now runs\n');
      } finally {
        progress.stop();
        await source.close();
        await target?.close();
      }
    });
}
