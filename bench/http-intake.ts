/**
 * HTTP benchmark (issue 4). In one run, over the same simulated observations:
 *   1. file import: `importNdjson` into a fresh mission (what `truceline import` runs), batch 2,000;
 *   2. HTTP intake: the real server on loopback, a second process POSTing batches of 2,000 to
 *      /api/v1/observations with an API token (2 requests in flight);
 *   3. query latency: autocannon, 64 connections from a second process, for `--seconds`, on
 *      dashboard views (bbox of about 55 × 55 km, a 7-day window, up to 500 features a page):
 *      2,000 different views (cache misses), then everyone on one view (cache hits).
 * Both write paths commit with synchronous=FULL, as served. Target: HTTP ≥ 2/3 of the import rate;
 * query p99 < 100 ms.
 *
 *   npx tsx bench/http-intake.ts [--n 200000] [--seconds 20] [--limit 500] [--dry (do not write BENCHMARKS.md)]
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { importNdjson } from '../src/app/import-ndjson.js';
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
    seconds: { type: 'string', default: '20' },
    limit: { type: 'string', default: '500' },
    phase: { type: 'string' },
    file: { type: 'string' },
    url: { type: 'string' },
    token: { type: 'string' },
    dry: { type: 'boolean', default: false },
  },
});
const N = Number(args.n);
const BATCH = 2000;
const NOW = () => BENCH_NOW_MS;


/** Child phase: POSTs the file in batches, two requests in flight; prints {seconds, stored}. */
async function clientPhase(file: string, url: string, token: string): Promise<void> {
  const batches: string[] = [];
  let batch: string[] = [];
  for await (const line of lines(file)) {
    if (line.trim() === '') continue;
    batch.push(line);
    if (batch.length === BATCH) {
      batches.push(`[${batch.join(',')}]`);
      batch = [];
    }
  }
  if (batch.length) batches.push(`[${batch.join(',')}]`);
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

/** autocannon ships no types; the little used here. */
const AUTOCANNON: string = 'autocannon';
interface AutocannonOptions {
  url: string;
  connections: number;
  duration: number;
  headers: Record<string, string>;
  requests?: { setupRequest(req: { path: string }): { path: string } }[];
}
type Autocannon = (o: AutocannonOptions) => PromiseLike<{ requests: { average: number }; errors: number; non2xx: number }> & {
  on(event: 'response', fn: (client: unknown, status: number, bytes: number, ms: number) => void): void;
};

/** Child phase: autocannon at 64 connections over the paths in `viewsFile`, round robin. */
async function queryPhase(url: string, token: string, seconds: number, viewsFile: string): Promise<void> {
  const { default: autocannon } = (await import(AUTOCANNON)) as { default: Autocannon };
  const views = JSON.parse(readFileSync(viewsFile, 'utf8')) as string[];
  let i = 0;
  const times: number[] = [];
  const instance = autocannon({
    url,
    connections: 64,
    duration: seconds,
    headers: { authorization: `Bearer ${token}` },
    requests: [{ setupRequest: (req) => ({ ...req, path: views[i++ % views.length]! }) }],
  });
  instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
    if (status !== 200) throw new Error(`query answered ${status}`);
    times.push(ms);
  });
  const result = await instance;
  times.sort((a, b) => a - b);
  const pct = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))]!;
  process.stdout.write(JSON.stringify({ requests: times.length, rps: result.requests.average, p50: pct(50), p95: pct(95), p99: pct(99), errors: result.errors, non2xx: result.non2xx }) + '\n');
}

function child(phase: string, extra: string[]): Promise<Record<string, number>> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [...process.execArgv, import.meta.filename, '--phase', phase, ...extra], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop()!)) : reject(new Error(`${phase} phase exited ${code}`))));
  });
}

/**
 * Dashboard views: a box of about 0.7° × 0.5° (55 × 55 km) and a 7-day window, `--limit`
 * features a page (default 500). `count` views are spread around the median place and time of the data (seeded), so
 * most requests of the varied run miss the query cache; the first view alone is the "everyone
 * looks at the same map" run.
 */
function dashboardViews(file: string, count: number): string[] {
  const sample = readFileSync(file, 'utf8').split('\n', 20_000).filter(Boolean).map((l) => JSON.parse(l));
  const at = (o: { location?: { lon: number; lat: number }; observer?: { lon: number; lat: number } }) => o.location ?? o.observer!;
  const med = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const lon = med(sample.map((o) => at(o).lon));
  const lat = med(sample.map((o) => at(o).lat));
  const times = sample.map((o) => Date.parse(typeof o.observedAt === 'string' ? o.observedAt : o.observedAt.from));
  const [t0, t1] = [Math.min(...times), Math.max(...times)];
  let x = 12345;
  const rnd = () => ((x = (x * 1103515245 + 12345) >>> 0) / 2 ** 32);
  return Array.from({ length: count }, (_, k) => {
    const [dx, dy, t] = k === 0 ? [0, 0, (t0 + t1) / 2] : [(rnd() - 0.5) * 2, (rnd() - 0.5) * 1, t0 + rnd() * (t1 - t0)];
    const [w, s, e, n] = [lon + dx - 0.35, lat + dy - 0.25, lon + dx + 0.35, lat + dy + 0.25].map((v) => v.toFixed(3));
    const from = new Date(t - 3.5 * 86_400_000).toISOString();
    const to = new Date(t + 3.5 * 86_400_000).toISOString();
    return `/api/v1/observations?bbox=${w},${s},${e},${n}&from=${from}&to=${to}&limit=${args.limit}`;
  });
}

