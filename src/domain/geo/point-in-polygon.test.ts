import { describe, expect, it } from 'vitest';
import type { LonLat, MultiPolygonCoords, PolygonCoords, Ring } from '../units.js';
import { pointInPolygon } from './point-in-polygon.js';
import { validationPaths } from './test-support/validation-paths.js';

const square = (w: number, s: number, e: number, n: number): Ring => [
  [w, s],
  [e, s],
  [e, n],
  [w, n],
  [w, s],
];
const WITH_HOLE: PolygonCoords = [square(37, 47, 39, 49), square(37.5, 47.5, 38.5, 48.5)];
const TWO_PARTS: MultiPolygonCoords = [[square(30, 45, 31, 46)], WITH_HOLE];

describe('pointInPolygon', () => {
  it.each([
    { where: 'inside the outer ring, outside the hole', p: [37.2, 47.2], inside: true },
    { where: 'inside the hole', p: [38, 48], inside: false },
    { where: 'outside everything', p: [36, 48], inside: false },
    { where: 'on the outer edge', p: [37, 48], inside: true },
    { where: 'on an outer vertex', p: [39, 49], inside: true },
    { where: 'on the hole edge', p: [37.5, 48], inside: true },
    { where: 'level with a vertex, outside', p: [36, 47], inside: false },
  ])('says $inside for a point $where (Polygon)', ({ p, inside }) => {
    expect(pointInPolygon(p as unknown as LonLat, WITH_HOLE)).toBe(inside);
  });

  it.each([
    { where: 'in the first polygon', p: [30.5, 45.5], inside: true },
    { where: 'in the second polygon', p: [38.9, 48.9], inside: true },
    { where: "in the second polygon's hole", p: [38, 48], inside: false },
    { where: 'between the polygons', p: [34, 47], inside: false },
  ])('says $inside for a point $where (MultiPolygon)', ({ p, inside }) => {
    expect(pointInPolygon(p as unknown as LonLat, TWO_PARTS)).toBe(inside);
  });

  it('handles a concave ring and either winding', () => {
    const notch: Ring = [
      [0, 0],
      [4, 0],
      [4, 4],
      [2, 1],
      [0, 4],
      [0, 0],
    ];
    expect(pointInPolygon([2, 3], [notch])).toBe(false);
    expect(pointInPolygon([2, 0.5], [notch])).toBe(true);
    expect(pointInPolygon([2, 0.5], [[...notch].reverse()])).toBe(true);
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
    { name: 'a non-array', polygon: null, path: 'polygon' },
  ])('rejects $name with VALIDATION', ({ polygon, path }) => {
    expect(
      validationPaths(() => pointInPolygon([0, 0], polygon as unknown as PolygonCoords)),
    ).toContain(path);
  });
});
