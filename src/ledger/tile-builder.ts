/**
 * Appending leaves to a tiled tree. The builder is pure: it reads the current right-edge
 * (partial) tiles through a `TileReader` and returns every tile it created or widened; the caller
 * stores them. Per appended leaf it does one leaf-hash's worth of tile bookkeeping plus, amortised,
 * under one node hash per full tile completed at each level, so O(log n) work per append.
 */
import { LedgerError } from './errors.js';
import { checkHash, HASH_SIZE, nodeHash } from './hasher.js';
import { hashesAtLevel, MAX_TILE_LEVEL, TILE_WIDTH, type Tile } from './tiles.js';
import { checkCount } from './tree-math.js';

/**
 * Returns the first `width` hashes (width * 32 bytes) of tile (level, index). The builder only
 * asks for the partial tile at the right edge of each level; a reader that cannot supply it
 * should throw (the builder then throws MISSING_HASH).
 */
export type TileReader = (level: number, index: number, width: number) => Uint8Array;

export interface AppendResult {
  /** Tree size after the append. */
  readonly size: number;
  /** Tiles created or widened, level 0 first; a tile may appear once per call. */
  readonly tiles: Tile[];
}

/**
 * Appends `leafHashes` (RFC 9162 leaf hashes, see `leafHash`) to a tree of `size` leaves.
 *
 * @example
 *   const { size, tiles } = appendLeafHashes(store.size(), entries.map(leafHash), store.readTile);
 *   for (const t of tiles) store.putTile(t); // in the same transaction as the entries
 */
export function appendLeafHashes(size: number, leafHashes: readonly Uint8Array[], readTile: TileReader): AppendResult {
  checkCount(size, 'size');
  leafHashes.forEach((h, i) => checkHash(h, `leafHashes[${i}]`));
  const newSize = size + leafHashes.length;
  checkCount(newSize, 'new size');
  const tiles: Tile[] = [];
  let incoming: readonly Uint8Array[] = leafHashes;
  for (let level = 0; incoming.length > 0; level++) {
    if (level > MAX_TILE_LEVEL) throw new LedgerError('INVALID_INPUT', 'tree too large for tile levels 0..63');
    const existing = hashesAtLevel(size, level);
    let index = Math.floor(existing / TILE_WIDTH);
    let width = existing % TILE_WIDTH;
    let buffer = new Uint8Array(TILE_WIDTH * HASH_SIZE);
    if (width > 0) buffer.set(readRightEdge(readTile, level, index, width));
    const completed: Uint8Array[] = [];
    for (const hash of incoming) {
      buffer.set(hash, width * HASH_SIZE);
      width++;
      if (width === TILE_WIDTH) {
        tiles.push({ level, index, width, hashes: buffer });
        completed.push(tileRoot(buffer, TILE_WIDTH));
        buffer = new Uint8Array(TILE_WIDTH * HASH_SIZE);
        index++;
        width = 0;
      }
    }
    if (width > 0) tiles.push({ level, index, width, hashes: buffer.slice(0, width * HASH_SIZE) });
    // Only full tiles are hashed into the level above (tlog-tiles, "Partial Tiles").
    incoming = completed;
  }
  return { size: newSize, tiles };
}

function readRightEdge(readTile: TileReader, level: number, index: number, width: number): Uint8Array {
  let hashes: Uint8Array;
  try {
    hashes = readTile(level, index, width);
  } catch (e) {
    throw new LedgerError('MISSING_HASH', `cannot read right-edge tile ${level}/${index} width ${width}: ${(e as Error).message}`);
  }
  if (hashes.length < width * HASH_SIZE) {
    throw new LedgerError('MISSING_HASH', `right-edge tile ${level}/${index} has ${hashes.length} bytes, need ${width * HASH_SIZE}`);
  }
  return hashes.subarray(0, width * HASH_SIZE);
}

/**
 * MTH of `count` consecutive hashes starting at hash `offset` of a tile buffer; count must be a
 * power of two (the hashes are the leaves of a perfect subtree).
 */
export function tileRoot(hashes: Uint8Array, count: number, offset = 0): Uint8Array {
  let level: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const at = (offset + i) * HASH_SIZE;
    level.push(hashes.subarray(at, at + HASH_SIZE));
  }
  while (level.length > 1) {
    const next: Uint8Array[] = [];
    for (let i = 0; i < level.length; i += 2) next.push(nodeHash(level[i]!, level[i + 1]!));
    level = next;
  }
  const root = level[0];
  if (!root) throw new LedgerError('INVALID_INPUT', 'tileRoot of zero hashes');
  return root.slice();
}
