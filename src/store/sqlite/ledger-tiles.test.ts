import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  decodeEntryBundle,
  EMPTY_ROOT,
  leafHash,
  MemoryTiledTree,
  tilesForSize,
  toHex,
  verifyConsistency,
  verifyInclusion,
} from '../../ledger/index.js';
import { LEDGER_SQLITE_SCHEMA, SqliteLedger } from './ledger-tiles.js';

const leaf = (i: number) => new TextEncoder().encode(`{"i":${i},"type":"test.appended","v":1}`);

let db: Database.Database;
let ledger: SqliteLedger;

beforeEach(() => {
  db = new Database(':memory:');
  ledger = new SqliteLedger(db, { createSchema: true });
});

afterEach(() => db.close());

describe('SqliteLedger', () => {
  it('starts empty with the empty-tree root', () => {
    expect(ledger.size()).toBe(0);
    expect(toHex(ledger.root())).toBe(toHex(EMPTY_ROOT));
    expect(ledger.entry(0)).toBeNull();
  });

  it('appends in batches and agrees with the in-memory tree on roots, tiles and proofs', () => {
    const memory = new MemoryTiledTree();
    let next = 0;
    for (const n of [1, 2, 3, 250, 1, 300, 7, 256, 100]) {
      const batch = Array.from({ length: n }, () => leaf(next++));
      const result = ledger.append(batch, '2026-03-01T18:40:00Z');
      memory.appendLeaves(batch);
      expect(result.firstIndex).toBe(next - n);
      expect(result.size).toBe(next);
      expect(toHex(result.root)).toBe(toHex(memory.root()));
    }
    const size = ledger.size();
    expect(size).toBe(920);
    for (const id of tilesForSize(size)) {
      expect(toHex(ledger.tile(id.level, id.index, id.width)!)).toBe(toHex(memory.tile(id.level, id.index, id.width)!.hashes));
    }
    for (const [m, n] of [[0, 1], [5, 6], [255, 256], [256, 920], [919, 920], [700, 900]] as const) {
      const proof = ledger.inclusionProof(m, n);
      expect(proof.map(toHex)).toEqual(memory.inclusionProof(m, n).map(toHex));
      verifyInclusion(m, n, leafHash(leaf(m)), proof, ledger.root(n));
    }
    for (const [a, b] of [[1, 2], [3, 256], [256, 257], [300, 920], [919, 920]] as const) {
      verifyConsistency(a, b, ledger.consistencyProof(a, b), ledger.root(a), ledger.root(b));
    }
  });

  it('rolls back with the caller transaction, leaving no entries or tiles', () => {
    ledger.append([leaf(0), leaf(1)]);
    const before = toHex(ledger.root());
    db.exec('BEGIN IMMEDIATE');
    ledger.append(Array.from({ length: 300 }, (_, i) => leaf(i + 2)));
    expect(ledger.size()).toBe(302);
    db.exec('ROLLBACK');
    expect(ledger.size()).toBe(2);
    expect(toHex(ledger.root())).toBe(before);
    expect(ledger.tile(0, 1, 1)).toBeNull();
    // And appending again after the rollback gives the same tree as if it never happened.
    const memory = new MemoryTiledTree();
    memory.appendLeaves([leaf(0), leaf(1), leaf(9)]);
    expect(toHex(ledger.append([leaf(9)]).root)).toBe(toHex(memory.root()));
  });

  it('commits with the caller transaction together with the caller rows', () => {
    db.exec('CREATE TABLE state (k TEXT PRIMARY KEY, ledger_idx INTEGER)');
    const write = db.transaction((k: string) => {
      const { firstIndex } = ledger.append([leaf(42)]);
      db.prepare('INSERT INTO state VALUES (?, ?)').run(k, firstIndex);
    });
    write('a');
    expect(() => write('a')).toThrow(/UNIQUE/);
    expect(ledger.size()).toBe(1);
  });

  it('serves tiles as prefixes of their widest version, and nothing wider', () => {
    ledger.append(Array.from({ length: 10 }, (_, i) => leaf(i)));
    ledger.append(Array.from({ length: 10 }, (_, i) => leaf(i + 10)));
    expect(ledger.tile(0, 0, 10)).toHaveLength(320);
    expect(toHex(ledger.tile(0, 0, 10)!)).toBe(toHex(ledger.tile(0, 0, 20)!.slice(0, 320)));
    expect(ledger.tile(0, 0, 21)).toBeNull();
    expect(ledger.tile(1, 0, 1)).toBeNull();
  });

  it('finds an entry by leaf hash and serves entry bundles', () => {
    ledger.append(Array.from({ length: 300 }, (_, i) => leaf(i)));
    expect(ledger.indexOfLeafHash(leafHash(leaf(299)))).toBe(299);
    expect(ledger.indexOfLeafHash(leafHash(leaf(300)))).toBeNull();
    expect(decodeEntryBundle(ledger.entryBundle(1, 44)!).map((e) => new TextDecoder().decode(e))).toEqual(
      Array.from({ length: 44 }, (_, i) => new TextDecoder().decode(leaf(256 + i))),
    );
    expect(ledger.entryBundle(1, 45)).toBeNull();
    expect(ledger.entries(298, 400)).toHaveLength(2);
  });

  it('refuses a leaf too large for an entry bundle and proofs beyond its size', () => {
    expect(() => ledger.append([new Uint8Array(70_000)])).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(ledger.size()).toBe(0);
    ledger.append([leaf(0)]);
    expect(() => ledger.inclusionProof(0, 2)).toThrow(/exceeds the log size/);
  });

  it('persists to a file and reads back through a second, read-only connection (WAL)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-tiles-'));
    try {
      const file = join(dir, 'ledger.db');
      const writer = new Database(file);
      writer.pragma('journal_mode = WAL');
      writer.exec(LEDGER_SQLITE_SCHEMA);
      const w = new SqliteLedger(writer);
      const { root } = w.append(Array.from({ length: 513 }, (_, i) => leaf(i)));
      const reader = new Database(file, { readonly: true });
      const r = new SqliteLedger(reader);
      expect(r.size()).toBe(513);
      expect(toHex(r.root())).toBe(toHex(root));
      reader.close();
      writer.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('constructs on a connection whose tables do not exist yet (statements are prepared on use)', () => {
    const fresh = new Database(':memory:');
    const l = new SqliteLedger(fresh);
    SqliteLedger.createSchema(fresh);
    expect(l.size()).toBe(0);
    fresh.close();
  });
});

describe('SqliteLedger head (cached right edge)', () => {
  it('rebuilds a missing or stale head from the tiles and still gives the right roots', () => {
    const memory = new MemoryTiledTree();
    const batch = (from: number, n: number) => Array.from({ length: n }, (_, i) => leaf(from + i));
    ledger.append(batch(0, 300));
    memory.appendLeaves(batch(0, 300));
    db.exec('DELETE FROM ledger_head');
    expect(toHex(ledger.root())).toBe(toHex(memory.root()));
    expect(toHex(ledger.append(batch(300, 5)).root)).toBe(toHex((memory.appendLeaves(batch(300, 5)), memory.root())));
    db.exec('UPDATE ledger_head SET size = 1, edge = zeroblob(32)');
    expect(toHex(ledger.append(batch(305, 1)).root)).toBe(toHex((memory.appendLeaves(batch(305, 1)), memory.root())));
    expect(toHex(ledger.root(100))).toBe(toHex(memory.root(100)));
  });
});
