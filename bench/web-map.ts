/**
 * Map speed in the browser (issue: "with 100,000 incidents in view the map stays interactive"):
 * the real server over a mission holding N incidents, the built dashboard in headless Chromium
 * (Debian's binary, WebGL on SwiftShader, as the browser tests run it), at 1,000 and 100,000
 * incidents in the same run, so the smaller size is the baseline.
 *
 * Data: N point observations (public, monitor), filed through the real intake
 * (fileObservations) and fused by the real fusion (fuseStoredObservations), each far enough
 * from the others in space or time to open its own incident, all inside the dashboard's opening
 * view (the theatre at zoom 5.6). Built once per N in bench/out/web-map-<n> and reused.
 *
 * Measured per N (median of --runs fresh browser contexts, no cache):
 *   first render   navigation start → the `incidents-rendered` performance mark with incidents
 *                  drawn, and how many: below the grid zoom (the opening view) the incident grid
 *                  layer's (web/src/layers/IncidentGridLayer.tsx: every incident in view, drawn
 *                  as counts per cell, and how many cells), zoomed in the incidents layer's
 *                  (web/src/layers/IncidentsLayer.tsx: one ring per incident);
 *   panning        --pan-seconds of mouse drags across the map (as a user pans), the time between
 *                  successive requestAnimationFrame callbacks: p50/p95/p99 and dropped frames
 *                  (frames beyond one per 16.7 ms interval).
 * And the gzipped JavaScript the map view loads: the scripts and module preloads of
 * web/dist/index.html (their precompressed .gz twins).
 *
 *   npx tsx bench/web-map.ts [--sizes 1000,100000] [--runs 3] [--pan-seconds 4] [--no-build]
 *
 * Prints the results as a Markdown section (also written to bench/out/web-map.md).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser } from 'playwright-core';
import { fileObservations } from '../src/app/file-observations.js';
import { fuseStoredObservations } from '../src/app/fusion/index.js';
import { openMission } from '../src/app/mission.js';
import { buildServer } from '../src/server/app.js';
import { resolveConfig } from '../src/server/config.js';
import { CHROMIUM, CHROMIUM_ARGS } from '../test/support/browser.js';
import { fmt, machineLine } from './report.js';
import { OUT } from './scenario.js';

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,100000' },
    runs: { type: 'string', default: '3' },
    'pan-seconds': { type: 'string', default: '4' },
    'no-build': { type: 'boolean', default: false },
  },
});
const SIZES = args.sizes.split(',').map(Number);
const RUNS = Number(args.runs);
const PAN_MS = Number(args['pan-seconds']) * 1000;
const ROOT = join(import.meta.dirname, '..');
const DIST = join(ROOT, 'web', 'dist');
const VIEWPORT = { width: 1400, height: 900 };
const T0 = Date.parse('2026-01-01T00:00:00Z');
const H = 3_600_000;

/**
 * Where incident i lies: a jittered lattice over lon 35-39.5, lat 46.5-50 (inside the opening
 * view), ~1.7 km apart at 100,000, and in time one per 36 s in blocks of 500 (18,000 s, within
 * one fusion window, so each block is fused together) six hours apart.
 */
function observationFor(i: number, n: number): Record<string, unknown> {
  const side = Math.ceil(Math.sqrt(n));
  const k = (i * 7919) % (side * side);
  const jitter = ((i * 2654435761) % 1000) / 1000;
  const lon = 35 + ((k % side) + 0.25 + jitter * 0.5) * (4.5 / side);
  const lat = 46.5 + (Math.floor(k / side) + 0.25 + jitter * 0.5) * (3.5 / side);
  const block = Math.floor(i / 500);
  const from = T0 + block * 6 * H + (i % 500) * 36_000;
  return {
    id: `bench-${i}`,
    source: { kind: 'monitor', id: `patrol-${i % 40}` },
    observedAt: { from: new Date(from).toISOString(), to: new Date(from + 60_000).toISOString() },
    location: { lon: Math.round(lon * 1e5) / 1e5, lat: Math.round(lat * 1e5) / 1e5, radiusM: 200 },
    event: 'explosion',
    count: 1 + (i % 5),
    weapon: ['mortar', 'artillery', 'mlrs'][i % 3],
    direction: 'impact',
    visibility: 'public',
  };
}

