/**
 * A tiled tree held in memory: the TileBuilder with a Map as its store. The verifier rebuilds a
 * log from its entries with it; tests use it as the "fast" tree checked against the reference.
 */
import { LedgerError } from './errors.js';
import { HASH_SIZE, leafHash } from './hasher.js';
import { consistencyProof, inclusionProof, type NodeReader, rootAt } from './proof.js';
import { appendLeafHashes, type AppendResult } from './tile-builder.js';
import { tileNodeReader } from './tile-reader.js';
import type { Tile } from './tiles.js';

export class MemoryTiledTree {
  #size = 0;
  /** Widest version of each tile, keyed "level/index"; a narrower read takes a prefix. */
  readonly #tiles = new Map<string, Uint8Array>();

  get size(): number {
    return this.#size;
  }

  /** Appends leaf *data* (hashed with RFC 9162 leafHash). */
  appendLeaves(leaves: readonly Uint8Array[]): AppendResult {
    return this.appendLeafHashes(leaves.map(leafHash));
  }

  appendLeafHashes(hashes: readonly Uint8Array[]): AppendResult {
    const result = appendLeafHashes(this.#size, hashes, this.readTile);
    for (const t of result.tiles) this.#tiles.set(`${t.level}/${t.index}`, t.hashes);
    this.#size = result.size;
    return result;
  }

  /** TileReader over the stored tiles; throws when the tile is missing or narrower than asked. */
  readonly readTile = (level: number, index: number, width: number): Uint8Array => {
    const hashes = this.#tiles.get(`${level}/${index}`);
    if (!hashes || hashes.length < width * HASH_SIZE) {
      throw new LedgerError('MISSING_HASH', `no tile ${level}/${index} of width ${width}`);
    }
    return hashes.subarray(0, width * HASH_SIZE);
  };

  /** The tile as served for width `width`, or null when it does not exist (yet). */
  tile(level: number, index: number, width: number): Tile | null {
    const hashes = this.#tiles.get(`${level}/${index}`);
    if (!hashes || hashes.length < width * HASH_SIZE) return null;
    return { level, index, width, hashes: hashes.slice(0, width * HASH_SIZE) };
  }

  nodeReader(size = this.#size): NodeReader {
    this.#checkSize(size);
    return tileNodeReader(size, this.readTile);
  }

  root(size = this.#size): Uint8Array {
    return rootAt(size, this.nodeReader(size));
  }

  inclusionProof(index: number, size = this.#size): Uint8Array[] {
    return inclusionProof(index, size, this.nodeReader(size));
  }

  consistencyProof(size1: number, size2 = this.#size): Uint8Array[] {
    return consistencyProof(size1, size2, this.nodeReader(size2));
  }

  #checkSize(size: number): void {
    if (size > this.#size) throw new LedgerError('INVALID_INPUT', `size ${size} exceeds tree size ${this.#size}`);
  }
}
