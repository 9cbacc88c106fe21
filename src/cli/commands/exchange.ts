/**
 * `truceline exchange`: the field's conflict event data sets in and out (src/app/exchange).
 *
 *   truceline exchange export-acled [--data DIR] [--out FILE] [--public-only] [--utc-offset ±HH:MM]
 *   truceline exchange import-acled FILE [--data DIR] [--utc-offset ±HH:MM] [--visibility mission|public] ...
 *   truceline exchange import-ucdp FILE  [--data DIR] [--utc-offset ±HH:MM] [--event KIND] ...
 *
 * Imports print each problem with its line number (at most 50), then a summary; the exit code is
 * that of `truceline import` (0, 2 rejected, 3 conflicting, 4 both, 130 interrupted). Rows that
 * are valid but hold nothing an observation can carry are excluded, reported, and not errors.
 */
import { once } from 'node:events';
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { Writable } from 'node:stream';
import { InvalidArgumentError, type Command } from 'commander';
import { acledCsvChunks } from '../../app/exchange/acled-export.js';
import { ACLED_REQUIRED_COLUMNS, acledRowToObservation } from '../../app/exchange/acled-import.js';
import { parseUtcOffset } from '../../app/exchange/days.js';
import { importCsvObservations, type CsvImportSummary } from '../../app/exchange/import-csv.js';
import type { Row, RowMapping } from '../../app/exchange/row-mapping.js';
import { UCDP_REQUIRED_COLUMNS, ucdpRowToObservation } from '../../app/exchange/ucdp-import.js';
import { openMission, resolveDataDir } from '../../app/mission.js';
import { EVENT_KINDS, type EventKind, type Observation } from '../../domain/observation/types.js';
import type { Store } from '../../store/port.js';
import { EXIT } from '../exit.js';
import { positiveInt } from './import.js';

const MAX_PRINTED_PROBLEMS = 50;

function utcOffsetOption(value: string): number {
  const minutes = parseUtcOffset(value);
  if (minutes === null) throw new InvalidArgumentError(`--utc-offset must be like +03:00, -05:30 or Z, got '${value}'`);
  return minutes;
}

export function exchangeExitCode(s: CsvImportSummary, interrupted: boolean): number {
  if (interrupted) return EXIT.INTERRUPTED;
  if (s.rejected > 0 && s.conflict > 0) return EXIT.REJECTED_AND_CONFLICT;
  if (s.conflict > 0) return EXIT.CONFLICT;
  if (s.rejected > 0) return EXIT.REJECTED;
  return EXIT.OK;
}

async function* visibleObservations(store: Store, publicOnly: boolean): AsyncIterable<Observation> {
  for await (const s of store.streamObservations()) if (!publicOnly || s.observation.visibility === 'public') yield s.observation;
}

interface ImportFlags {
  data?: string;
  utcOffset?: number;
  visibility: 'mission' | 'public';
  batch: number;
  stopOnError?: boolean;
  quiet?: boolean;
}

