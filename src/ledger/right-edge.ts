/**
 * The right edge of a tree (transparency-dev/merkle calls it a compact range): the roots of the
 * perfect subtrees that a size decomposes into, largest (leftmost) first, one per set bit of the
 * size. Folded right to left with nodeHash they give MTH (RFC 9162 §2.1.1); appending a leaf
 * merges equal-sized subtrees like a binary counter, one hash per leaf amortised. A log keeps its
 * edge beside its tiles so the root after an append costs O(log n) hashes, not a tile rescan.
 */
import { concatBytes } from './encoding.js';
import { LedgerError } from './errors.js';
import { checkHash, EMPTY_ROOT, HASH_SIZE, nodeHash } from './hasher.js';
import type { NodeReader } from './proof.js';
import { checkCount, perfectSubtrees } from './tree-math.js';

export interface RightEdge {
  readonly size: number;
  /** One hash per set bit of size, from the highest bit down. */
  readonly hashes: readonly Uint8Array[];
}

export const EMPTY_EDGE: RightEdge = { size: 0, hashes: [] };

function popcount(n: number): number {
  return BigInt(n).toString(2).replace(/0/g, '').length;
}

/** Appends leaf hashes; returns a new edge (the input is not changed). */
export function appendToEdge(edge: RightEdge, leafHashes: readonly Uint8Array[]): RightEdge {
  const hashes = [...edge.hashes];
  let size = edge.size;
  for (const leaf of leafHashes) {
    checkHash(leaf, 'leaf hash');
    let carry = leaf;
    // Each trailing one bit of size is a subtree as tall as carry: merge it.
    for (let s = size; s % 2 === 1; s = Math.floor(s / 2)) carry = nodeHash(hashes.pop()!, carry);
    hashes.push(carry);
    size++;
  }
  checkCount(size, 'size');
  return { size, hashes };
}

/** MTH of the tree the edge describes; SHA-256() for the empty tree. */
export function edgeRoot(edge: RightEdge): Uint8Array {
  if (edge.hashes.length === 0) return EMPTY_ROOT;
  let root = edge.hashes[edge.hashes.length - 1]!;
  for (let i = edge.hashes.length - 2; i >= 0; i--) root = nodeHash(edge.hashes[i]!, root);
  return root;
}

/** The edge of the first `size` leaves, read from stored perfect-subtree hashes. */
export function edgeAt(size: number, readNode: NodeReader): RightEdge {
  checkCount(size, 'size');
  return { size, hashes: perfectSubtrees(size).map(([level, index]) => readNode(level, index)) };
}

/** Storage form: the hashes concatenated (the size is stored beside it). */
export function encodeEdge(edge: RightEdge): Uint8Array {
  return concatBytes(...edge.hashes);
}

export function decodeEdge(size: number, bytes: Uint8Array): RightEdge {
  checkCount(size, 'size');
  if (bytes.length !== popcount(size) * HASH_SIZE) {
    throw new LedgerError('MALFORMED', `right edge of size ${size} needs ${popcount(size)} hashes, got ${bytes.length} bytes`);
  }
  const hashes: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += HASH_SIZE) hashes.push(bytes.slice(at, at + HASH_SIZE));
  return { size, hashes };
}
