import { describe, expect, it } from 'vitest';
import { intersectRegions } from '../geo/index.js';
import type { LonLat } from '../units.js';
import { discPlaced, observationRegion, regionsMeet, sectorCentre, sectorWidth } from './region.js';
import { obs, offset } from './test-support/scenario.js';

const o: LonLat = [37.8, 48.0];

describe('sectors', () => {
  it.each([
    [{ fromDeg: 350, toDeg: 10 }, 20, 0],
    [{ fromDeg: 10, toDeg: 350 }, 340, 180],
    [{ fromDeg: 146.25, toDeg: 168.75 }, 22.5, 157.5],
  ])('reads %j clockwise: width %d, centre %d', (s, width, centre) => {
    expect(sectorWidth(s)).toBeCloseTo(width, 9);
    expect(sectorCentre(s)).toBeCloseTo(centre, 9);
  });
});

describe('observationRegion', () => {
  it('widens a sector narrower than 1° about its centre, through north', () => {
    const r = observationRegion(
      obs('a', { observer: { lat: o[1], lon: o[0] }, bearing: { fromDeg: 359.9, toDeg: 0.1 } }),
    );
    expect(r.shape).toMatchObject({ kind: 'wedge', sector: { fromDeg: 359.5, toDeg: 0.5 } });
  });

  it('reads an observer without bearing or range as the event at the observer', () => {
    const r = observationRegion(obs('a', { observer: { lat: o[1], lon: o[0], accuracyM: 30 } }));
    expect(r.shape).toMatchObject({ kind: 'disc', radiusM: 30 });
  });
});

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
