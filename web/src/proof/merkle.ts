/**
 * RFC 9162 Merkle hashing and inclusion proofs over C2SP tlog-tiles, with WebCrypto SHA-256.
 * The same algorithms as src/ledger (hasher.ts, proof.ts, verify-proof.ts, tiles.ts), written
 * again here so the browser checks the log with its own code and nothing from the server.
 *
 *   leaf hash  = SHA-256(0x00 || entry)        node hash = SHA-256(0x01 || left || right)
 *
 * A tile at tile-level L holds up to 256 hashes of tree level 8L; its path is
 * `tile/<L>/<N>[.p/<W>]` with N in zero-padded 3-digit groups, all but the last prefixed `x`.
 * Async because SubtleCrypto is. Sizes and indices are safe integers; bit tests use BigInt.
 */
import { concat, FormatError } from './bytes.js';

export const HASH_SIZE = 32;
export const TILE_HEIGHT = 8;
export const TILE_WIDTH = 256;

export async function sha256(data: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
  // A copy, so the view handed to SubtleCrypto is always over a plain ArrayBuffer.
  return new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', new Uint8Array(data)));
}

export function leafHash(entry: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
  return sha256(concat(new Uint8Array([0x00]), entry));
}

export function nodeHash(left: Uint8Array, right: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
  return sha256(concat(new Uint8Array([0x01]), left, right));
}

function checkCount(n: number, what: string, min = 0): void {
  if (!Number.isSafeInteger(n) || n < min)
    throw new FormatError(`${what} must be a safe integer >= ${min}, got ${String(n)}`);
}

/** The largest power of two strictly below n (n >= 2): RFC 9162 §2.1.1's k. */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** A half-open range of leaves [begin, end) whose Merkle Tree Hash is one proof element. */
export interface LeafRange {
  readonly begin: number;
  readonly end: number;
}

/** The ranges whose hashes make up PATH(index, D[size]) (RFC 9162 §2.1.3.1), lowest first. */
export function inclusionProofRanges(index: number, size: number): LeafRange[] {
  checkCount(size, 'size', 1);
  checkCount(index, 'index');
  if (index >= size) throw new FormatError(`index ${index} is not below size ${size}`);
  const ranges: LeafRange[] = [];
  let begin = 0;
  let end = size;
  while (end - begin > 1) {
    const mid = begin + splitPoint(end - begin);
    if (index < mid) {
      ranges.push({ begin: mid, end });
      end = mid;
    } else {
      ranges.push({ begin, end: mid });
      begin = mid;
    }
  }
  return ranges.reverse();
}

