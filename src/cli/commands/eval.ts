/**
 * `truceline eval --truth TRUTH.ndjson [--data DIR] [--json] [--fuse]`: compares the incidents in
 * a mission's store with the simulator's ground truth (`truceline sim` writes truth.ndjson) and
 * prints grouping, count, localisation, attribution, calibration and provision-matching scores
 * (src/app/eval), and the targets of issue 5 with whether each is met.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { checkTargets, evaluate, formatEvalReport, readIncidents, readObservations } from '../../app/eval/index.js';
import { fuseStoredObservations } from '../../app/fusion/index.js';
import { openMission, resolveDataDir } from '../../app/mission.js';
import { TrucelineError } from '../../domain/errors.js';
import type { TruthEvent } from '../../sim/index.js';
import { EXIT } from '../exit.js';

/**
 * Reads truth NDJSON: one TruthEvent a line (as `truceline sim` writes), or a simulator stream
 * item `{"truth": {...}}`; `{"observation": ...}` lines are skipped, so a combined stream works too.
 * Throws VALIDATION naming the first bad line.
 */
export async function readTruthFile(file: string): Promise<TruthEvent[]> {
  const out: TruthEvent[] = [];
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  let n = 0;
  for await (const line of lines) {
    n++;
    if (line.trim() === '') continue;
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch (err) {
      throw new TrucelineError('VALIDATION', `${file} line ${n}: not valid JSON: ${(err as Error).message}`);
    }
    const item = v as { truth?: unknown; observation?: unknown } | null;
    if (item && typeof item === 'object' && 'observation' in item) continue;
    const t = (item && typeof item === 'object' && 'truth' in item ? item.truth : item) as Partial<TruthEvent> | null;
    if (!t || typeof t.eventId !== 'string' || !Array.isArray(t.observationIds) || !Array.isArray(t.provisionsViolated)) {
      throw new TrucelineError('VALIDATION', `${file} line ${n}: not a truth record (needs eventId, observationIds and provisionsViolated, as truceline sim writes them)`);
    }
    out.push(t as TruthEvent);
  }
  return out;
}

const fixed = (x: number | null, digits = 3) => (x === null ? '–' : x.toFixed(digits));

export function registerEvalCommand(program: Command): void {
  program
    .command('eval')
    .description("compare the store's incidents with the simulator's ground truth (grouping, location, attribution, provisions)")
    .requiredOption('--truth <file>', 'truth.ndjson written by truceline sim for the observations in the store')
    .option('--data <dir>', 'mission data directory (default: $TRUCELINE_DATA or ./data)')
    .option('--json', 'print the report as JSON (with the targets) for machines')
    .option('--fuse', 'first fuse the stored observations (a store imported without fusion); records the incidents in the ledger')
    .option('--claim-at <x>', 'confidence from which a provision match counts as claimed (default 0.5)', (v) => {
      const x = Number(v);
      if (!(x >= 0 && x <= 1)) throw new TrucelineError('VALIDATION', `--claim-at must be a number in [0, 1], got '${v}'`);
      return x;
    })
    .addHelpText(
      'after',
      `
Example:
  truceline sim --seed 1 --days 1 --out sim1
  truceline import sim1/observations.ndjson --data d1
  truceline eval --truth sim1/truth.ndjson --data d1 --fuse`,
    )
    .action(async (opts: { truth: string; data?: string; json?: boolean; fuse?: boolean; claimAt?: number }) => {
      const truths = await readTruthFile(opts.truth);
      const mission = await openMission(resolveDataDir(opts.data));
      try {
        for (const n of mission.notes) process.stderr.write(`truceline: ${n}\n`);
        if (opts.fuse) {
          const r = await fuseStoredObservations(mission.store, mission.agreement);
          process.stderr.write(`truceline: fused ${r.observations} stored observations (${r.events} incident events${r.engineErrors ? `, ${r.engineErrors} left unfused by engine errors` : ''})\n`);
        }
        const incidents = await readIncidents(mission.store);
        if (incidents.length === 0) process.stderr.write('truceline: the store holds no incidents (were the observations fused? see --fuse)\n');
        const report = evaluate({ truths, observations: await readObservations(mission.store), incidents, ...(opts.claimAt !== undefined ? { claimAt: opts.claimAt } : {}) });
        const targets = checkTargets(report);
        if (opts.json) {
          process.stdout.write(JSON.stringify({ report, targets }, null, 2) + '\n');
        } else {
          process.stdout.write(formatEvalReport(report));
          process.stdout.write('targets (issue 5, demo scenario at default noise):\n');
          for (const t of targets) process.stdout.write(`  ${t.met ? 'met    ' : 'MISSED '} ${t.name}: ${fixed(t.value)} (target ${t.target})\n`);
        }
        process.exitCode = EXIT.OK;
      } finally {
        await mission.close();
      }
    });
}
