import { describe, expect, it } from 'vitest';
import type { LonLat } from '../units.js';
import { inverse } from './inverse.js';
import { lineLength } from './line-length.js';
import { validationPaths } from './test-support/validation-paths.js';

describe('lineLength', () => {
  it('gives the WGS84 meridian arc from the equator to 1°N, 110,574.389 m', () => {
    expect(
      lineLength([
        [30, 0],
        [30, 1],
      ]),
    ).toBeCloseTo(110_574.389, 3);
  });

  it('sums the geodesic lengths of the segments', () => {
    const line: LonLat[] = [
      [37.5, 48.0],
      [37.9, 48.3],
      [38.4, 47.9],
      [39.0, 48.1],
    ];
    const expected = line
      .slice(1)
      .reduce((sum, p, i) => sum + inverse(line[i] as LonLat, p).distanceM, 0);
    expect(lineLength(line)).toBeCloseTo(expected, 6);
  });

  it('counts repeated positions as zero-length segments', () => {
    expect(
      lineLength([
        [0, 0],
        [0, 0],
        [1, 0],
      ]),
    ).toBeCloseTo((6378137 * Math.PI) / 180, 6);
  });

  it.each([
    { name: 'a single position', line: [[0, 0]], path: 'line' },
    {
      name: 'a bad position inside the line',
      line: [
        [0, 0],
        [0, 100],
      ],
      path: 'line[1][1]',
    },
    { name: 'a non-array', line: 'LINESTRING(0 0, 1 1)', path: 'line' },
  ])('rejects $name with VALIDATION', ({ line, path }) => {
    expect(validationPaths(() => lineLength(line as unknown as LonLat[]))).toContain(path);
  });
});
