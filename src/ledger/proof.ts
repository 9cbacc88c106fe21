/**
 * Proof generation over stored hashes (RFC 9162 §2.1.3.1 PATH and §2.1.4.1 PROOF/SUBPROOF).
 *
 * The generator never sees leaves: it asks a `NodeReader` for the hashes of *perfect* subtrees,
 * identified as (level, index) where level 0 is the leaf hashes and node (l, i) covers leaves
 * [i * 2^l, (i + 1) * 2^l). A proof hash that covers an imperfect range on the tree's right edge
 * is folded from the perfect subtrees that range decomposes into. Each PATH or PROOF has at most
 * one such hash, so a proof costs O(log n) reads.
 */
import { LedgerError } from './errors.js';
import { EMPTY_ROOT, nodeHash } from './hasher.js';
import { checkCount, isPowerOfTwo, log2Exact, splitPoint } from './tree-math.js';

/** Returns the hash of the perfect subtree (level, index); throws MISSING_HASH when it has none. */
export type NodeReader = (level: number, index: number) => Uint8Array;

/** A half-open range of leaf indices [begin, end) whose Merkle Tree Hash is one proof element. */
export interface LeafRange {
  readonly begin: number;
  readonly end: number;
}

/** The ranges whose hashes make up PATH(index, D[size]), in proof order (lowest first). */
export function inclusionProofRanges(index: number, size: number): LeafRange[] {
  checkCount(size, 'size', 1);
  checkCount(index, 'index');
  if (index >= size) throw new LedgerError('INVALID_INPUT', `index ${index} is not below size ${size}`);
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

/**
 * The ranges whose hashes make up PROOF(size1, D[size2]), in proof order. Empty when
 * size1 == size2; size1 == 0 is refused because no proof from the empty tree exists (any tree
 * extends it).
 */
export function consistencyProofRanges(size1: number, size2: number): LeafRange[] {
  checkCount(size1, 'size1', 1);
  checkCount(size2, 'size2', 1);
  if (size1 > size2) throw new LedgerError('INVALID_INPUT', `size1 ${size1} exceeds size2 ${size2}`);
  const ranges: LeafRange[] = [];
  let begin = 0;
  let end = size2;
  let whole = true; // SUBPROOF's b: true while the subtree is the whole old tree's left edge
  for (;;) {
    if (size1 === end) {
      if (!whole) ranges.push({ begin, end });
      break;
    }
    const mid = begin + splitPoint(end - begin);
    if (size1 <= mid) {
      ranges.push({ begin: mid, end });
      end = mid;
    } else {
      ranges.push({ begin, end: mid });
      begin = mid;
      whole = false;
    }
  }
  return ranges.reverse();
}

/**
 * MTH(D[begin:end]) from perfect-subtree hashes. `begin` must be aligned the way proof ranges
 * are (a multiple of the largest power of two not exceeding end - begin).
 */
export function rangeHash(range: LeafRange, readNode: NodeReader): Uint8Array {
  const { begin, end } = range;
  const width = end - begin;
  if (width <= 0) throw new LedgerError('INVALID_INPUT', `empty range [${begin}, ${end})`);
  if (isPowerOfTwo(width) && begin % width === 0) return readNode(log2Exact(width), begin / width);
  const k = splitPoint(width);
  if (begin % k !== 0) throw new LedgerError('INVALID_INPUT', `range [${begin}, ${end}) is not aligned`);
  return nodeHash(readNode(log2Exact(k), begin / k), rangeHash({ begin: begin + k, end }, readNode));
}

/** MTH(D[size]), the root of the first `size` leaves. */
export function rootAt(size: number, readNode: NodeReader): Uint8Array {
  checkCount(size, 'size');
  return size === 0 ? EMPTY_ROOT : rangeHash({ begin: 0, end: size }, readNode);
}

/** PATH(index, D[size]) (RFC 9162 §2.1.3.1). */
export function inclusionProof(index: number, size: number, readNode: NodeReader): Uint8Array[] {
  return inclusionProofRanges(index, size).map((r) => rangeHash(r, readNode));
}

/** PROOF(size1, D[size2]) (RFC 9162 §2.1.4.1). */
export function consistencyProof(size1: number, size2: number, readNode: NodeReader): Uint8Array[] {
  return consistencyProofRanges(size1, size2).map((r) => rangeHash(r, readNode));
}
