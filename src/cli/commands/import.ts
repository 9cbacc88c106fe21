import { createReadStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { InvalidArgumentError, type Command } from 'commander';
import { tryDuty } from '../../app/duties.js';
import { importNdjson, type ImportSummary } from '../../app/import-ndjson.js';
import { IncidentFuser } from '../../app/fusion/index.js';
import { PreparePool } from '../../app/intake/prepare-pool.js';
import { openMission, resolveDataDir } from '../../app/mission.js';
import type { DutyLease } from '../../store/port.js';
import { EXIT } from '../exit.js';
import { progressBar } from '../progress.js';

const MAX_PRINTED_PROBLEMS = 50;
/** How often `--settle-wait` settles the claims still waiting. */
const SETTLE_WAIT_POLL_MS = 1000;

export interface ClaimSettling {
  /** Incident events recorded by the settling. */
  readonly events: number;
  /** Claims still waiting for their allowance. */
  readonly waiting: number;
}

/**
 * The end of an import with fusion: settles the party claims whose allowance has run by the
 * wall clock (each counts from when the import read it, or from when its window's reports were
 * due if later), recorded through the fuser like any other change. With `wait`, keeps settling
 * until none waits (at most the allowance after the last was read) or `shouldStop` says so.
 */
export async function settleImportedClaims(
  fuser: Pick<IncidentFuser, 'settle' | 'claimsWaiting'>,
  opts: { wait?: boolean; shouldStop?: () => boolean; now?: () => number; sleep?: (ms: number) => Promise<void>; onWait?: (waiting: number) => void } = {},
): Promise<ClaimSettling> {
  const now = opts.now ?? Date.now;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let events = (await fuser.settle(now())).events;
  if (opts.wait && fuser.claimsWaiting > 0 && !opts.shouldStop?.()) {
    opts.onWait?.(fuser.claimsWaiting);
    while (fuser.claimsWaiting > 0 && !opts.shouldStop?.()) {
      await sleep(SETTLE_WAIT_POLL_MS);
      events += (await fuser.settle(now())).events;
    }
  }
  return { events, waiting: fuser.claimsWaiting };
}

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
    .option(
      '--claim-allowance <minutes>',
      "with --fuse: how long after it is read a party's claim waits for mission reports of its window before it is settled without them (default 10, as serve; 0 for a file that holds every report of its windows)",
      (v) => nonNegative(v, '--claim-allowance'),
    )
    .option('--settle-wait', 'with --fuse: at the end of the input, wait for the claims still within their allowance and settle them (Ctrl-C stops waiting)')
    .addHelpText(
      'after',
      `
Exit codes: 0 every line stored or already stored; 2 some lines rejected; 3 some lines conflict
with a stored observation (same id, different body); 4 both; 1 the import could not run;
130 interrupted (every committed line is kept; run it again to finish).

With --fuse, a party's claim is matched to the mission's incident it fits once the reports have
come past its window, or, with none after it, once its allowance (--claim-allowance) has run
since it was read. At the end the import settles the claims whose allowance has run; those
still within it are settled by --settle-wait, or else by \`serve\` when their window is within
its last hours. Fusion is one process's duty: where \`serve\` or an ingest worker holds it on the
same store (PostgreSQL or SQLite), the import only stores, and that process fuses what it stores.`,
    )
    .action(async (file: string, opts: { data?: string; stopOnError?: boolean; batch: number; quiet?: boolean; fuse?: boolean; claimAllowance?: number; settleWait?: boolean }) => {
      const fromStdin = file === '-';
      // Check the input before opening (and perhaps creating) the mission's data directory.
      const total = fromStdin ? 0 : statSync(file).size;
      const mission = await openMission(resolveDataDir(opts.data));
      for (const n of mission.notes) process.stderr.write(`truceline: ${n}\n`);
      const bar = total > 0 ? progressBar('import', total, ' bytes') : progressBar('import', 0);
      let interrupted = false;
      const onSigint = () => {
        interrupted = true;
      };
      process.on('SIGINT', onSigint);
      process.on('SIGTERM', onSigint);
      let printed = 0;
      const pool = new PreparePool();
      const say = (m: string) => process.stderr.write(`truceline: fusion: ${m}\n`);
      let fuser: IncidentFuser | null = null;
      let duty: DutyLease | null = null;
      let dutyLost = false;
      let released = false;
      try {
        // The fusion duty is one process's (Store.tryDuty): with a `serve` or ingest worker
        // holding it on this store, it fuses what the import stores, and fusing here as well
        // would make every incident twice.
        duty = opts.fuse ? await tryDuty(mission.store, 'fusion') : null;
        if (opts.fuse && !duty)
          say('another process (serve or ingest) holds the fusion duty on this store: it fuses what this import stores');
        if (duty) {
          fuser = await IncidentFuser.start(mission, {
            log: say,
            ...(opts.claimAllowance !== undefined ? { claimAllowanceMs: Math.round(opts.claimAllowance * 60_000) } : {}),
          });
          // As the fusion duty of serve does: a long import settles the claims whose allowance has run.
          fuser.settleEvery();
        }
        const fusing = fuser;
        // Read only once the store and fusion are ready: lines a readline interface emits before
        // its iterator is taken are dropped, and opening a PostgreSQL store or taking a duty awaits.
        const input = fromStdin ? process.stdin : createReadStream(file);
        const lines = createInterface({ input, crlfDelay: Infinity });
        void duty?.lost.then(() => {
          if (released) return;
          dutyLost = true;
          if (fusing) say('lost the fusion duty (its database connection broke, or another process took it): the process holding it fuses the rest');
        });
        const summary = await importNdjson(mission.store, lines, {
          actor: `import:${fromStdin ? 'stdin' : file}`,
          batchSize: opts.batch,
          stopOnError: opts.stopOnError,
          pool,
          afterBatch: fusing ? async (stored) => void (dutyLost || (await fusing.afterStored(stored, Date.now()))) : undefined,
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
        if (fusing && !dutyLost) {
          // Waiting makes sense only once the input is read to its end.
          const wait = Boolean(opts.settleWait) && !interrupted && !summary.stopped;
          const settled = await settleImportedClaims(fusing, {
            wait,
            shouldStop: () => interrupted,
            onWait: (n) => opts.quiet || say(`waiting for ${n} party claim(s) to reach their allowance (Ctrl-C stops waiting)`),
          });
          if (settled.events > 0 && !opts.quiet) say(`settled party claims: ${settled.events} incident event(s)`);
          if (settled.waiting > 0 && !opts.quiet) {
            say(
              `${settled.waiting} party claim(s) not settled: within their allowance for mission reports of their window` +
                (wait ? ' (stopped waiting)' : ' (--settle-wait waits for them)'),
            );
          }
        }
        process.exitCode = importExitCode(summary, interrupted);
      } finally {
        process.off('SIGINT', onSigint);
        process.off('SIGTERM', onSigint);
        // The settling timer stops and the fusion in hand is recorded before the store closes.
        await fuser?.close();
        released = true;
        await duty?.release();
        await pool.close();
        await mission.close();
        if (fromStdin) process.stdin.destroy();
      }
    });
}

export function nonNegative(value: string, name: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) throw new InvalidArgumentError(`${name} must be a number of minutes, 0 or more, got '${value}'`);
  return n;
}

export function positiveInt(value: string, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${name} must be a positive whole number, got '${value}'`);
  return n;
}
