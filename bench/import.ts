/**
 * Import benchmark (issue: foundation). The real import path (`importNdjson` over a file, into a
 * mission's SQLite store with validation, idempotency checks, ledger leaves and tiles, the R*Tree
 * index — what `truceline import` runs) against a bare better-sqlite3 prepared INSERT of the same
 * rows in one transaction. Each side runs in its own child process so its peak RSS is its own.
 *
 *   npx tsx bench/import.ts [--n 1000000] [--batch 2000] [--dry (do not write BENCHMARKS.md)]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { importNdjson } from '../src/app/import-ndjson.js';
import { PreparePool } from '../src/app/intake/prepare-pool.js';
import { openMission } from '../src/app/mission.js';
import { fmt, machineLine, writeSection } from './report.js';
import { BENCH_NOW_MS, lines, OUT, scenarioFile } from './scenario.js';

const { values: args } = parseArgs({
  options: { n: { type: 'string', default: '1000000' }, batch: { type: 'string', default: '2000' }, phase: { type: 'string' }, file: { type: 'string' }, db: { type: 'string' }, dry: { type: 'boolean', default: false } },
});
const N = Number(args.n);

interface PhaseResult {
  rows: number;
  seconds: number;
  maxRssMb: number;
  dbBytes: number;
}

async function realPhase(file: string, dir: string): Promise<PhaseResult> {
  const mission = await openMission(dir, { nowMs: BENCH_NOW_MS });
  const pool = new PreparePool();
  const start = performance.now();
  const s = await importNdjson(mission.store, lines(file), { actor: 'bench', batchSize: Number(args.batch), pool, now: () => BENCH_NOW_MS });
  const seconds = (performance.now() - start) / 1000;
  await pool.close();
  await mission.close();
  if (s.stored !== N) throw new Error(`expected ${N} stored, got ${JSON.stringify(s)}`);
  return { rows: s.stored, seconds, maxRssMb: process.resourceUsage().maxRSS / 1024, dbBytes: statSync(join(dir, 'truceline.db')).size };
}

async function barePhase(file: string, dbFile: string): Promise<PhaseResult> {
  const db = new Database(dbFile);
  db.pragma('journal_mode = WAL');
  db.exec(`CREATE TABLE observations (rid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, body TEXT NOT NULL,
    event TEXT, weapon TEXT, source_kind TEXT, source_id TEXT, t_from INTEGER, t_to INTEGER, lon REAL, lat REAL)`);
  const insert = db.prepare('INSERT INTO observations (id, body, event, weapon, source_kind, source_id, t_from, t_to, lon, lat) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const start = performance.now();
  let rows = 0;
  db.exec('BEGIN');
  for await (const line of lines(file)) {
    const o = JSON.parse(line);
    const w = typeof o.observedAt === 'string' ? { from: o.observedAt, to: o.observedAt } : o.observedAt;
    const p = o.location ?? o.observer;
    insert.run(o.id, line, o.event, o.weapon, o.source.kind, o.source.id, Date.parse(w.from), Date.parse(w.to), p.lon, p.lat);
    rows++;
  }
  db.exec('COMMIT');
  const seconds = (performance.now() - start) / 1000;
  db.close();
  return { rows, seconds, maxRssMb: process.resourceUsage().maxRSS / 1024, dbBytes: statSync(dbFile).size };
}

/** V8 flags the `truceline` command runs with (bin/truceline.js); the bare phase gets them too. */
const NODE_FLAGS = ['--max-semi-space-size=16'];

function runPhase(phase: 'real' | 'bare', file: string, target: string): PhaseResult {
  const r = spawnSync(process.execPath, [...NODE_FLAGS, ...process.execArgv, import.meta.filename, '--phase', phase, '--file', file, '--db', target, '--n', String(N), '--batch', String(args.batch)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 20,
  });
  if (r.status !== 0) throw new Error(`${phase} phase failed (exit ${r.status})`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as PhaseResult;
}

if (args.phase) {
  const result = args.phase === 'real' ? await realPhase(args.file!, args.db!) : await barePhase(args.file!, args.db!);
  process.stdout.write(JSON.stringify(result) + '\n');
} else {
  const file = await scenarioFile(N);
  const work = join(OUT, 'import-run');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  process.stderr.write(`bare better-sqlite3 insert of ${fmt(N)} rows…\n`);
  const bare = runPhase('bare', file, join(work, 'bare.db'));
  process.stderr.write(`real import path (truceline import) of ${fmt(N)} observations…\n`);
  const real = runPhase('real', file, join(work, 'mission'));
  const rate = (p: PhaseResult) => p.rows / p.seconds;
  const ratio = rate(real) / rate(bare);
  const body = `
Command: \`npx tsx bench/import.ts --n ${N}\` (${machineLine()}; ${fmt(statSync(file).size / 2 ** 20, 0)} MiB of simulated NDJSON, batch ${args.batch}; both phases run with \`node ${NODE_FLAGS.join(' ')}\` as \`truceline\` does)

| path | observations/s | seconds | peak RSS | database bytes per observation |
| --- | ---: | ---: | ---: | ---: |
| bare better-sqlite3 prepared INSERT, one transaction | ${fmt(rate(bare))} | ${fmt(bare.seconds, 1)} | ${fmt(bare.maxRssMb)} MB | ${fmt(bare.dbBytes / bare.rows)} |
| real import path (\`truceline import\`: validate on a worker thread, idempotency, ledger leaf + tiles, R*Tree, sealed leaves) | ${fmt(rate(real))} | ${fmt(real.seconds, 1)} | ${fmt(real.maxRssMb)} MB | ${fmt(real.dbBytes / real.rows)} |

Real path at **${fmt(ratio * 100, 1)}%** of the bare insert rate (target ≥ 25%); peak RSS ${fmt(real.maxRssMb)} MB (target < 500 MB, the file is streamed).
`;
  process.stdout.write(body);
  if (!args.dry) writeSection('Import: 1,000,000 observations', body);
}
