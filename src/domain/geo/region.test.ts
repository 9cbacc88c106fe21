import { describe, expect, it } from 'vitest';
import type { LonLat } from '../units.js';
import { geodesicDistance } from './ellipsoid.js';
import { IssueList } from './input-checks.js';
import { checkClearOfPoles } from './region.js';

describe('checkClearOfPoles', () => {
  /** The check as the geodesic to the pole decides it. */
  const exact = (center: LonLat, reachM: number): boolean =>
    geodesicDistance(center, [center[0], center[1] >= 0 ? 90 : -90]) <= reachM;

  it('agrees with the geodesic to the pole, also where its shortcut does not decide', () => {
    let x = 7;
    const rnd = () => (x = (x * 16807) % 2147483647) / 2147483647;
    for (let i = 0; i < 5000; i++) {
      const lat = (rnd() < 0.5 ? -1 : 1) * (70 + 20 * rnd());
      const center: LonLat = [360 * rnd() - 180, lat];
      // Reaches about the distance to the pole, where the two tests could part.
      const toPole = geodesicDistance(center, [0, lat >= 0 ? 90 : -90]);
      const reachM = Math.min(1_000_000, toPole * (0.98 + 0.04 * rnd()));
      const issues = new IssueList();
      checkClearOfPoles(center, reachM, 'center', issues);
      expect(issues.issues.length > 0).toBe(exact(center, reachM));
    }
  });

  it('passes a region far from the poles and names one reaching a pole', () => {
    const far = new IssueList();
    checkClearOfPoles([37.8, 48], 1_000_000, 'center', far);
    expect(far.issues).toEqual([]);
    const near = new IssueList();
    checkClearOfPoles([0, 89.9], 20_000, 'center', near);
    expect(near.issues[0]?.path).toBe('center');
  });
});
