/**
 * The ledger's SQLite storage: entries and C2SP tlog-tiles, written by the pure TileBuilder
 * (src/ledger/tile-builder.ts) and read back for roots, proofs and publishing.
 *
 * The caller owns transactions: `append` runs inside whatever transaction is open on the
 * connection (better-sqlite3 nests it as a savepoint), so an event's leaf and the state change it
 * records commit or roll back together. Nothing is cached between calls, so a rolled-back append
 * leaves no trace. Every statement is prepared once, on first use.
 */
import type Database from 'better-sqlite3';
import {
  appendLeafHashes,
  appendToEdge,
  decodeEdge,
  edgeAt,
  edgeRoot,
  encodeEdge,
  type RightEdge,
  checkCount,
  checkEntrySize,
  consistencyProof,
  encodeEntryBundle,
  HASH_SIZE,
  inclusionProof,
  leafHash,
  LedgerError,
  type NodeReader,
  rootAt,
  TILE_WIDTH,
  tileNodeReader,
  type TileReader,
} from '../../ledger/index.js';

/**
 * Tables of the ledger. `leaf_key`, the first 6 bytes of the RFC 9162 leaf hash as an integer,
 * finds an entry by hash (`GET /proof/inclusion?hash=`) through a small integer index; the full
 * hash is in the level-0 tiles, and a candidate is confirmed by hashing its leaf; `ledger_tiles` keeps one row per tile at its widest, since a
 * partial tile is a prefix of every wider version of it; `ledger_head` caches the tree's right
 * edge (src/ledger/right-edge.ts) so the root after an append costs O(log n) hashes. The head is
 * derived data: when missing or stale it is rebuilt from the tiles.
 */
export const LEDGER_SQLITE_SCHEMA = `
CREATE TABLE IF NOT EXISTS ledger_entries (
  idx        INTEGER PRIMARY KEY CHECK (idx >= 0),
  leaf       BLOB    NOT NULL,
  leaf_key   INTEGER NOT NULL,
  created_at TEXT
);
CREATE INDEX IF NOT EXISTS ledger_entries_by_key ON ledger_entries (leaf_key);
CREATE TABLE IF NOT EXISTS ledger_tiles (
  level  INTEGER NOT NULL CHECK (level BETWEEN 0 AND 63),
  idx    INTEGER NOT NULL CHECK (idx >= 0),
  width  INTEGER NOT NULL CHECK (width BETWEEN 1 AND 256),
  hashes BLOB    NOT NULL CHECK (length(hashes) = width * 32),
  PRIMARY KEY (level, idx)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS ledger_head (
  id   INTEGER PRIMARY KEY CHECK (id = 1),
  size INTEGER NOT NULL CHECK (size >= 0),
  edge BLOB    NOT NULL
);
`;

export interface LedgerAppendResult {
  /** Index of the first appended leaf. */
  readonly firstIndex: number;
  /** Tree size after the append. */
  readonly size: number;
  /** RFC 9162 root at `size`. */
  readonly root: Uint8Array;
}

export interface SqliteLedgerOptions {
  /** Run LEDGER_SQLITE_SCHEMA on construction (for standalone use; migrations do it otherwise). */
  readonly createSchema?: boolean;
}

/** The first 6 bytes of a leaf hash as an integer: the key of the lookup index (rare collisions are resolved by hashing the candidates). */
export const leafKey = (hash: Uint8Array): number => Buffer.from(hash.buffer, hash.byteOffset, 6).readUIntBE(0, 6);

const bytes = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
const blob = (u: Uint8Array): Buffer => Buffer.from(u.buffer, u.byteOffset, u.byteLength);

export class SqliteLedger {
  readonly #db: Database.Database;
  #stmts: ReturnType<SqliteLedger['prepare']> | null = null;

  constructor(db: Database.Database, options: SqliteLedgerOptions = {}) {
    this.#db = db;
    if (options.createSchema) db.exec(LEDGER_SQLITE_SCHEMA);
  }

  private prepare() {
    const db = this.#db;
    return {
      size: db.prepare('SELECT COALESCE(MAX(idx) + 1, 0) FROM ledger_entries').pluck(),
      entry: db.prepare('SELECT leaf FROM ledger_entries WHERE idx = ?').pluck(),
      entries: db.prepare('SELECT leaf FROM ledger_entries WHERE idx >= ? AND idx < ? ORDER BY idx').pluck(),
      byKey: db.prepare('SELECT idx, leaf FROM ledger_entries WHERE leaf_key = ? ORDER BY idx'),
      insertEntry: db.prepare('INSERT INTO ledger_entries (idx, leaf, leaf_key, created_at) VALUES (?, ?, ?, ?)'),
      tile: db.prepare('SELECT width, hashes FROM ledger_tiles WHERE level = ? AND idx = ?'),
      head: db.prepare('SELECT size, edge FROM ledger_head WHERE id = 1'),
      putHead: db.prepare('INSERT INTO ledger_head (id, size, edge) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET size = excluded.size, edge = excluded.edge'),
      putTile: db.prepare(
        'INSERT INTO ledger_tiles (level, idx, width, hashes) VALUES (?, ?, ?, ?) ' +
          'ON CONFLICT (level, idx) DO UPDATE SET width = excluded.width, hashes = excluded.hashes WHERE excluded.width >= ledger_tiles.width',
      ),
    };
  }

