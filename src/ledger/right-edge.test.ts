import { describe, expect, it } from 'vitest';
import vectors from './fixtures/merkle-vectors.json' with { type: 'json' };
import { fromHex, toHex } from './encoding.js';
import { leafHash } from './hasher.js';
import { MemoryTiledTree } from './memory-tree.js';
import { appendToEdge, decodeEdge, EMPTY_EDGE, edgeAt, edgeRoot, encodeEdge } from './right-edge.js';

const hashes = Array.from({ length: 1100 }, (_, i) => leafHash(new Uint8Array([i & 255, i >> 8])));

describe('right edge (compact range)', () => {
  it('gives the vector roots for sizes 0..8', () => {
    let edge = EMPTY_EDGE;
    expect(toHex(edgeRoot(edge))).toBe(vectors.emptyRoot);
    vectors.leavesHex.forEach((h, i) => {
      edge = appendToEdge(edge, [leafHash(fromHex(h))]);
      expect(toHex(edgeRoot(edge))).toBe((vectors.roots as Record<string, string>)[String(i + 1)]);
    });
  });

  it('agrees with the tiled tree at every size to 1,100, appended one by one or in batches', () => {
    const tree = new MemoryTiledTree();
    tree.appendLeafHashes(hashes);
    let one = EMPTY_EDGE;
    for (let n = 1; n <= hashes.length; n++) {
      one = appendToEdge(one, [hashes[n - 1]!]);
      expect(one.hashes.length).toBe(n.toString(2).replace(/0/g, '').length);
      if (n % 7 === 0 || n % 256 === 0) expect(toHex(edgeRoot(one)), `size ${n}`).toBe(toHex(tree.root(n)));
    }
    const batched = appendToEdge(appendToEdge(EMPTY_EDGE, hashes.slice(0, 333)), hashes.slice(333));
    expect(batched.hashes.map(toHex)).toEqual(one.hashes.map(toHex));
    expect(edgeAt(777, tree.nodeReader(777)).hashes.map(toHex)).toEqual(appendToEdge(EMPTY_EDGE, hashes.slice(0, 777)).hashes.map(toHex));
  });

  it('round-trips its storage form and refuses a wrong length', () => {
    const edge = appendToEdge(EMPTY_EDGE, hashes.slice(0, 13));
    expect(decodeEdge(13, encodeEdge(edge)).hashes.map(toHex)).toEqual(edge.hashes.map(toHex));
    expect(() => decodeEdge(16, encodeEdge(edge))).toThrow(expect.objectContaining({ code: 'MALFORMED' }));
  });
});
