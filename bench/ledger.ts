/**
 * Ledger benchmark (issue 3, item 9). Each phase runs in its own child process:
 *
 *  - append (once with synchronous=NORMAL, once with FULL): realistic `observation.stored` events
 *    (RFC 8785 canonical JSON of simulated observations, ~600 bytes) appended through
 *    SqliteLedger.append in batches, one transaction per batch, to a file-backed WAL database,
 *    against the bare node:crypto SHA-256 work a tree of those leaves needs (n leaf hashes and
 *    n - 1 interior node hashes), timed in the same process on the same leaves.
 *  - tree: a log of small (32-byte) leaves grown to each of --sizes in big batches; at each size,
 *    inclusion and consistency proofs per second through SqliteLedger (seeded random indices and
 *    sizes), the stored tiles read per proof (the tile reader is wrapped to count), and storage
 *    bytes per leaf (dbstat, after a WAL checkpoint).
 *
 *   npx tsx bench/ledger.ts [--sizes 1000000,10000000] [--appends 200000] [--batch 1000]
 *     [--proofs 20000] [--build-batch 100000] [--max-build-seconds 900] [--dry]
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { canonicalJson } from '../src/domain/canonical-json.js';
import { leafHash, type TileReader, verifyConsistency, verifyInclusion } from '../src/ledger/index.js';
import { DEMO_AGREEMENT_FILE, readAgreementFile } from '../src/app/mission.js';
import { simulate } from '../src/sim/index.js';
import { SqliteLedger } from '../src/store/sqlite/ledger-tiles.js';
import { seededRandom as seeded } from '../src/domain/test-support/seeded-random.js';
import { fmt, machineLine, writeSection } from './report.js';

const OUT = join(import.meta.dirname, 'out', 'ledger-run');
const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000000,10000000' },
    appends: { type: 'string', default: '200000' },
    batch: { type: 'string', default: '1000' },
    proofs: { type: 'string', default: '20000' },
    'build-batch': { type: 'string', default: '100000' },
    'max-build-seconds': { type: 'string', default: '900' },
    phase: { type: 'string' },
    sync: { type: 'string', default: 'NORMAL' },
    dry: { type: 'boolean', default: false },
  },
});
const SIZES = args.sizes.split(',').map(Number).sort((a, b) => a - b);
const APPENDS = Number(args.appends);
const BATCH = Number(args.batch);
const PROOFS = Number(args.proofs);
const BUILD_BATCH = Number(args['build-batch']);
const MAX_BUILD_SECONDS = Number(args['max-build-seconds']);
for (const [name, n] of Object.entries({ sizes: Math.min(...SIZES), appends: APPENDS, batch: BATCH, proofs: PROOFS, 'build-batch': BUILD_BATCH })) {
  if (!Number.isSafeInteger(n) || n < 2) throw new Error(`--${name} must be integers >= 2, got ${n}`);
}

const log = (line: string) => process.stderr.write(`${line}\n`);

/** The same connection settings as SqliteStore (WAL, 64 MiB page cache), with `sync` as given. */
function openDb(file: string, sync: string): { db: Database.Database; ledger: SqliteLedger } {
  rmSync(file, { force: true });
  rmSync(`${file}-wal`, { force: true });
  rmSync(`${file}-shm`, { force: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${sync}`);
  db.pragma('cache_size = -65536');
  return { db, ledger: new SqliteLedger(db, { createSchema: true }) };
}

interface Storage {
  fileBytes: number;
  /** Bytes of pages per table or index (dbstat). */
  byObject: Record<string, number>;
}

function storage(db: Database.Database, file: string): Storage {
  db.pragma('wal_checkpoint(TRUNCATE)');
  const rows = db.prepare('SELECT name, SUM(pgsize) AS bytes FROM dbstat GROUP BY name').all() as { name: string; bytes: number }[];
  return { fileBytes: statSync(file).size, byObject: Object.fromEntries(rows.map((r) => [r.name, r.bytes])) };
}

// ---------------------------------------------------------------------------------------------
// Phase "append": realistic events, SqliteLedger.append vs bare hashing.

/** Canonical JSON of `observation.stored` events as file-observations writes them. */
function realisticLeaves(n: number): Uint8Array[] {
  const { agreement } = readAgreementFile(DEMO_AGREEMENT_FILE);
  const leaves: Uint8Array[] = [];
  const receivedAt = '2026-03-01T12:00:00.000Z';
  for (const item of simulate(agreement, { seed: 11, days: 3650, start: '2026-01-01T00:00:00Z', tempo: 'high' })) {
    if (!('observation' in item)) continue;
    const observation = item.observation;
    const digest = createHash('sha256').update(canonicalJson(observation), 'utf8').digest('hex');
    const event = { v: 1, type: 'observation.stored', at: receivedAt, actor: 'import:bench.ndjson', data: { observation, digest, receivedAt } };
    leaves.push(Buffer.from(canonicalJson(event), 'utf8'));
    if (leaves.length >= n) break;
  }
  if (leaves.length < n) throw new Error(`the simulator gave ${leaves.length} observations, wanted ${n}`);
  return leaves;
}

const LEAF = Buffer.from([0]);
const NODE = Buffer.from([1]);
const nodeHash = (l: Buffer, r: Buffer) => createHash('sha256').update(NODE).update(l).update(r).digest();

/**
 * The floor: RFC 9162 hashing of a growing tree with node:crypto and nothing else. Each leaf is
 * hashed and merged into the tree's right edge (its perfect subtrees, merged like a binary
 * counter), so n leaves cost n leaf hashes and n - popcount(n) node hashes; folding the edge
 * into the root adds popcount(n) - 1, for exactly the n - 1 interior nodes of the tree.
 */
class BareTree {
  readonly edge: Buffer[] = [];
  size = 0;
  hashes = 0;

  append(leaves: readonly Uint8Array[]): void {
    for (const leaf of leaves) {
      let carry = createHash('sha256').update(LEAF).update(leaf).digest();
      this.hashes++;
      for (let s = this.size; s % 2 === 1; s = Math.floor(s / 2)) {
        carry = nodeHash(this.edge.pop()!, carry);
        this.hashes++;
      }
      this.edge.push(carry);
      this.size++;
    }
  }

  root(): Buffer {
    let root = this.edge[this.edge.length - 1]!;
    for (let i = this.edge.length - 2; i >= 0; i--) root = nodeHash(this.edge[i]!, root);
    this.hashes += this.edge.length - 1;
    return root;
  }
}

/** One path's time over the whole run, and over its first and last quarter of batches. */
export interface PathTime {
  seconds: number;
  firstQuarterSeconds: number;
  lastQuarterSeconds: number;
}

export interface AppendResult {
  sync: string;
  leaves: number;
  leafBytes: number;
  bareHashes: number;
  /** node:crypto hashing of the tree alone. */
  bare: PathTime;
  /** SqliteLedger.append, one transaction per batch. */
  append: PathTime;
  /** Diagnostic: SqliteLedger.append with the indexes on ledger_entries dropped (no lookup by leaf hash). */
  appendNoIndex: PathTime;
  /** Reference: the same leaves as bare rows (idx INTEGER PRIMARY KEY, leaf BLOB), no hashing, no index, no tiles. */
  leavesOnly: PathTime;
  storage: Storage;
}

/** Drops every explicit index on ledger_entries, whatever the schema names it. */
function dropEntryIndexes(db: Database.Database): void {
  const indexes = db.prepare("SELECT name FROM pragma_index_list('ledger_entries') WHERE origin = 'c'").pluck().all() as string[];
  for (const name of indexes) db.exec(`DROP INDEX "${name}"`);
}

/**
 * The paths run batch by batch in turn (bare hashing, SqliteLedger.append, the same without the
 * entries' lookup index, the leaves alone), so load that comes and goes on the machine weighs on
 * all of them alike.
 */
function appendPhase(sync: string): AppendResult {
  log(`append phase (synchronous=${sync}): generating ${fmt(APPENDS)} events…`);
  const leaves = realisticLeaves(APPENDS);
  const leafBytes = leaves.reduce((s, l) => s + l.length, 0);
  new BareTree().append(leaves.slice(0, 10_000)); // warm up node:crypto
  mkdirSync(OUT, { recursive: true });
  const file = join(OUT, `append-${sync.toLowerCase()}.db`);
  const real = openDb(file, sync);
  const noIndex = openDb(join(OUT, `append-no-index-${sync.toLowerCase()}.db`), sync);
  dropEntryIndexes(noIndex.db);
  const rows = openDb(join(OUT, `leaves-only-${sync.toLowerCase()}.db`), sync);
  rows.db.exec('CREATE TABLE leaves_only (idx INTEGER PRIMARY KEY, leaf BLOB NOT NULL)');
  const insert = rows.db.prepare('INSERT INTO leaves_only (idx, leaf) VALUES (?, ?)');
  const bare = new BareTree();
  let bareRoot: Buffer | null = null;
  const inTransaction = (db: Database.Database, fn: () => void) => {
    db.exec('BEGIN IMMEDIATE');
    fn();
    db.exec('COMMIT');
  };
  const batches = Math.ceil(leaves.length / BATCH);
  const paths = {
    bare: (batch: Uint8Array[], last: boolean) => {
      bare.append(batch);
      if (last) bareRoot = bare.root();
    },
    append: (batch: Uint8Array[]) => inTransaction(real.db, () => real.ledger.append(batch, '2026-03-01T12:00:00.000Z')),
    appendNoIndex: (batch: Uint8Array[]) => inTransaction(noIndex.db, () => noIndex.ledger.append(batch, '2026-03-01T12:00:00.000Z')),
    leavesOnly: (batch: Uint8Array[], _last: boolean, first: number) => inTransaction(rows.db, () => batch.forEach((leaf, k) => insert.run(first + k, leaf))),
  };
  const times = Object.fromEntries(Object.keys(paths).map((k) => [k, { seconds: 0, firstQuarterSeconds: 0, lastQuarterSeconds: 0 }])) as Record<keyof typeof paths, PathTime>;
  log(`appending ${fmt(APPENDS)} events in batches of ${fmt(BATCH)}…`);
  for (let b = 0; b < batches; b++) {
    const batch = leaves.slice(b * BATCH, (b + 1) * BATCH);
    for (const [name, run] of Object.entries(paths) as [keyof typeof paths, (batch: Uint8Array[], last: boolean, first: number) => void][]) {
      const t0 = performance.now();
      run(batch, b === batches - 1, b * BATCH);
      const seconds = (performance.now() - t0) / 1000;
      times[name].seconds += seconds;
      if (b < batches / 4) times[name].firstQuarterSeconds += seconds;
      if (b >= batches - batches / 4) times[name].lastQuarterSeconds += seconds;
    }
  }
  if (!bareRoot || !Buffer.from(real.ledger.root()).equals(bareRoot)) throw new Error('the ledger root differs from the bare tree hash root');
  if (!Buffer.from(noIndex.ledger.root()).equals(bareRoot)) throw new Error('the no-index ledger root differs from the bare tree hash root');
  if (bare.hashes !== 2 * leaves.length - 1) throw new Error(`bare hashing did ${bare.hashes} hashes, expected ${2 * leaves.length - 1}`);
  const result: AppendResult = { sync, leaves: leaves.length, leafBytes, bareHashes: bare.hashes, ...times, storage: storage(real.db, file) };
  for (const db of [real.db, noIndex.db, rows.db]) db.close();
  return result;
}

// ---------------------------------------------------------------------------------------------
// Phase "tree": small leaves up to 10M, proofs and their stored reads.


/** A distinct 32-byte leaf for index i (the index, then a fixed pattern). */
function smallLeaf(i: number): Uint8Array {
  const b = Buffer.alloc(32, 0xa5);
  b.writeUIntBE(i, 0, 6);
  return b;
}

interface ProofStats {
  kind: 'inclusion' | 'consistency';
  count: number;
  seconds: number;
  tileReadsAvg: number;
  tileReadsMax: number;
  hashesReadAvg: number;
  proofLengthAvg: number;
}

export interface SizeResult {
  size: number;
  buildSeconds: number;
  storage: Storage;
  proofs: ProofStats[];
}

export interface TreeResult {
  sizes: SizeResult[];
  stoppedEarly: string | null;
}

/** Wraps the ledger's tile reader (the one its proofs use) to count rows and hashes read. */
function countTileReads(ledger: SqliteLedger): { reads: number; hashes: number } {
  const counter = { reads: 0, hashes: 0 };
  const inner = ledger.readTile;
  const counting: TileReader = (level, index, width) => {
    counter.reads++;
    counter.hashes += width;
    return inner(level, index, width);
  };
  Object.defineProperty(ledger, 'readTile', { value: counting });
  return counter;
}

function measureProofs(ledger: SqliteLedger, counter: { reads: number; hashes: number }, size: number): ProofStats[] {
  const out: ProofStats[] = [];
  for (const kind of ['inclusion', 'consistency'] as const) {
    const rand = seeded(kind === 'inclusion' ? 1 : 2);
    const picks = Array.from({ length: PROOFS }, () => (kind === 'inclusion' ? Math.floor(rand() * size) : 1 + Math.floor(rand() * (size - 1))));
    let maxReads = 0;
    let proofHashes = 0;
    counter.reads = 0;
    counter.hashes = 0;
    const start = performance.now();
    for (const p of picks) {
      const before = counter.reads;
      const proof = kind === 'inclusion' ? ledger.inclusionProof(p, size) : ledger.consistencyProof(p, size);
      proofHashes += proof.length;
      maxReads = Math.max(maxReads, counter.reads - before);
    }
    const seconds = (performance.now() - start) / 1000;
    out.push({ kind, count: PROOFS, seconds, tileReadsAvg: counter.reads / PROOFS, tileReadsMax: maxReads, hashesReadAvg: counter.hashes / PROOFS, proofLengthAvg: proofHashes / PROOFS });
    // Untimed: a sample of the proofs verifies against the stored roots.
    const root = ledger.root(size);
    for (const p of picks.slice(0, 200)) {
      if (kind === 'inclusion') verifyInclusion(p, size, leafHash(smallLeaf(p)), ledger.inclusionProof(p, size), root);
      else verifyConsistency(p, size, ledger.consistencyProof(p, size), ledger.root(p), root);
    }
  }
  return out;
}

function treePhase(): TreeResult {
  mkdirSync(OUT, { recursive: true });
  const file = join(OUT, 'tree.db');
  const { db, ledger } = openDb(file, 'NORMAL');
  const counter = countTileReads(ledger);
  const sizes: SizeResult[] = [];
  let stoppedEarly: string | null = null;
  const started = performance.now();
  let size = 0;
  for (const target of SIZES) {
    const segmentStart = performance.now();
    while (size < target) {
      const n = Math.min(BUILD_BATCH, target - size);
      const batch = Array.from({ length: n }, (_, k) => smallLeaf(size + k));
      db.exec('BEGIN IMMEDIATE');
      ledger.append(batch);
      db.exec('COMMIT');
      size += n;
      const elapsed = (performance.now() - started) / 1000;
      if (size % 1_000_000 === 0 || size === target) log(`tree: ${fmt(size)} leaves after ${fmt(elapsed)} s`);
      if (elapsed > MAX_BUILD_SECONDS && size < target) {
        stoppedEarly = `building stopped at ${fmt(size)} leaves after ${fmt(elapsed)} s (limit ${MAX_BUILD_SECONDS} s), short of ${fmt(target)}`;
        break;
      }
    }
    const buildSeconds = (performance.now() - segmentStart) / 1000;
    log(`tree: measuring proofs at ${fmt(size)} leaves…`);
    sizes.push({ size, buildSeconds, storage: storage(db, file), proofs: measureProofs(ledger, counter, size) });
    if (stoppedEarly) break;
  }
  db.close();
  return { sizes, stoppedEarly };
}

// ---------------------------------------------------------------------------------------------
// Parent: run the phases as children and write the report.

function runPhase<T>(phase: string, extra: string[] = []): T {
  const r = spawnSync(
    process.execPath,
    [...process.execArgv, import.meta.filename, '--phase', phase, '--sizes', args.sizes, '--appends', args.appends, '--batch', args.batch, '--proofs', args.proofs, '--build-batch', args['build-batch'], '--max-build-seconds', args['max-build-seconds'], ...extra],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 },
  );
  if (r.status !== 0) throw new Error(`${phase} phase failed (exit ${r.status})`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as T;
}

const share = (s: Storage, names: string[]) => names.reduce((sum, n) => sum + (s.byObject[n] ?? 0), 0);

function report(appends: AppendResult[], tree: TreeResult): string {
  const a0 = appends[0]!;
  const appendRows = appends
    .map((a) => {
      const perQuarter = Math.ceil(Math.ceil(a.leaves / BATCH) / 4) * BATCH;
      const bareRate = a.leaves / a.bare.seconds;
      const row = (label: string, t: PathTime, strong = false) => {
        const rate = a.leaves / t.seconds;
        const pct = `${fmt((rate / bareRate) * 100, 1)}%`;
        return `| ${a.sync} | ${label} | ${fmt(rate)} | ${fmt((rate * (a.leafBytes / a.leaves)) / 2 ** 20, 1)} | ${fmt(t.seconds, 2)} | ${fmt(perQuarter / t.firstQuarterSeconds)} → ${fmt(perQuarter / t.lastQuarterSeconds)} | ${strong ? `**${pct}**` : pct} |`;
      };
      return [
        row('bare hashing: n leaf + n − 1 node hashes (baseline)', a.bare),
        row('**SqliteLedger.append**', a.append, true),
        row('(diagnostic) SqliteLedger.append with the indexes on ledger_entries dropped', a.appendNoIndex),
        row('(reference) the leaves alone as bare rows: INSERT (idx INTEGER PRIMARY KEY, leaf BLOB), no hashing, no index, no tiles', a.leavesOnly),
      ].join('\n');
    })
    .join('\n');
  const storageRows = [
    ...appends.map((a) => ({ label: `${fmt(a.leaves)} events (~${fmt(a.leafBytes / a.leaves)} B), synchronous=${a.sync}`, n: a.leaves, s: a.storage })),
    ...tree.sizes.map((z) => ({ label: `${fmt(z.size)} leaves of 32 B`, n: z.size, s: z.storage })),
  ]
    .map(({ label, n, s }) => {
      const entries = share(s, ['ledger_entries']);
      const index = share(s, Object.keys(s.byObject).filter((n) => n.startsWith('ledger_entries_')));
      const tiles = share(s, ['ledger_tiles']);
      return `| ${label} | ${fmt(s.fileBytes / n, 1)} | ${fmt(entries / n, 1)} | ${fmt(index / n, 1)} | ${fmt(tiles / n, 1)} (${fmt((tiles / s.fileBytes) * 100, 1)}%) |`;
    })
    .join('\n');
  const proofRows = tree.sizes
    .flatMap((z) =>
      z.proofs.map(
        (p) =>
          `| ${fmt(z.size)} | ${p.kind} | ${fmt(p.count / p.seconds)} | ${fmt(p.tileReadsAvg, 2)} (max ${p.tileReadsMax}) | ${fmt(p.hashesReadAvg)} | ${fmt(p.proofLengthAvg, 1)} | ${Math.ceil(Math.log2(z.size))} |`,
      ),
    )
    .join('\n');
  const builds = tree.sizes.map((z, i) => `${fmt((z.size - (tree.sizes[i - 1]?.size ?? 0)) / z.buildSeconds)} leaves/s up to ${fmt(z.size)} (${fmt(z.buildSeconds)} s)`).join(', then ');
  return `
Command: \`npx tsx bench/ledger.ts --sizes ${args.sizes} --appends ${APPENDS} --batch ${BATCH} --proofs ${PROOFS}\` (${machineLine()})

Appends: ${fmt(a0.leaves)} \`observation.stored\` events (RFC 8785 canonical JSON of simulated observations, mean ${fmt(a0.leafBytes / a0.leaves)} bytes) in batches of ${fmt(BATCH)}, one transaction each, to a file-backed SQLite database in WAL mode with a 64 MiB page cache (as SqliteStore), once with synchronous=NORMAL and once with FULL (the store's default), each in its own process. Baseline: node:crypto SHA-256 of the same leaves, ${fmt(a0.leaves)} leaf hashes + ${fmt(a0.bareHashes - a0.leaves)} interior node hashes (every node of the RFC 9162 tree). The paths of a process run batch by batch in turn, so load from other processes on the machine weighs on each alike.

| synchronous | path | leaves/s | MiB/s of leaves | seconds | leaves/s, first → last quarter of the batches | vs bare hashing |
| --- | --- | ---: | ---: | ---: | ---: | ---: |
${appendRows}

Target: appends ≥ 50% of the bare hashing rate. The ledger does more hashing than the floor (it folds each completed tile into the level above and also keeps the right edge, about 2n node hashes for n leaves instead of n − 1, each copied into a fresh Uint8Array), and writes for each leaf an entry row and an index row for lookup by leaf hash, plus the tiles and the head per batch. The diagnostic row is the same append without the lookup index (a real log needs one, for inclusion proofs by leaf hash); the reference row is what storing the leaf bytes alone costs.

Proofs through \`SqliteLedger.inclusionProof\` / \`consistencyProof\` on a log of 32-byte leaves (WAL, synchronous=NORMAL), ${fmt(PROOFS)} per kind and size; inclusion at uniformly random indices, consistency from a uniformly random size to the full size (seeded); a sample of 200 of each verified against the stored root. "Tile reads" counts calls to the ledger's tile reader (one SQLite row each, cached within a proof); "hashes read" is the hashes in those tiles (a proof node below a tile's top is folded from up to 255 of them).

| leaves | proof | proofs/s | tile reads per proof | hashes read per proof | proof length | ⌈log₂ n⌉ |
| --- | --- | ---: | ---: | ---: | ---: | ---: |
${proofRows}

Building the small-leaf log (${fmt(BUILD_BATCH)} leaves per transaction): ${builds}.${tree.stoppedEarly ? ` **${tree.stoppedEarly}.**` : ''}

Storage (after a WAL checkpoint; table and index shares from SQLite's dbstat):

| log | file bytes per leaf | entries table | entries' lookup index | tiles |
| --- | ---: | ---: | ---: | ---: |
${storageRows}
`;
}

if (args.phase === 'append') {
  process.stdout.write(JSON.stringify(appendPhase(args.sync)) + '\n');
} else if (args.phase === 'tree') {
  process.stdout.write(JSON.stringify(treePhase()) + '\n');
} else {
  const appends = [runPhase<AppendResult>('append', ['--sync', 'NORMAL']), runPhase<AppendResult>('append', ['--sync', 'FULL'])];
  const tree = runPhase<TreeResult>('tree');
  const body = report(appends, tree);
  process.stdout.write(body);
  if (!args.dry) writeSection('Ledger: appends, proofs, storage', body);
  rmSync(OUT, { recursive: true, force: true });
}
