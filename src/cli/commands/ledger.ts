import type { Command } from 'commander';
import { missionVerifierKey, openMission, resolveDataDir, type Mission } from '../../app/mission.js';
import { onDemandCheckpoint } from '../../app/checkpoints/index.js';
import { progressBar } from '../progress.js';
import { exportLedger } from './ledger-export.js';

const DATA_HELP = 'mission data directory (default: $TRUCELINE_DATA or ./data)';

async function withMission(data: string | undefined, fn: (m: Mission) => Promise<void>): Promise<void> {
  const mission = await openMission(resolveDataDir(data));
  for (const n of mission.notes) process.stderr.write(`truceline: ${n}\n`);
  try {
    await fn(mission);
  } finally {
    await mission.close();
  }
}

export function registerLedgerCommand(program: Command): void {
  const ledger = program.command('ledger').description("the mission's tamper-evident log");

  ledger
    .command('export')
    .description('write the log as static files (C2SP tlog-tiles layout, entry bundles, signed checkpoint) for offline verification')
    .argument('<dir>', 'directory to write (created if missing; existing files are replaced)')
    .option('--data <dir>', DATA_HELP)
    .action(async (dir: string, opts: { data?: string }) =>
      withMission(opts.data, async (m) => {
        const log = m.store.ledger;
        const s = await exportLedger({ checkpoint: onDemandCheckpoint(m), tile: (l, i, w) => log.tile(l, i, w), entryBundle: (i, w) => log.entryBundle(i, w) }, dir);
        process.stdout.write(`exported ${s.size} entries: ${s.tiles} tiles, ${s.bundles} entry bundles, checkpoint -> ${dir}\n`);
        process.stdout.write(`verify with: truceline verify --dir ${dir} --key ${missionVerifierKey(m)}\n`);
      }),
    );

  ledger
    .command('rebuild')
    .description('empty the state tables and rebuild them from the log alone')
    .option('--data <dir>', DATA_HELP)
    .action(async (opts: { data?: string }) =>
      withMission(opts.data, async (m) => {
        const size = await m.store.ledger.size();
        const bar = progressBar('rebuild', size, ' events');
        const applied = await m.store.rebuild((done) => bar.update(done));
        bar.stop();
        process.stdout.write(`rebuilt the state from ${applied} ledger events\n`);
      }),
    );

  ledger
    .command('checkpoint')
    .description("print the log's current checkpoint, signed with the mission key (C2SP signed note)")
    .option('--data <dir>', DATA_HELP)
    .action(async (opts: { data?: string }) => withMission(opts.data, async (m) => void process.stdout.write(await onDemandCheckpoint(m)())));

  ledger
    .command('key')
    .description("print the mission's verifier key (vkey), which parties pass to `truceline verify --key`")
    .option('--data <dir>', DATA_HELP)
    .action(async (opts: { data?: string }) => withMission(opts.data, async (m) => void process.stdout.write(missionVerifierKey(m) + '\n')));
}
