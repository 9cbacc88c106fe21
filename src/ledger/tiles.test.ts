import { describe, expect, it } from 'vitest';
import paths from './fixtures/tile-path-vectors.json' with { type: 'json' };
import { formatTileIndex, parseTilePath, tilePath, tilesForSize, tileWidthAt } from './tiles.js';

describe('tlog-tiles paths (fixtures/tile-path-vectors.json)', () => {
  it.each(paths.valid)('parses and formats $path', (v) => {
    expect(parseTilePath(v.path)).toEqual({ level: v.level, index: v.index, width: v.width });
    expect(tilePath(v.level as number | 'entries', v.index, v.width)).toBe(`tile/${v.path}`);
  });

  it.each(paths.invalid)('refuses $name ($path)', (v) => {
    expect(() => parseTilePath(v.path)).toThrow(expect.objectContaining({ code: 'MALFORMED' }));
  });

  it('encodes the spec example index 1234067 as x001/x234/067', () => {
    expect(formatTileIndex(1234067)).toBe('x001/x234/067');
    expect(formatTileIndex(0)).toBe('000');
    expect(formatTileIndex(999)).toBe('999');
    expect(formatTileIndex(1000)).toBe('x001/000');
  });

  it('round-trips indices across element boundaries', () => {
    for (const index of [0, 1, 999, 1000, 1001, 999_999, 1_000_000, 2 ** 40, Number.MAX_SAFE_INTEGER]) {
      expect(parseTilePath(tilePath(0, index).slice('tile/'.length)).index).toBe(index);
    }
  });

  it('refuses widths and levels outside the spec', () => {
    expect(() => tilePath(64, 0)).toThrow(/exceeds 63/);
    expect(() => tilePath(0, 0, 0)).toThrow(/>= 1/);
    expect(() => tilePath(0, 0, 257)).toThrow(/exceeds 256/);
  });
});

describe('tiles of a tree size (tlog-tiles "Partial Tiles")', () => {
  it('matches the spec example for size 70,000', () => {
    const tiles = tilesForSize(70_000);
    const level0 = tiles.filter((t) => t.level === 0);
    expect(level0.filter((t) => t.width === 256)).toHaveLength(273);
    expect(level0.filter((t) => t.width < 256)).toEqual([{ level: 0, index: 273, width: 112 }]);
    expect(tiles.filter((t) => t.level === 1)).toEqual([
      { level: 1, index: 0, width: 256 },
      { level: 1, index: 1, width: 17 },
    ]);
    expect(tiles.filter((t) => t.level === 2)).toEqual([{ level: 2, index: 0, width: 1 }]);
    expect(tiles).toHaveLength(273 + 1 + 2 + 1);
  });

  it('matches the spec example for size 256: one full level-0 tile and a level-1 tile of width 1', () => {
    expect(tilesForSize(256)).toEqual([
      { level: 0, index: 0, width: 256 },
      { level: 1, index: 0, width: 1 },
    ]);
  });

  it('lists no tiles for the empty tree and never an empty tile', () => {
    expect(tilesForSize(0)).toEqual([]);
    for (const size of [1, 255, 257, 65_536, 65_537]) expect(tilesForSize(size).every((t) => t.width >= 1)).toBe(true);
  });

  it('gives each tile its width at a size', () => {
    expect(tileWidthAt(70_000, 0, 273)).toBe(112);
    expect(tileWidthAt(70_000, 0, 10)).toBe(256);
    expect(tileWidthAt(70_000, 0, 274)).toBe(0);
    expect(tileWidthAt(70_000, 2, 0)).toBe(1);
  });
});
