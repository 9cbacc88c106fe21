import { createReadStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { InvalidArgumentError, type Command } from 'commander';
import { importNdjson, type ImportSummary } from '../../app/import-ndjson.js';
import { IncidentFuser } from '../../app/fusion/index.js';
import { PreparePool } from '../../app/intake/prepare-pool.js';
import { openMission, resolveDataDir } from '../../app/mission.js';
import { EXIT } from '../exit.js';
import { progressBar } from '../progress.js';

const MAX_PRINTED_PROBLEMS = 50;

export function importExitCode(s: ImportSummary, interrupted: boolean): number {
  if (interrupted) return EXIT.INTERRUPTED;
  if (s.rejected > 0 && s.conflict > 0) return EXIT.REJECTED_AND_CONFLICT;
  if (s.conflict > 0) return EXIT.CONFLICT;
  if (s.rejected > 0) return EXIT.REJECTED;
  return EXIT.OK;
}

export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description('import observations from an NDJSON file (one observation a line), or - for standard input')
    .argument('<file>', 'NDJSON file, or - to read standard input')
    .option('--data <dir>', 'mission data directory (default: $TRUCELINE_DATA or ./data)')
    .option('--stop-on-error', 'stop at the first rejected or conflicting line (default: continue and summarise)')
    .option('--batch <n>', 'lines per transaction', (v) => positiveInt(v, '--batch'), 2000)
    .option('--quiet', 'print only the summary')
    .option('--fuse', 'fuse the observations into incidents as they are stored (default: store only; `truceline eval --fuse` fuses later)')
    .addHelpText(
      'after',
      `
Exit codes: 0 every line stored or already stored; 2 some lines rejected; 3 some lines conflict
with a stored observation (same id, different body); 4 both; 1 the import could not run;
130 interrupted (every committed line is kept; run it again to finish).`,
    )
    .action(async (file: string, opts: { data?: string; stopOnError?: boolean; batch: number; quiet?: boolean; fuse?: boolean }) => {
      const fromStdin = file === '-';
      // Check the input before opening (and perhaps creating) the mission's data directory.
      const total = fromStdin ? 0 : statSync(file).size;
      const mission = await openMission(resolveDataDir(opts.data));
      for (const n of mission.notes) process.stderr.write(`truceline: ${n}\n`);
      const input = fromStdin ? process.stdin : createReadStream(file);
      const lines = createInterface({ input, crlfDelay: Infinity });
      const bar = total > 0 ? progressBar('import', total, ' bytes') : progressBar('import', 0);
      let interrupted = false;
      const onSigint = () => {
        interrupted = true;
      };
      process.on('SIGINT', onSigint);
      process.on('SIGTERM', onSigint);
      let printed = 0;
      const pool = new PreparePool();
      const fuser = opts.fuse ? await IncidentFuser.start(mission, { log: (m) => process.stderr.write(`truceline: fusion: ${m}\n`) }) : null;
      try {
        const summary = await importNdjson(mission.store, lines, {
          actor: `import:${fromStdin ? 'stdin' : file}`,
          batchSize: opts.batch,
          stopOnError: opts.stopOnError,
          pool,
          afterBatch: fuser ? async (stored) => void (await fuser.afterStored(stored, Date.now())) : undefined,
          shouldStop: () => interrupted,
          onProgress: (s, bytes) => bar.update(bytes, { stored: s.stored, rejected: s.rejected }),
          onProblem: (p) => {
            if (opts.quiet || printed++ >= MAX_PRINTED_PROBLEMS) return;
            const what = p.issues.map((i) => (i.path ? `${i.path}: ${i.reason}` : i.reason)).join('; ');
            process.stderr.write(`line ${p.line}: ${p.status}: ${what}\n`);
          },
        });
        bar.stop();
        if (printed > MAX_PRINTED_PROBLEMS) process.stderr.write(`(${printed - MAX_PRINTED_PROBLEMS} more problems not shown)\n`);
        lines.close();
        const stoppedNote = interrupted ? ' (interrupted: run again to finish)' : summary.stopped ? ' (stopped at the first error)' : '';
        process.stdout.write(
          `${summary.lines} lines: ${summary.stored} stored, ${summary.duplicate} duplicate, ${summary.conflict} conflicting, ${summary.rejected} rejected` +
            (summary.skipped ? `, ${summary.skipped} skipped` : '') +
            `${stoppedNote}\n`,
        );
        process.exitCode = importExitCode(summary, interrupted);
      } finally {
        process.off('SIGINT', onSigint);
        process.off('SIGTERM', onSigint);
        await pool.close();
        await mission.close();
        if (fromStdin) process.stdin.destroy();
      }
    });
}

export function positiveInt(value: string, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${name} must be a positive whole number, got '${value}'`);
  return n;
}
