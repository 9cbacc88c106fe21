import { describe, expect, it } from 'vitest';
import type { LonLat } from '../units.js';
import { sideOfLine } from './side-of-line.js';
import { validationPaths } from './test-support/validation-paths.js';

const NORTHWARD: LonLat[] = [
  [37.8, 47.5],
  [37.8, 48.5],
];
const SOUTHWARD: LonLat[] = [
  [37.8, 48.5],
  [37.8, 47.5],
];
const EASTWARD: LonLat[] = [
  [37.0, 48.0],
  [38.6, 48.0],
];
const WESTWARD: LonLat[] = [
  [38.6, 48.0],
  [37.0, 48.0],
];

describe('sideOfLine', () => {
  it.each([
    {
      line: 'northward',
      coords: NORTHWARD,
      p: [37.9, 48.0],
      side: 'right',
      why: 'east of a line walked north',
    },
    {
      line: 'northward',
      coords: NORTHWARD,
      p: [37.7, 48.0],
      side: 'left',
      why: 'west of a line walked north',
    },
    {
      line: 'southward',
      coords: SOUTHWARD,
      p: [37.9, 48.0],
      side: 'left',
      why: 'east of a line walked south',
    },
    {
      line: 'southward',
      coords: SOUTHWARD,
      p: [37.7, 48.0],
      side: 'right',
      why: 'west of a line walked south',
    },
    {
      line: 'eastward',
      coords: EASTWARD,
      p: [37.8, 48.1],
      side: 'left',
      why: 'north of a line walked east',
    },
    {
      line: 'eastward',
      coords: EASTWARD,
      p: [37.8, 47.9],
      side: 'right',
      why: 'south of a line walked east',
    },
    {
      line: 'westward',
      coords: WESTWARD,
      p: [37.8, 48.1],
      side: 'right',
      why: 'north of a line walked west',
    },
    {
      line: 'westward',
      coords: WESTWARD,
      p: [37.8, 47.9],
      side: 'left',
      why: 'south of a line walked west',
    },
  ])('puts a point $why on the $side', ({ coords, p, side }) => {
    expect(sideOfLine(p as unknown as LonLat, coords)).toBe(side);
  });

  it.each([
    { p: [37.81, 48.6], side: 'right', why: 'past the end, east of a northward line' },
    { p: [37.79, 47.4], side: 'left', why: 'before the start, west of a northward line' },
  ])('judges a point $why by the end segment continued: $side', ({ p, side }) => {
    expect(sideOfLine(p as unknown as LonLat, NORTHWARD)).toBe(side);
  });

  it('uses the geodesic, not the parallel: a point just north of 50°N midway along an eastward 0°E-60°E line at 50°N is south of it, so right', () => {
    const line: LonLat[] = [
      [0, 50],
      [60, 50],
    ];
    expect(sideOfLine([30, 50.5], line)).toBe('right');
    expect(sideOfLine([30, 56], line)).toBe('left');
  });

  it.each([
    {
      turn: 'left turn (east then north)',
      line: [
        [0, 0],
        [1, 0],
        [1, 1],
      ],
      side: 'right',
    },
    {
      turn: 'right turn (east then south)',
      line: [
        [0, 0],
        [1, 0],
        [1, -1],
      ],
      side: 'left',
    },
  ])(
    'puts a point straight on beyond the corner of a $turn on the outer side, $side',
    ({ line, side }) => {
      // The nearest point is the corner, and the point lies exactly on the first segment's
      // continuation; the corner's bisector decides.
      expect(sideOfLine([1.5, 0], line as unknown as LonLat[])).toBe(side);
    },
  );

  it('agrees with both segments away from the corner of a bent line', () => {
    const line: LonLat[] = [
      [37.0, 48.0],
      [37.8, 48.0],
      [38.4, 48.5],
    ];
    expect(sideOfLine([37.4, 47.9], line)).toBe('right');
    expect(sideOfLine([38.2, 48.5], line)).toBe('left');
    expect(sideOfLine([38.3, 48.2], line)).toBe('right');
  });

  it.each([
    { name: 'a point on the line', p: [37.8, 48.0] },
    { name: 'a vertex of the line', p: [37.8, 47.5] },
    { name: 'a point on the continuation past the end', p: [37.8, 48.7] },
  ])('breaks the tie for $name as left', ({ p }) => {
    expect(sideOfLine(p as unknown as LonLat, NORTHWARD)).toBe('left');
  });

  it.each([
    { name: 'a one-position line', p: [0, 0], line: [[0, 0]], path: 'line' },
    { name: 'a bad point', p: [190, 0], line: NORTHWARD, path: 'p[0]' },
  ])('rejects $name with VALIDATION', ({ p, line, path }) => {
    expect(
      validationPaths(() => sideOfLine(p as unknown as LonLat, line as unknown as LonLat[])),
    ).toContain(path);
  });
});
