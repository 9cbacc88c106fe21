import { describe, expect, it } from 'vitest';
import { discRegion } from './disc-region.js';
import { polygonArea } from './polygon-area.js';
import { regionAreaM2 } from './region-area.js';
import type { Region } from './region.js';
import { validationPaths } from './test-support/validation-paths.js';

describe('regionAreaM2', () => {
  it('is polygonArea in m²', () => {
    const r = discRegion([37.8, 48.0], 3000);
    expect(regionAreaM2(r)).toBeCloseTo(polygonArea(r.polygon) * 1e6, 3);
  });

  it('gives a 1 km disc the area of its inscribed polygon, (n/2)·r²·sin(2π/n), to 0.01%', () => {
    const r = discRegion([37.8, 48.0], 1000);
    const n = (r.polygon[0]?.[0]?.length ?? 0) - 1;
    expect(n).toBe(26);
    const inscribed = (n / 2) * 1000 ** 2 * Math.sin((2 * Math.PI) / n);
    expect(Math.abs(regionAreaM2(r) - inscribed) / inscribed).toBeLessThan(1e-4);
  });

  it('rejects a non-region with VALIDATION', () => {
    expect(validationPaths(() => regionAreaM2(null as unknown as Region))).toEqual(['r']);
  });
});
