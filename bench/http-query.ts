/**
 * HTTP query latency (issue 4) over a store of `--n` simulated observations (default 1,000,000,
 * imported once into bench/out/query-<n> and reused), with the in-process cost of the same
 * queries measured in the same command as the baseline.
 *
 * What the dashboard asks (web/src): the map opens on eastern Ukraine at zoom 5.6 (the whole
 * theatre); a 1,280 × 800 px map at that zoom is a box of about 18.6° × 7.7°. Polled every 15 s.
 *   web-today      GET /api/v1/observations?bbox=<that box>&limit=5000: the first of up to four pages
 *                  the web fetches today (no time window; it filters by time in the browser), on
 *                  the same 2,000 panned boxes as the grid (cache misses);
 *   grid           GET /api/v1/observations/grid?bbox=<box>&cell=0.5: the counts per cell a map
 *                  at that zoom needs (about 40 px cells); 2,000 panned boxes round robin (cache misses);
 *   grid-poll      one box, the client sending its ETag back (If-None-Match): the 15 s refresh of an
 *                  unchanged map, 304;
 *   features       GET /api/v1/observations?bbox=<zoom 10 box, 0.88° × 0.37°>&from=&to=<7 days>&limit=5000,
 *                  boxes centred on observed places, 2,000 different views (cache misses);
 *   features-same  one such view for every client (query cache hits).
 * Each at 1, 8 and 64 connections (web-today at 1 and 8 only) from autocannon in a second process, `--seconds` each.
 *
 *   npx tsx bench/http-query.ts [--n 1000000] [--seconds 8] [--dry (do not write BENCHMARKS.md)]
 */
