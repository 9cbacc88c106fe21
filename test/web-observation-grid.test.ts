import { describe, expect, it } from 'vitest';
import { observationGridUrl, observationsUrl } from '../web/src/api/urls.js';
import {
  CELL_PX,
  GRID_MAX_ZOOM,
  MAX_GRID_CELLS,
  cellForZoom,
  cellsOver,
  gridCell,
  gridCountByEvent,
  toGridMapCollection,
  type ObservationGrid,
} from '../web/src/observations/grid.js';

/** Pixels a cell of `cell` degrees spans at `zoom` (MapLibre: 512 px for 360° at zoom 0). */
const px = (cell: number, zoom: number) => (cell / 360) * 512 * 2 ** zoom;

describe('grid cell for the zoom', () => {
  it('is a power of two drawn about 40 px wide at every zoom the grid is used', () => {
    for (let z = 0; z < GRID_MAX_ZOOM; z += 0.25) {
      const cell = cellForZoom(z);
      expect(Number.isInteger(Math.log2(cell))).toBe(true);
      // The nearest power of two is within a factor √2 of the wanted width.
      expect(px(cell, z)).toBeGreaterThanOrEqual(CELL_PX / Math.SQRT2 - 1e-9);
      expect(px(cell, z)).toBeLessThanOrEqual(CELL_PX * Math.SQRT2 + 1e-9);
    }
    expect(cellForZoom(7)).toBe(0.25);
    expect(cellForZoom(5.6)).toBe(0.5);
  });

  it('stays within the bounds the server accepts', () => {
    expect(cellForZoom(0)).toBe(32);
    expect(cellForZoom(-3)).toBe(32);
    expect(cellForZoom(30)).toBe(1 / 4096);
  });

  it('counts the cells over a box as the server does, and grows the cell until the server answers', () => {
    // Edges on the grid's lines count the next cell too (the server's rule).
    expect(cellsOver([0, 0, 1, 1], 0.5)).toBe(9);
    expect(cellsOver([0.1, 0.1, 0.9, 0.9], 0.5)).toBe(4);
    // A very wide box at a high zoom: the cell for the zoom would give far too many cells.
    const world = [-180, -85, 180, 85] as const;
    const cell = gridCell(world, 8);
    expect(cell).toBeGreaterThan(cellForZoom(8));
    expect(cellsOver(world, cell)).toBeLessThanOrEqual(MAX_GRID_CELLS);
    expect(cellsOver(world, cell / 2)).toBeGreaterThan(MAX_GRID_CELLS);
    // The theatre view: the cell for the zoom is well within the limit.
    expect(gridCell([30, 44, 45, 52], 5.6)).toBe(0.5);
  });
});

describe('observation URLs', () => {
  const q = {
    bbox: [36.12345, 47.5, 38.9999, 49.00049] as const,
    events: ['explosion', 'small_arms_burst'],
    weapons: [],
    sources: ['monitor'],
    from: '2026-03-01T00:00:00.000Z',
    to: '2026-03-02T00:00:00.000Z',
  };

  it('sends the time window to the list', () => {
    const u = new URL(observationsUrl(q, 500), 'http://x');
    expect(u.pathname).toBe('/api/v1/observations');
    expect(u.searchParams.get('from')).toBe(q.from);
    expect(u.searchParams.get('to')).toBe(q.to);
    expect(u.searchParams.get('limit')).toBe('500');
    expect(u.searchParams.get('event')).toBe('explosion,small_arms_burst');
    expect(u.searchParams.has('weapon')).toBe(false);
    expect(observationsUrl({ ...q, from: null, to: null }, 10)).not.toMatch(/from=|to=/);
  });

  it('asks the grid for the filters, the window and the cell, over a box rounded outwards', () => {
    const u = new URL(observationGridUrl(q, 0.25), 'http://x');
    expect(u.pathname).toBe('/api/v1/observations/grid');
    expect(u.searchParams.get('bbox')).toBe('36.123,47.500,39.000,49.001');
    expect(u.searchParams.get('cell')).toBe('0.25');
    expect(u.searchParams.get('from')).toBe(q.from);
    expect(u.searchParams.get('to')).toBe(q.to);
    expect(u.searchParams.get('event')).toBe('explosion,small_arms_burst');
    expect(u.searchParams.get('source')).toBe('monitor');
    expect(u.searchParams.has('limit')).toBe(false);
    // Never outside the world, even when the map shows past its edges.
    const world = new URL(
      observationGridUrl({ ...q, bbox: [-180.0004, -90, 180, 90] }, 32),
      'http://x',
    );
    expect(world.searchParams.get('bbox')).toBe('-180.000,-90.000,180.000,90.000');
  });
});

describe('grid answer shaped for the map', () => {
  const grid: ObservationGrid = {
    type: 'FeatureCollection',
    cellDegrees: 0.25,
    numberMatched: 7,
    features: [
      {
        type: 'Feature',
        id: '866:552',
        geometry: { type: 'Point', coordinates: [36.61, 48.1] },
        properties: {
          count: 5,
          cell: [36.5, 48, 36.75, 48.25],
          events: { explosion: 4, vessel: 1 },
        },
      },
      {
        type: 'Feature',
        id: '870:552',
        geometry: { type: 'Point', coordinates: [37.6, 48.2] },
        properties: { count: 2, cell: [37.5, 48, 37.75, 48.25], events: { explosion: 2 } },
      },
    ],
  };

  it('gives the map flat properties: the count and the cell box', () => {
    const c = toGridMapCollection(grid);
    expect(c.features).toHaveLength(2);
    expect(c.features[0]!.geometry.coordinates).toEqual([36.61, 48.1]);
    expect(c.features[0]!.properties).toEqual({
      id: '866:552',
      count: 5,
      west: 36.5,
      south: 48,
      east: 36.75,
      north: 48.25,
    });
  });

  it('adds up the counts by kind over the cells', () => {
    expect(gridCountByEvent(grid)).toEqual({ explosion: 6, vessel: 1 });
    expect(gridCountByEvent({ ...grid, features: [] })).toEqual({});
  });
});
