import { describe, expect, it } from 'vitest';
import type { LonLat } from '../units.js';
import { LocalPlane } from './local-plane.js';
import { LocalProjection } from './local-projection.js';
import { seededRandom } from '../test-support/seeded-random.js';

/** Points at distance d all round the centre, placed by the exact projection. */
function ringAbout(center: LonLat, d: number): LonLat[] {
  const exact = new LocalProjection(center);
  const out: LonLat[] = [];
  for (let az = 0; az < 360; az += 5) out.push(exact.reverse([d * Math.sin((az * Math.PI) / 180), d * Math.cos((az * Math.PI) / 180)]));
  return out;
}

describe('LocalPlane', () => {
  it('maps the centre to (0, 0) and back', () => {
    const plane = new LocalPlane([37.8021, 48.0123]);
    expect(plane.forward([37.8021, 48.0123])).toEqual([0, 0]);
    expect(plane.reverse([0, 0])).toEqual([37.8021, 48.0123]);
  });

  it.each([0, 30, 48, 60, 75])('agrees with the exact azimuthal equidistant plane at latitude %i: within 2 m at 40 km, 10 m at 100 km', (lat) => {
    const center: LonLat = [33, lat];
    const fast = new LocalPlane(center);
    const exact = new LocalProjection(center);
    for (const [d, tolM] of [
      [1_000, 0.01],
      [40_000, 2],
      [100_000, 10],
    ] as const) {
      for (const p of ringAbout(center, d)) {
        const [x, y] = fast.forward(p);
        const [ex, ey] = exact.forward(p);
        expect(Math.hypot(x - ex, y - ey)).toBeLessThan(tolM);
      }
    }
  });

  it('is nearly affine over a kilometre edge 40 km out: straight edges keep their meaning to a millimetre', () => {
    // The midpoint of an edge straight in one plane, mapped through the other, strays from the
    // straight edge there by the map's curvature: what moving clipping between the planes costs.
    const center: LonLat = [37.8, 48];
    const fast = new LocalPlane(center);
    const exact = new LocalProjection(center);
    const rand = seededRandom(3);
    for (let i = 0; i < 200; i++) {
      const az = rand() * 2 * Math.PI;
      const a: [number, number] = [40_000 * Math.sin(az), 40_000 * Math.cos(az)];
      const turn = rand() * 2 * Math.PI;
      const b: [number, number] = [a[0] + 1000 * Math.sin(turn), a[1] + 1000 * Math.cos(turn)];
      const mid = fast.forward(exact.reverse([(a[0] + b[0]) / 2, (a[1] + b[1]) / 2]));
      const fa = fast.forward(exact.reverse(a));
      const fb = fast.forward(exact.reverse(b));
      expect(Math.hypot(mid[0] - (fa[0] + fb[0]) / 2, mid[1] - (fa[1] + fb[1]) / 2)).toBeLessThan(0.001);
    }
  });

  it('round-trips 300 seeded points within 500 km to 1e-9°, across the antimeridian too', () => {
    const rand = seededRandom(11);
    for (const center of [[37.8021, 48.0123], [179.9, -12.5]] as LonLat[]) {
      const plane = new LocalPlane(center);
      for (let i = 0; i < 300; i++) {
        const p: LonLat = [center[0] + (rand() - 0.5) * 8, center[1] + (rand() - 0.5) * 8];
        const [lon, lat] = plane.reverse(plane.forward(p));
        expect(Math.abs(lon - p[0])).toBeLessThan(1e-9);
        expect(Math.abs(lat - p[1])).toBeLessThan(1e-9);
      }
    }
  });
});
