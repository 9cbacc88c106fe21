import { describe, expect, it } from 'vitest';
import type { LonLat, MultiPolygonCoords, PolygonCoords, Ring } from '../units.js';
import { WGS84 } from './ellipsoid.js';
import { polygonArea } from './polygon-area.js';
import { validationPaths } from './test-support/validation-paths.js';

function cell(west: number, south: number, east: number, north: number): Ring {
  return [
    [west, south],
    [east, south],
    [east, north],
    [west, north],
    [west, south],
  ];
}

/** GeographicLib's PolygonArea straight, km², for comparison. */
function geographicLibAreaKm2(ring: Ring): number {
  const p = WGS84.Polygon(false);
  for (const [lon, lat] of ring.slice(0, -1)) p.AddPoint(lat, lon);
  return Math.abs(p.Compute(false, true).area ?? Number.NaN) / 1e6;
}

describe('polygonArea', () => {
  it("gives the area of GeographicLib's Planimeter test diamond around (0, 0), 24,619.419146 km²", () => {
    const diamond: PolygonCoords = [
      [
        [-1, 0],
        [0, -1],
        [1, 0],
        [0, 1],
        [-1, 0],
      ],
    ];
    expect(polygonArea(diamond)).toBeCloseTo(24_619.419146, 5);
  });

  it('matches GeographicLib PolygonArea for a 1°×1° cell at 48°N (8,217.59 km²)', () => {
    const ring = cell(37, 48, 38, 49);
    const area = polygonArea([ring]);
    expect(area).toBeCloseTo(geographicLibAreaKm2(ring), 9);
    expect(area).toBeCloseTo(8_217.59, 2);
  });

  it('gives the same area whichever way the ring is wound', () => {
    const ring = cell(37, 48, 38, 49);
    expect(polygonArea([[...ring].reverse()])).toBeCloseTo(polygonArea([ring]), 9);
  });

  it('subtracts holes', () => {
    const outer = cell(37, 48, 38, 49);
    const hole = cell(37.25, 48.25, 37.75, 48.75);
    expect(polygonArea([outer, hole])).toBeCloseTo(polygonArea([outer]) - polygonArea([hole]), 6);
  });

  it('sums the polygons of a MultiPolygon', () => {
    const a = cell(37, 48, 38, 49);
    const b = cell(39, 48, 40, 49);
    const multi: MultiPolygonCoords = [[a], [b]];
    expect(polygonArea(multi)).toBeCloseTo(polygonArea([a]) + polygonArea([b]), 6);
  });

  it('is unchanged by moving a polygon across the antimeridian (split there per RFC 7946)', () => {
    const multi: MultiPolygonCoords = [[cell(179.5, 10, 180, 11)], [cell(-180, 10, -179.5, 11)]];
    const sameShape: MultiPolygonCoords = [[cell(9.5, 10, 10, 11)], [cell(10, 10, 10.5, 11)]];
    expect(polygonArea(multi)).toBeCloseTo(polygonArea(sameShape), 6);
  });

  it.each([
    {
      name: 'an unclosed ring',
      polygon: [
        [
          [0, 0],
          [1, 0],
          [1, 1],
          [0, 1],
        ],
      ],
      path: 'polygon[0]',
    },
    {
      name: 'a ring of three positions',
      polygon: [
        [
          [0, 0],
          [1, 0],
          [0, 0],
        ],
      ],
      path: 'polygon[0]',
    },
    {
      name: 'a bad latitude in a MultiPolygon',
      polygon: [
        [
          [
            [0, 0],
            [1, 0],
            [1, 99],
            [0, 0],
          ],
        ],
      ],
      path: 'polygon[0][0][2][1]',
    },
    { name: 'an empty array', polygon: [], path: 'polygon' },
  ])('rejects $name with VALIDATION', ({ polygon, path }) => {
    expect(validationPaths(() => polygonArea(polygon as unknown as PolygonCoords))).toContain(path);
  });

  it('names a ring that is not closed, with both ends, in the message', () => {
    const open = [
      [
        [0, 0],
        [1, 0],
        [1, 1],
        [0, 1],
      ],
    ] as unknown as LonLat[][];
    expect(() => polygonArea(open)).toThrow(
      /ring is not closed: first \[0,0\] differs from last \[0,1\]/,
    );
  });
});
