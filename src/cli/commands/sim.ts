/**
 * `truceline sim`: runs the scenario simulator and writes DIR/observations.ndjson (what
 * patrols, sensors and parties filed) and DIR/truth.ndjson (what really happened), streaming.
 */
import { existsSync, mkdirSync, createWriteStream, readFileSync, type WriteStream } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InvalidArgumentError, type Command } from 'commander';
import { TrucelineError } from '../../domain/errors.js';
import { observedWindow } from '../../domain/observation/types.js';
import type { MultiPolygonCoords } from '../../domain/units.js';
import type { Agreement } from '../../domain/agreement/index.js';
import { checkOptions, simulate, TEMPOS, type SimOptions, type Tempo } from '../../sim/index.js';
import { EXIT } from '../exit.js';
import { progressBar } from '../progress.js';
import { checkAgreementFile, parseJsonText } from './agreement.js';

/** The demo agreement; resolves to the package root from src/cli/commands and dist/cli/commands alike. */
export const DEFAULT_AGREEMENT_FILE = fileURLToPath(
  new URL('../../../scenarios/ukraine-2026/agreement.json', import.meta.url),
);

export interface SimCounts {
  observations: number;
  truth: number;
  falseAllegations: number;
  byKind: Record<string, number>;
  bySource: Record<string, number>;
}

function integer(value: string, flag: string): number {
  if (!/^-?\d+$/.test(value))
    throw new InvalidArgumentError(`${flag} must be an integer, got ${JSON.stringify(value)}`);
  return Number(value);
}

function positive(value: string, flag: string): number {
  const n = Number(value);
  if (!(n > 0))
    throw new InvalidArgumentError(`${flag} must be a number > 0, got ${JSON.stringify(value)}`);
  return n;
}

function tempo(value: string): Tempo {
  if (!(TEMPOS as readonly string[]).includes(value))
    throw new InvalidArgumentError(`--tempo must be one of ${TEMPOS.join(', ')}`);
  return value as Tempo;
}

/** Open water for the simulator: `water.json` (a GeoJSON MultiPolygon) next to the agreement. */
export function readWater(file: string): MultiPolygonCoords {
  const json = parseJsonText(readFileSync(file, 'utf8'));
  if (!json.ok) throw new TrucelineError('VALIDATION', `${file}: ${json.reason}`);
  const geometry = json.value as { type?: unknown; coordinates?: unknown };
  if (geometry?.type !== 'MultiPolygon' || !Array.isArray(geometry.coordinates)) {
    throw new TrucelineError(
      'VALIDATION',
      `${file}: expected a GeoJSON MultiPolygon ({"type": "MultiPolygon", "coordinates": [...]})`,
    );
  }
  return geometry.coordinates as MultiPolygonCoords;
}

function write(stream: WriteStream, line: string): Promise<void> | null {
  return stream.write(line) ? null : new Promise((resolve) => stream.once('drain', resolve));
}

function close(stream: WriteStream): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.once('error', reject);
    stream.end(resolve);
  });
}

/** Runs the simulation into `outDir`, reporting progress as a fraction of the scenario's time. */
export async function runSimulation(
  agreement: Agreement,
  options: SimOptions,
  outDir: string,
  onProgress: (fraction: number, counts: SimCounts) => void = () => undefined,
): Promise<SimCounts> {
  checkOptions(agreement, options);
  mkdirSync(outDir, { recursive: true });
  const observations = createWriteStream(join(outDir, 'observations.ndjson'));
  const truth = createWriteStream(join(outDir, 'truth.ndjson'));
  const counts: SimCounts = {
    observations: 0,
    truth: 0,
    falseAllegations: 0,
    byKind: {},
    bySource: {},
  };
  const startMs = Date.parse(options.start);
  const spanMs = options.days * 86_400_000;
  try {
    for (const item of simulate(agreement, options)) {
      let pending: Promise<void> | null;
      if ('observation' in item) {
        counts.observations++;
        const kind = item.observation.source.kind;
        counts.bySource[kind] = (counts.bySource[kind] ?? 0) + 1;
        pending = write(observations, `${JSON.stringify(item.observation)}\n`);
        if (counts.observations % 5000 === 0) {
          onProgress(
            (Date.parse(observedWindow(item.observation).from) - startMs) / spanMs,
            counts,
          );
        }
      } else {
        counts.truth++;
        counts.byKind[item.truth.kind] = (counts.byKind[item.truth.kind] ?? 0) + 1;
        if (!item.truth.genuine) counts.falseAllegations++;
        pending = write(truth, `${JSON.stringify(item.truth)}\n`);
      }
      if (pending) await pending;
    }
  } finally {
    await Promise.all([close(observations), close(truth)]);
  }
  return counts;
}

