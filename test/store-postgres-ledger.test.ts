/**
 * The PostgreSQL ledger (src/store/postgres/ledger.ts) checked hash for hash against the in-memory
 * tiled tree and the RFC 9162 reference tree: roots at many sizes, inclusion and consistency
 * proofs, every tile, entry bundles and lookups by leaf hash, across three tile levels (a full
 * level-1 tile needs 65,536 leaves). Skips only when no server answers.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeLeaf, type LedgerEvent } from '../src/app/events/event.js';
import {
  encodeEntryBundle,
  isLedgerError,
  leafHash,
  MemoryTiledTree,
  referenceConsistencyProof,
  referenceInclusionProof,
  referenceRoot,
  tilesForSize,
  toHex,
} from '../src/ledger/index.js';
import { createScratchDatabase, probeServer, testServerUrl, type ScratchDatabase } from '../src/store/postgres/scratch-database.js';
import { PostgresStore } from '../src/store/postgres/store.js';

const SERVER = testServerUrl();
const probe = await probeServer(SERVER);
if (!probe.ok && probe.answered) throw new Error(`the PostgreSQL server at ${SERVER} answered but refused the tests: ${probe.reason}`);
const skipReason = probe.ok ? null : `no PostgreSQL server answers at ${SERVER} (${probe.reason})`;
if (skipReason) it.skip(`PostgreSQL ledger: ${skipReason}`, () => undefined);

/** `auth.login` changes no state table, so the log can grow fast; `n` makes every leaf distinct. */
const login = (n: number): LedgerEvent => ({ v: 1, type: 'auth.login', at: '2026-03-01T10:00:00.000Z', actor: `user:u${n % 7}`, data: { n, pad: 'x'.repeat(n % 40) } });
const hex = (hashes: readonly Uint8Array[]) => hashes.map(toHex);

