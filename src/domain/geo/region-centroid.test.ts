import { describe, expect, it } from 'vitest';
import type { LonLat } from '../units.js';
import { annularSectorRegion } from './annular-sector-region.js';
import { direct } from './direct.js';
import { discRegion } from './disc-region.js';
import { inverse } from './inverse.js';
import { regionCentroid } from './region-centroid.js';
import type { Region } from './region.js';
import { validationPaths } from './test-support/validation-paths.js';

const OBS: LonLat = [37.8021, 48.0123];

describe('regionCentroid', () => {
  it('puts the centroid of a disc at its centre, to a metre', () => {
    expect(inverse(regionCentroid(discRegion(OBS, 5000)), OBS).distanceM).toBeLessThan(1);
  });

  it('puts the centroid of a full annulus at the observer, outside the region', () => {
    const r = annularSectorRegion(OBS, { fromDeg: 0, toDeg: 360 }, { minM: 2000, maxM: 4000 });
    expect(inverse(regionCentroid(r), OBS).distanceM).toBeLessThan(1);
  });

  it('puts the centroid of an annular sector on its mid-bearing at the planar formula distance, to 10 m', () => {
    // Annular sector of half-angle α, radii r1 < r2: centroid at (2/3)(r2³ - r1³)/(r2² - r1²)·sin α/α.
    const alpha = (30 * Math.PI) / 180;
    const [r1, r2] = [3000, 5000];
    const expected =
      (((2 / 3) * (r2 ** 3 - r1 ** 3)) / (r2 ** 2 - r1 ** 2)) * (Math.sin(alpha) / alpha);
    const r = annularSectorRegion(OBS, { fromDeg: 340, toDeg: 40 }, { minM: r1, maxM: r2 });
    const c = regionCentroid(r);
    expect(inverse(c, direct(OBS, 10, expected)).distanceM).toBeLessThan(10);
  });

  it('rejects a region with no area with VALIDATION', () => {
    const flat: Region = {
      polygon: [
        [
          [
            [1, 1],
            [1, 1],
            [1, 1],
            [1, 1],
          ],
        ],
      ],
      maxErrorM: 0,
    } as unknown as Region;
    expect(validationPaths(() => regionCentroid(flat))).toEqual(['r.polygon']);
  });
});
