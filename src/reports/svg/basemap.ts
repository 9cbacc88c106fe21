/**
 * Land and borders under the report map: Natural Earth 1:50m countries from the `world-atlas`
 * package (TopoJSON), read once per process.
 *
 * Natural Earth as packaged there draws Crimea inside Russia. The report follows UN General
 * Assembly resolution 68/262 (2014), as the dashboard's basemap does (web/scripts/basemap.ts):
 * the Russia polygons that contain Simferopol or Sevastopol are moved into Ukraine's geometry
 * on the topology (shared arcs), before any conversion, and the borders are the arcs shared by
 * two different countries of the corrected topology, so no line is drawn at Perekop.
 * The dashboard's module lives outside src/ (the server build does not compile it), hence this
 * twin; both are tested on the same points.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { feature, mesh } from 'topojson-client';
import type {
  GeometryCollection,
  GeometryObject,
  MultiPolygon,
  Polygon,
  Topology,
} from 'topojson-specification';
import type { MultiLineString, Position } from 'geojson';

export const UKRAINE_ID = '804';
export const RUSSIA_ID = '643';
/** [lon, lat] of the places that identify Crimea in the source data. */
export const SIMFEROPOL: Position = [34.1, 44.95];
export const SEVASTOPOL: Position = [33.52, 44.6];

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

/**
 * A copy of the topology whose Russia polygons around Simferopol/Sevastopol belong to Ukraine.
 * Throws when the source no longer has what the correction relies on: a silent no-op would
 * print the wrong border in a published report.
 */
export function withCrimeaInUkraine(topology: Topology): Topology {
  const collection = topology.objects.countries as GeometryCollection<{ name: string }> | undefined;
  if (!collection || collection.type !== 'GeometryCollection')
    throw new Error('world-atlas topology has no "countries" GeometryCollection');
  const geometries = collection.geometries as CountryObject[];
  const ru = geometries.find((g) => String(g.id) === RUSSIA_ID);
  const ua = geometries.find((g) => String(g.id) === UKRAINE_ID);
  if (!ru || ru.type !== 'MultiPolygon')
    throw new Error(
      `expected Russia (id ${RUSSIA_ID}) as a MultiPolygon, got ${ru?.type ?? 'nothing'}`,
    );
  if (!ua || (ua.type !== 'Polygon' && ua.type !== 'MultiPolygon'))
    throw new Error(
      `expected Ukraine (id ${UKRAINE_ID}) as a Polygon or MultiPolygon, got ${ua?.type ?? 'nothing'}`,
    );
  const ruPolygons = (ru as MultiPolygon).arcs;
  const crimea = ruPolygons.filter((arcs) => {
    const rings = (
      feature(topology, { type: 'Polygon', arcs } as Polygon).geometry as GeoJSON.Polygon
    ).coordinates;
    return ringsContain(rings, SIMFEROPOL) || ringsContain(rings, SEVASTOPOL);
  });
  if (crimea.length === 0)
    throw new Error('no Russia polygon contains Simferopol or Sevastopol: the source data changed');
  const uaPolygons = ua.type === 'Polygon' ? [(ua as Polygon).arcs] : (ua as MultiPolygon).arcs;
  const geometriesFixed = geometries.map((g) => {
    if (g === ru) return { ...ru, arcs: ruPolygons.filter((p) => !crimea.includes(p)) };
    if (g === ua) return { ...ua, type: 'MultiPolygon', arcs: [...uaPolygons, ...crimea] };
    return g;
  });
  return {
    ...topology,
    objects: {
      ...topology.objects,
      countries: { ...collection, geometries: geometriesFixed } as GeometryCollection,
    },
  };
}

/** Planar even-odd test of a [lon, lat] point against rings (outer first, then holes). */
export function ringsContain(rings: readonly (readonly Position[])[], [x, y]: Position): boolean {
  let inside = false;
  for (const ring of rings)
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i] as [number, number];
      const [xj, yj] = ring[j] as [number, number];
      if (yi > y! !== yj > y! && x! < ((xj - xi) * (y! - yi)) / (yj - yi) + xi) inside = !inside;
    }
  return inside;
}

/** The country containing a [lon, lat] point, or null (sea). */
export function countryAt(basemap: Basemap, point: Position): Country | null {
  return basemap.countries.find((c) => c.polygons.some((p) => ringsContain(p, point))) ?? null;
}
