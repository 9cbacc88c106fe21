import { describe, expect, it } from 'vitest';
import {
  annularSectorRegion,
  direct,
  discRegion,
  inverse,
  localErrorM,
  regionCentroid,
  type Region,
} from '../geo/index.js';
import type { LonLat } from '../units.js';
import {
  extendConsensus,
  locateConsensus,
  radiusAbout,
  type LocatedMember,
} from './locate.js';
import { discPlaced, observationRegion } from './region.js';
import { T0, bearingTo, obs, offset, pointAt, sectorTo } from './test-support/scenario.js';
import { triangulateBearings } from './triangulate.js';

const target: LonLat = [37.9, 48.05];
let seq = 0;
const member = (fields: Parameters<typeof obs>[1], timing?: LocatedMember['timing']) => {
  const id = `m${++seq}`;
  return { id, placed: observationRegion(obs(id, fields)), seq, timing };
};
const miss = (p: LonLat) => inverse(p, target).distanceM;

/** A camera's report from `from`: ±1°, and ±10 % about a range `rangeError` off the truth. */
function camera(from: LonLat, rangeError: number) {
  const km = (inverse(from, target).distanceM / 1000) * (1 + rangeError);
  return { ...bearingTo(from, target, 1), distanceKm: { min: km * 0.9, max: km * 1.1 } };
}

describe('locateConsensus', () => {
  it('places by the precision each report states, not the centroid of the overlap', () => {
    // A patrol's compass point and a camera's 2° sector: the overlap is the camera's sector cut
    // short; across it the camera decides.
    const patrol = member(sectorTo(offset(target, 120, 5), target, 11.25, 1));
    const cam = member(camera(offset(target, 30, 6), 0.05));
    const e = locateConsensus([patrol, cam], null);
    expect(e.method).toBe('intersection');
    expect(e.basis).toEqual([cam.id, patrol.id]);
    expect(miss(e.location)).toBeLessThan(miss(regionCentroid(e.region)));
    expect(e.radius90M).toBeGreaterThan(miss(e.location));
  });

  it('keeps the region, its bounds and the disagreeing as the overlap gives them', () => {
    const a = member(pointAt(offset(target, 0, 0.2), 500));
    const b = member(pointAt(offset(target, 180, 0.2), 600));
    const far = member(pointAt(offset(target, 90, 5), 700));
    const e = locateConsensus([a, b, far], null);
    expect(e.disagreeing).toEqual([far.id]);
    expect(e.basis).toEqual([a.id, b.id]);
    // The bound used for cheap rejections holds the region; the point is within it.
    expect(e.placed.bound).toBeDefined();
    expect(miss(e.location)).toBeLessThan(60);
  });

  it('places one report by its own region', () => {
    const one = member(sectorTo(offset(target, 120, 5), target, 11.25, 1));
    const e = locateConsensus([one], null);
    expect(e.method).toBe('single');
    expect(inverse(e.location, regionCentroid(e.region)).distanceM).toBeLessThan(1);
  });

  it('reads a fix as its bearings, with the other reports and their stamps', () => {
    const sites = [offset(target, 300, 12), offset(target, 70, 14)];
    const stamps = sites.map((s) => inverse(s, target).distanceM / 343);
    const bearings = sites.map((s, i) => ({
      id: `b${i}`,
      observer: s,
      azimuthDeg: (inverse(s, target).azimuth1Deg + (i ? 1.5 : -1.5) + 360) % 360,
      sigmaDeg: 1,
      timing: { atMs: T0 + stamps[i]! * 1000, sigmaS: 0.25, heard: true },
    }));
    const fix = triangulateBearings(bearings)!;
    const placed = discPlaced(fix.location, fix.radius90M);
    const cam = member(camera(offset(target, 200, 5), 0.1), {
      atMs: T0,
      sigmaS: 0.5,
      heard: false,
    });
    const e = locateConsensus([cam], { fix, placed, ids: fix.used });
    expect(e.method).toBe('triangulation');
    expect(miss(e.location)).toBeLessThan(0.8 * miss(fix.location));
    expect(e.radius90M).toBeLessThan(fix.radius90M);
  });

  it('reads the stated shape for the point when the region is drawn wider to link by', () => {
    const stated = camera(offset(target, 30, 6), 0.05);
    const km = stated.distanceKm;
    const h = (km.max - km.min) / 2;
    const wide = observationRegion(
      obs('w', { ...stated, distanceKm: { min: km.min - h, max: km.max + h } }),
    );
    const patrol = member(sectorTo(offset(target, 120, 5), target, 11.25, 1));
    const exact = locateConsensus([member(stated), patrol], null);
    const gated = locateConsensus(
      [{ id: 'g', placed: wide, seq: 0, shape: observationRegion(obs('s', stated)).shape }, patrol],
      null,
    );
    expect(inverse(gated.location, exact.location).distanceM).toBeLessThan(1);
    expect(gated.region).not.toEqual(exact.region);
  });
});

