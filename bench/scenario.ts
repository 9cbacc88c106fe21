import { createReadStream, createWriteStream, existsSync, mkdirSync, renameSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { DEMO_AGREEMENT_FILE, readAgreementFile } from '../src/app/mission.js';
import { simulate } from '../src/sim/index.js';
import { progress } from './report.js';

export const OUT = join(import.meta.dirname, 'out');

/** The simulated scenario spans years from 2026: judge "not in the future" against 2036. */
export const BENCH_NOW_MS = Date.parse('2036-01-01T00:00:00Z');

export async function* lines(file: string): AsyncIterable<string> {
  yield* createInterface({ input: createReadStream(file), crlfDelay: Infinity });
}

/**
 * N simulated observations of the demo scenario (seed 7, high tempo) as NDJSON, cached in
 * bench/out by count, so every benchmark reads the same data and the simulator is not timed.
 */
export async function scenarioFile(n: number): Promise<string> {
  mkdirSync(OUT, { recursive: true });
  const file = join(OUT, `observations-${n}.ndjson`);
  if (existsSync(file)) return file;
  const { agreement } = readAgreementFile(DEMO_AGREEMENT_FILE);
  const out = createWriteStream(file + '.part');
  let count = 0;
  for (const item of simulate(agreement, { seed: 7, days: 3650, start: '2026-01-01T00:00:00Z', tempo: 'high' })) {
    if (!('observation' in item)) continue;
    if (!out.write(JSON.stringify(item.observation) + '\n')) await once(out, 'drain');
    if (++count % 20_000 === 0) progress('simulating', count, n);
    if (count >= n) break;
  }
  out.end();
  await once(out, 'finish');
  progress('simulating', count, n);
  renameSync(file + '.part', file);
  return file;
}