import { spawn } from 'node:child_process';
import {
  closeSync,
  existsSync,
  openSync,
  readFileSync,
  readSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
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
import { ObservationColumns } from '../src/app/observation-grid.js';
import { fmt, machineLine, writeSection } from './report.js';
import { BENCH_NOW_MS, lines, OUT, scenarioFile } from './scenario.js';

const { values: args } = parseArgs({
  options: {
    n: { type: 'string', default: '1000000' },
    seconds: { type: 'string', default: '8' },
    phase: { type: 'string' },
    file: { type: 'string' },
    url: { type: 'string' },
    token: { type: 'string' },
    etag: { type: 'string' },
    connections: { type: 'string' },
    dry: { type: 'boolean', default: false },
  },
});
const N = Number(args.n);
const CONNECTIONS = [1, 8, 64];
type Bbox = [number, number, number, number];

/** The mission with N imported observations, built once (as `truceline import` does) and reused. */
async function ensureStore(n: number): Promise<string> {
  const dir = join(OUT, `query-${n}`);
  if (existsSync(join(dir, 'complete'))) return dir;
  rmSync(dir, { recursive: true, force: true });
  const file = await scenarioFile(n);
  process.stderr.write(`importing ${fmt(n)} observations into ${dir} (once)…\n`);
  const mission = await openMission(dir, { nowMs: BENCH_NOW_MS });
  const pool = new PreparePool();
  await importNdjson(mission.store, lines(file), {
    actor: 'bench',
    batchSize: 2000,
    now: () => BENCH_NOW_MS,
    pool,
  });
  await pool.close();
  await mission.close();
  writeFileSync(join(dir, 'complete'), new Date().toISOString());
  return dir;
}

/** The box a `w × h` px MapLibre map (512 px tiles, Web Mercator) shows around `center` at `zoom`. */
function mapBox(center: [number, number], zoom: number, w = 1280, h = 800): Bbox {
  const world = 512 * 2 ** zoom;
  const x = ((center[0] + 180) / 360) * world;
  const y =
    ((1 - Math.log(Math.tan(Math.PI / 4 + (center[1] * Math.PI) / 360)) / Math.PI) / 2) * world;
  const lon = (px: number) => (px / world) * 360 - 180;
  const lat = (py: number) =>
    (Math.atan(Math.sinh(Math.PI * (1 - (2 * py) / world))) * 180) / Math.PI;
  return [lon(x - w / 2), lat(y + h / 2), lon(x + w / 2), lat(y - h / 2)];
}

const box = (b: Bbox) => b.map((v) => v.toFixed(3)).join(',');
const DEFAULT_CENTER: [number, number] = [35.6, 48.2];

interface Views {
  webToday: string[];
  grid: string[];
  features: string[];
  /** For the in-process baseline: the same views as store queries. */
  gridBoxes: Bbox[];
  featureQueries: { bbox: Bbox; from: string; to: string }[];
}

function views(file: string, count: number): Views {
  const sample = readFileSync(file, 'utf8')
    .split('\n', 20_000)
    .filter(Boolean)
    .map((l) => JSON.parse(l));
  const at = (o: {
    location?: { lon: number; lat: number };
    observer?: { lon: number; lat: number };
  }) => o.location ?? o.observer!;
  const timeOf = (o: { observedAt: string | { from: string } }) =>
    Date.parse(typeof o.observedAt === 'string' ? o.observedAt : o.observedAt.from);
  // The data's time span: the file is in time order; its last lines are read from its tail.
  const fd = openSync(file, 'r');
  const tail = Buffer.alloc(64 * 1024);
  const got = readSync(fd, tail, 0, tail.length, Math.max(0, statSync(file).size - tail.length));
  closeSync(fd);
  const lastLines = tail.subarray(0, got).toString('utf8').split('\n').filter(Boolean).slice(1);
  const t0 = timeOf(sample[0]);
  const t1 = timeOf(JSON.parse(lastLines[lastLines.length - 1]!));
  let x = 12345;
  const rnd = () => (x = (x * 1103515245 + 12345) >>> 0) / 2 ** 32;
  const gridBoxes = Array.from({ length: count }, (_, k): Bbox =>
    k === 0
      ? mapBox(DEFAULT_CENTER, 5.6)
      : mapBox([DEFAULT_CENTER[0] + (rnd() - 0.5) * 6, DEFAULT_CENTER[1] + (rnd() - 0.5) * 3], 5.6),
  );
  const featureQueries = Array.from({ length: count }, (_, k) => {
    const o = sample[Math.floor(rnd() * sample.length)]!;
    const p = at(o);
    const t = k === 0 ? (t0 + t1) / 2 : t0 + rnd() * (t1 - t0);
    return {
      bbox: mapBox([p.lon, p.lat], 10),
      from: new Date(t - 3.5 * 86_400_000).toISOString(),
      to: new Date(t + 3.5 * 86_400_000).toISOString(),
    };
  });
  return {
    webToday: gridBoxes.map((b) => `/api/v1/observations?bbox=${box(b)}&limit=5000`),
    grid: gridBoxes.map((b) => `/api/v1/observations/grid?bbox=${box(b)}&cell=0.5`),
    features: featureQueries.map(
      (q) => `/api/v1/observations?bbox=${box(q.bbox)}&from=${q.from}&to=${q.to}&limit=5000`,
    ),
    gridBoxes,
    featureQueries,
  };
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
type Autocannon = (o: AutocannonOptions) => PromiseLike<{
  requests: { average: number };
  errors: number;
  non2xx: number;
}> & {
  on(
    event: 'response',
    fn: (client: unknown, status: number, bytes: number, ms: number) => void,
  ): void;
};

/** Child phase: autocannon over the paths in the views file, round robin; prints the figures. */
async function queryPhase(): Promise<void> {
  const { default: autocannon } = (await import(AUTOCANNON)) as { default: Autocannon };
  const paths = JSON.parse(readFileSync(args.file!, 'utf8')) as string[];
  let i = 0;
  const times: number[] = [];
  let bytes = 0;
  const headers: Record<string, string> = { authorization: `Bearer ${args.token}` };
  if (args.etag) headers['if-none-match'] = args.etag;
  const instance = autocannon({
    url: args.url!,
    connections: Number(args.connections),
    duration: Number(args.seconds),
    headers,
    requests: [{ setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length]! }) }],
  });
  instance.on('response', (_client: unknown, status: number, b: number, ms: number) => {
    if (status !== 200 && status !== 304) throw new Error(`query answered ${status}`);
    times.push(ms);
    bytes += b;
  });
  const result = await instance;
  times.sort((a, b) => a - b);
  const pct = (p: number) =>
    times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))] ?? NaN;
  const out = {
    requests: times.length,
    rps: result.requests.average,
    p50: pct(50),
    p95: pct(95),
    p99: pct(99),
    errors: result.errors,
    kb: bytes / Math.max(1, times.length) / 1024,
  };
  process.stdout.write(JSON.stringify(out) + '\n');
}

