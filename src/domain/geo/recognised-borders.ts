/**
 * Internationally recognised borders on Natural Earth data. Natural Earth as packaged in
 * world-atlas draws Crimea inside Russia (its de facto edition); Truceline follows UN General
 * Assembly resolution 68/262 (2014). The correction is made on the topology (shared arcs), so it is
 * exact: the Russia polygon(s) containing Simferopol or Sevastopol move into Ukraine's geometry,
 * and a mesh of arcs between different countries then draws no border at Perekop. One function
 * for every map: the dashboard's shipped basemap (web/scripts/basemap.ts) and the report's SVG
 * map (src/reports/svg/basemap.ts).
 */
import { feature } from 'topojson-client';
import type {
  GeometryCollection,
  GeometryObject,
  MultiPolygon,
  Polygon,
  Topology,
} from 'topojson-specification';
import type { LonLat, MultiPolygonCoords } from '../units.js';
import { multiPolygonContains } from './point-in-polygon.js';

/** ISO 3166-1 numeric codes, as world-atlas gives them in `id`. */
export const UKRAINE_ID = '804';
export const RUSSIA_ID = '643';
/** [lon, lat] of the places that identify Crimea in the source data. */
export const SIMFEROPOL: LonLat = [34.1, 44.95];
export const SEVASTOPOL: LonLat = [33.52, 44.6];

type CountryObject = GeometryObject<{ name: string }> & { id?: string | number };

/**
 * A copy of the topology whose Russia polygons around Simferopol/Sevastopol belong to Ukraine.
 * Throws when the source no longer has what the correction relies on (a `countries` collection,
 * Russia as a MultiPolygon with a polygon round Simferopol or Sevastopol, a Ukraine geometry): a
 * silent no-op would ship or print the wrong border.
 */
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
  const crimea = ruPolygons.filter((arcs) => {
    const rings = (
      feature(topology, { type: 'Polygon', arcs } as Polygon).geometry as unknown as {
        coordinates: MultiPolygonCoords[number];
      }
    ).coordinates;
    return multiPolygonContains(SIMFEROPOL, [rings]) || multiPolygonContains(SEVASTOPOL, [rings]);
  });
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
