/**
 * HTTP intake benchmark (issue 4). In one run, over the same simulated observations:
 *   1. file import: `importNdjson` into a fresh mission, batch 2,000, prepared inline and, as
 *      `truceline import` does, on worker threads (PreparePool);
 *   2. HTTP intake: the real server on loopback, a second process POSTing batches of 2,000 to
 *      /api/v1/observations with an API token (2 requests in flight).
 * Every write path commits with synchronous=FULL, as served. Target: HTTP ≥ 2/3 of the import
 * rate. Query latency is bench/http-query.ts.
 *
 *   npx tsx bench/http-intake.ts [--n 200000] [--only http (no imports, no report)] [--dry (do not write BENCHMARKS.md)]
 */
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { importNdjson } from '../src/app/import-ndjson.js';
import { PreparePool } from '../src/app/intake/prepare-pool.js';
import { createUser } from '../src/app/identity/users.js';
import { createToken } from '../src/app/identity/tokens.js';
import { openMission } from '../src/app/mission.js';
import { buildServer } from '../src/server/app.js';
import { resolveConfig } from '../src/server/config.js';
import { fmt, machineLine, writeSection } from './report.js';
import { BENCH_NOW_MS, lines, OUT, scenarioFile } from './scenario.js';

const { values: args } = parseArgs({
  options: {
    n: { type: 'string', default: '200000' },
    only: { type: 'string' },
    phase: { type: 'string' },
    file: { type: 'string' },
    url: { type: 'string' },
    token: { type: 'string' },
    escape: { type: 'boolean', default: false },
    dry: { type: 'boolean', default: false },
  },
});
const N = Number(args.n);
const BATCH = 2000;
const NOW = () => BENCH_NOW_MS;

/**
 * Child phase: POSTs the file in batches, two requests in flight; prints {seconds, stored}. With
 * `escape`, each batch spells its first key `"id"` as `"\u0069d"`: the same JSON value, but a
 * body holding a `\u` escape takes fastify's parser and main-thread validation (the poisoning
 * guard of routes/observations.ts), so one run measures both intake paths on the same data.
 */
async function clientPhase(file: string, url: string, token: string, escape: boolean): Promise<void> {
  const batches: string[] = [];
  let batch: string[] = [];
  for await (const line of lines(file)) {
    if (line.trim() === '') continue;
    batch.push(line);
    if (batch.length === BATCH) {
      batches.push(spell(`[${batch.join(',')}]`));
      batch = [];
    }
  }
  if (batch.length) batches.push(spell(`[${batch.join(',')}]`));
  function spell(body: string): string {
    return escape ? body.replace('"id":', '"\\u0069d":') : body;
  }
  let stored = 0;
  let next = 0;
  const start = performance.now();
  const worker = async () => {
    while (next < batches.length) {
      const body = batches[next++]!;
      const res = await fetch(`${url}/api/v1/observations`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body });
      if (res.status !== 200) throw new Error(`intake answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
      stored += ((await res.json()) as { summary: { stored: number } }).summary.stored;
    }
  };
  await Promise.all([worker(), worker()]);
  process.stdout.write(JSON.stringify({ seconds: (performance.now() - start) / 1000, stored }) + '\n');
}

function child(phase: string, extra: string[]): Promise<Record<string, number>> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [...process.execArgv, import.meta.filename, '--phase', phase, ...extra], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop()!)) : reject(new Error(`${phase} phase exited ${code}`))));
  });
}

async function main(): Promise<void> {
  const file = await scenarioFile(N);
  const work = join(OUT, 'http-run');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const load0 = loadavg();

  /** The file import, as `truceline import` runs it (with `pool`: prepared on worker threads). */
  const importRun = async (name: string, pool?: PreparePool) => {
    process.stderr.write(`file import (${name}) of ${fmt(N)} observations…\n`);
    const m = await openMission(join(work, `import-${name}`), { nowMs: NOW() });
    const t0 = performance.now();
    const s = await importNdjson(m.store, lines(file), { actor: 'bench', batchSize: BATCH, now: NOW, pool });
    const seconds = (performance.now() - t0) / 1000;
    await m.close();
    return { rate: s.stored / seconds, seconds };
  };
  const pool = new PreparePool();
  const imports = args.only === 'http' ? null : { inline: await importRun('inline'), pool: await importRun('pool', pool) };
  await pool.close();

  /** HTTP intake into a fresh mission; `escape`: bodies that take the main-thread path (see clientPhase). */
  const httpRun = async (name: string, escape: boolean) => {
    process.stderr.write(`HTTP intake (${name}) of ${fmt(N)} observations…\n`);
    const mission = await openMission(join(work, `http-${name}`), { nowMs: NOW() });
    const config = resolveConfig({ logLevel: 'silent', intakePerMinutePerIp: 1_000_000, intakePerMinutePerToken: 1_000_000 });
    const app = await buildServer({ mission, config, now: NOW });
    const ctx = { actor: 'bench', nowMs: Date.now() };
    await createUser(app.identity, { name: 'bench', role: 'monitor', password: 'bench password 1' }, ctx);
    const { token } = await createToken(app.identity, { user: 'bench', scopes: ['observations:write', 'observations:read'] }, ctx);
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    const r = await child('client', ['--file', file, '--url', url, '--token', token, ...(escape ? ['--escape'] : [])]);
    await app.close();
    await mission.close();
    return { rate: r.stored! / r.seconds!, seconds: r.seconds! };
  };
  const worker = await httpRun('worker', false);
  const main = args.only === 'http' ? null : await httpRun('main-thread', true);
  const load1 = loadavg();
  const httpRate = worker.rate;
  if (!imports || !main) {
    process.stdout.write(`HTTP intake ${fmt(httpRate)} observations/s\n`);
    return;
  }

  const body = `
Command: \`npx tsx bench/http-intake.ts --n ${N}\` (${machineLine()}; server and client share the machine; load average ${load0.map((l) => l.toFixed(1)).join(' / ')} before and ${load1.map((l) => l.toFixed(1)).join(' / ')} after: the cores were shared with other work, so only the ratios of this one run mean much)

| write path (synchronous=FULL, batches of ${fmt(BATCH)}) | observations/s | seconds | HTTP (worker) as % of it |
| --- | ---: | ---: | ---: |
| file import, prepared inline (\`importNdjson\` without a pool) | ${fmt(imports.inline.rate)} | ${fmt(imports.inline.seconds, 1)} | ${fmt((httpRate / imports.inline.rate) * 100, 1)}% |
| file import, prepared on worker threads (as \`truceline import\`) | ${fmt(imports.pool.rate)} | ${fmt(imports.pool.seconds, 1)} | ${fmt((httpRate / imports.pool.rate) * 100, 1)}% |
| HTTP intake (POST /api/v1/observations, token auth, 2 in flight, client in a second process): body parsed and validated on a worker thread | ${fmt(httpRate)} | ${fmt(worker.seconds, 1)} | |
| the same, bodies taking the main-thread path (parsed by fastify, validated in the handler, as before the worker path) | ${fmt(main.rate)} | ${fmt(main.seconds, 1)} | ${fmt((main.rate / imports.pool.rate) * 100, 1)}% of the pool import |

Target (issue 4): HTTP intake at no less than two thirds (66.7%) of the file import rate.
`;
  process.stdout.write(body);
  if (!args.dry) writeSection('HTTP: intake', body);
}

if (args.phase === 'client') await clientPhase(args.file!, args.url!, args.token!, args.escape);
else await main();
