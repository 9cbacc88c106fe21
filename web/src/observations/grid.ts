/**
 * The dashboard's low-zoom view of observations: counts per cell of the server's grid
 * (GET /api/v1/observations/grid) instead of the observations themselves, so a map of the whole
 * theatre asks for a few kilobytes however many observations match. Pure: the cell size, the box
 * asked for and the map's GeoJSON, so tests can check them outside a browser.
 */
import type { Feature, FeatureCollection, Point } from 'geojson';
import type { EventKind } from '../api/vocabulary.js';

/** Below this zoom the map shows grid counts; from it on, the observations one by one. */
export const GRID_MAX_ZOOM = 9;
/** About how wide (px) a grid cell is drawn: the spacing of the count circles. */
export const CELL_PX = 40;
/** The server answers at most this many cells (src/server/routes/observations-grid.ts). */
export const MAX_GRID_CELLS = 65_536;
/** The server's bounds on `cell` (degrees). */
const MIN_CELL = 1 / 4096;
const MAX_CELL = 32;
/** MapLibre's world is 512 px wide at zoom 0. */
const WORLD_PX = 512;

export type Bbox = readonly [number, number, number, number];

/**
 * The grid cell (degrees, a power of two) about CELL_PX wide at `zoom`: the power of two nearest
 * to CELL_PX × 360 / (512 × 2^zoom). Powers of two keep the cells of nearby zooms nested and the
 * requests few and cacheable as the map moves.
 */
export function cellForZoom(zoom: number): number {
  const degrees = (CELL_PX * 360) / (WORLD_PX * 2 ** zoom);
  const cell = 2 ** Math.round(Math.log2(degrees));
  return Math.min(MAX_CELL, Math.max(MIN_CELL, cell));
}

/** How many cells of `cell` degrees the server counts over `bbox` (its rule: edge cells included). */
export function cellsOver(bbox: Bbox, cell: number): number {
  const nx = Math.floor((bbox[2] + 180) / cell) - Math.floor((bbox[0] + 180) / cell) + 1;
  const ny = Math.floor((bbox[3] + 90) / cell) - Math.floor((bbox[1] + 90) / cell) + 1;
  return nx * ny;
}

/**
 * The cell to ask for over the view's box: the one for the zoom, doubled while the box would
 * hold more cells than the server answers. The box itself is asked as it is, so the counts are
 * of the observations in view (edge cells count only their part inside it).
 */
export function gridCell(bbox: Bbox, zoom: number): number {
  let cell = cellForZoom(zoom);
  while (cell < MAX_CELL && cellsOver(bbox, cell) > MAX_GRID_CELLS) cell *= 2;
  return cell;
}

/** The answer of GET /api/v1/observations/grid. */
export interface ObservationGrid {
  readonly type: 'FeatureCollection';
  readonly cellDegrees: number;
  readonly numberMatched: number;
  readonly features: readonly {
    readonly type: 'Feature';
    readonly id: string;
    readonly geometry: { readonly type: 'Point'; readonly coordinates: readonly number[] };
    readonly properties: {
      readonly count: number;
      readonly cell: readonly number[];
      readonly events: Readonly<Record<string, number>>;
    };
  }[];
}

/** A grid cell as the map draws it: flat properties (MapLibre stringifies nested ones). */
export interface MapGridCell {
  readonly id: string;
  readonly count: number;
  readonly west: number;
  readonly south: number;
  readonly east: number;
  readonly north: number;
}

export function toGridMapCollection(grid: ObservationGrid): FeatureCollection<Point, MapGridCell> {
  return {
    type: 'FeatureCollection',
    features: grid.features.map((f): Feature<Point, MapGridCell> => ({
      type: 'Feature',
      geometry: {
        type: 'Point',
        coordinates: [f.geometry.coordinates[0]!, f.geometry.coordinates[1]!],
      },
      properties: {
        id: f.id,
        count: f.properties.count,
        west: f.properties.cell[0]!,
        south: f.properties.cell[1]!,
        east: f.properties.cell[2]!,
        north: f.properties.cell[3]!,
      },
    })),
  };
}

/** How many observations of each kind the grid counted. */
export function gridCountByEvent(grid: ObservationGrid): Partial<Record<EventKind, number>> {
  const out: Partial<Record<string, number>> = {};
  for (const f of grid.features)
    for (const [k, n] of Object.entries(f.properties.events)) out[k] = (out[k] ?? 0) + n;
  return out as Partial<Record<EventKind, number>>;
}
