/**
 * The fast, tile-based proofs against the RFC 9162 reference tree and the published vectors,
 * and every proof for every size (and pair of sizes) up to 200 against the verifier.
 */
import { describe, expect, it } from 'vitest';
import vectors from './fixtures/merkle-vectors.json' with { type: 'json' };
import { fromHex, toHex } from './encoding.js';
import { leafHash, nodeHash } from './hasher.js';
import { MemoryTiledTree } from './memory-tree.js';
import { consistencyProof, consistencyProofRanges, inclusionProof, inclusionProofRanges, type NodeReader, rootAt } from './proof.js';
import { referenceConsistencyProof, referenceInclusionProof, referenceRoot } from './reference-tree.js';
import { verifyConsistency, verifyInclusion } from './verify-proof.js';

const vectorLeaves = vectors.leavesHex.map((h) => fromHex(h));
const hex = (hs: readonly Uint8Array[]) => hs.map(toHex);

/** Leaf data for leaf i: 4 bytes of i, distinct for every i. */
function leaves(n: number): Uint8Array[] {
  return Array.from({ length: n }, (_, i) => new Uint8Array([i >> 24, i >> 16, i >> 8, i & 255]));
}

/** All perfect-subtree hashes of a tree, level by level: the simplest NodeReader. */
function nodeTable(data: readonly Uint8Array[]): NodeReader {
  const levels: Uint8Array[][] = [data.map(leafHash)];
  while (levels[levels.length - 1]!.length > 1) {
    const below = levels[levels.length - 1]!;
    const next: Uint8Array[] = [];
    for (let i = 0; i + 1 < below.length; i += 2) next.push(nodeHash(below[i]!, below[i + 1]!));
    levels.push(next);
  }
  return (level, index) => {
    const h = levels[level]?.[index];
    if (!h) throw new Error(`no node ${level}/${index}`);
    return h;
  };
}

describe('proofs from the published vectors (RFC 6962 / 9162 test data)', () => {
  const tree = new MemoryTiledTree();
  tree.appendLeaves(vectorLeaves);

  it.each(Object.entries(vectors.roots))('root of size %s', (size, root) => {
    expect(toHex(tree.root(Number(size)))).toBe(root);
    expect(toHex(referenceRoot(vectorLeaves.slice(0, Number(size))))).toBe(root);
  });

  it.each(vectors.inclusion)('inclusion proof for index $index in size $size', ({ index, size, path }) => {
    expect(hex(tree.inclusionProof(index, size))).toEqual(path);
    expect(hex(referenceInclusionProof(index, vectorLeaves.slice(0, size)))).toEqual(path);
  });

  it.each(vectors.consistency)('consistency proof from $size1 to $size2', ({ size1, size2, path }) => {
    expect(hex(tree.consistencyProof(size1, size2))).toEqual(path);
    expect(hex(referenceConsistencyProof(size1, vectorLeaves.slice(0, size2)))).toEqual(path);
  });
});

describe('fast proofs equal the reference tree', () => {
  const data = leaves(40);
  const tree = new MemoryTiledTree();
  tree.appendLeaves(data);
  const table = nodeTable(data);

  it('for every root, inclusion and consistency proof of sizes 1..40', () => {
    for (let n = 1; n <= 40; n++) {
      const prefix = data.slice(0, n);
      expect(toHex(rootAt(n, table))).toBe(toHex(referenceRoot(prefix)));
      expect(toHex(tree.root(n))).toBe(toHex(referenceRoot(prefix)));
      for (let m = 0; m < n; m++) {
        const want = hex(referenceInclusionProof(m, prefix));
        expect(hex(inclusionProof(m, n, table)), `inclusion ${m}/${n}`).toEqual(want);
        expect(hex(tree.inclusionProof(m, n)), `tiled inclusion ${m}/${n}`).toEqual(want);
      }
      for (let m = 1; m <= n; m++) {
        const want = hex(referenceConsistencyProof(m, prefix));
        expect(hex(consistencyProof(m, n, table)), `consistency ${m}->${n}`).toEqual(want);
        expect(hex(tree.consistencyProof(m, n)), `tiled consistency ${m}->${n}`).toEqual(want);
      }
    }
  });

  it('across tile boundaries (sizes around 256 and 65,536) for sampled proofs', () => {
    const big = leaves(66_000);
    const bigTree = new MemoryTiledTree();
    bigTree.appendLeaves(big);
    const bigTable = nodeTable(big);
    for (const n of [255, 256, 257, 511, 512, 513, 65_535, 65_536, 65_537, 66_000]) {
      expect(toHex(bigTree.root(n))).toBe(toHex(rootAt(n, bigTable)));
      for (const m of [0, 1, 127, 255, 256, n - 2, n - 1].filter((m) => m >= 0 && m < n)) {
        expect(hex(bigTree.inclusionProof(m, n))).toEqual(hex(inclusionProof(m, n, bigTable)));
        if (m > 0) expect(hex(bigTree.consistencyProof(m, n))).toEqual(hex(consistencyProof(m, n, bigTable)));
      }
    }
    // The reference tree, slow as it is, on sizes past the first full level-0 tile.
    for (const n of [257, 513]) expect(toHex(bigTree.root(n))).toBe(toHex(referenceRoot(big.slice(0, n))));
  });
});