async function main(): Promise<void> {
  const file = await scenarioFile(N);
  const work = join(OUT, 'http-run');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });

  process.stderr.write(`file import of ${fmt(N)} observations…\n`);
  const imported = await openMission(join(work, 'import'), { nowMs: NOW() });
  const t0 = performance.now();
  const s = await importNdjson(imported.store, lines(file), { actor: 'bench', batchSize: BATCH, now: NOW });
  const importSeconds = (performance.now() - t0) / 1000;
  await imported.close();

  process.stderr.write(`HTTP intake of ${fmt(N)} observations…\n`);
  const mission = await openMission(join(work, 'http'), { nowMs: NOW() });
  const config = resolveConfig({ logLevel: 'silent', intakePerMinutePerIp: 1_000_000, intakePerMinutePerToken: 1_000_000 });
  const app = await buildServer({ mission, config, now: NOW });
  const ctx = { actor: 'bench', nowMs: Date.now() };
  await createUser(app.identity, { name: 'bench', role: 'monitor', password: 'bench password 1' }, ctx);
  const { token } = await createToken(app.identity, { user: 'bench', scopes: ['observations:write', 'observations:read'] }, ctx);
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const http = await child('client', ['--file', file, '--url', url, '--token', token]);

  const views = dashboardViews(file, 2000);
  const viewsFile = join(work, 'views.json');
  const sameFile = join(work, 'same-view.json');
  writeFileSync(viewsFile, JSON.stringify(views));
  writeFileSync(sameFile, JSON.stringify(views.slice(0, 1)));
  const q: Record<string, Record<string, number>> = {};
  for (const [name, f] of [['varied', viewsFile], ['same', sameFile]] as const) {
    process.stderr.write(`query latency (${name} views), 64 connections, ${args.seconds} s\n`);
    q[name] = await child('query', ['--url', url, '--token', token, '--seconds', String(args.seconds), '--file', f]);
  }
  const pageSizes = await Promise.all(
    views.slice(0, 50).map(async (v) => ((await (await fetch(url + v, { headers: { authorization: `Bearer ${token}` } })).json()) as { numberReturned: number }).numberReturned),
  );
  const meanPage = pageSizes.reduce((a, b) => a + b, 0) / pageSizes.length;
  await app.close();
  await mission.close();

  const importRate = s.stored / importSeconds;
  const httpRate = http.stored! / http.seconds!;
  const body = `
Command: \`npx tsx bench/http-intake.ts --n ${N} --seconds ${args.seconds} --limit ${args.limit}\` (${machineLine()}; server and load generator share the machine)

| write path (synchronous=FULL, batches of ${fmt(BATCH)}) | observations/s | seconds |
| --- | ---: | ---: |
| file import (\`importNdjson\`, as \`truceline import\`) | ${fmt(importRate)} | ${fmt(importSeconds, 1)} |
| HTTP intake (POST /api/v1/observations, token auth, 2 in flight, client in a second process) | ${fmt(httpRate)} | ${fmt(http.seconds!, 1)} |

HTTP intake at **${fmt((httpRate / importRate) * 100, 1)}%** of the import rate (target ≥ 66.7%).

Query latency, autocannon, 64 connections for ${args.seconds} s each from a second process, over ${fmt(N)} stored observations.
A view is \`GET /api/v1/observations?bbox=<0.7° × 0.5°>&from=&to=<7 days>&limit=${args.limit}\` (GeoJSON; the first 50 varied views hold ${fmt(meanPage)} features on average).
"varied": 2,000 different views round robin, so nearly every request misses the query cache and runs the query;
"same": every client on one view, answered from the cache until the ledger grows (src/server/query-cache.ts).

| run | requests | requests/s | p50 | p95 | p99 | errors / non-2xx |
| --- | ---: | ---: | ---: | ---: | ---: | ---: |
${(['varied', 'same'] as const).map((k) => `| ${k} | ${fmt(q[k]!.requests!)} | ${fmt(q[k]!.rps!)} | ${fmt(q[k]!.p50!)} ms | ${fmt(q[k]!.p95!)} ms | ${fmt(q[k]!.p99!)} ms | ${q[k]!.errors} / ${q[k]!.non2xx} |`).join('\n')}

Target: p99 < 100 ms with 64 concurrent clients on 2 cores.
`;
  process.stdout.write(body);
  if (!args.dry) writeSection('HTTP: intake and query latency', body);
}

if (args.phase === 'client') await clientPhase(args.file!, args.url!, args.token!);
else if (args.phase === 'query') await queryPhase(args.url!, args.token!, Number(args.seconds), args.file!);
else await main();
