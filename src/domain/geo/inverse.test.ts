import { describe, expect, it } from 'vitest';
import { TrucelineError } from '../errors.js';
import { validationPaths } from './test-support/validation-paths.js';
import type { LonLat } from '../units.js';
import { inverse } from './inverse.js';

// Rows of Karney's GeodTest set (as shipped in geographiclib-geodesic's own tests):
// lat1, lon1, azi1, lat2, lon2, azi2, s12 (metres). Azimuths there are in [-180, 180].
const GEODTEST: readonly (readonly number[])[] = [
  [
    35.60777, -139.44815, 111.098748429560326, -11.17491, -69.95921, 129.289270889708762,
    8935244.5604818305,
  ],
  [
    55.52454, 106.05087, 22.020059880982801, 77.03196, 197.18234, 109.112041110671519,
    4105086.1713924406,
  ],
  [
    -21.97856, 142.59065, -32.44456876433189, 41.84138, 98.56635, -41.84359951440466,
    8394328.894657671,
  ],
  [
    -66.99028, 112.2363, 173.73491240878403, -12.70631, 285.90344, 2.512956620913668,
    11150344.2312080241,
  ],
  [
    -50.56724, -16.30485, -105.439679907590164, -33.56571, -94.97412, -47.348547835650331,
    6455670.5118668696,
  ],
  [
    -19.79938, -174.47484, 71.167275780171533, -11.99349, -154.35109, 65.589099775199228,
    2319004.8601169389,
  ],
];

const wrapLon = (lon: number): number => ((((lon + 180) % 360) + 360) % 360) - 180;
const to360 = (deg: number): number => ((deg % 360) + 360) % 360;

describe('inverse', () => {
  it.each(GEODTEST.map((row, i) => [i, row] as const))(
    'matches GeodTest row %i to 1 µm and 1e-9°',
    (_i, row) => {
      const [lat1, lon1, azi1, lat2, lon2, azi2, s12] = row as [
        number,
        number,
        number,
        number,
        number,
        number,
        number,
      ];
      const r = inverse([lon1, lat1], [wrapLon(lon2), lat2]);
      expect(Math.abs(r.distanceM - s12)).toBeLessThan(1e-6);
      expect(Math.abs(r.azimuth1Deg - to360(azi1))).toBeLessThan(1e-9);
      expect(Math.abs(r.azimuth2Deg - to360(azi2))).toBeLessThan(1e-9);
    },
  );

  it.each([
    // GeographicLib documentation examples.
    {
      name: 'JFK to LHR',
      a: [-73.8, 40.6],
      b: [-0.5, 51.6],
      s12: 5551759.400319,
      azi1: 51.198882845579824,
      azi2: 107.821776735514248,
    },
    {
      name: 'Wellington to Salamanca',
      a: [174.81, -41.32],
      b: [-5.5, 40.96],
      s12: 19959679.267,
      azi1: null,
      azi2: null,
    },
    // One degree of the equator is a·π/180; the equator is a geodesic at this length.
    {
      name: 'one degree along the equator',
      a: [0, 0],
      b: [1, 0],
      s12: (6378137 * Math.PI) / 180,
      azi1: 90,
      azi2: 90,
    },
  ])('gives the published answer for $name', ({ a, b, s12, azi1, azi2 }) => {
    const r = inverse(a as unknown as LonLat, b as unknown as LonLat);
    expect(Math.abs(r.distanceM - s12)).toBeLessThan(1e-3);
    if (azi1 !== null) expect(r.azimuth1Deg).toBeCloseTo(azi1, 9);
    if (azi2 !== null) expect(r.azimuth2Deg).toBeCloseTo(azi2, 9);
  });

  it('reports azimuths in [0, 360), so a south-westerly course is above 180', () => {
    const r = inverse([37.8, 48.0], [37.7, 47.9]);
    expect(r.azimuth1Deg).toBeGreaterThan(180);
    expect(r.azimuth1Deg).toBeLessThan(270);
    expect(r.azimuth2Deg).toBeGreaterThanOrEqual(0);
    expect(r.azimuth2Deg).toBeLessThan(360);
  });

  it('reports due north as 0, not 360', () => {
    expect(inverse([30, 10], [30, 11]).azimuth1Deg).toBe(0);
  });

  it('gives distance 0 between identical points', () => {
    expect(inverse([37.8, 48.0], [37.8, 48.0]).distanceM).toBe(0);
  });

  it('is symmetric in distance and reverses azimuths', () => {
    const ab = inverse([37.8, 48.0], [39.1, 47.2]);
    const ba = inverse([39.1, 47.2], [37.8, 48.0]);
    expect(ba.distanceM).toBeCloseTo(ab.distanceM, 6);
    expect(to360(ba.azimuth1Deg - ab.azimuth2Deg)).toBeCloseTo(180, 9);
  });

  it.each([
    { name: 'a latitude above 90', a: [0, 95], b: [0, 0], path: 'a[1]' },
    { name: 'a longitude below -180', a: [0, 0], b: [-181, 0], path: 'b[0]' },
    { name: 'a NaN', a: [Number.NaN, 0], b: [0, 0], path: 'a[0]' },
    { name: 'a non-array', a: { lat: 1, lon: 2 }, b: [0, 0], path: 'a' },
  ])('rejects $name with VALIDATION naming the field', ({ a, b, path }) => {
    expect(
      validationPaths(() => inverse(a as unknown as LonLat, b as unknown as LonLat)),
    ).toContain(path);
  });

  it('names every bad argument in one error', () => {
    try {
      inverse([200, 0], [0, -100]);
      throw new Error('expected a throw');
    } catch (e) {
      expect((e as TrucelineError).issues.map((i) => i.path)).toEqual(['a[0]', 'b[1]']);
      expect((e as Error).message).toMatch(/longitude must be a number in \[-180, 180\], got 200/);
    }
  });
});
