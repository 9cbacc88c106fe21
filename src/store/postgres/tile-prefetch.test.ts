import { describe, expect, it } from 'vitest';
import { appendLeafHashes, inclusionProof, isLedgerError, leafHash, MemoryTiledTree, rootAt, tileNodeReader, toHex, type TileId } from '../../ledger/index.js';
import { tileKey, tilesNeeded, withTiles } from './tile-prefetch.js';

const leaves = (n: number, from = 0) => Array.from({ length: n }, (_, i) => new TextEncoder().encode(`leaf ${from + i}`));

function treeOf(size: number): MemoryTiledTree {
  const tree = new MemoryTiledTree();
  tree.appendLeaves(leaves(size));
  return tree;
}

/** A fetch over the memory tree that counts its calls and returns each tile at its widest. */
function fetcher(tree: MemoryTiledTree) {
  const calls: TileId[][] = [];
  const fetch = async (ids: readonly TileId[]) => {
    calls.push([...ids]);
    const out = new Map<string, Uint8Array>();
    for (const t of ids) {
      const tile = tree.tile(t.level, t.index, t.width);
      if (tile) out.set(tileKey(t.level, t.index), tile.hashes);
    }
    return out;
  };
  return { fetch, calls };
}

describe('tile prefetch', () => {
  it.each([
    [0, 3],
    [1, 3],
    [255, 1],
    [256, 3],
    [257, 300],
    [65_535, 1],
    [65_536 + 300, 300],
  ])('asks an append to a tree of %i leaves (+%i) for exactly the tiles the real append reads', (size, count) => {
    const tree = treeOf(size);
    const hashes = leaves(count, size).map(leafHash);
    const read: TileId[] = [];
    appendLeafHashes(size, hashes, (level, index, width) => {
      read.push({ level, index, width });
      return tree.readTile(level, index, width);
    });
    expect(tilesNeeded((r) => appendLeafHashes(size, hashes, r))).toEqual(read);
    if (size === 65_536 + 300) expect(read.map((t) => t.level)).toEqual([0, 1]);
  });

  it('computes roots and proofs equal to the memory tree with one fetch each', async () => {
    const tree = treeOf(70_000);
    for (const size of [1, 256, 257, 65_536, 69_999, 70_000]) {
      const { fetch, calls } = fetcher(tree);
      const root = await withTiles((read) => rootAt(size, tileNodeReader(size, read)), fetch);
      expect(toHex(root)).toBe(toHex(tree.root(size)));
      expect(calls).toHaveLength(1);
    }
    const { fetch } = fetcher(tree);
    const proof = await withTiles((read) => inclusionProof(65_600, 70_000, tileNodeReader(70_000, read)), fetch);
    expect(proof.map(toHex)).toEqual(tree.inclusionProof(65_600, 70_000).map(toHex));
  });

  it('throws MISSING_HASH when the store lacks a tile it needs', async () => {
    const tree = treeOf(300);
    await expect(withTiles((read) => rootAt(300, tileNodeReader(300, read)), async () => new Map())).rejects.toSatisfy((e) => isLedgerError(e, 'MISSING_HASH'));
    expect(tree.size).toBe(300);
  });

  it('reports bad input from the dry run, before any fetch', async () => {
    let fetched = false;
    const fetch = async () => {
      fetched = true;
      return new Map<string, Uint8Array>();
    };
    await expect(withTiles((read) => inclusionProof(5, 3, tileNodeReader(3, read)), fetch)).rejects.toThrow(/index 5 is not below size 3/);
    expect(fetched).toBe(false);
  });
});
