/**
 * A deliberately simple Merkle tree written straight from RFC 9162 §2.1: recursive, over the
 * leaf data, no caching. It is slow (every call rehashes everything) and exists to cross-check
 * the fast, tile-based code in tests; do not use it for large trees.
 */
import { EMPTY_ROOT, leafHash, nodeHash } from './hasher.js';
import { splitPoint } from './tree-math.js';

/** MTH(D[n]) (RFC 9162 §2.1.1). */
export function referenceRoot(leaves: readonly Uint8Array[]): Uint8Array {
  const n = leaves.length;
  if (n === 0) return EMPTY_ROOT;
  if (n === 1) return leafHash(leaves[0]!);
  const k = splitPoint(n);
  return nodeHash(referenceRoot(leaves.slice(0, k)), referenceRoot(leaves.slice(k)));
}

/** PATH(m, D[n]), the inclusion proof for leaf m (RFC 9162 §2.1.3.1). Requires 0 <= m < n. */
export function referenceInclusionProof(m: number, leaves: readonly Uint8Array[]): Uint8Array[] {
  const n = leaves.length;
  if (n === 1) return [];
  const k = splitPoint(n);
  if (m < k) return [...referenceInclusionProof(m, leaves.slice(0, k)), referenceRoot(leaves.slice(k))];
  return [...referenceInclusionProof(m - k, leaves.slice(k)), referenceRoot(leaves.slice(0, k))];
}

/** PROOF(m, D[n]), the consistency proof from size m (RFC 9162 §2.1.4.1). Requires 0 < m <= n. */
export function referenceConsistencyProof(m: number, leaves: readonly Uint8Array[]): Uint8Array[] {
  return subproof(m, leaves, true);
}

function subproof(m: number, leaves: readonly Uint8Array[], b: boolean): Uint8Array[] {
  const n = leaves.length;
  if (m === n) return b ? [] : [referenceRoot(leaves)];
  const k = splitPoint(n);
  if (m <= k) return [...subproof(m, leaves.slice(0, k), b), referenceRoot(leaves.slice(k))];
  return [...subproof(m - k, leaves.slice(k), false), referenceRoot(leaves.slice(0, k))];
}