/** The mission with N incidents, built once (filed, then fused) and reused. */
async function ensureMission(n: number): Promise<{ dir: string; incidents: number }> {
  const dir = join(OUT, `web-map-${n}`);
  const done = join(dir, 'complete.json');
  if (existsSync(done)) return { dir, incidents: JSON.parse(readFileSync(done, 'utf8')).incidents };
  rmSync(dir, { recursive: true, force: true });
  const started = performance.now();
  const mission = await openMission(dir, { synchronous: 'NORMAL' });
  const BATCH = 500;
  for (let at = 0; at < n; at += BATCH) {
    const items = Array.from({ length: Math.min(BATCH, n - at) }, (_, j) =>
      observationFor(at + j, n),
    );
    const results = await fileObservations(mission.store, items, {
      actor: 'bench',
      nowMs: Date.now(),
    });
    const bad = results.find((r) => r.status !== 'stored');
    if (bad) throw new Error(`observation ${at + bad.index} not stored: ${JSON.stringify(bad)}`);
  }
  const fused = await fuseStoredObservations(mission.store, mission.agreement, {
    batchSize: BATCH,
  });
  let incidents = 0;
  let cursor: string | undefined;
  do {
    const page = await mission.store.queryIncidents!({
      cursor,
      limit: 5000,
      visibleTo: { mission: false, party: null },
    });
    incidents += page.items.length;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  await mission.close();
  writeFileSync(
    done,
    JSON.stringify({ incidents, observations: n, engineErrors: fused.engineErrors }),
  );
  process.stderr.write(
    `built ${dir}: ${fmt(incidents)} public incidents in ${((performance.now() - started) / 1000).toFixed(0)} s\n`,
  );
  return { dir, incidents };
}

function buildWeb(): void {
  const require = createRequire(import.meta.url);
  const vite = join(require.resolve('vite/package.json'), '..', 'bin', 'vite.js');
  const r = spawnSync(
    process.execPath,
    [vite, 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'],
    {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, NODE_ENV: 'production' },
    },
  );
  if (r.status !== 0) throw new Error(`vite build failed:\n${r.stdout}\n${r.stderr}`);
}

/** The JavaScript index.html loads before the map can draw: its module scripts and preloads. */
function mapViewScripts(): { files: string[]; gzipBytes: number; rawBytes: number } {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const files = [
    ...html.matchAll(
      /<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="([^"]+\.js)"/g,
    ),
  ].map((m) => m[1]!);
  let gzipBytes = 0;
  let rawBytes = 0;
  for (const f of new Set(files)) {
    const path = join(DIST, f.replace(/^\//, ''));
    rawBytes += statSync(path).size;
    gzipBytes += statSync(`${path}.gz`).size;
  }
  return { files: [...new Set(files)], gzipBytes, rawBytes };
}

const quantile = (xs: readonly number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};
const median = (xs: readonly number[]) => quantile(xs, 0.5);

interface Run {
  firstRenderMs: number;
  drawn: number;
  /** Symbols on the map: grid cells, or one per incident when drawn one by one. */
  symbols: number;
  frames: number[];
}

/** Waits for the incidents-rendered mark with incidents drawn; its time since navigation start. */
const FIRST_RENDER = `new Promise((resolve) => {
  const look = () => {
    const m = performance.getEntriesByName('incidents-rendered').find((e) => e.detail && e.detail.count > 0);
    if (m) resolve({ at: m.startTime, count: m.detail.count, cells: m.detail.cells ?? null });
    else setTimeout(look, 20);
  };
  look();
})`;

/** Starts recording requestAnimationFrame deltas into window.__frames. */
const RECORD_FRAMES = `(() => {
  window.__frames = [];
  window.__recording = true;
  let last = performance.now();
  const tick = (t) => {
    if (!window.__recording) return;
    window.__frames.push(t - last);
    last = t;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame((t) => { last = t; requestAnimationFrame(tick); });
})()`;

async function measure(browser: Browser, base: string): Promise<Run> {
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'en-GB' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${base}/`);
  const first = (await page.evaluate(FIRST_RENDER)) as {
    at: number;
    count: number;
    cells: number | null;
  };
  await page.waitForSelector('.map[data-map-idle="true"]', { timeout: 120_000 });
  // Pan: drags across the middle of the map, left and right, for PAN_MS.
  const canvas = page.locator('.map-canvas canvas');
  const box = (await canvas.boundingBox())!;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  await page.evaluate(RECORD_FRAMES);
  const until = Date.now() + PAN_MS;
  let dir = 1;
  while (Date.now() < until) {
    await page.mouse.move(cx - dir * 200, cy);
    await page.mouse.down();
    await page.mouse.move(cx + dir * 200, cy + dir * 40, { steps: 10 });
    await page.mouse.up();
    dir = -dir;
  }
  const frames = (await page.evaluate(
    '(() => { window.__recording = false; return window.__frames; })()',
  )) as number[];
  await context.close();
  if (errors.length > 0) throw new Error(`page errors: ${errors.join('; ')}`);
  return {
    firstRenderMs: first.at,
    drawn: first.count,
    symbols: first.cells ?? first.count,
    frames: frames.slice(1),
  };
}

async function main(): Promise<void> {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (set CHROMIUM_PATH)`);
  mkdirSync(OUT, { recursive: true });
  if (!args['no-build']) buildWeb();
  const bundle = mapViewScripts();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS] });
  const rows: string[] = [];
  const firstBySize = new Map<number, number>();
  const loads: number[] = [];
  try {
    for (const n of SIZES) {
      const { dir, incidents } = await ensureMission(n);
      const mission = await openMission(dir);
      const app = await buildServer({ mission, config: resolveConfig({ logLevel: 'silent' }) });
      await app.listen({ port: 0, host: '127.0.0.1' });
      const address = app.server.address();
      const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
      try {
        // One unmeasured load warms the server (column copy, statement cache), as a running server is.
        await measure(browser, base);
        const runs: Run[] = [];
        for (let r = 0; r < RUNS; r++) {
          loads.push(loadavg()[0]!);
          runs.push(await measure(browser, base));
        }
        const first = median(runs.map((r) => r.firstRenderMs));
        firstBySize.set(n, first);
        const frames = runs.flatMap((r) => r.frames);
        const dropped = frames.reduce(
          (sum, d) => sum + Math.max(0, Math.round(d / (1000 / 60)) - 1),
          0,
        );
        const seconds = frames.reduce((a, b) => a + b, 0) / 1000;
        rows.push(
          `| ${fmt(incidents)} | ${fmt(median(runs.map((r) => r.drawn)))} | ${fmt(median(runs.map((r) => r.symbols)))} | ${fmt(first)} | ${fmt(quantile(frames, 0.5), 1)} | ${fmt(quantile(frames, 0.95), 1)} | ${fmt(quantile(frames, 0.99), 1)} | ${fmt(frames.length / seconds, 1)} | ${fmt(dropped)} of ${fmt(frames.length + dropped)} |`,
        );
        process.stderr.write(`${rows.at(-1)}\n`);
      } finally {
        await app.close();
        await mission.close();
      }
    }
  } finally {
    await browser.close();
  }
  const small = firstBySize.get(SIZES[0]!)!;
  const large = firstBySize.get(SIZES.at(-1)!)!;
  const body = [
    `Command: \`npx tsx bench/web-map.ts --sizes ${SIZES.join(',')} --runs ${RUNS} --pan-seconds ${PAN_MS / 1000}\` (${machineLine()}; Chromium ${browser.version()} headless, WebGL on SwiftShader; viewport ${VIEWPORT.width} × ${VIEWPORT.height}; 1-minute load average ${fmt(median(loads), 1)} during the runs)`,
    '',
    "The dashboard as the public opens it (the theatre at zoom 5.6) over a mission whose incidents all lie in that view; median of the runs, each in a fresh browser context. At that zoom (below the grid zoom, 9) incidents are drawn as counts per grid cell (GET /api/v1/incidents/grid): *drawn* is the incidents the cells count, *symbols* the cells on the map. First render: navigation start to the `incidents-rendered` mark with incidents drawn. Frames: requestAnimationFrame intervals during mouse drags across the map.",
    '',
    '| incidents in view | drawn | symbols | first render (ms) | frame p50 (ms) | p95 | p99 | frames/s | dropped frames |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
    '',
    `First render at ${fmt(SIZES.at(-1)!)} is **${(large / small).toFixed(2)}×** that at ${fmt(SIZES[0]!)} (target ≤ 2×). JavaScript the map view loads: **${fmt(bundle.gzipBytes / 1024, 0)} KiB gzipped** (${fmt(bundle.rawBytes / 1024, 0)} KiB raw; ${bundle.files.join(', ')}; target < 1.5 MB).`,
  ].join('\n');
  writeFileSync(join(OUT, 'web-map.md'), body + '\n');
  process.stdout.write(body + '\n');
}

await main();
