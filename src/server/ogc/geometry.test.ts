import { describe, expect, test } from 'vitest';
import { bboxOf, intersectsBbox, type Geometry } from './geometry.js';
import type { QueryBbox } from './params.js';

const box = (west: number, south: number, east: number, north: number): QueryBbox => ({ west, south, east, north });
const square: Geometry = { type: 'Polygon', coordinates: [[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]], [[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]]] };
const line: Geometry = { type: 'LineString', coordinates: [[0, 0], [10, 10]] };

describe('intersectsBbox', () => {
  test.each([
    ['a polygon whose edge crosses the box', square, box(-1, 5, 1, 6), true],
    ['a polygon holding the whole box', square, box(1, 1, 2, 2), true],
    ['a box inside the polygon\'s hole', square, box(4.5, 4.5, 5.5, 5.5), false],
    ['a box beside the polygon', square, box(11, 0, 12, 1), false],
    ['a line passing through the box without a vertex in it', line, box(4, 4, 6, 6), true],
    ['a line passing by the box', line, box(6, 0, 9, 3), false],
    ['a point on the box edge', { type: 'Point', coordinates: [5, 5] } as Geometry, box(5, 0, 6, 5), true],
    ['a point across the antimeridian', { type: 'Point', coordinates: [-179, 0] } as Geometry, box(170, -1, -170, 1), true],
    ['a polygon away from a box across the antimeridian', square, box(170, -1, -170, 1), false],
    ['a multipolygon whose second part is in the box', { type: 'MultiPolygon', coordinates: [[[[20, 20], [21, 20], [21, 21], [20, 20]]], square.coordinates] } as Geometry, box(1, 1, 2, 2), true],
  ])('%s: %s', (_name, g, b, want) => {
    expect(intersectsBbox(g, b)).toBe(want);
  });
});

describe('bboxOf', () => {
  test('spans every position of every geometry, and is null for none', () => {
    expect(bboxOf([square, { type: 'Point', coordinates: [-3, 12] }])).toEqual([-3, 0, 10, 12]);
    expect(bboxOf([])).toBeNull();
  });
});
