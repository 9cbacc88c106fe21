/**
 * Replay digest of the fusion engine: the first N observations of the speed benchmark's stream
 * (bench/fusion.ts: demo scenario, seed 1, tempo high, its water; fused at the data clock, in
 * the order the simulator yields them), and a SHA-256 of every FusionChange add() returned (as
 * JSON, in order) followed by the live incidents at the end. Two engines that give the same
 * digest gave the same answers, change by change. Also prints the CPU time of the add() calls
 * (process.cpuUsage around batches of calls, GC threads included) and their wall time.
 *
 *   npx tsx bench/fusion-digest.ts [--n 200000] [--every 20000] [--cache FILE]
 *
 * --every prints the running digest after that many adds (to find where two runs part).
 * --cache FILE keeps the simulated observations as NDJSON in FILE (written on the first run,
 * read on later ones) so repeated runs skip the simulator; the digest does not depend on it.
 * --count counts GeographicLib's solver calls (Inverse, Direct, InverseLine) during the adds: a
 * measure of work that load on the machine does not blur (the counting itself costs CPU).
 * Profile with `node --cpu-prof --import tsx bench/fusion-digest.ts --n 200000`.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { DEMO_AGREEMENT_FILE, readAgreementFile, readDemoWater } from '../src/app/mission.js';
import { FusionEngine, statedWindowMs, type FusionChange } from '../src/domain/fusion/index.js';
import type { Observation } from '../src/domain/observation/types.js';
import { WGS84 } from '../src/domain/geo/ellipsoid.js';
import { simulate } from '../src/sim/index.js';

const { values: args } = parseArgs({
  options: {
    n: { type: 'string', default: '200000' },
    every: { type: 'string', default: '0' },
    cache: { type: 'string' },
    count: { type: 'boolean', default: false },
  },
});
const N = Number(args.n);
const EVERY = Number(args.every);
const log = (line: string) => process.stderr.write(`${line}\n`);

/** The speed benchmark's first N observations, in the order it fuses them. */
async function observations(): Promise<Observation[]> {
  const file = args.cache;
  if (file && existsSync(file)) {
    const out: Observation[] = [];
    for await (const line of createInterface({ input: createReadStream(file) })) {
      if (line) out.push(JSON.parse(line) as Observation);
      if (out.length >= N) break;
    }
    if (out.length >= N) return out;
    log(`${file} holds fewer than ${N} observations: simulating`);
  }
  const { agreement } = readAgreementFile(DEMO_AGREEMENT_FILE);
  const water = readDemoWater();
  const days = Math.ceil(N / 4100) + 3; // as bench/fusion.ts
  const out: Observation[] = [];
  for (const item of simulate(agreement, {
    seed: 1,
    days,
    start: '2026-03-01T00:00:00Z',
    tempo: 'high',
    water,
  })) {
    if ('observation' in item) out.push(item.observation);
    if (out.length >= N) break;
  }
  if (file) writeFileSync(file, out.map((o) => JSON.stringify(o)).join('\n') + '\n');
  return out;
}

/** Wraps the WGS84 solver's entry points to count their calls; returns the live counts. */
function countGeodesics(): Record<string, number> {
  const counts: Record<string, number> = {};
  const solver = WGS84 as unknown as Record<string, (...a: unknown[]) => unknown>;
  for (const name of ['Inverse', 'Direct', 'InverseLine', 'DirectLine', 'Line']) {
    const f = solver[name];
    if (typeof f !== 'function') continue;
    counts[name] = 0;
    solver[name] = function (this: unknown, ...a: unknown[]) {
      counts[name]!++;
      return f.apply(this, a);
    };
  }
  return counts;
}

async function main(): Promise<void> {
  const t0 = performance.now();
  const obs = await observations();
  log(`${obs.length} observations ready in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const engine = new FusionEngine();
  const hash = createHash('sha256');
  // The data clock at each add: the latest stated window end so far.
  const nowAt = new Float64Array(obs.length);
  for (let i = 0, now = -Infinity; i < obs.length; i++)
    nowAt[i] = now = Math.max(now, statedWindowMs(obs[i]!).toMs);
  const counts = args.count ? countGeodesics() : null;
  let cpuUs = 0;
  let wallMs = 0;
  let changesN = 0;
  let errors = 0;
  // CPU time is read around batches of BATCH adds (reading it costs a system call, as much as a
  // cheap add), and their changes are hashed after the batch: snapshots are immutable.
  const BATCH = 500;
  global.gc?.();
  for (let start = 0; start < obs.length; start += BATCH) {
    const end = Math.min(obs.length, start + BATCH);
    const results: (FusionChange[] | string)[] = [];
    const cpu0 = process.cpuUsage();
    const a = performance.now();
    for (let i = start; i < end; i++) {
      const o = obs[i]!;
      try {
        results.push(engine.add(o, nowAt[i]!));
      } catch (err) {
        results.push(`error ${o.id}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    wallMs += performance.now() - a;
    const cpu = process.cpuUsage(cpu0);
    cpuUs += cpu.user + cpu.system;
    for (const r of results) {
      if (typeof r === 'string') {
        errors++;
        hash.update(r + '\n');
        continue;
      }
      for (const ch of r) hash.update(JSON.stringify(ch) + '\n');
      changesN += r.length;
    }
    if (EVERY > 0 && Math.floor(end / EVERY) > Math.floor(start / EVERY)) {
      log(`  ${end}: ${hash.copy().digest('hex')} (add CPU ${(cpuUs / 1e6).toFixed(1)} s)`);
    }
  }
  hash.update(JSON.stringify(engine.incidents()) + '\n');
  global.gc?.();
  const heapMiB = process.memoryUsage().heapUsed / 2 ** 20;
  const digest = hash.digest('hex');
  process.stdout.write(
    [
      `observations ${obs.length}, changes ${changesN}, errors ${errors}, live incidents ${engine.size}`,
      `digest ${digest}`,
      `add() CPU ${(cpuUs / 1e6).toFixed(2)} s, wall ${(wallMs / 1000).toFixed(2)} s`,
      ...(global.gc
        ? [`heap used after a full GC ${heapMiB.toFixed(0)} MiB (observations included)`]
        : []),
      ...(counts
        ? [
            `geodesic calls: ${Object.entries(counts)
              .map(([k, v]) => `${k} ${v}`)
              .join(', ')}`,
          ]
        : []),
    ].join('\n') + '\n',
  );
}

await main();