/** The root `proof` implies for `leaf` at `index` in a tree of `size` (RFC 9162 §2.1.3.2). */
export async function rootFromInclusionProof(
  index: number,
  size: number,
  leaf: Uint8Array,
  proof: readonly Uint8Array[],
): Promise<Uint8Array> {
  checkCount(size, 'size', 1);
  checkCount(index, 'index');
  if (index >= size) throw new FormatError(`index ${index} is not below size ${size}`);
  if (leaf.length !== HASH_SIZE) throw new FormatError('leaf hash must be 32 bytes');
  proof.forEach((p, i) => {
    if (p.length !== HASH_SIZE) throw new FormatError(`proof[${i}] must be 32 bytes`);
  });
  const wrong = () =>
    new FormatError(`${proof.length} hashes is the wrong number for index ${index} in ${size}`);
  let fn = BigInt(index);
  let sn = BigInt(size - 1);
  let r: Uint8Array = leaf;
  for (const p of proof) {
    if (sn === 0n) throw wrong();
    if ((fn & 1n) === 1n || fn === sn) {
      r = await nodeHash(p, r);
      while ((fn & 1n) === 0n && fn !== 0n) {
        fn >>= 1n;
        sn >>= 1n;
      }
    } else {
      r = await nodeHash(r, p);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  if (sn !== 0n) throw wrong();
  return r;
}

/** How many hashes tile-level `level` has at `size`, and the width of tile `index` there. */
export function tileWidthAt(size: number, level: number, index: number): number {
  const count = Math.floor(size / TILE_WIDTH ** level);
  return Math.max(0, Math.min(TILE_WIDTH, count - index * TILE_WIDTH));
}

/** `tile/<L>/<N>[.p/<W>]` or `tile/entries/<N>[.p/<W>]` (c2sp.org/tlog-tiles). */
export function tilePath(level: number | 'entries', index: number, width: number): string {
  checkCount(index, 'tile index');
  checkCount(width, 'tile width', 1);
  const groups: string[] = [];
  let n = index;
  do {
    groups.unshift(String(n % 1000).padStart(3, '0'));
    n = Math.floor(n / 1000);
  } while (n > 0);
  const name = groups.map((g, i) => (i < groups.length - 1 ? `x${g}` : g)).join('/');
  return `tile/${level}/${name}${width < TILE_WIDTH ? `.p/${width}` : ''}`;
}

/** Hashes of tile-level `level`, tile `index`, at least `width` of them (`width * 32` bytes). */
export type TileSource = (level: number, index: number, width: number) => Promise<Uint8Array>;

/** Raised when a tile cannot be had or is too short; the proof step is then "tiles". */
export class MissingTileError extends Error {
  override readonly name = 'MissingTileError';
}

/**
 * MTH(D[begin:end]) read from tiles of a tree of `size` leaves: a perfect subtree is one tile
 * hash, or the fold of the 2^r hashes beneath it in one tile; an imperfect range on the right
 * edge is folded from the perfect subtrees it splits into.
 */
export function tileRangeHasher(
  size: number,
  tiles: TileSource,
): (range: LeafRange) => Promise<Uint8Array> {
  const cache = new Map<string, Promise<Uint8Array>>();
  const readTile = (level: number, index: number, width: number) => {
    const key = `${level}/${index}/${width}`;
    let t = cache.get(key);
    if (!t) {
      t = tiles(level, index, width).then((bytes) => {
        if (bytes.length < width * HASH_SIZE)
          throw new MissingTileError(
            `${tilePath(level, index, width)} has ${bytes.length} bytes, needs ${width * HASH_SIZE}`,
          );
        return bytes;
      });
      cache.set(key, t);
    }
    return t;
  };
  const perfect = async (height: number, index: number): Promise<Uint8Array> => {
    const level = Math.floor(height / TILE_HEIGHT);
    const span = 2 ** (height - level * TILE_HEIGHT);
    const first = index * span;
    const tileIndex = Math.floor(first / TILE_WIDTH);
    const offset = first % TILE_WIDTH;
    const width = tileWidthAt(size, level, tileIndex);
    const hashes = await readTile(level, tileIndex, width);
    let row: Uint8Array[] = [];
    for (let i = 0; i < span; i++)
      row.push(hashes.slice((offset + i) * HASH_SIZE, (offset + i + 1) * HASH_SIZE));
    while (row.length > 1) {
      const next: Uint8Array[] = [];
      for (let i = 0; i < row.length; i += 2) next.push(await nodeHash(row[i]!, row[i + 1]!));
      row = next;
    }
    return row[0]!;
  };
  const range = async ({ begin, end }: LeafRange): Promise<Uint8Array> => {
    const width = end - begin;
    let k = 1;
    while (k * 2 <= width) k *= 2;
    const height = Math.log2(k);
    if (k === width && begin % k === 0) return perfect(height, begin / k);
    const split = splitPoint(width);
    return nodeHash(
      await perfect(Math.log2(split), begin / split),
      await range({ begin: begin + split, end }),
    );
  };
  return range;
}

/** The entries of a tlog-tiles entry bundle: each a big-endian uint16 length and that many bytes. */
export function decodeEntryBundle(bundle: Uint8Array): Uint8Array[] {
  const entries: Uint8Array[] = [];
  let at = 0;
  while (at < bundle.length) {
    if (at + 2 > bundle.length)
      throw new FormatError(`entry bundle: truncated length of entry ${entries.length}`);
    const length = (bundle[at]! << 8) | bundle[at + 1]!;
    if (at + 2 + length > bundle.length)
      throw new FormatError(`entry bundle: entry ${entries.length} runs past the end`);
    entries.push(bundle.slice(at + 2, at + 2 + length));
    at += 2 + length;
  }
  return entries;
}
