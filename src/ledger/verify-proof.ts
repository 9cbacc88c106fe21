/**
 * Proof verification, exactly RFC 9162 §2.1.3.2 (inclusion) and §2.1.4.2 (consistency). These
 * are the functions a party runs on its own machine; they take hashes and sizes and nothing else.
 * Each throws a LedgerError (INVALID_INPUT, WRONG_PROOF_SIZE, ROOT_MISMATCH, INCONSISTENT) and
 * returns normally only when the proof holds.
 */
import { bytesEqual, toHex } from './encoding.js';
import { LedgerError } from './errors.js';
import { checkHash, EMPTY_ROOT, nodeHash } from './hasher.js';
import { checkCount, isPowerOfTwo } from './tree-math.js';

/**
 * The root that `proof` implies for leaf `leafHash` at `index` in a tree of `size` leaves
 * (RFC 9162 §2.1.3.2 steps 1-6, without the final comparison). Requires 0 <= index < size.
 */
export function rootFromInclusionProof(index: number, size: number, leafHash: Uint8Array, proof: readonly Uint8Array[]): Uint8Array {
  checkCount(size, 'size', 1);
  checkCount(index, 'index');
  if (index >= size) throw new LedgerError('INVALID_INPUT', `index ${index} is not below size ${size}`);
  checkHash(leafHash, 'leaf hash');
  proof.forEach((p, i) => checkHash(p, `proof[${i}]`));
  let fn = BigInt(index);
  let sn = BigInt(size - 1);
  let r = leafHash;
  for (const p of proof) {
    if (sn === 0n) throw wrongLength(proof.length, `inclusion proof for index ${index} in size ${size}`);
    if ((fn & 1n) === 1n || fn === sn) {
      r = nodeHash(p, r);
      if ((fn & 1n) === 0n) {
        while ((fn & 1n) === 0n && fn !== 0n) {
          fn >>= 1n;
          sn >>= 1n;
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  if (sn !== 0n) throw wrongLength(proof.length, `inclusion proof for index ${index} in size ${size}`);
  return r;
}

/** RFC 9162 §2.1.3.2: returns when `proof` shows leafHash at index in the tree with `root`. */
export function verifyInclusion(index: number, size: number, leafHash: Uint8Array, proof: readonly Uint8Array[], root: Uint8Array): void {
  checkHash(root, 'root');
  const computed = rootFromInclusionProof(index, size, leafHash, proof);
  if (!bytesEqual(computed, root)) {
    throw new LedgerError('ROOT_MISMATCH', `inclusion proof for index ${index} in size ${size} gives root ${toHex(computed)}, expected ${toHex(root)}`);
  }
}

/**
 * RFC 9162 §2.1.4.2: returns when `proof` shows the tree (size2, root2) extends (size1, root1).
 * Edge cases the RFC's algorithm leaves to the caller: size1 == size2 needs an empty proof and
 * equal roots; size1 == 0 needs an empty proof and root1 = MTH({}) = SHA-256() (every tree
 * extends the empty one).
 */
export function verifyConsistency(size1: number, size2: number, proof: readonly Uint8Array[], root1: Uint8Array, root2: Uint8Array): void {
  checkCount(size1, 'size1');
  checkCount(size2, 'size2');
  if (size1 > size2) throw new LedgerError('INCONSISTENT', `size1 ${size1} exceeds size2 ${size2}: a log never shrinks`);
  checkHash(root1, 'root1');
  checkHash(root2, 'root2');
  proof.forEach((p, i) => checkHash(p, `proof[${i}]`));
  const what = `consistency proof from size ${size1} to ${size2}`;
  if (size1 === 0 || size1 === size2) {
    if (proof.length !== 0) throw wrongLength(proof.length, what);
    if (size1 === 0 && !bytesEqual(root1, EMPTY_ROOT)) {
      throw new LedgerError('INCONSISTENT', `root ${toHex(root1)} given for size 0 is not the empty tree's ${toHex(EMPTY_ROOT)}`);
    }
    if (size1 === size2 && !bytesEqual(root1, root2)) {
      throw new LedgerError('INCONSISTENT', `two different roots for size ${size1}: ${toHex(root1)} and ${toHex(root2)}`);
    }
    return;
  }
  if (proof.length === 0) throw wrongLength(0, what);
  // Step 2: when size1 is a power of two the old root is the first node of the path.
  const path = isPowerOfTwo(size1) ? [root1, ...proof] : [...proof];
  let fn = BigInt(size1 - 1);
  let sn = BigInt(size2 - 1);
  while ((fn & 1n) === 1n) {
    fn >>= 1n;
    sn >>= 1n;
  }
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0n) throw wrongLength(proof.length, what);
    if ((fn & 1n) === 1n || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if ((fn & 1n) === 0n) {
        while ((fn & 1n) === 0n && fn !== 0n) {
          fn >>= 1n;
          sn >>= 1n;
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  if (sn !== 0n) throw wrongLength(proof.length, what);
  if (!bytesEqual(fr, root1)) {
    throw new LedgerError('INCONSISTENT', `${what} rebuilds old root ${toHex(fr)}, expected ${toHex(root1)}`);
  }
  if (!bytesEqual(sr, root2)) {
    throw new LedgerError('INCONSISTENT', `${what} rebuilds new root ${toHex(sr)}, expected ${toHex(root2)}`);
  }
}

function wrongLength(got: number, what: string): LedgerError {
  return new LedgerError('WRONG_PROOF_SIZE', `${what}: ${got} hashes is the wrong number`);
}
