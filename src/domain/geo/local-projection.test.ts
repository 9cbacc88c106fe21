import { describe, expect, it } from 'vitest';
import type { LonLat } from '../units.js';
import { direct } from './direct.js';
import { inverse } from './inverse.js';
import { LocalProjection } from './local-projection.js';
import { seededRandom } from '../test-support/seeded-random.js';
import { validationPaths } from './test-support/validation-paths.js';

const CENTER: LonLat = [37.8021, 48.0123];

describe('LocalProjection', () => {
  it('maps the centre to (0, 0) and back', () => {
    const proj = new LocalProjection(CENTER);
    expect(proj.forward(CENTER)).toEqual([0, 0]);
    expect(proj.reverse([0, 0])).toEqual(CENTER);
  });

  it.each([
    { name: 'north', azimuth: 0, x: 0, y: 1 },
    { name: 'east', azimuth: 90, x: 1, y: 0 },
    { name: 'south', azimuth: 180, x: 0, y: -1 },
    { name: 'west', azimuth: 270, x: -1, y: 0 },
  ])('puts a point 5 km $name of the centre at 5 km along that axis', ({ azimuth, x, y }) => {
    const [px, py] = new LocalProjection(CENTER).forward(direct(CENTER, azimuth, 5000));
    expect(px).toBeCloseTo(5000 * x, 6);
    expect(py).toBeCloseTo(5000 * y, 6);
  });

  it('preserves geodesic distance and azimuth from the centre exactly', () => {
    const proj = new LocalProjection(CENTER);
    const p: LonLat = [39.4, 46.9];
    const [x, y] = proj.forward(p);
    const { distanceM, azimuth1Deg } = inverse(CENTER, p);
    expect(Math.hypot(x, y)).toBeCloseTo(distanceM, 6);
    expect((Math.atan2(x, y) * 180) / Math.PI + 360).toBeCloseTo(azimuth1Deg + 360, 9);
  });

  it('round-trips 300 seeded points within 500 km to 1e-9°', () => {
    const rand = seededRandom(7);
    const proj = new LocalProjection(CENTER);
    for (let i = 0; i < 300; i++) {
      const p = direct(CENTER, rand() * 360, rand() * 500_000);
      const back = proj.reverse(proj.forward(p));
      expect(Math.abs(back[0] - p[0])).toBeLessThan(1e-9);
      expect(Math.abs(back[1] - p[1])).toBeLessThan(1e-9);
    }
  });

  it('works across the antimeridian', () => {
    const proj = new LocalProjection([179.95, 0]);
    const [x] = proj.forward([-179.95, 0]);
    expect(x).toBeCloseTo((0.1 * 6378137 * Math.PI) / 180, 3);
  });

  it('rejects a bad centre and bad inputs with VALIDATION', () => {
    expect(validationPaths(() => new LocalProjection([0, 91]))).toEqual(['center[1]']);
    const proj = new LocalProjection(CENTER);
    expect(validationPaths(() => proj.forward([181, 0]))).toEqual(['p[0]']);
    expect(validationPaths(() => proj.reverse([Number.NaN, 0]))).toEqual(['xy[0]']);
  });
});
