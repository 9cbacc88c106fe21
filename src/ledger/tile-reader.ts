/**
 * Reading perfect-subtree hashes out of tiles, so proofs (proof.ts) can be generated from a
 * tiled store. Tree level h = 8L + r lives in tile-level L; a node with r > 0 is rebuilt by
 * hashing the 2^r tile hashes beneath it (at most 255 hashes, one tile read).
 */
import { LedgerError } from './errors.js';
import { HASH_SIZE } from './hasher.js';
import type { NodeReader } from './proof.js';
import type { TileReader } from './tile-builder.js';
import { tileRoot } from './tile-builder.js';
import { TILE_HEIGHT, TILE_WIDTH, tileWidthAt } from './tiles.js';
import { checkCount } from './tree-math.js';

/**
 * A NodeReader over the tiles of a tree of `size` leaves. Tiles are read at the width they have
 * at `size` (a partial right-edge tile is read with its partial width) and cached for the
 * reader's lifetime, so make one reader per request, not one per process.
 */
export function tileNodeReader(size: number, readTile: TileReader): NodeReader {
  checkCount(size, 'size');
  const cache = new Map<string, Uint8Array>();
  return (level, index) => {
    checkCount(level, 'node level');
    checkCount(index, 'node index');
    const tileLevel = Math.floor(level / TILE_HEIGHT);
    const span = 2 ** (level - tileLevel * TILE_HEIGHT);
    const first = index * span;
    const tileIndex = Math.floor(first / TILE_WIDTH);
    const offset = first % TILE_WIDTH;
    const width = tileWidthAt(size, tileLevel, tileIndex);
    if (offset + span > width) {
      throw new LedgerError('MISSING_HASH', `node ${level}/${index} is not a complete subtree of a tree of size ${size}`);
    }
    const key = `${tileLevel}/${tileIndex}/${width}`;
    let hashes = cache.get(key);
    if (!hashes) {
      try {
        hashes = readTile(tileLevel, tileIndex, width);
      } catch (e) {
        throw new LedgerError('MISSING_HASH', `cannot read tile ${key}: ${(e as Error).message}`);
      }
      if (hashes.length < width * HASH_SIZE) {
        throw new LedgerError('MISSING_HASH', `tile ${key} has ${hashes.length} bytes, need ${width * HASH_SIZE}`);
      }
      cache.set(key, hashes);
    }
    return span === 1 ? hashes.slice(offset * HASH_SIZE, (offset + 1) * HASH_SIZE) : tileRoot(hashes, span, offset);
  };
}
