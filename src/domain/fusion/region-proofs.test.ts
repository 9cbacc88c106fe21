import { describe, expect, it, vi } from 'vitest';
import * as geo from '../geo/index.js';
import { intersectRegions } from '../geo/index.js';
import type { LonLat } from '../units.js';
import { discPlaced, memberRegions, observationRegion, type PlacedRegion } from './region.js';
import { overlapOf, regionsMeet } from './region-meet.js';
import { surelyApart, vertexDeepIn } from './region-proofs.js';
import { obs, offset } from './test-support/scenario.js';

vi.mock('../geo/index.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../geo/index.js')>();
  return { ...actual, annularSectorRegion: vi.fn(actual.annularSectorRegion) };
});

const o: LonLat = [37.8, 48.0];

/** Whether polygon clipping finds an overlap; null when polygon-clipping gives up. */
function byPolygon(a: PlacedRegion, b: PlacedRegion): boolean | null {
  try {
    return intersectRegions(a.region, b.region) !== null;
  } catch {
    return null;
  }
}

describe('proofs against places cut from several reports', () => {
  // Sectors, wedges and discs a few km apart, and places cut from pairs of them (no shape, as an
  // incident's place is): every proof must agree with clipping the polygons.
  let seed = 11;
  const rand = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
  const report = (i: number): PlacedRegion => {
    const at = offset(o, rand() * 360, rand() * 10);
    if (i % 4 === 3) return discPlaced(at, 200 + rand() * 3000);
    const from = rand() * 360;
    const width = [2, 8, 22.5, 60][i % 4]!;
    const min = rand() * 6;
    return observationRegion(
      obs(`r${i}`, {
        observer: { lat: at[1], lon: at[0] },
        bearing: { fromDeg: from, toDeg: (from + width) % 360 },
        ...(i % 2 === 0 ? { distanceKm: { min, max: min + 0.5 + rand() * 4 } } : {}),
      }),
    );
  };
  const reports = Array.from({ length: 48 }, (_, i) => report(i));
  const places: PlacedRegion[] = [];
  for (let i = 0; i < reports.length && places.length < 30; i++) {
    for (let j = i + 1; j < reports.length && places.length < 30; j++) {
      const cut = overlapOf(reports[i]!, reports[j]!);
      if (cut && !cut.shape) places.push(cut);
    }
  }

  it('a vertex deep inside proves meeting, a vertex-free side of a radial proves missing', () => {
    let provedMeet = 0;
    let provedApart = 0;
    let wrong = 0;
    for (const r of reports) {
      for (const p of places) {
        const clipped = byPolygon(r, p);
        if (clipped === null) continue;
        if (vertexDeepIn(r, p) || vertexDeepIn(p, r)) {
          provedMeet++;
          if (!clipped) wrong++;
        }
        if (surelyApart(r, p) || surelyApart(p, r)) {
          provedApart++;
          if (clipped) wrong++;
        }
        if (regionsMeet(r, p) !== clipped || regionsMeet(p, r) !== clipped) wrong++;
      }
    }
    expect(places.length).toBe(30);
    expect(provedMeet).toBeGreaterThan(20);
    expect(provedApart).toBeGreaterThan(20);
    expect(wrong).toBe(0);
  });

  it('a wedge through a vertex of a place meets it, one beside it does not', () => {
    const place = places.find((p) => p.region.polygon[0]![0]!.length > 4)!;
    const v = place.region.polygon[0]![0]![0]! as LonLat;
    const observer = offset(v, 200, 15);
    const toward = geo.inverse(observer, v).azimuth1Deg;
    const wedge = (azimuthDeg: number) =>
      observationRegion(
        obs('w', {
          observer: { lat: observer[1], lon: observer[0] },
          bearing: { fromDeg: (azimuthDeg + 358) % 360, toDeg: (azimuthDeg + 2) % 360 },
        }),
      );
    expect(vertexDeepIn(wedge(toward), place)).toBe(true);
    expect(byPolygon(wedge(toward), place)).toBe(true);
    const beside = wedge((toward + 90) % 360);
    expect(surelyApart(beside, place)).toBe(true);
    expect(byPolygon(beside, place)).toBe(false);
  });
});

describe("a member's own region", () => {
  const sector = obs('s', {
    observer: { lat: 48, lon: 37.8 },
    bearing: { fromDeg: 10, toDeg: 30 },
    distanceKm: { min: 3, max: 5 },
  });

  it('is built only when read (its gate links and places it), and then as observationRegion', () => {
    const build = vi.mocked(geo.annularSectorRegion);
    build.mockClear();
    const { placed, gate } = memberRegions(sector);
    expect(build).toHaveBeenCalledTimes(1); // the gate
    expect(gate.shape).toMatchObject({ minM: 2000, maxM: 6000 });
    const whole = observationRegion(sector);
    expect(placed.shape).toEqual(whole.shape);
    expect(placed.areaM2).toBe(whole.areaM2);
    build.mockClear();
    expect(placed.bbox).toEqual(whole.bbox);
    expect(placed.region).toEqual(whole.region);
    expect(placed.region).toBe(placed.region);
    expect(build).toHaveBeenCalledTimes(1);
  });
});
