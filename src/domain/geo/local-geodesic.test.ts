import { describe, expect, it } from 'vitest';
import { mulberry32 as random } from '../warning/test-support/synthetic-counts.js';
import type { LonLat } from '../units.js';
import { solveDirect, solveInverse } from './ellipsoid.js';
import {
  LOCAL_LIMIT_M,
  localDirect,
  localDistance,
  localErrorM,
  localInverse,
} from './local-geodesic.js';

describe('local geodesic solutions', () => {
  it('lie within localErrorM of GeographicLib, from a metre to the local limit, at latitudes up to 80°, across the antimeridian', () => {
    const rnd = random(7);
    let worst = 0;
    for (let i = 0; i < 20_000; i++) {
      const from: LonLat = [-180 + 360 * rnd(), -80 + 160 * rnd()];
      const d = Math.exp(Math.log(1) + (Math.log(LOCAL_LIMIT_M) - Math.log(1)) * rnd());
      const az = -180 + 360 * rnd();
      const exactTo = solveDirect(from, az, d);
      const to = localDirect(from, az, d);
      const miss = solveInverse(exactTo, to).s12;
      worst = Math.max(worst, miss / localErrorM(d));
      expect(miss, `direct ${from} ${az}° ${d} m`).toBeLessThanOrEqual(localErrorM(d));
      const back = localInverse(from, exactTo);
      expect(Math.abs(localDistance(from, exactTo) - back.distanceM)).toBeLessThanOrEqual(
        1e-9 * (1 + d),
      );
      expect(
        Math.abs(back.distanceM - d),
        `inverse distance ${from} ${az}° ${d} m`,
      ).toBeLessThanOrEqual(localErrorM(d));
      const dAz = (((back.azimuthDeg - az + 540) % 360) - 180) * (Math.PI / 180);
      expect(Math.abs(dAz) * d, `inverse azimuth ${from} ${az}° ${d} m`).toBeLessThanOrEqual(
        localErrorM(d),
      );
    }
    // The bound is not so loose that it would hide a change of method.
    expect(worst).toBeGreaterThan(0.1);
  });

  it('solve exactly beyond the local limit and near the poles', () => {
    const far = solveDirect([30, 48], 80, 500_000);
    expect(localDirect([30, 48], 80, 500_000)).toEqual(far);
    expect(localInverse([30, 48], far).distanceM).toBeCloseTo(500_000, 6);
    expect(localDistance([30, 48], far)).toBeCloseTo(500_000, 6);
    const polar = solveDirect([30, 86], 10, 20_000);
    expect(localDirect([30, 86], 10, 20_000)).toEqual(polar);
  });

  it('give the origin itself at no distance', () => {
    expect(localInverse([37.8, 48.01], [37.8, 48.01])).toEqual({ distanceM: 0, azimuthDeg: 0 });
    const p = localDirect([37.8, 48.01], 45, 0);
    expect(p[0]).toBeCloseTo(37.8, 12);
    expect(p[1]).toBeCloseTo(48.01, 12);
  });
});
