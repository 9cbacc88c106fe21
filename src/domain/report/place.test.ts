import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { direct } from '../geo/index.js';
import { distanceRangeKm, nearestSettlement, placeRef, regionId, type Gazetteer } from './place.js';

const gazetteer = JSON.parse(
  readFileSync(new URL('../../../scenarios/ukraine-2026/gazetteer.json', import.meta.url), 'utf8'),
) as Gazetteer;
const bakhmut = gazetteer.settlements.find((s) => s.id === 'bakhmut')!;

describe('distanceRangeKm', () => {
  it('rounds into the ranges field reports use', () => {
    expect(distanceRangeKm(0)).toEqual({ min: 0, max: 1 });
    expect(distanceRangeKm(0.999)).toEqual({ min: 0, max: 1 });
    expect(distanceRangeKm(1)).toEqual({ min: 1, max: 3 });
    expect(distanceRangeKm(3.2)).toEqual({ min: 3, max: 5 });
    expect(distanceRangeKm(7)).toEqual({ min: 5, max: 10 });
    expect(distanceRangeKm(12)).toEqual({ min: 10, max: 15 });
    expect(distanceRangeKm(19.9)).toEqual({ min: 15, max: 20 });
    expect(distanceRangeKm(20)).toEqual({ min: 20, max: 30 });
    expect(distanceRangeKm(47)).toEqual({ min: 40, max: 50 });
  });
});

describe('placeRef', () => {
  it('names the nearest settlement, the compass point from it and the distance range', () => {
    // 4 km south-east (135°) of Bakhmut.
    const p = direct([bakhmut.lon, bakhmut.lat], 135, 4000);
    expect(placeRef(p, gazetteer)).toEqual({
      settlementId: 'bakhmut',
      compass: 'SE',
      distanceKm: { min: 3, max: 5 },
    });
  });

  it('uses all 16 points (SSE at 157.5°)', () => {
    const p = direct([bakhmut.lon, bakhmut.lat], 157.5, 2000);
    expect(placeRef(p, gazetteer)?.compass).toBe('SSE');
  });

  it('says 0-1 km at the settlement itself', () => {
    expect(placeRef([bakhmut.lon, bakhmut.lat], gazetteer)?.distanceKm).toEqual({ min: 0, max: 1 });
  });

  it('gives null with an empty gazetteer', () => {
    expect(placeRef([37, 48], { settlements: [] })).toBeNull();
    expect(nearestSettlement([37, 48], { settlements: [] })).toBeNull();
  });

  it('makes region ids from the oblast', () => {
    expect(regionId(bakhmut)).toBe('donetsk');
    expect(regionId({ oblast: 'Ivano Frankivsk' })).toBe('ivano-frankivsk');
  });
});
