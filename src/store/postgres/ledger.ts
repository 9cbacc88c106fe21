/**
 * The ledger's PostgreSQL storage: entries and C2SP tlog-tiles, written by the pure TileBuilder
 * (src/ledger/tile-builder.ts) and read back for roots, proofs and publishing. The twin of
 * src/store/sqlite/ledger-tiles.ts, answering asynchronously; tiles reach the synchronous ledger
 * code through tile-prefetch.ts (one query per root, proof or append).
 *
 * The caller owns transactions: `append` runs on the client of the caller's open transaction,
 * which must hold the ledger lock (store.ts takes it first thing in every write), so the size it
 * reads is the size its entries extend. Nothing is cached between calls, so a rolled-back append
 * leaves no trace.
 */
import {
  appendLeafHashes,
  appendToEdge,
  checkCount,
  checkEntrySize,
  consistencyProof,
  decodeEdge,
  edgeAt,
  edgeRoot,
  encodeEdge,
  encodeEntryBundle,
  HASH_SIZE,
  inclusionProof,
  leafHash,
  LedgerError,
  rootAt,
  type RightEdge,
  TILE_WIDTH,
  type TileId,
  tileNodeReader,
} from '../../ledger/index.js';
import type { LedgerView } from '../port.js';
import type { Queryable } from './connection.js';
import type { PostgresMigration } from './migrations.js';
import { tileKey, type TileMap, withTiles } from './tile-prefetch.js';

/**
 * Tables of the ledger, as in SQLite: `leaf_hash` finds an entry by RFC 9162 leaf hash;
 * `ledger_tiles` keeps each tile once, at its widest (a partial tile is a prefix of every wider
 * version of it); `ledger_head` caches the tree's right edge (src/ledger/right-edge.ts) so the
 * root after an append costs O(log n) hashes. The head is derived data: when stale it is rebuilt
 * from the tiles. The primary key on `idx` refuses a fork outright; the ledger lock keeps the
 * sequence free of gaps.
 */
export const LEDGER_MIGRATIONS: readonly PostgresMigration[] = [
  {
    area: 'ledger',
    version: 1,
    name: 'entries, tiles and head',
    sql: `
      CREATE TABLE ledger_entries (
        idx        BIGINT PRIMARY KEY CHECK (idx >= 0),
        leaf       BYTEA  NOT NULL,
        leaf_hash  BYTEA  NOT NULL CHECK (octet_length(leaf_hash) = 32),
        created_at TEXT
      );
      CREATE INDEX ledger_entries_by_hash ON ledger_entries (leaf_hash);
      CREATE TABLE ledger_tiles (
        level  SMALLINT NOT NULL CHECK (level BETWEEN 0 AND 63),
        idx    BIGINT   NOT NULL CHECK (idx >= 0),
        width  SMALLINT NOT NULL CHECK (width BETWEEN 1 AND 256),
        hashes BYTEA    NOT NULL CHECK (octet_length(hashes) = width * 32),
        PRIMARY KEY (level, idx)
      );
      CREATE TABLE ledger_head (
        id   SMALLINT PRIMARY KEY CHECK (id = 1),
        size BIGINT   NOT NULL CHECK (size >= 0),
        edge BYTEA    NOT NULL
      );
    `,
  },
];

export interface LedgerAppendResult {
  /** Index of the first appended leaf. */
  readonly firstIndex: number;
  /** Tree size after the append. */
  readonly size: number;
  /** RFC 9162 root at `size`. */
  readonly root: Uint8Array;
}

const bytes = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
const blob = (u: Uint8Array): Buffer => Buffer.from(u.buffer, u.byteOffset, u.byteLength);

/** The size and cached right edge, read in one statement (so from one snapshot). */
const STATE_SQL = `SELECT (SELECT COALESCE(MAX(idx) + 1, 0) FROM ledger_entries) AS size, h.size AS head_size, h.edge AS head_edge
  FROM (SELECT 1) AS one LEFT JOIN ledger_head h ON h.id = 1`;

interface StateRow {
  size: number;
  head_size: number | null;
  head_edge: Buffer | null;
}

export class PostgresLedger implements LedgerView {
  constructor(private readonly db: Queryable) {}

  private async state(): Promise<{ size: number; head: RightEdge | null }> {
    const { rows } = await this.db.query<StateRow>(STATE_SQL);
    const r = rows[0]!;
    return { size: r.size, head: r.head_size !== null && r.head_edge ? decodeEdge(r.head_size, bytes(r.head_edge)) : null };
  }

