import { describe, expect, it } from 'vitest';
import { COMPASS_16, compassPoint16, compassSector16, type Compass16 } from './compass.js';
import { validationPaths } from './test-support/validation-paths.js';

describe('compassPoint16', () => {
  it.each([
    [0, 'N'],
    [11.2499, 'N'],
    [11.25, 'NNE'],
    [22.5, 'NNE'],
    [45, 'NE'],
    [90, 'E'],
    [135, 'SE'],
    [146.25, 'SSE'],
    [157.5, 'SSE'],
    [168.7499, 'SSE'],
    [168.75, 'S'],
    [180, 'S'],
    [270, 'W'],
    [337.5, 'NNW'],
    [348.7499, 'NNW'],
    [348.75, 'N'],
    [359.9, 'N'],
  ] as const)('maps %s° to %s', (azimuth, point) => {
    expect(compassPoint16(azimuth)).toBe(point);
  });

  it.each([
    [360, 'N'],
    [-22.5, 'NNW'],
    [720 + 90, 'E'],
    [-0, 'N'],
  ] as const)('reduces %s° mod 360 before mapping, to %s', (azimuth, point) => {
    expect(compassPoint16(azimuth)).toBe(point);
  });

  it('rejects a non-finite azimuth with VALIDATION', () => {
    expect(validationPaths(() => compassPoint16(Number.NaN))).toEqual(['azimuthDeg']);
  });
});

describe('compassSector16', () => {
  it.each([
    ['N', 348.75, 11.25],
    ['NNE', 11.25, 33.75],
    ['E', 78.75, 101.25],
    ['SSE', 146.25, 168.75],
    ['S', 168.75, 191.25],
    ['NNW', 326.25, 348.75],
  ] as const)('gives %s as %s° to %s°', (point, fromDeg, toDeg) => {
    expect(compassSector16(point)).toEqual({ fromDeg, toDeg });
  });

  it('wraps N through north: toDeg is below fromDeg', () => {
    const { fromDeg, toDeg } = compassSector16('N');
    expect(toDeg).toBeLessThan(fromDeg);
  });

  it('tiles the circle: each sector starts where the one before ends', () => {
    COMPASS_16.forEach((point, i) => {
      const next = COMPASS_16[(i + 1) % 16] as Compass16;
      expect(compassSector16(next).fromDeg).toBe(compassSector16(point).toDeg);
    });
  });

  it('maps every sector back to its point, at both edges of the half-open sector', () => {
    for (const point of COMPASS_16) {
      const { fromDeg, toDeg } = compassSector16(point);
      expect(compassPoint16(fromDeg)).toBe(point);
      expect(compassPoint16(toDeg - 1e-9)).toBe(point);
    }
  });

  it('rejects an unknown point with VALIDATION', () => {
    expect(validationPaths(() => compassSector16('NORTH' as Compass16))).toEqual(['point']);
  });
});
