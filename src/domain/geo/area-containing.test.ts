import { describe, expect, it } from 'vitest';
import type { LonLat, PolygonCoords } from '../units.js';
import { areaContaining } from './area-containing.js';
import { validationPaths } from './test-support/validation-paths.js';

// Two sides sharing a border along 38°E, the northern half of the west side a MultiPolygon.
const AREAS = {
  west: [
    [
      [
        [36, 47],
        [38, 47],
        [38, 48],
        [36, 48],
        [36, 47],
      ],
    ],
    [
      [
        [36, 48],
        [38, 48],
        [38, 49],
        [36, 49],
        [36, 48],
      ],
    ],
  ],
  east: [
    [
      [38, 47],
      [40, 47],
      [40, 49],
      [38, 49],
      [38, 47],
    ],
  ],
} as const;

describe('areaContaining', () => {
  it.each([
    { where: 'in the east', p: [39, 48], key: 'east' },
    { where: "in the west's first polygon", p: [37, 47.5], key: 'west' },
    { where: "in the west's second polygon", p: [37, 48.5], key: 'west' },
    { where: 'outside both', p: [41, 48], key: null },
    {
      where: 'on the shared border (lowest key in code-unit order wins)',
      p: [38, 47.5],
      key: 'east',
    },
  ])('returns $key for a point $where', ({ p, key }) => {
    expect(
      areaContaining(p as unknown as LonLat, AREAS as unknown as Record<string, PolygonCoords>),
    ).toBe(key);
  });

  it('does not depend on the order the record was built in', () => {
    const reordered = { east: AREAS.east, west: AREAS.west };
    expect(areaContaining([38, 47.5], reordered as unknown as Record<string, PolygonCoords>)).toBe(
      'east',
    );
  });

  it('returns null for no areas', () => {
    expect(areaContaining([0, 0], {})).toBeNull();
  });

  it('names the area whose coordinates are bad', () => {
    const bad = {
      good: AREAS.east,
      broken: [
        [
          [0, 0],
          [1, 0],
          [1, 1],
        ],
      ],
    };
    expect(
      validationPaths(() =>
        areaContaining([0, 0], bad as unknown as Record<string, PolygonCoords>),
      ),
    ).toEqual(['areas.broken[0]']);
  });
});
