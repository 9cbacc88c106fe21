import type { Command } from 'commander';
import { initMission, resolveDataDir } from '../../app/mission.js';

export function registerInitCommand(program: Command): void {
  program
    .command('init')
    .description('bind a mission data directory to an agreement (creates the store and the mission key)')
    .requiredOption('--agreement <file>', 'agreement JSON file (see `truceline agreement check`)')
    .option('--data <dir>', 'mission data directory (default: $TRUCELINE_DATA or ./data)')
    .action(async (opts: { agreement: string; data?: string }) => {
      const dataDir = resolveDataDir(opts.data);
      const mission = await initMission(dataDir, opts.agreement);
      try {
        for (const n of mission.notes) process.stderr.write(`truceline: ${n}\n`);
        process.stdout.write(`${dataDir}: bound to agreement ${mission.agreement.id} version ${mission.agreement.version}; log origin ${mission.origin}\n`);
      } finally {
        await mission.close();
      }
    });
}
