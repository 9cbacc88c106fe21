/**
 * Cost of appending to the tiled tree and of generating proofs from tiles, against the floor of
 * hashing the leaves alone (every append must at least do that).
 */
import { bench, describe } from 'vitest';
import { leafHash } from './hasher.js';
import { MemoryTiledTree } from './memory-tree.js';

const leaves = Array.from({ length: 10_000 }, (_, i) => new TextEncoder().encode(`{"i":${i},"type":"bench","v":1}`));

describe('append 10,000 leaves one at a time', () => {
  bench('baseline: leaf hashes only', () => {
    for (const l of leaves) leafHash(l);
  });
  bench('MemoryTiledTree.appendLeaves, one leaf per call', () => {
    const t = new MemoryTiledTree();
    for (const l of leaves) t.appendLeaves([l]);
  });
  bench('MemoryTiledTree.appendLeaves, one call', () => {
    new MemoryTiledTree().appendLeaves(leaves);
  });
});

describe('proofs from tiles in a tree of 100,000 leaves', () => {
  const tree = new MemoryTiledTree();
  tree.appendLeaves(Array.from({ length: 100_000 }, (_, i) => new Uint8Array([i & 255, i >> 8, i >> 16])));
  bench('root', () => {
    tree.root(99_999);
  });
  bench('inclusion proof', () => {
    tree.inclusionProof(54_321, 99_999);
  });
  bench('consistency proof', () => {
    tree.consistencyProof(54_321, 99_999);
  });
});
