/**
 * C2SP tlog-tiles geometry and paths (c2sp.org/tlog-tiles, "Merkle Tree" and "Log entries").
 *
 * A tile at tile-level L holds up to 256 consecutive hashes of tree level 8L: hash i of tile N is
 * MTH(D[(N*256 + i) * 256^L : (N*256 + i + 1) * 256^L]). A full tile has 256 hashes (8,192
 * bytes); the rightmost tile of a level may be partial, with floor(s / 256^L) mod 256 hashes for
 * tree size s. Paths are `tile/<L>/<N>[.p/<W>]` and `tile/entries/<N>[.p/<W>]`, with N written as
 * zero-padded 3-digit elements, all but the last prefixed `x` (1234067 -> x001/x234/067).
 */
import { LedgerError } from './errors.js';
import { checkCount } from './tree-math.js';

/** Tile height in tree levels: each tile spans 8 levels, 2^8 = 256 hashes wide. */
export const TILE_HEIGHT = 8;
export const TILE_WIDTH = 256;
/** tlog-tiles: <L> is between 0 and 63. */
export const MAX_TILE_LEVEL = 63;

/** A tile's coordinates; `width` 1..256, 256 meaning full. */
export interface TileId {
  readonly level: number;
  readonly index: number;
  readonly width: number;
}

/** A tile with its hashes, `width * 32` bytes. */
export interface Tile extends TileId {
  readonly hashes: Uint8Array;
}

/** How many hashes tile-level `level` has in a tree of `size` leaves: floor(size / 256^level). */
export function hashesAtLevel(size: number, level: number): number {
  return Math.floor(size / TILE_WIDTH ** level);
}

/**
 * Every tile of a tree of `size` leaves, full tiles first then the partial one, level by level
 * (the set a static export or a full audit needs). Empty tiles are never listed (tlog-tiles:
 * "Empty tiles MUST NOT be served").
 */
export function tilesForSize(size: number): TileId[] {
  checkCount(size, 'size');
  const out: TileId[] = [];
  for (let level = 0; level <= MAX_TILE_LEVEL; level++) {
    const count = hashesAtLevel(size, level);
    if (count === 0) break;
    const full = Math.floor(count / TILE_WIDTH);
    for (let index = 0; index < full; index++) out.push({ level, index, width: TILE_WIDTH });
    const rest = count % TILE_WIDTH;
    if (rest > 0) out.push({ level, index: full, width: rest });
  }
  return out;
}

/** The width tile (level, index) has in a tree of `size` leaves; 0 when the tile is empty. */
export function tileWidthAt(size: number, level: number, index: number): number {
  const count = hashesAtLevel(size, level);
  return Math.max(0, Math.min(TILE_WIDTH, count - index * TILE_WIDTH));
}

/** Encodes a tile index as zero-padded 3-digit elements: 1234067 -> "x001/x234/067". */
export function formatTileIndex(index: number): string {
  checkCount(index, 'tile index');
  const groups: string[] = [];
  let n = index;
  do {
    groups.unshift(String(n % 1000).padStart(3, '0'));
    n = Math.floor(n / 1000);
  } while (n > 0);
  return groups.map((g, i) => (i < groups.length - 1 ? `x${g}` : g)).join('/');
}

/** `tile/<L>/<N>[.p/<W>]`, or `tile/entries/<N>[.p/<W>]` for level "entries". */
export function tilePath(level: number | 'entries', index: number, width = TILE_WIDTH): string {
  if (level !== 'entries') {
    checkCount(level, 'tile level');
    if (level > MAX_TILE_LEVEL) throw new LedgerError('INVALID_INPUT', `tile level ${level} exceeds ${MAX_TILE_LEVEL}`);
  }
  checkCount(width, 'tile width', 1);
  if (width > TILE_WIDTH) throw new LedgerError('INVALID_INPUT', `tile width ${width} exceeds ${TILE_WIDTH}`);
  const partial = width < TILE_WIDTH ? `.p/${width}` : '';
  return `tile/${level}/${formatTileIndex(index)}${partial}`;
}

export interface ParsedTilePath {
  readonly level: number | 'entries';
  readonly index: number;
  readonly width: number;
}

const LEVEL = /^(?:0|[1-9][0-9]?)$/;
const WIDTH = /^[1-9][0-9]{0,2}$/;

/**
 * Parses the part after `tile/` (e.g. `0/x001/234.p/7`, `entries/005`), strictly: no extra
 * leading zeroes, every element but the last prefixed x, width 1..255 only when partial.
 */
export function parseTilePath(path: string): ParsedTilePath {
  const bad = (why: string) => new LedgerError('MALFORMED', `tile path ${JSON.stringify(path)}: ${why}`);
  const parts = path.split('/');
  const levelText = parts.shift() ?? '';
  let level: number | 'entries';
  if (levelText === 'entries') level = 'entries';
  else if (LEVEL.test(levelText) && Number(levelText) <= MAX_TILE_LEVEL) level = Number(levelText);
  else throw bad('level must be "entries" or 0..63 without leading zeroes');
  let width = TILE_WIDTH;
  if (parts.length >= 2 && parts[parts.length - 2]!.endsWith('.p')) {
    const w = parts.pop()!;
    if (!WIDTH.test(w) || Number(w) >= TILE_WIDTH) throw bad('partial width must be 1..255 without leading zeroes');
    width = Number(w);
    const last = parts.pop()!;
    parts.push(last.slice(0, -2));
  }
  if (parts.length === 0) throw bad('missing index');
  let index = 0;
  for (let i = 0; i < parts.length; i++) {
    const element = parts[i]!;
    const digits = i < parts.length - 1 ? (element.startsWith('x') ? element.slice(1) : '') : element;
    if (!/^[0-9]{3}$/.test(digits)) throw bad('index elements must be 3 digits, all but the last prefixed x');
    index = index * 1000 + Number(digits);
  }
  if (!Number.isSafeInteger(index)) throw bad('index too large');
  if (parts.length > 1 && parts[0] === 'x000') throw bad('index has extra leading zero elements');
  return { level, index, width };
}