export function registerSimCommand(program: Command): void {
  program
    .command('sim')
    .description(
      'simulate a scenario: true events along the line of contact and the observations filed about them',
    )
    .requiredOption(
      '--seed <n>',
      'random seed (32-bit integer); the same seed gives the same files',
      (v) => integer(v, '--seed'),
    )
    .requiredOption('--days <d>', 'length of the scenario, days', (v) => positive(v, '--days'))
    .requiredOption('--out <dir>', 'directory for observations.ndjson and truth.ndjson')
    .option(
      '--start <iso>',
      "scenario start, ISO 8601 UTC (default: the agreement's effectiveFrom, 00:00Z)",
    )
    .option('--tempo <tempo>', `event rate: ${TEMPOS.join(', ')}`, tempo, 'normal' as Tempo)
    .option('--noise <x>', 'scale of measurement errors (0 = perfect)', (v) => Number(v), 1)
    .option('--agreement <file>', 'agreement JSON file (default: the ukraine-2026 demo)')
    .option(
      '--water <file>',
      'GeoJSON MultiPolygon of open water (default: water.json beside the agreement, if any)',
    )
    .option(
      '--escalation',
      'plant an escalation episode (a sector whose rate rises five-fold for 6-12 hours)',
    )
    .action(
      async (opts: {
        seed: number;
        days: number;
        out: string;
        start?: string;
        tempo: Tempo;
        noise: number;
        agreement?: string;
        water?: string;
        escalation?: boolean;
      }) => {
        const agreementFile = opts.agreement ?? DEFAULT_AGREEMENT_FILE;
        const checked = checkAgreementFile(agreementFile);
        if (!checked.ok) {
          process.stderr.write(
            `${agreementFile}: ${checked.problems.length} problem(s)\n${checked.problems.map((p) => `  ${p}\n`).join('')}`,
          );
          process.exitCode = EXIT.FAILED;
          return;
        }
        const besideAgreement = join(dirname(agreementFile), 'water.json');
        const waterFile = opts.water ?? (existsSync(besideAgreement) ? besideAgreement : undefined);
        const options: SimOptions = {
          seed: opts.seed,
          days: opts.days,
          start: opts.start ?? `${checked.agreement.effectiveFrom}T00:00:00Z`,
          tempo: opts.tempo,
          noise: opts.noise,
          escalation: opts.escalation ?? false,
          ...(waterFile ? { water: readWater(waterFile) } : {}),
        };
        const bar = progressBar('sim', 100, '%');
        const counts = await runSimulation(checked.agreement, options, opts.out, (f, c) =>
          bar.update(Math.round(f * 100), { observations: c.observations }),
        );
        bar.stop();
        const kinds = Object.entries(counts.byKind)
          .sort((a, b) => b[1] - a[1])
          .map(([k, n]) => `${k} ${n}`)
          .join(', ');
        const sources = Object.entries(counts.bySource)
          .map(([k, n]) => `${k} ${n}`)
          .join(', ');
        process.stdout.write(
          `${counts.observations} observations (${sources}) and ${counts.truth} truth records (${kinds}) over ${opts.days} day(s)\n` +
            `  ${join(opts.out, 'observations.ndjson')}\n  ${join(opts.out, 'truth.ndjson')}\n`,
        );
        process.exitCode = EXIT.OK;
      },
    );
}