async function runImport(file: string, flags: ImportFlags, format: 'acled-csv' | 'ucdp-ged-csv', required: readonly string[], mapRow: (row: Row, nowMs: number) => RowMapping): Promise<void> {
  const fromStdin = file === '-';
  if (!fromStdin) statSync(file);
  const mission = await openMission(resolveDataDir(flags.data));
  for (const n of mission.notes) process.stderr.write(`truceline: ${n}\n`);
  let interrupted = false;
  const onSignal = () => {
    interrupted = true;
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let printed = 0;
  try {
    const input = fromStdin ? process.stdin : createReadStream(file);
    const summary = await importCsvObservations(mission.store, input, {
      actor: `import:${fromStdin ? 'stdin' : basename(file)}`,
      required,
      mapRow: (row) => mapRow(row, Date.now()),
      batchSize: flags.batch,
      stopOnError: flags.stopOnError,
      provenance: { format },
      shouldStop: () => interrupted,
      onProblem: (p) => {
        if (flags.quiet || printed++ >= MAX_PRINTED_PROBLEMS) return;
        const what = p.issues.map((i) => (i.path ? `${i.path}: ${i.reason}` : i.reason)).join('; ');
        process.stderr.write(`line ${p.line}: ${p.status}: ${what}\n`);
      },
    });
    if (printed > MAX_PRINTED_PROBLEMS) process.stderr.write(`(${printed - MAX_PRINTED_PROBLEMS} more problems not shown)\n`);
    const note = interrupted ? ' (interrupted: run again to finish)' : summary.stopped ? ' (stopped at the first error)' : '';
    process.stdout.write(
      `${summary.rows} rows: ${summary.stored} stored, ${summary.duplicate} duplicate, ${summary.conflict} conflicting, ${summary.rejected} rejected, ${summary.excluded} excluded` +
        (summary.skipped ? `, ${summary.skipped} skipped` : '') +
        `${note}\n`,
    );
    process.exitCode = exchangeExitCode(summary, interrupted);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await mission.close();
  }
}

function importOptions(cmd: Command): Command {
  return cmd
    .option('--data <dir>', 'mission data directory (default: $TRUCELINE_DATA or ./data)')
    .option('--utc-offset <offset>', "the data set's local time zone, e.g. +03:00 (default: unknown; day windows then cover every zone)", utcOffsetOption)
    .option('--visibility <visibility>', 'visibility of the imported observations: mission or public', (v: string) => {
      if (v !== 'mission' && v !== 'public') throw new InvalidArgumentError(`--visibility must be mission or public, got '${v}'`);
      return v;
    }, 'mission')
    .option('--batch <n>', 'rows per transaction', (v) => positiveInt(v, '--batch'), 2000)
    .option('--stop-on-error', 'stop at the first rejected or conflicting row (default: continue and summarise)')
    .option('--quiet', 'print only the summary')
    .addHelpText('after', '\nExit codes: 0 every row stored, already stored or excluded; 2 some rows rejected; 3 some rows conflict; 4 both; 1 the import could not run; 130 interrupted.\nThe mappings are documented in src/app/exchange/README.md.');
}

export function registerExchangeCommand(program: Command): void {
  const exchange = program.command('exchange').description('exchange data with ACLED- and UCDP-style conflict event data sets');

  exchange
    .command('export-acled')
    .description('export observations as an ACLED-style CSV')
    .option('--data <dir>', 'mission data directory (default: $TRUCELINE_DATA or ./data)')
    .option('--out <file>', 'write to this file instead of standard output')
    .option('--public-only', 'export only observations whose visibility is public')
    .option('--utc-offset <offset>', 'time zone of event_date, e.g. +03:00 (default: UTC)', utcOffsetOption)
    .action(async (opts: { data?: string; out?: string; publicOnly?: boolean; utcOffset?: number }) => {
      const mission = await openMission(resolveDataDir(opts.data));
      try {
        const out: Writable = opts.out ? createWriteStream(opts.out) : process.stdout;
        let rows = -1;
        for await (const chunk of acledCsvChunks(visibleObservations(mission.store, opts.publicOnly ?? false), { agreement: mission.agreement, utcOffsetMinutes: opts.utcOffset })) {
          rows++;
          if (!out.write(chunk)) await once(out, 'drain');
        }
        if (opts.out) {
          out.end();
          await once(out, 'finish');
          process.stderr.write(`exported ${rows} observations to ${opts.out}\n`);
        }
      } finally {
        await mission.close();
      }
    });

  importOptions(exchange.command('import-acled').description('import an ACLED-style CSV as open-source observations').argument('<file>', 'CSV file, or - for standard input')).action(
    async (file: string, flags: ImportFlags) =>
      runImport(file, flags, 'acled-csv', ACLED_REQUIRED_COLUMNS, (row, nowMs) => acledRowToObservation(row, { utcOffsetMinutes: flags.utcOffset ?? null, nowMs, visibility: flags.visibility })),
  );

  importOptions(exchange.command('import-ucdp').description('import a UCDP GED-style CSV as open-source observations').argument('<file>', 'CSV file, or - for standard input'))
    .option('--event <kind>', 'the event kind every row is filed as (UCDP does not record the means)', (v: string) => {
      if (!(EVENT_KINDS as readonly string[]).includes(v)) throw new InvalidArgumentError(`--event must be one of ${EVENT_KINDS.join(', ')}, got '${v}'`);
      return v;
    }, 'explosion')
    .action(async (file: string, flags: ImportFlags & { event: EventKind }) =>
      runImport(file, flags, 'ucdp-ged-csv', UCDP_REQUIRED_COLUMNS, (row, nowMs) =>
        ucdpRowToObservation(row, { utcOffsetMinutes: flags.utcOffset ?? null, nowMs, visibility: flags.visibility, event: flags.event }),
      ),
    );
}