  /**
   * Appends leaves (at most 65,535 bytes each, the tlog-tiles entry bundle limit) and their tiles
   * in the caller's transaction, which must hold the ledger lock. `createdAt` (ISO 8601) is kept
   * beside each entry for operators; it is not part of the leaf.
   */
  async append(leaves: readonly Uint8Array[], createdAt: string | null = null): Promise<LedgerAppendResult> {
    leaves.forEach((leaf, i) => checkEntrySize(leaf, `leaves[${i}]`));
    const { size: firstIndex, head } = await this.state();
    const hashes = leaves.map(leafHash);
    const fresh = head !== null && head.size === firstIndex;
    const { appended, edge } = await withTiles(
      (readTile) => ({
        appended: appendLeafHashes(firstIndex, hashes, readTile),
        edge: fresh ? head : edgeAt(firstIndex, tileNodeReader(firstIndex, readTile)),
      }),
      (ids) => this.fetchTiles(ids),
    );
    const next = appendToEdge(edge, hashes);
    await this.db.query({
      name: 'truceline_ledger_insert_entries',
      text: `INSERT INTO ledger_entries (idx, leaf, leaf_hash, created_at)
        SELECT * FROM unnest($1::bigint[], $2::bytea[], $3::bytea[], $4::text[])`,
      values: [leaves.map((_, i) => firstIndex + i), leaves.map(blob), hashes.map(blob), leaves.map(() => createdAt)],
    });
    const tiles = appended.tiles;
    await this.db.query({
      name: 'truceline_ledger_put_tiles',
      text: `INSERT INTO ledger_tiles (level, idx, width, hashes)
        SELECT * FROM unnest($1::smallint[], $2::bigint[], $3::smallint[], $4::bytea[])
        ON CONFLICT (level, idx) DO UPDATE SET width = excluded.width, hashes = excluded.hashes
        WHERE excluded.width >= ledger_tiles.width`,
      values: [tiles.map((t) => t.level), tiles.map((t) => t.index), tiles.map((t) => t.width), tiles.map((t) => blob(t.hashes))],
    });
    await this.db.query({
      name: 'truceline_ledger_put_head',
      text: `INSERT INTO ledger_head (id, size, edge) VALUES (1, $1, $2)
        ON CONFLICT (id) DO UPDATE SET size = excluded.size, edge = excluded.edge`,
      values: [appended.size, blob(encodeEdge(next))],
    });
    return { firstIndex, size: appended.size, root: edgeRoot(next) };
  }

  async size(): Promise<number> {
    return (await this.state()).size;
  }

  /** RFC 9162 root at `size` (default: the current size). */
  async root(size?: number): Promise<Uint8Array> {
    const { size: current, head } = await this.state();
    const target = size ?? current;
    if (head && head.size === target && target === current) return edgeRoot(head);
    this.checkWithin(target, current);
    return withTiles((readTile) => rootAt(target, tileNodeReader(target, readTile)), (ids) => this.fetchTiles(ids));
  }

  async entry(index: number): Promise<Uint8Array | null> {
    checkCount(index, 'index');
    const { rows } = await this.db.query<{ leaf: Buffer }>('SELECT leaf FROM ledger_entries WHERE idx = $1', [index]);
    return rows[0] ? bytes(rows[0].leaf) : null;
  }

  /** Entries [start, end), in order (fewer when the log is shorter). */
  async entries(start: number, end: number): Promise<Uint8Array[]> {
    checkCount(start, 'start');
    checkCount(end, 'end');
    const { rows } = await this.db.query<{ leaf: Buffer }>('SELECT leaf FROM ledger_entries WHERE idx >= $1 AND idx < $2 ORDER BY idx', [start, end]);
    return rows.map((r) => bytes(r.leaf));
  }

  /** Index of the first entry whose RFC 9162 leaf hash is `hash`, or null. */
  async indexOfLeafHash(hash: Uint8Array): Promise<number | null> {
    if (hash.length !== HASH_SIZE) return null;
    const { rows } = await this.db.query<{ idx: number }>('SELECT idx FROM ledger_entries WHERE leaf_hash = $1 ORDER BY idx LIMIT 1', [blob(hash)]);
    return rows[0]?.idx ?? null;
  }

  /** RFC 9162 §2.1.3 inclusion proof of leaf `index` in the tree of `size` leaves. */
  async inclusionProof(index: number, size: number): Promise<Uint8Array[]> {
    this.checkWithin(size, await this.size());
    return withTiles((readTile) => inclusionProof(index, size, tileNodeReader(size, readTile)), (ids) => this.fetchTiles(ids));
  }

  /** RFC 9162 §2.1.4 consistency proof from size1 to size2. */
  async consistencyProof(size1: number, size2: number): Promise<Uint8Array[]> {
    this.checkWithin(size2, await this.size());
    return withTiles((readTile) => consistencyProof(size1, size2, tileNodeReader(size2, readTile)), (ids) => this.fetchTiles(ids));
  }

  /** Tile (level, index) as served at `width` (1..256), or null if the log has no such tile yet. */
  async tile(level: number, index: number, width: number): Promise<Uint8Array | null> {
    if (![level, index, width].every(Number.isSafeInteger) || level < 0 || level > 63 || index < 0) return null;
    const { rows } = await this.db.query<{ width: number; hashes: Buffer }>('SELECT width, hashes FROM ledger_tiles WHERE level = $1 AND idx = $2', [level, index]);
    const row = rows[0];
    if (!row || row.width < width) return null;
    return bytes(row.hashes).slice(0, width * HASH_SIZE);
  }

  /** tlog-tiles entry bundle `index` of `width` entries, or null if the log is shorter. */
  async entryBundle(index: number, width: number): Promise<Uint8Array | null> {
    checkCount(width, 'width', 1);
    const start = index * TILE_WIDTH;
    const entries = await this.entries(start, start + width);
    return entries.length === width ? encodeEntryBundle(entries) : null;
  }

  /** The stored tiles among `ids`, at their stored width, in one query. */
  async fetchTiles(ids: readonly TileId[]): Promise<TileMap> {
    const { rows } = await this.db.query<{ level: number; idx: number; hashes: Buffer }>({
      name: 'truceline_ledger_fetch_tiles',
      text: `SELECT t.level, t.idx, t.hashes FROM ledger_tiles t
        JOIN unnest($1::smallint[], $2::bigint[]) AS w (level, idx) ON t.level = w.level AND t.idx = w.idx`,
      values: [ids.map((t) => t.level), ids.map((t) => t.index)],
    });
    return new Map(rows.map((r) => [tileKey(r.level, r.idx), bytes(r.hashes)]));
  }

  private checkWithin(size: number, current: number): void {
    if (size > current) throw new LedgerError('INVALID_INPUT', `size ${size} exceeds the log size ${current}`);
  }
}