describe('extendConsensus', () => {
  it('places as a refold does', () => {
    const cam = member(camera(offset(target, 30, 6), 0.05));
    const patrol = member(sectorTo(offset(target, 120, 5), target, 11.25, 1));
    const wide = member(sectorTo(offset(target, 250, 7), target, 11.25, 2));
    const step = extendConsensus(locateConsensus([cam, patrol], null), wide, null);
    const all = locateConsensus([cam, patrol, wide], null);
    expect(step.basis).toEqual(all.basis);
    expect(inverse(step.location, all.location).distanceM).toBeLessThan(0.5);
    expect(step.radius90M).toBeCloseTo(all.radius90M, 3);
  });

  it('moves the point with a report that does not cut the region', () => {
    const small = member(pointAt(offset(target, 90, 0.1), 300));
    const big = member(pointAt(offset(target, 270, 0.1), 2000));
    const before = locateConsensus([small], null);
    const after = extendConsensus(before, big, null);
    expect(after.placed).toBe(before.placed);
    expect(after.method).toBe('intersection');
    expect(inverse(after.location, before.location).distanceM).toBeGreaterThan(1);
  });
});

describe('radiusAbout', () => {
  /** A seeded uniform [0, 1) stream (Park-Miller), so a failure can be replayed. */
  function stream(seed: number): () => number {
    let x = seed;
    return () => (x = (x * 16807) % 2147483647) / 2147483647;
  }

  it('gives the greatest geodesic distance to the sampled outline, as measuring every one does (to a local solution\'s error)', () => {
    const sampled = (center: LonLat, region: Region): number => {
      let n = 0;
      for (const polygon of region.polygon) n += polygon[0]?.length ?? 0;
      const step = Math.max(1, Math.ceil(n / 96));
      let r = 0;
      for (const polygon of region.polygon) {
        const ring = polygon[0] ?? [];
        for (let i = 0; i < ring.length; i += step)
          r = Math.max(r, inverse(center, ring[i]!).distanceM);
      }
      return r;
    };
    const rnd = stream(5);
    for (let i = 0; i < 300; i++) {
      const at: LonLat = [37 + rnd(), 47 + 2 * rnd()];
      const from = 360 * rnd();
      const region =
        i % 2 === 0
          ? discRegion(at, 50 + 20_000 * rnd(), { maxErrorM: 10 })
          : annularSectorRegion(
              at,
              { fromDeg: from, toDeg: (from + 1 + 60 * rnd()) % 360 },
              { minM: i % 4 === 1 ? 0 : 1000 * rnd(), maxM: 2000 + 38_000 * rnd() },
              { maxErrorM: 20 },
            );
      // About its centroid, and about a point off it (where one vertex is farthest).
      for (const center of [regionCentroid(region), direct(at, 360 * rnd(), 30_000 * rnd())]) {
        const exact = sampled(center, region);
        expect(Math.abs(radiusAbout(center, region) - exact)).toBeLessThanOrEqual(localErrorM(exact));
      }
    }
  });
});
