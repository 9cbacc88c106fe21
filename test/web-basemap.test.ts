import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { FeatureCollection, Geometry } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { describe, expect, it } from 'vitest';
import {
  buildBasemap,
  countryAt,
  RUSSIA_ID,
  UKRAINE_ID,
  withCrimeaInUkraine,
} from '../web/scripts/basemap.js';

/**
 * The shipped basemap shows internationally recognised borders (UN GA resolution 68/262):
 * world-atlas (Natural Earth, de facto edition) puts Crimea in Russia; web/scripts/basemap.ts
 * moves it to Ukraine. Issue 8.
 */
const require = createRequire(import.meta.url);
const source = JSON.parse(
  readFileSync(require.resolve('world-atlas/countries-50m.json'), 'utf8'),
) as Topology;
const { countries, borders } = buildBasemap(source);
const SHIPPED = join(import.meta.dirname, '..', 'web', 'public', 'basemap');

const PLACES: [place: string, lonLat: [number, number], countryId: string | null][] = [
  ['Simferopol', [34.1, 44.95], UKRAINE_ID],
  ['Sevastopol', [33.52, 44.6], UKRAINE_ID],
  ['Kerch', [36.47, 45.36], UKRAINE_ID],
  ['Armiansk (Perekop isthmus)', [33.69, 46.11], UKRAINE_ID],
  ['Kyiv', [30.52, 50.45], UKRAINE_ID],
  ['Kharkiv', [36.23, 49.99], UKRAINE_ID],
  ['Moscow', [37.62, 55.75], RUSSIA_ID],
  ['Taman peninsula, east of the Kerch strait', [36.72, 45.21], RUSSIA_ID],
  ['Temryuk', [37.38, 45.27], RUSSIA_ID],
  ['the Kerch strait (water)', [36.58, 45.25], null],
];

describe('basemap: Crimea in Ukraine (UN GA resolution 68/262)', () => {
  it.each(PLACES)('places %s in the right country', (_place, at, id) => {
    expect(countryAt(countries, at)?.id ?? null).toBe(id);
  });

  it('the source data does draw Crimea in Russia (so the correction is needed and does something)', () => {
    const raw = buildBasemapWithoutCorrection(source);
    expect(countryAt(raw, [34.1, 44.95])?.id).toBe(RUSSIA_ID);
  });

  it('dissolves the old Perekop and Chonhar line: Crimea and the mainland are one polygon, no border drawn in Crimea or across the Kerch strait', () => {
    const ua = countries.features.find((f) => f.properties.id === UKRAINE_ID)!;
    expect(ua.geometry.type).toBe('MultiPolygon');
    const polygons = ua.geometry.type === 'MultiPolygon' ? ua.geometry.coordinates : [];
    const holding = (p: [number, number]) =>
      polygons.findIndex((poly) =>
        countryAt(
          {
            type: 'FeatureCollection',
            features: [{ ...ua, geometry: { type: 'Polygon', coordinates: poly } }],
          },
          p,
        ),
      );
    expect(holding([34.1, 44.95])).toBe(holding([30.52, 50.45]));
    // Every border vertex between 32.5°E–37°E and 44°N–46.4°N would be a border drawn in Crimea,
    // at its neck, or across the strait; the Ukraine–Russia land border ends at Taganrog bay.
    const inCrimeaBox = borders.features[0]!.geometry.coordinates.flat().filter(
      ([x, y]) => x! > 32.5 && x! < 37 && y! > 44 && y! < 46.4,
    );
    expect(inCrimeaBox).toEqual([]);
  });

  it('keeps every other country as it was', () => {
    const names = countries.features.map((f) => f.properties.name);
    expect(names).toEqual(
      expect.arrayContaining(['Ukraine', 'Russia', 'Poland', 'Georgia', 'Turkey']),
    );
    expect(new Set(names).size).toBeGreaterThan(200);
  });

  it('refuses a topology where no Russia polygon contains Simferopol or Sevastopol', () => {
    const fixedOnce = withCrimeaInUkraine(source);
    expect(() => withCrimeaInUkraine(fixedOnce)).toThrow(/Simferopol or Sevastopol/);
  });

  it.skipIf(!existsSync(join(SHIPPED, 'countries.geojson')))(
    'the shipped files in web/public/basemap are up to date with the build script',
    () => {
      expect(JSON.parse(readFileSync(join(SHIPPED, 'countries.geojson'), 'utf8'))).toEqual(
        countries,
      );
      expect(JSON.parse(readFileSync(join(SHIPPED, 'borders.geojson'), 'utf8'))).toEqual(borders);
    },
  );
});

/** world-atlas as it comes: each country's geometry with its ISO numeric id, no correction. */
function buildBasemapWithoutCorrection(topology: Topology): typeof countries {
  const raw = feature(
    topology,
    topology.objects.countries as GeometryCollection,
  ) as FeatureCollection<Geometry, unknown>;
  return {
    type: 'FeatureCollection',
    features: raw.features.map((f) => ({ ...f, properties: { id: String(f.id), name: '' } })),
  };
}
