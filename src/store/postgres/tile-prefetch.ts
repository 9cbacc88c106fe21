/**
 * Bridges the pure, synchronous ledger code (appendLeafHashes, tileNodeReader, proofs, edgeAt),
 * which reads tiles through a synchronous TileReader, to a database answered over the network.
 *
 * Which tiles such a computation reads depends only on sizes and indexes, never on the hash
 * values, so it is run twice: first against placeholder tiles (zero hashes of the asked width),
 * which records every tile it asks for, then, after one query has fetched all of them, against
 * the real tiles. One round trip per computation, whatever the tree's height.
 */
import { HASH_SIZE, LedgerError, type TileId, type TileReader } from '../../ledger/index.js';

/** Stored tiles by "level/index", each at its stored (widest) width. */
export type TileMap = ReadonlyMap<string, Uint8Array>;

export const tileKey = (level: number, index: number): string => `${level}/${index}`;

/** Runs `compute` with placeholder tiles and returns the tiles it asked for (widest ask per tile). */
export function tilesNeeded(compute: (readTile: TileReader) => unknown): TileId[] {
  const wanted = new Map<string, TileId>();
  compute((level, index, width) => {
    const key = tileKey(level, index);
    const seen = wanted.get(key);
    if (!seen || seen.width < width) wanted.set(key, { level, index, width });
    return new Uint8Array(width * HASH_SIZE);
  });
  return [...wanted.values()];
}

/** A TileReader over fetched tiles; throws MISSING_HASH for a tile absent or narrower than asked. */
export function mapTileReader(tiles: TileMap, where = 'ledger_tiles'): TileReader {
  return (level, index, width) => {
    const hashes = tiles.get(tileKey(level, index));
    if (!hashes || hashes.length < width * HASH_SIZE) {
      throw new LedgerError('MISSING_HASH', `${where} has no tile ${level}/${index} of width ${width}`);
    }
    return hashes.subarray(0, width * HASH_SIZE);
  };
}

/**
 * Runs a synchronous tile computation against tiles fetched asynchronously: a dry run finds the
 * tiles, `fetch` reads them in one go, the real run uses them. Errors about the input (a bad
 * index or size) come from the dry run, before any query.
 */
export async function withTiles<T>(compute: (readTile: TileReader) => T, fetch: (ids: readonly TileId[]) => Promise<TileMap>): Promise<T> {
  const ids = tilesNeeded(compute);
  const tiles = ids.length > 0 ? await fetch(ids) : new Map<string, Uint8Array>();
  return compute(mapTileReader(tiles));
}
