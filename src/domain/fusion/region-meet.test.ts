import { describe, expect, it } from 'vitest';
import { intersectRegions } from '../geo/index.js';
import type { LonLat } from '../units.js';
import { discPlaced, observationRegion } from './region.js';
import { regionsMeet } from './region-meet.js';
import { obs, offset } from './test-support/scenario.js';

const o: LonLat = [37.8, 48.0];

describe('regionsMeet agrees with polygon intersection for a disc against a sector', () => {
  const sector = observationRegion(
    obs('s', {
      observer: { lat: o[1], lon: o[0] },
      bearing: { fromDeg: 350, toDeg: 20 },
      distanceKm: { min: 3, max: 5 },
    }),
  );
  const wedge = observationRegion(
    obs('w', { observer: { lat: o[1], lon: o[0] }, bearing: { fromDeg: 350, toDeg: 20 } }),
  );
  const cases: [string, LonLat, number][] = [
    ['inside', offset(o, 5, 4), 100],
    ['short of the inner arc', offset(o, 5, 2.5), 400],
    ['well short of the inner arc', offset(o, 5, 2), 400],
    ['beyond the outer arc', offset(o, 0, 5.3), 400],
    ['off the western edge', offset(offset(o, 350, 4), 260, 0.3), 400],
    ['far off the western edge', offset(offset(o, 350, 4), 260, 0.6), 400],
    ['behind the observer', offset(o, 180, 0.3), 400],
    ['on the observer', o, 100],
  ];
  it.each(cases)('%s', (_, center, radiusM) => {
    const disc = discPlaced(center, radiusM);
    for (const other of [sector, wedge]) {
      const byPolygon = intersectRegions(disc.region, other.region) !== null;
      expect(regionsMeet(disc, other)).toBe(byPolygon);
      expect(regionsMeet(other, disc)).toBe(byPolygon);
    }
  });
});

describe('regionsMeet for two sectors from one observer', () => {
  const at = { lat: 47.85, lon: 35.65 };
  const wedge = (fromDeg: number, toDeg: number) =>
    observationRegion(obs('w', { observer: at, bearing: { fromDeg, toDeg } }));
  const sector = (fromDeg: number, toDeg: number, min: number, max: number) =>
    observationRegion(
      obs('s', { observer: at, bearing: { fromDeg, toDeg }, distanceKm: { min, max } }),
    );

  it('keeps apart wedges on different bearings, though their polygons touch at the observer', () => {
    const [a, b] = [wedge(185, 193), wedge(260, 268)];
    // Both polygons have the observer as a vertex, and no area in common.
    for (const w of [a, b]) expect(w.region.polygon[0]![0]).toContainEqual([at.lon, at.lat]);
    expect(intersectRegions(a.region, b.region)).toBeNull();
    expect(regionsMeet(a, b)).toBe(false);
  });

  it.each<[string, [number, number, number, number], [number, number, number, number], boolean]>([
    ['overlapping bearings and ranges', [100, 110, 2, 5], [105, 115, 4, 8], true],
    ['overlapping bearings, ranges apart', [100, 110, 2, 3], [105, 115, 4, 8], false],
    ['bearings through north', [355, 5, 2, 5], [0, 10, 4, 8], true],
    ['bearings apart', [100, 110, 2, 5], [111, 120, 2, 5], false],
  ])('sectors: %s', (_, p, q, expected) => {
    expect(regionsMeet(sector(...p), sector(...q))).toBe(expected);
  });
});

describe('regionsMeet agrees with polygon intersection for sectors and wedges', () => {
  // Reports a few km apart, narrow and wide, near and far, so that many pairs graze: the
  // shortcuts that prove meeting or missing without clipping must never disagree with it.
  let seed = 7;
  const rand = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
  const report = (i: number) => {
    const at = offset(o, rand() * 360, rand() * 12);
    const from = rand() * 360;
    const width = [1, 2, 8, 22.5, 60][i % 5]!;
    const min = rand() * 6;
    return observationRegion(
      obs(`r${i}`, {
        observer: { lat: at[1], lon: at[0], accuracyM: i % 3 === 0 ? 50 : 0 },
        bearing: { fromDeg: from, toDeg: (from + width) % 360 },
        ...(i % 2 === 0 ? { distanceKm: { min, max: min + 0.5 + rand() * 4 } } : {}),
      }),
    );
  };
  const regions = Array.from({ length: 60 }, (_, i) => report(i));
  it('on 1,770 random pairs', () => {
    let disagree = 0;
    let met = 0;
    for (let i = 0; i < regions.length; i++) {
      for (let j = i + 1; j < regions.length; j++) {
        const a = regions[i]!,
          b = regions[j]!;
        let byPolygon: boolean;
        try {
          byPolygon = intersectRegions(a.region, b.region) !== null;
        } catch {
          continue; // polygon-clipping gave up: no reference answer
        }
        if (byPolygon) met++;
        if (regionsMeet(a, b) !== byPolygon || regionsMeet(b, a) !== byPolygon) disagree++;
      }
    }
    expect(met).toBeGreaterThan(100);
    expect(disagree).toBe(0);
  });
});
