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
 * The work is done on the topology (shared arcs), not on coordinates, so the merge is exact:
 * no slivers, no gaps. Pure: the caller reads the TopoJSON and writes the output.
 */
import { feature, merge, mesh } from 'topojson-client';
import type {
  GeometryCollection,
  GeometryObject,
  MultiPolygon,
  Polygon,
  Topology,
} from 'topojson-specification';
import type { Feature, FeatureCollection, Geometry, MultiLineString, Position } from 'geojson';

/** ISO 3166-1 numeric codes, as world-atlas gives them in `id`. */
export const UKRAINE_ID = '804';
export const RUSSIA_ID = '643';

/** [lon, lat] of the places that identify Crimea in the source data. */
export const SIMFEROPOL: Position = [34.1, 44.95];
export const SEVASTOPOL: Position = [33.52, 44.6];

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

/** A copy of the topology whose Russia polygons around Simferopol/Sevastopol belong to Ukraine. */
export function withCrimeaInUkraine(topology: Topology): Topology {
  const countries = topology.objects.countries as GeometryCollection<{ name: string }> | undefined;
  if (!countries || countries.type !== 'GeometryCollection')
    throw new Error('world-atlas topology has no "countries" GeometryCollection');
  const geometries = countries.geometries as CountryObject[];
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
  const isCrimea = (arcs: number[][]): boolean => {
    const g = feature(topology, { type: 'Polygon', arcs } as Polygon).geometry as GeoJSON.Polygon;
    return polygonContains(g.coordinates, SIMFEROPOL) || polygonContains(g.coordinates, SEVASTOPOL);
  };
  const crimea = ruPolygons.filter(isCrimea);
  if (crimea.length === 0)
    throw new Error(
      'no Russia polygon contains Simferopol or Sevastopol: the source data changed, check the correction',
    );
  const uaPolygons = ua.type === 'Polygon' ? [(ua as Polygon).arcs] : (ua as MultiPolygon).arcs;

  const replaced = geometries.map((g) => {
    if (g === ru) return { ...ru, arcs: ruPolygons.filter((p) => !crimea.includes(p)) };
    if (g === ua) return { ...ua, type: 'MultiPolygon', arcs: [...uaPolygons, ...crimea] };
    return g;
  });
  return {
    ...topology,
    objects: {
      ...topology.objects,
      countries: { ...countries, geometries: replaced } as GeometryCollection,
    },
  };
}

/** Planar even-odd test on [lon, lat] rings (outer ring first, then holes). */
export function polygonContains(
  rings: readonly (readonly Position[])[],
  [x, y]: Position,
): boolean {
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i]!;
      const [xj, yj] = ring[j]!;
      if (yi! > y! !== yj! > y! && x! < ((xj! - xi!) * (y! - yi!)) / (yj! - yi!) + xi!)
        inside = !inside;
    }
  }
  return inside;
}

/** The country whose geometry contains the point, or null (sea). */
export function countryAt(
  countries: FeatureCollection<Geometry, CountryProperties>,
  point: Position,
): CountryProperties | null {
  for (const f of countries.features) {
    const g = f.geometry;
    const polygons =
      g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
    if (polygons.some((p) => polygonContains(p, point))) return f.properties;
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