describe.skipIf(skipReason !== null)('PostgreSQL ledger', () => {
  let db: ScratchDatabase;
  let store: PostgresStore;
  const memory = new MemoryTiledTree();
  const leaves: Uint8Array[] = [];
  // Batches that straddle tile edges, then bulk to pass 65,536 leaves (a full level-1 tile).
  const BATCHES = [1, 1, 253, 1, 1, 255, 256, 257, 511, 3, 1000, 2048, 1, 4096, 20_000, 20_000, 17_000, 1, 77];

  beforeAll(async () => {
    db = await createScratchDatabase(SERVER);
    store = await PostgresStore.open(db.url, { schema: 'ledger_test' });
    let n = 0;
    for (const count of BATCHES) {
      const events = Array.from({ length: count }, () => login(n++));
      const { firstIndex, size } = await store.write((tx) => tx.record(events.map((event) => ({ event }))));
      const batch = events.map(encodeLeaf);
      expect(firstIndex).toBe(leaves.length);
      leaves.push(...batch);
      memory.appendLeaves(batch);
      expect(size).toBe(leaves.length);
    }
  }, 120_000);
  afterAll(async () => {
    await store?.close();
    await db?.drop();
  });

  const total = () => leaves.length;
  const sizes = () => [1, 2, 255, 256, 257, 512, 4097, 65_535, 65_536, 65_537, total() - 1, total()];

  it('grows past a full level-1 tile with the entries in order', async () => {
    expect(total()).toBeGreaterThan(65_536);
    expect(await store.ledger.size()).toBe(total());
    for (const i of [0, 255, 256, 65_535, total() - 1]) expect(Buffer.from((await store.ledger.entry(i))!)).toEqual(Buffer.from(leaves[i]!));
    expect(await store.ledger.entry(total())).toBeNull();
  });

  it('has the root of the reference tree, now and at earlier sizes', async () => {
    expect(toHex(await store.ledger.root())).toBe(toHex(referenceRoot(leaves)));
    for (const s of sizes()) expect(toHex(await store.ledger.root(s)), `size ${s}`).toBe(toHex(memory.root(s)));
    expect(toHex(await store.ledger.root(0))).toBe(toHex(referenceRoot([])));
  });

  it('gives the inclusion and consistency proofs of the reference tree', async () => {
    const small = leaves.slice(0, 600);
    for (const [index, size] of [[0, 1], [5, 600], [255, 256], [256, 600], [599, 600]] as const) {
      expect(hex(await store.ledger.inclusionProof(index, size))).toEqual(hex(referenceInclusionProof(index, small.slice(0, size))));
    }
    for (const [a, b] of [[1, 600], [255, 257], [256, 512], [300, 600]] as const) {
      expect(hex(await store.ledger.consistencyProof(a, b))).toEqual(hex(referenceConsistencyProof(a, small.slice(0, b))));
    }
    for (const [index, size] of [[0, total()], [65_536, total()], [total() - 1, total()], [70, 65_537]] as const) {
      expect(hex(await store.ledger.inclusionProof(index, size))).toEqual(hex(memory.inclusionProof(index, size)));
    }
    for (const [a, b] of [[1, total()], [65_536, total()], [4097, 65_537], [total() - 1, total()]] as const) {
      expect(hex(await store.ledger.consistencyProof(a, b))).toEqual(hex(memory.consistencyProof(a, b)));
    }
  });

  it('refuses sizes beyond the log with INVALID_INPUT', async () => {
    for (const call of [() => store.ledger.root(total() + 1), () => store.ledger.inclusionProof(0, total() + 1), () => store.ledger.consistencyProof(1, total() + 1)]) {
      await expect(call()).rejects.toSatisfy((e: unknown) => isLedgerError(e, 'INVALID_INPUT'));
    }
  });

  it('serves every tile of the tree, and no tile wider than it has', async () => {
    for (const t of tilesForSize(total())) {
      expect(toHex((await store.ledger.tile(t.level, t.index, t.width))!), `tile ${t.level}/${t.index}`).toBe(toHex(memory.tile(t.level, t.index, t.width)!.hashes));
    }
    const edge = tilesForSize(total()).at(-1)!;
    expect(await store.ledger.tile(edge.level, edge.index, edge.width + 1)).toBeNull();
    expect(await store.ledger.tile(9, 0, 1)).toBeNull();
  });

  it('serves entry bundles and finds entries by leaf hash', async () => {
    expect(Buffer.from((await store.ledger.entryBundle(1, 256))!)).toEqual(Buffer.from(encodeEntryBundle(leaves.slice(256, 512))));
    const last = Math.floor(total() / 256);
    const rest = total() % 256;
    expect(Buffer.from((await store.ledger.entryBundle(last, rest))!)).toEqual(Buffer.from(encodeEntryBundle(leaves.slice(last * 256))));
    expect(await store.ledger.entryBundle(last, rest + 1)).toBeNull();
    expect(await store.ledger.indexOfLeafHash(leafHash(leaves[65_600]!))).toBe(65_600);
    expect(await store.ledger.indexOfLeafHash(new Uint8Array(32))).toBeNull();
    expect(await store.ledger.indexOfLeafHash(new Uint8Array(5))).toBeNull();
  });

  it('rebuilds the right edge from the tiles when the head cache is gone', async () => {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    await client.query('DELETE FROM ledger_test.ledger_head');
    await client.end();
    expect(toHex(await store.ledger.root())).toBe(toHex(memory.root()));
    const more = Array.from({ length: 300 }, (_, k) => login(total() + k));
    await store.write((tx) => tx.record(more.map((event) => ({ event }))));
    const batch = more.map(encodeLeaf);
    leaves.push(...batch);
    memory.appendLeaves(batch);
    expect(toHex(await store.ledger.root())).toBe(toHex(memory.root()));
    expect(toHex(await store.ledger.root(total() - 300))).toBe(toHex(memory.root(total() - 300)));
  });
});