describe('every proof verifies (sizes up to 200)', () => {
  const N = 200;
  const data = leaves(N);
  const table = nodeTable(data);
  const roots = Array.from({ length: N + 1 }, (_, n) => rootAt(n, table));
  const hashes = data.map(leafHash);

  it('every inclusion proof for every index of every size', () => {
    let count = 0;
    for (let n = 1; n <= N; n++) {
      for (let m = 0; m < n; m++) {
        verifyInclusion(m, n, hashes[m]!, inclusionProof(m, n, table), roots[n]!);
        count++;
      }
    }
    expect(count).toBe((N * (N + 1)) / 2);
  });

  it('every consistency proof for every pair of sizes, including 0 and equal sizes', () => {
    let count = 0;
    for (let n = 1; n <= N; n++) {
      verifyConsistency(0, n, [], roots[0]!, roots[n]!);
      for (let m = 1; m <= n; m++) {
        verifyConsistency(m, n, consistencyProof(m, n, table), roots[m]!, roots[n]!);
        count++;
      }
    }
    expect(count).toBe((N * (N + 1)) / 2);
  });
});

describe('proof shapes', () => {
  it('asks for O(log n) perfect nodes: at most one imperfect range per proof', () => {
    const n = 1_000_003;
    const isPerfect = (r: { begin: number; end: number }) => {
      const w = r.end - r.begin;
      return (w & (w - 1)) === 0 && r.begin % w === 0;
    };
    for (const m of [0, 1, 500_000, 999_999, 1_000_002]) {
      const ranges = inclusionProofRanges(m, n);
      expect(ranges.length).toBeLessThanOrEqual(21);
      expect(ranges.filter((r) => !isPerfect(r)).length).toBeLessThanOrEqual(1);
    }
    for (const m of [1, 3, 500_000, 999_999, 1_000_002]) {
      const ranges = consistencyProofRanges(m, n);
      expect(ranges.length).toBeLessThanOrEqual(22);
      expect(ranges.filter((r) => !isPerfect(r)).length).toBeLessThanOrEqual(1);
    }
  });

  it.each([
    ['index equal to size', () => inclusionProofRanges(5, 5)],
    ['negative index', () => inclusionProofRanges(-1, 5)],
    ['fractional size', () => inclusionProofRanges(0, 2.5)],
    ['size beyond 2^53', () => inclusionProofRanges(0, 2 ** 53)],
    ['consistency from 0', () => consistencyProofRanges(0, 5)],
    ['consistency backwards', () => consistencyProofRanges(6, 5)],
  ])('refuses %s as INVALID_INPUT', (_name, call) => {
    expect(call).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });

  it('reports a missing stored hash as MISSING_HASH', () => {
    const tree = new MemoryTiledTree();
    tree.appendLeaves(leaves(3));
    expect(() => tree.inclusionProof(0, 4)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    const empty: NodeReader = () => {
      throw Object.assign(new Error('gone'), { code: 'MISSING_HASH' });
    };
    expect(() => rootAt(3, empty)).toThrow(/gone/);
  });
});
