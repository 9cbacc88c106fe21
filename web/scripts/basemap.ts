/**
 * The shipped basemap: Natural Earth 1:50m countries (world-atlas 2, TopoJSON) turned into the
 * GeoJSON the dashboard draws, with internationally recognised borders.
 *
 * Natural Earth as packaged in world-atlas draws Crimea inside Russia (its de facto edition).
 * Truceline follows UN General Assembly resolution 68/262 (2014): the Russia polygon(s) that
 * contain Simferopol or Sevastopol are moved into Ukraine's geometry and dissolved into it, so
 * the old arc at the Perekop isthmus and the Chonhar straits is no longer a border, and the
 * Ukraine–Russia boundary in the south runs through the Kerch strait (water, so no land border
 * is drawn there). Lines of contact and areas of control are mission data, drawn on top.
 *
 * The correction is src/domain/geo/recognised-borders.ts (shared with the report's map), done
 * on the topology (shared arcs), not on coordinates, so the merge is exact: no slivers, no gaps.
 * Pure: the caller reads the TopoJSON and writes the output.
 */
import { feature, merge, mesh } from 'topojson-client';
import { multiPolygonContains } from '../../src/domain/geo/point-in-polygon.js';
import { UKRAINE_ID, withCrimeaInUkraine } from '../../src/domain/geo/recognised-borders.js';
import type { LonLat, MultiPolygonCoords } from '../../src/domain/units.js';
import type {
  GeometryCollection,
  GeometryObject,
  MultiPolygon,
  Polygon,
  Topology,
} from 'topojson-specification';
import type { Feature, FeatureCollection, Geometry, MultiLineString, Position } from 'geojson';

export {
  RUSSIA_ID,
  SEVASTOPOL,
  SIMFEROPOL,
  UKRAINE_ID,
  withCrimeaInUkraine,
} from '../../src/domain/geo/recognised-borders.js';

export interface CountryProperties {
  readonly id: string;
  readonly name: string;
}

export interface Basemap {
  /** One feature per country, Polygon or MultiPolygon, properties `{id, name}`. */
  readonly countries: FeatureCollection<Geometry, CountryProperties>;
  /** Land borders between countries (arcs shared by two different countries). */
  readonly borders: FeatureCollection<MultiLineString>;
}

type CountryObject = GeometryObject<{ name: string }> & { id?: string | number };

/** Decimal places kept: world-atlas 50m is quantised to 0.0036° × 0.0017° (≈ 400 m × 190 m), so rounding to 0.001° (≤ 60 m) loses nothing the data had. */
const PLACES = 3;

/**
 * Builds the basemap from world-atlas `countries-50m.json`. Throws when the source no longer has
 * what the correction relies on (a Russia MultiPolygon with a polygon around Simferopol and
 * Sevastopol, a Ukraine geometry): a silent no-op would ship the wrong border.
 */
export function buildBasemap(topology: Topology): Basemap {
  const fixed = withCrimeaInUkraine(topology);
  const countries = fixed.objects.countries as GeometryCollection<{ name: string }>;
  const features: Feature<Geometry, CountryProperties>[] = [];
  for (const g of countries.geometries as CountryObject[]) {
    if (g.type !== 'Polygon' && g.type !== 'MultiPolygon') continue;
    const id = String(g.id ?? '');
    // merge() dissolves arcs shared within one geometry: Ukraine's mainland and Crimea become one polygon.
    const geometry =
      id === UKRAINE_ID
        ? merge(fixed, [g as Polygon | MultiPolygon])
        : (feature(fixed, g) as Feature<Geometry>).geometry;
    features.push({
      type: 'Feature',
      properties: { id, name: g.properties?.name ?? '' },
      geometry: roundGeometry(geometry),
    });
  }
  const borders = mesh(fixed, countries, (a, b) => a !== b);
  return {
    countries: { type: 'FeatureCollection', features },
    borders: {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: {}, geometry: roundGeometry(borders) as MultiLineString },
      ],
    },
  };
}

/** The country whose geometry contains the point, or null (sea). */
export function countryAt(
  countries: FeatureCollection<Geometry, CountryProperties>,
  point: LonLat,
): CountryProperties | null {
  for (const f of countries.features) {
    const g = f.geometry;
    const polygons =
      g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
    if (multiPolygonContains(point, polygons as unknown as MultiPolygonCoords)) return f.properties;
  }
  return null;
}

function round(v: number): number {
  const k = 10 ** PLACES;
  return Math.round(v * k) / k;
}

function roundGeometry<G extends Geometry>(g: G): G {
  const pos = (p: Position): Position => [round(p[0]!), round(p[1]!)];
  const line = (l: Position[]): Position[] => {
    const out: Position[] = [];
    for (const p of l.map(pos)) {
      const last = out[out.length - 1];
      if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
    }
    return out;
  };
  // A ring that rounding collapses below 4 positions is dropped (a polygon with it, if outer).
  const polygon = (rings: Position[][]): Position[][] => {
    const out = rings.map(line);
    return out[0] && out[0].length >= 4 ? out.filter((r) => r.length >= 4) : [];
  };
  switch (g.type) {
    case 'Polygon':
      return { ...g, coordinates: polygon(g.coordinates) };
    case 'MultiPolygon':
      return { ...g, coordinates: g.coordinates.map(polygon).filter((p) => p.length > 0) };
    case 'MultiLineString':
      return { ...g, coordinates: g.coordinates.map(line) };
    case 'LineString':
      return { ...g, coordinates: line(g.coordinates) };
    default:
      return g;
  }
}