function child(extra: string[]): Promise<Record<string, number>> {
  return new Promise((resolve, reject) => {
    const p = spawn(
      process.execPath,
      [...process.execArgv, import.meta.filename, '--phase', 'query', ...extra],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.on('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(out.trim().split('\n').pop()!))
        : reject(new Error(`query phase exited ${code}`)),
    );
  });
}

function percentiles(ms: number[]): { p50: number; p95: number; p99: number } {
  const s = [...ms].sort((a, b) => a - b);
  const pct = (p: number) => s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
  return { p50: pct(50), p95: pct(95), p99: pct(99) };
}

async function main(): Promise<void> {
  const dir = await ensureStore(N);
  const file = await scenarioFile(N);
  const load0 = loadavg();
  const mission = await openMission(dir, { nowMs: BENCH_NOW_MS });
  const config = resolveConfig({ logLevel: 'silent' });
  const app = await buildServer({ mission, config, now: () => BENCH_NOW_MS });
  const ctx = { actor: 'bench', nowMs: Date.now() };
  const name = `bench-${Date.now()}`;
  await createUser(app.identity, { name, role: 'monitor', password: 'bench password 1' }, ctx);
  const { token } = await createToken(
    app.identity,
    { user: name, scopes: ['observations:read'] },
    ctx,
  );
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const auth = { authorization: `Bearer ${token}` };
  const started = performance.now();
  const note = (what: string) =>
    process.stderr.write(`[${((performance.now() - started) / 1000).toFixed(1)} s] ${what}\n`);
  const v = views(file, 2000);
  note('views ready');
  const stored = await mission.store.countObservations();

  // Warm up: the grid loads its columns on first use (once per server start).
  let t = performance.now();
  const first = await fetch(url + v.grid[0], { headers: auth });
  const etag = first.headers.get('etag')!;
  const gridLoadMs = performance.now() - t;
  const gridCells = ((await first.json()) as { features: unknown[] }).features.length;
  const webPage = (await (await fetch(url + v.webToday[0], { headers: auth })).json()) as {
    numberReturned: number;
    links: { rel: string }[];
  };
  note(`grid columns loaded in ${gridLoadMs.toFixed(0)} ms`);
  const featureSizes: number[] = [];
  for (const p of v.features.slice(0, 20))
    featureSizes.push(
      ((await (await fetch(url + p, { headers: auth })).json()) as { numberReturned: number })
        .numberReturned,
    );
  note('page sizes read');
  const meanFeatures = featureSizes.reduce((a, b) => a + b, 0) / featureSizes.length;

  // In-process baseline: the same queries straight on the store (and the grid's column pass), one at a time.
  const columns = new ObservationColumns(mission.store.observationColumns!.bind(mission.store));
  await columns.sync(await mission.store.ledger.size());
  const timeIt = async (count: number, fn: (k: number) => Promise<unknown> | unknown) => {
    const ms: number[] = [];
    for (let k = 0; k < count; k++) {
      t = performance.now();
      await fn(k);
      ms.push(performance.now() - t);
    }
    return percentiles(ms);
  };
  const inProcess = {
    'web-today': await timeIt(5, (k) =>
      mission.store.queryObservations({ bbox: v.gridBoxes[k], limit: 5000 }),
    ),
    grid: await timeIt(100, (k) =>
      columns.grid({ bbox: v.gridBoxes[k]!, cell: 0.5, visibleTo: { mission: true, party: null } }),
    ),
    features: await timeIt(30, (k) =>
      mission.store.queryObservations({ ...v.featureQueries[k]!, limit: 5000 }),
    ),
  };

  note('in-process baseline done');
  const write = (name: string, paths: string[]) => {
    const f = join(OUT, `query-views-${name}.json`);
    writeFileSync(f, JSON.stringify(paths));
    return f;
  };
  const runs: { kind: string; connections: number; r: Record<string, number> }[] = [];
  const kinds: [string, string, string | null][] = [
    ['web-today', write('web-today', v.webToday), null],
    ['grid', write('grid', v.grid), null],
    ['grid-poll', write('grid-poll', v.grid.slice(0, 1)), etag],
    ['features', write('features', v.features), null],
    ['features-same', write('features-same', v.features.slice(0, 1)), null],
  ];
  for (const [kind, f, tag] of kinds) {
    // Pages of 5,000 features take seconds each on a busy machine: 64 clients of those would queue for minutes.
    for (const c of kind === 'web-today' ? CONNECTIONS.slice(0, 2) : CONNECTIONS) {
      process.stderr.write(`${kind}, ${c} connections, ${args.seconds} s\n`);
      const r = await child([
        '--url',
        url,
        '--token',
        token,
        '--seconds',
        String(args.seconds),
        '--file',
        f,
        '--connections',
        String(c),
        ...(tag ? ['--etag', tag] : []),
      ]);
      runs.push({ kind, connections: c, r });
      process.stderr.write(`  ${JSON.stringify(r)}\n`);
    }
  }
  const load1 = loadavg();
  await app.close();
  await mission.close();

  const ms = (x: number | null) =>
    typeof x === 'number' && Number.isFinite(x) ? `${fmt(x, x < 10 ? 1 : 0)} ms` : '—';
  const base = (kind: string) =>
    inProcess[
      (kind.startsWith('grid')
        ? 'grid'
        : kind.startsWith('features')
          ? 'features'
          : 'web-today') as keyof typeof inProcess
    ];
  const body = `
Command: \`npx tsx bench/http-query.ts --n ${N} --seconds ${args.seconds}\` (${machineLine()}; server and load generator share the machine;
load average ${load0.map((l) => l.toFixed(1)).join(' / ')} before and ${load1.map((l) => l.toFixed(1)).join(' / ')} after the run: the cores were shared with other work, so absolute figures are noisy)

Over ${fmt(stored)} stored observations. The typical dashboard query is what the map asks (web/src): it opens on the whole theatre
(zoom 5.6, a 1,280 × 800 px map: a box of about 18.6° × 7.7°) and polls every 15 s; zoomed in (zoom 10, 0.88° × 0.37°) it lists features.
- **web-today**: \`GET /api/v1/observations?bbox=<theatre>&limit=5000\`, the first of the pages the web fetches today (no time window), on the grid's 2,000 panned boxes (cache misses): ${fmt(webPage.numberReturned)} features${webPage.links.some((l) => l.rel === 'next') ? ', and a next page' : ''};
- **grid**: \`GET /api/v1/observations/grid?bbox=<theatre>&cell=0.5\`, counts per 0.5° cell (${fmt(gridCells)} cells for the default box), 2,000 panned boxes round robin, so every request counts anew;
- **grid-poll**: one box, the client sending back its ETag (If-None-Match), the 15 s refresh of an unchanged map: 304, no body;
- **features**: \`GET /api/v1/observations?bbox=<zoom 10 box>&from=&to=<7 days>&limit=5000\` round a place observations were made, 2,000 different views (query cache misses; ${fmt(meanFeatures, 1)} features on average);
- **features-same**: one such view for every client (answered from the query cache until the ledger grows).

In-process baseline, same command, one query at a time on the store: web-today (the store query of that page) p50 ${ms(inProcess['web-today'].p50)} / p99 ${ms(inProcess['web-today'].p99)};
grid (the column pass) p50 ${ms(inProcess.grid.p50)} / p99 ${ms(inProcess.grid.p99)}; features (the store query) p50 ${ms(inProcess.features.p50)} / p99 ${ms(inProcess.features.p99)}.
The grid loads its columns once per server start (${fmt(gridLoadMs)} ms for the first request here).

| query | connections | requests/s | p50 | p95 | p99 | KiB / answer | p99 / in-process p99 |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
${runs.map(({ kind, connections, r }) => `| ${kind} | ${connections} | ${fmt(r.rps ?? 0)} | ${ms(r.p50 ?? null)} | ${ms(r.p95 ?? null)} | ${ms(r.p99 ?? null)} | ${fmt(r.kb ?? 0, 1)} | ${r.p99 ? `${fmt(r.p99 / base(kind).p99, 1)}×` : '—'} |`).join('\n')}

Target (issue 4): the typical dashboard query answers in tens of milliseconds; p99 < 100 ms with 64 concurrent clients on 2 cores.
`;
  process.stdout.write(body);
  if (!args.dry) writeSection('HTTP: query latency', body);
}

if (args.phase === 'query') await queryPhase();
else if (args.phase === 'store') await ensureStore(N);
else await main();
