import { describe, expect, it } from 'vitest';
import type { LonLat } from '../units.js';
import {
  gateRegion,
  memberRegions,
  observationRegion,
  sectorCentre,
  sectorWidth,
} from './region.js';
import { obs } from './test-support/scenario.js';

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

describe('gateRegion', () => {
  it('widens a stated range by its half-width each side, and leaves other regions as placed', () => {
    const o = obs('s', {
      observer: { lat: 48, lon: 37.8 },
      bearing: { fromDeg: 10, toDeg: 30 },
      distanceKm: { min: 3, max: 5 },
    });
    const placed = observationRegion(o);
    expect(gateRegion(o, placed).shape).toMatchObject({ kind: 'sector', minM: 2000, maxM: 6000 });
    const point = obs('p', { location: { lat: 48, lon: 37.8, radiusM: 500 } });
    const p = observationRegion(point);
    expect(gateRegion(point, p)).toBe(p);
  });

  it('widens a bearing sector by a quarter about its centre, while it stays under a half-turn', () => {
    const sector = obs('s', {
      observer: { lat: 48, lon: 37.8 },
      bearing: { fromDeg: 10, toDeg: 30 },
      distanceKm: { min: 3, max: 5 },
    });
    expect(gateRegion(sector, observationRegion(sector)).shape).toMatchObject({
      sector: { fromDeg: 7.5, toDeg: 32.5 },
    });
    const wedge = obs('w', {
      observer: { lat: 48, lon: 37.8 },
      bearing: { fromDeg: 356, toDeg: 4 },
    });
    expect(gateRegion(wedge, observationRegion(wedge)).shape).toMatchObject({
      kind: 'wedge',
      sector: { fromDeg: 355, toDeg: 5 },
    });
    const wide = obs('x', {
      observer: { lat: 48, lon: 37.8 },
      bearing: { fromDeg: 0, toDeg: 160 },
    });
    const placed = observationRegion(wide);
    expect(gateRegion(wide, placed)).toBe(placed);
  });
});

describe('memberRegions', () => {
  it("gives a bearing-only report its stated wedge's shape over its gate's polygon", () => {
    const wedge = obs('w', {
      observer: { lat: 48, lon: 37.8 },
      bearing: { fromDeg: 356, toDeg: 4 },
    });
    const { placed, gate } = memberRegions(wedge);
    expect(placed.shape).toEqual(observationRegion(wedge).shape);
    expect(placed.areaM2).toBeCloseTo(observationRegion(wedge).areaM2);
    expect(gate.shape).toMatchObject({ sector: { fromDeg: 355, toDeg: 5 } });
    expect(placed.region).toBe(gate.region);
  });

  it('places any other report by its observationRegion, gated by gateRegion', () => {
    const sector = obs('s', {
      observer: { lat: 48, lon: 37.8 },
      bearing: { fromDeg: 10, toDeg: 30 },
      distanceKm: { min: 3, max: 5 },
    });
    const { placed, gate } = memberRegions(sector);
    expect(placed.shape).toEqual(observationRegion(sector).shape);
    expect(gate.shape).toEqual(gateRegion(sector, placed).shape);
  });
});
