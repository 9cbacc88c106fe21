/**
 * The TileBuilder against the tlog-tiles definition of a tile's hashes, the reference tree, and
 * its own cost bound; appends arrive in uneven batches, as they do from transactions.
 */
import { describe, expect, it } from 'vitest';
import { toHex } from './encoding.js';
import { HASH_SIZE, leafHash, nodeHash } from './hasher.js';
import { MemoryTiledTree } from './memory-tree.js';
import { type NodeReader, rootAt } from './proof.js';
import { referenceRoot } from './reference-tree.js';
import { appendLeafHashes, type TileReader } from './tile-builder.js';
import { tileNodeReader } from './tile-reader.js';
import { TILE_WIDTH, tilesForSize } from './tiles.js';

const leaf = (i: number) => new Uint8Array([i >> 16, (i >> 8) & 255, i & 255, 7]);

/** MTH over a range of leaf hashes, straight from RFC 9162 §2.1.1 (for small ranges). */
function mth(hashes: readonly Uint8Array[]): Uint8Array {
  if (hashes.length === 1) return hashes[0]!;
  let k = 1;
  while (k * 2 < hashes.length) k *= 2;
  return nodeHash(mth(hashes.slice(0, k)), mth(hashes.slice(k)));
}

/** Every perfect-subtree hash, level by level: the plainest oracle for large trees. */
function nodeTable(leafHashes: readonly Uint8Array[]): NodeReader {
  const levels: Uint8Array[][] = [[...leafHashes]];
  while (levels[levels.length - 1]!.length > 1) {
    const below = levels[levels.length - 1]!;
    const next: Uint8Array[] = [];
    for (let i = 0; i + 1 < below.length; i += 2) next.push(nodeHash(below[i]!, below[i + 1]!));
    levels.push(next);
  }
  return (level, index) => levels[level]![index]!;
}

/** Deterministic uneven batch sizes: 1, 2, 3, ... 300, then again. */
function batches(total: number): number[] {
  const out: number[] = [];
  let left = total;
  for (let b = 1; left > 0; b = (b % 300) + 1) {
    const n = Math.min(b, left);
    out.push(n);
    left -= n;
  }
  return out;
}

describe('appendLeafHashes', () => {
  const total = 70_000;
  const hashes = Array.from({ length: total }, (_, i) => leafHash(leaf(i)));
  const table = nodeTable(hashes);
  const tree = new MemoryTiledTree();
  const sizes: number[] = [];
  let writes = 0;
  for (const n of batches(total)) {
    writes += tree.appendLeafHashes(hashes.slice(tree.size, tree.size + n)).tiles.length;
    sizes.push(tree.size);
  }

  it('ends with exactly the tiles tlog-tiles defines for the size, each hash MTH of its range', () => {
    expect(tree.size).toBe(total);
    for (const id of tilesForSize(total)) {
      const tile = tree.tile(id.level, id.index, id.width);
      expect(tile, `tile ${id.level}/${id.index}`).not.toBeNull();
      // Spot-check hashes against MTH(D[(n*256 + i) * 256^l : (n*256 + i + 1) * 256^l]), the
      // perfect subtree at tree level 8l, index n*256 + i.
      for (const i of [0, id.width - 1]) {
        const want = id.level === 0 ? hashes[id.index * TILE_WIDTH + i]! : table(8 * id.level, id.index * TILE_WIDTH + i);
        expect(toHex(tile!.hashes.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE)), `tile ${id.level}/${id.index} hash ${i}`).toBe(toHex(want));
      }
    }
  });

  it('gives the same root as the reference at every size it passed through', () => {
    for (const size of sizes.filter((_, i) => i % 5 === 0).concat([total])) {
      expect(toHex(tree.root(size)), `size ${size}`).toBe(toHex(rootAt(size, table)));
    }
    expect(toHex(tree.root(300))).toBe(toHex(referenceRoot(Array.from({ length: 300 }, (_, i) => leaf(i)))));
    expect(toHex(tree.root(300))).toBe(toHex(mth(hashes.slice(0, 300))));
  });

  it('writes O(1) tiles per batch (one per level touched), so O(log n) per append', () => {
    // Each batch rewrites at most its level-0 partial tile plus the tiles it completes and the
    // partial tile above per level; 70,000 leaves in ~460 batches stay far below one write per leaf.
    expect(writes).toBeLessThan(batches(total).length * 3 + tilesForSize(total).length);
  });

  it('reads only right-edge partial tiles, and fails clearly when one is missing', () => {
    const asked: string[] = [];
    const t = new MemoryTiledTree();
    t.appendLeaves(Array.from({ length: 600 }, (_, i) => leaf(i)));
    const spy: TileReader = (level, index, width) => {
      asked.push(`${level}/${index}/${width}`);
      return t.readTile(level, index, width);
    };
    appendLeafHashes(600, [leafHash(leaf(600))], spy);
    expect(asked).toEqual(['0/2/88']);
    expect(() => appendLeafHashes(600, [leafHash(leaf(600))], () => new Uint8Array(0))).toThrow(
      expect.objectContaining({ code: 'MISSING_HASH' }),
    );
  });

  it('is pure: appending to a copy of the state gives identical tiles', () => {
    const a = appendLeafHashes(1000, hashes.slice(1000, 1300), tree.readTile);
    const b = appendLeafHashes(1000, hashes.slice(1000, 1300), tree.readTile);
    expect(a.size).toBe(1300);
    expect(a.tiles.map((t) => `${t.level}/${t.index}/${t.width}/${toHex(t.hashes)}`)).toEqual(
      b.tiles.map((t) => `${t.level}/${t.index}/${t.width}/${toHex(t.hashes)}`),
    );
  });

  it('refuses hashes that are not 32 bytes', () => {
    expect(() => appendLeafHashes(0, [new Uint8Array(31)], tree.readTile)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });

  it('lets a node reader over tiles answer for any smaller size', () => {
    for (const size of [1, 255, 256, 257, 65_536, 65_537, 69_999]) {
      expect(toHex(rootAt(size, tileNodeReader(size, tree.readTile)))).toBe(toHex(rootAt(size, table)));
    }
  });
});
