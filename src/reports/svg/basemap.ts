/**
 * Land and borders under the report map: Natural Earth 1:50m countries from the `world-atlas`
 * package (TopoJSON), read once per process.
 *
 * Borders are the internationally recognised ones, corrected on the topology by the same function
 * as the dashboard's basemap (src/domain/geo/recognised-borders.ts), before any conversion; the
 * borders drawn are the arcs shared by two different countries of the corrected topology, so no
 * line is drawn at Perekop.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { feature, mesh } from 'topojson-client';
import { multiPolygonContains } from '../../domain/geo/point-in-polygon.js';
import { withCrimeaInUkraine } from '../../domain/geo/recognised-borders.js';
import type { LonLat, MultiPolygonCoords } from '../../domain/units.js';
import type { GeometryCollection, GeometryObject, Topology } from 'topojson-specification';
import type { MultiLineString, Position } from 'geojson';

export {
  RUSSIA_ID,
  SEVASTOPOL,
  SIMFEROPOL,
  UKRAINE_ID,
  withCrimeaInUkraine,
} from '../../domain/geo/recognised-borders.js';

/** A country as the map draws it: ISO 3166-1 numeric id and polygons of [lon, lat] rings. */
export interface Country {
  readonly id: string;
  readonly name: string;
  readonly polygons: readonly (readonly (readonly Position[])[])[];
  /** [minLon, minLat, maxLon, maxLat] of each polygon's outer ring, to skip what a map does not show. */
  readonly boxes: readonly (readonly [number, number, number, number])[];
}

export interface Basemap {
  readonly countries: readonly Country[];
  /** Land borders: lines shared by two different countries. */
  readonly borders: readonly (readonly Position[])[];
  readonly borderBoxes: readonly (readonly [number, number, number, number])[];
}

type CountryObject = GeometryObject<{ name: string }> & { id?: string | number };

let cached: Basemap | null = null;

/** The corrected Natural Earth basemap (read and converted on first use, then kept). */
export function naturalEarthBasemap(): Basemap {
  if (!cached) {
    const require = createRequire(import.meta.url);
    const file = require.resolve('world-atlas/countries-50m.json');
    cached = basemapFromTopology(JSON.parse(readFileSync(file, 'utf8')) as Topology);
  }
  return cached;
}

/** Converts a world-atlas topology, with Crimea in Ukraine. */
export function basemapFromTopology(topology: Topology): Basemap {
  const fixed = withCrimeaInUkraine(topology);
  const collection = fixed.objects.countries as GeometryCollection<{ name: string }>;
  const countries: Country[] = [];
  for (const g of collection.geometries as CountryObject[]) {
    if (g.type !== 'Polygon' && g.type !== 'MultiPolygon') continue;
    const geometry = (feature(fixed, g) as GeoJSON.Feature).geometry as
      GeoJSON.Polygon | GeoJSON.MultiPolygon;
    const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
    countries.push({
      id: String(g.id ?? ''),
      name: g.properties?.name ?? '',
      polygons,
      boxes: polygons.map((rings) => boxOf(rings[0] ?? [])),
    });
  }
  const borders = (mesh(fixed, collection, (a, b) => a !== b) as MultiLineString).coordinates;
  return { countries, borders, borderBoxes: borders.map(boxOf) };
}

/** Whether two [minLon, minLat, maxLon, maxLat] boxes overlap. */
export function boxesOverlap(a: readonly number[], b: readonly number[]): boolean {
  return a[0]! <= b[2]! && b[0]! <= a[2]! && a[1]! <= b[3]! && b[1]! <= a[3]!;
}

function boxOf(points: readonly Position[]): [number, number, number, number] {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of points) {
    if (x! < minX) minX = x!;
    if (x! > maxX) maxX = x!;
    if (y! < minY) minY = y!;
    if (y! > maxY) maxY = y!;
  }
  return [minX, minY, maxX, maxY];
}

/** The country containing a [lon, lat] point, or null (sea). */
export function countryAt(basemap: Basemap, point: LonLat): Country | null {
  return (
    basemap.countries.find((c) =>
      multiPolygonContains(point, c.polygons as unknown as MultiPolygonCoords),
    ) ?? null
  );
}