  private get stmts() {
    return (this.#stmts ??= this.prepare());
  }

  /** Runs LEDGER_SQLITE_SCHEMA (idempotent). */
  static createSchema(db: Database.Database): void {
    db.exec(LEDGER_SQLITE_SCHEMA);
  }

  /**
   * Appends leaves (e.g. RFC 8785 canonical JSON of events; at most 65,535 bytes each, the
   * tlog-tiles entry bundle limit) and their tiles, in the caller's transaction if one is open.
   * `createdAt` (ISO 8601) is stored beside each entry for operators; it is not part of the leaf.
   */
  append(leaves: readonly Uint8Array[], createdAt: string | null = null): LedgerAppendResult {
    leaves.forEach((leaf, i) => checkEntrySize(leaf, `leaves[${i}]`));
    const run = this.#db.transaction(() => {
      const firstIndex = this.size();
      const hashes = leaves.map(leafHash);
      const { size, tiles } = appendLeafHashes(firstIndex, hashes, this.readTile);
      const edge = appendToEdge(this.edge(firstIndex), hashes);
      leaves.forEach((leaf, i) => this.stmts.insertEntry.run(firstIndex + i, blob(leaf), leafKey(hashes[i]!), createdAt));
      for (const t of tiles) this.stmts.putTile.run(t.level, t.index, t.width, blob(t.hashes));
      this.stmts.putHead.run(size, blob(encodeEdge(edge)));
      return { firstIndex, size, root: edgeRoot(edge) };
    });
    return run();
  }

  size(): number {
    return this.stmts.size.get() as number;
  }

  /** RFC 9162 root at `size` (default: the current size). */
  root(size = this.size()): Uint8Array {
    const head = this.head();
    if (head && head.size === size && size === this.size()) return edgeRoot(head);
    return rootAt(size, this.nodeReader(size));
  }

  private head(): RightEdge | null {
    const row = this.stmts.head.get() as { size: number; edge: Buffer } | undefined;
    return row ? decodeEdge(row.size, bytes(row.edge)) : null;
  }

  /** The right edge at `size` (the current size), from the head when it is current. */
  private edge(size: number): RightEdge {
    const head = this.head();
    return head && head.size === size ? head : edgeAt(size, this.nodeReader(size));
  }

  entry(index: number): Uint8Array | null {
    checkCount(index, 'index');
    const leaf = this.stmts.entry.get(index) as Buffer | undefined;
    return leaf ? bytes(leaf) : null;
  }

  /** Entries [start, end), in order (fewer when the log is shorter). */
  entries(start: number, end: number): Uint8Array[] {
    checkCount(start, 'start');
    checkCount(end, 'end');
    return (this.stmts.entries.all(start, end) as Buffer[]).map(bytes);
  }

  /** Index of the first entry whose RFC 9162 leaf hash is `hash`, or null. */
  indexOfLeafHash(hash: Uint8Array): number | null {
    if (hash.length !== HASH_SIZE) return null;
    for (const row of this.stmts.byKey.iterate(leafKey(hash)) as IterableIterator<{ idx: number; leaf: Buffer }>) {
      if (Buffer.compare(Buffer.from(leafHash(bytes(row.leaf))), Buffer.from(hash)) === 0) return row.idx;
    }
    return null;
  }

  /** RFC 9162 §2.1.3 inclusion proof of leaf `index` in the tree of `size` leaves. */
  inclusionProof(index: number, size: number): Uint8Array[] {
    return inclusionProof(index, size, this.nodeReader(size));
  }

  /** RFC 9162 §2.1.4 consistency proof from size1 to size2. */
  consistencyProof(size1: number, size2: number): Uint8Array[] {
    return consistencyProof(size1, size2, this.nodeReader(size2));
  }

  /** Tile (level, index) as served at `width` (1..256), or null if the log has no such tile yet. */
  tile(level: number, index: number, width: number): Uint8Array | null {
    const row = this.stmts.tile.get(level, index) as { width: number; hashes: Buffer } | undefined;
    if (!row || row.width < width) return null;
    return bytes(row.hashes).slice(0, width * HASH_SIZE);
  }

  /** tlog-tiles entry bundle `index` of `width` entries, or null if the log is shorter. */
  entryBundle(index: number, width: number): Uint8Array | null {
    checkCount(width, 'width', 1);
    const start = index * TILE_WIDTH;
    const entries = this.entries(start, start + width);
    return entries.length === width ? encodeEntryBundle(entries) : null;
  }

  /** TileReader for the TileBuilder and for tileNodeReader. */
  readonly readTile: TileReader = (level, index, width) => {
    const t = this.tile(level, index, width);
    if (!t) throw new LedgerError('MISSING_HASH', `ledger_tiles has no tile ${level}/${index} of width ${width}`);
    return t;
  };

  private nodeReader(size: number): NodeReader {
    const current = this.size();
    if (size > current) throw new LedgerError('INVALID_INPUT', `size ${size} exceeds the log size ${current}`);
    return tileNodeReader(size, this.readTile);
  }
}
