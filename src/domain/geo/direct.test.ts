import { describe, expect, it } from 'vitest';
import type { LonLat } from '../units.js';
import { direct } from './direct.js';
import { inverse } from './inverse.js';
import { seededRandom } from '../test-support/seeded-random.js';
import { validationPaths } from './test-support/validation-paths.js';

describe('direct', () => {
  it('lands where GeographicLib documents for 20,000 km south-west of Perth', () => {
    const [lon, lat] = direct([115.74, -32.06], 225, 20_000e3);
    expect(lat).toBeCloseTo(32.11195529, 8);
    expect(lon).toBeCloseTo(-63.95925278, 8);
  });

  it('goes 111,319.49 m east along the equator to longitude 1', () => {
    const [lon, lat] = direct([0, 0], 90, (6378137 * Math.PI) / 180);
    expect(lon).toBeCloseTo(1, 12);
    expect(lat).toBeCloseTo(0, 12);
  });

  it('travels backwards for a negative distance', () => {
    const ahead = direct([37.8, 48.0], 30, -5000);
    const behind = direct([37.8, 48.0], 210, 5000);
    expect(ahead[0]).toBeCloseTo(behind[0], 10);
    expect(ahead[1]).toBeCloseTo(behind[1], 10);
  });

  it('returns the origin, to rounding, for distance 0', () => {
    const [lon, lat] = direct([37.8, 48.0], 123, 0);
    expect(lon).toBeCloseTo(37.8, 12);
    expect(lat).toBeCloseTo(48.0, 12);
  });

  it('keeps longitudes in [-180, 180] across the antimeridian', () => {
    const [lon] = direct([179.9, 10], 90, 50_000);
    expect(lon).toBeLessThan(-179);
  });

  it('round-trips with inverse to 1 µm and 1e-9° on 200 seeded cases up to 2,000 km', () => {
    const rand = seededRandom(20260301);
    for (let i = 0; i < 200; i++) {
      const origin: LonLat = [rand() * 360 - 180, rand() * 160 - 80];
      const azimuth = rand() * 360;
      const distance = rand() * 2_000_000;
      const end = direct(origin, azimuth, distance);
      const back = inverse(origin, end);
      expect(Math.abs(back.distanceM - distance)).toBeLessThan(1e-6);
      if (distance > 1)
        expect(Math.abs(((back.azimuth1Deg - azimuth + 540) % 360) - 180)).toBeLessThan(1e-9);
    }
  });

  it.each([
    {
      name: 'an infinite distance',
      args: [[0, 0], 0, Number.POSITIVE_INFINITY],
      path: 'distanceM',
    },
    { name: 'a string azimuth', args: [[0, 0], '90', 10], path: 'azimuthDeg' },
    { name: 'an origin off the globe', args: [[0, -91], 0, 10], path: 'origin[1]' },
  ])('rejects $name with VALIDATION', ({ args, path }) => {
    const [origin, azimuth, distance] = args as [LonLat, number, number];
    expect(validationPaths(() => direct(origin, azimuth, distance))).toContain(path);
  });
});
