/**
 * Integer helpers for tree sizes and indices. Sizes and indices are JavaScript numbers limited to
 * safe integers (below 2^53), checked at every entry; bit operations go through BigInt because
 * the `>>` and `&` operators truncate to 32 bits.
 */
import { LedgerError } from './errors.js';

/** Throws INVALID_INPUT unless n is a safe integer >= min. */
export function checkCount(n: number, what: string, min = 0): void {
  if (!Number.isSafeInteger(n) || n < min) {
    throw new LedgerError('INVALID_INPUT', `${what} must be a safe integer >= ${min}, got ${String(n)}`);
  }
}

/** The largest power of two strictly less than n, for n >= 2 (RFC 9162 §2.1.1's k). */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

export function isPowerOfTwo(n: number): boolean {
  if (n < 1) return false;
  const b = BigInt(n);
  return (b & (b - 1n)) === 0n;
}

/** log2 of a power of two. */
export function log2Exact(n: number): number {
  let level = 0;
  while (2 ** level < n) level++;
  return level;
}

/**
 * The perfect subtrees a tree of `size` leaves decomposes into, left to right, as
 * [level, index] pairs: one per set bit of size, largest first. Their hashes, folded right to
 * left with nodeHash, give the root.
 */
export function perfectSubtrees(size: number): Array<[level: number, index: number]> {
  const out: Array<[number, number]> = [];
  let begin = 0;
  let remaining = size;
  while (remaining > 0) {
    let width = 1;
    while (width * 2 <= remaining) width *= 2;
    const level = log2Exact(width);
    out.push([level, begin / width]);
    begin += width;
    remaining -= width;
  }
  return out;
}
