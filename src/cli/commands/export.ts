import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { InvalidArgumentError, type Command } from 'commander';
import { openMission, resolveDataDir } from '../../app/mission.js';
import { observationCsvColumns, observationToCsvRow, observationToNdjsonLine, geoJsonChunks } from '../../app/formats/index.js';
import type { Observation } from '../../domain/observation/types.js';
import type { Store } from '../../store/port.js';
import { progressBar } from '../progress.js';

const FORMATS = ['ndjson', 'geojson', 'csv'] as const;
type Format = (typeof FORMATS)[number];

async function write(out: Writable, chunk: string): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}

async function* observations(store: Store, onEach: () => void): AsyncIterable<Observation> {
  for await (const s of store.streamObservations()) {
    onEach();
    yield s.observation;
  }
}

/** Streams every stored observation in the chosen format; the whole set never sits in memory. */
export async function exportObservations(store: Store, format: Format, out: Writable, onEach: () => void = () => undefined): Promise<void> {
  const source = observations(store, onEach);
  if (format === 'ndjson') {
    for await (const o of source) await write(out, observationToNdjsonLine(o));
  } else if (format === 'csv') {
    await write(out, observationCsvColumns());
    for await (const o of source) await write(out, observationToCsvRow(o));
  } else {
    for await (const chunk of geoJsonChunks(source)) await write(out, chunk);
  }
}

export function registerExportCommand(program: Command): void {
  const exp = program.command('export').description('export mission data');
  exp
    .command('observations')
    .description('export every stored observation')
    .option('--data <dir>', 'mission data directory (default: $TRUCELINE_DATA or ./data)')
    .option('--format <format>', `one of ${FORMATS.join(', ')}`, (v: string) => {
      if (!(FORMATS as readonly string[]).includes(v)) throw new InvalidArgumentError(`--format must be one of ${FORMATS.join(', ')}, got '${v}'`);
      return v;
    }, 'ndjson')
    .option('--out <file>', 'write to this file instead of standard output')
    .action(async (opts: { data?: string; format: Format; out?: string }) => {
      const mission = await openMission(resolveDataDir(opts.data));
      try {
        const total = await mission.store.countObservations();
        const bar = opts.out ? progressBar('export', total) : progressBar('export', 0);
        let done = 0;
        const out: Writable = opts.out ? createWriteStream(opts.out) : process.stdout;
        await exportObservations(mission.store, opts.format, out, () => {
          if (++done % 5000 === 0) bar.update(done);
        });
        bar.update(done);
        bar.stop();
        if (opts.out) {
          out.end();
          await once(out, 'finish');
          process.stderr.write(`exported ${done} observations to ${opts.out}\n`);
        }
      } finally {
        await mission.close();
      }
    });
}
