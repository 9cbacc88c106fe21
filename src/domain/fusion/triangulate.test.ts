import { describe, expect, it } from 'vitest';
import { inverse } from '../geo/index.js';
import type { LonLat } from '../units.js';
import { offset } from './test-support/scenario.js';
import { triangulateBearings, type Bearing } from './triangulate.js';

const target: LonLat = [37.9, 48.05];
const bearing = (id: string, observer: LonLat, errDeg: number, sigmaDeg = 0.25): Bearing => ({
  id,
  observer,
  azimuthDeg: (inverse(observer, target).azimuth1Deg + errDeg + 360) % 360,
  sigmaDeg,
});

describe('triangulateBearings', () => {
  it('puts three sensors with small bearing errors within tens of metres of the truth', () => {
    const fix = triangulateBearings([
      bearing('a', offset(target, 200, 6), 0.2),
      bearing('b', offset(target, 290, 5), -0.15),
      bearing('c', offset(target, 340, 7), 0.1),
    ]);
    expect(fix).not.toBeNull();
    const miss = inverse(fix!.location, target).distanceM;
    expect(miss).toBeLessThan(50);
    expect(fix!.radius90M).toBeGreaterThan(miss);
    expect(fix!.radius90M).toBeLessThan(150);
    expect(fix!.rejected).toEqual([]);
  });

  it('gives the χ² of the misses: about 0 for exact bearings, about k² dof for errors k × stated', () => {
    const sites = [
      offset(target, 200, 6),
      offset(target, 290, 5),
      offset(target, 340, 7),
      offset(target, 60, 8),
    ];
    const exact = triangulateBearings(sites.map((s, i) => bearing(`e${i}`, s, 0)))!;
    expect(exact.chi2).toBeLessThan(1e-3);
    // Errors of ±0.75° (3σ at the stated 0.25°) alternating: the misses stay near 3σ each.
    const off = triangulateBearings(
      sites.map((s, i) => bearing(`o${i}`, s, i % 2 ? 0.75 : -0.75)),
      { outlierSigma: 10 },
    )!;
    expect(off.used).toHaveLength(4);
    expect(off.chi2 / (off.used.length - 2)).toBeGreaterThan(4);
  });

  it('is exact when the bearings are', () => {
    const fix = triangulateBearings([
      bearing('a', offset(target, 180, 8), 0),
      bearing('b', offset(target, 260, 9), 0),
    ]);
    expect(inverse(fix!.location, target).distanceM).toBeLessThan(0.5);
  });

  it('handles bearings on either side of north (359.8° and 0.3°) ', () => {
    const south = offset(target, 181, 10);
    const b = bearing('a', south, 0);
    expect(b.azimuthDeg > 359 || b.azimuthDeg < 1).toBe(true);
    const fix = triangulateBearings([b, bearing('b', offset(target, 240, 6), 0)]);
    expect(inverse(fix!.location, target).distanceM).toBeLessThan(1);
  });

  it('drops a bearing that misses the others by far more than its error', () => {
    const fix = triangulateBearings([
      bearing('a', offset(target, 200, 6), 0),
      bearing('b', offset(target, 290, 5), 0),
      bearing('c', offset(target, 340, 7), 0),
      bearing('bad', offset(target, 100, 6), 8),
    ]);
    expect(fix!.rejected).toEqual(['bad']);
    expect(inverse(fix!.location, target).distanceM).toBeLessThan(1);
    // The bearings used are handed on whole (locate.ts reads them as lines, with their stamps).
    expect(fix!.bearings.map((b) => b.id)).toEqual(fix!.used);
  });

  it.each([
    [
      'parallel bearings',
      [bearing('a', offset(target, 180, 6), 0), bearing('b', offset(target, 180, 12), 0)],
    ],
    [
      'bearings that cross behind a sensor',
      [
        bearing('a', offset(target, 180, 6), 0),
        { ...bearing('b', offset(target, 270, 6), 0), azimuthDeg: 270 },
      ],
    ],
    ['a single bearing', [bearing('a', offset(target, 180, 6), 0)]],
  ])('gives no fix for %s', (_, bs) => {
    expect(triangulateBearings(bs)).toBeNull();
  });
});

describe('triangulateBearings, asked again', () => {
  const three = (): Bearing[] => [
    bearing('a', offset(target, 200, 6), 0.2),
    bearing('b', offset(target, 290, 5), -0.15),
    bearing('c', offset(target, 340, 7), 0.1),
  ];

  it('gives the fix it gave for the same bearings and options, equal to one worked out anew', () => {
    const bs = three();
    const options = { maxRangeM: 40_000 };
    const first = triangulateBearings(bs, options);
    expect(triangulateBearings([...bs], options)).toBe(first);
    // Equal bearings as other objects are worked out again, to the same fix.
    const fresh = triangulateBearings(
      bs.map((b) => ({ ...b })),
      options,
    );
    expect(fresh).not.toBe(first);
    expect(fresh).toEqual(first);
  });

  it('works the fix out anew for other options or other bearings', () => {
    const bs = three();
    const options = { maxRangeM: 40_000 };
    const first = triangulateBearings(bs, options);
    const strict = triangulateBearings(bs, { maxRangeM: 40_000, outlierSigma: 0.01 });
    expect(strict).not.toBe(first);
    expect(triangulateBearings(bs.slice(0, 2), options)).not.toBe(first);
    expect(triangulateBearings(bs.slice(0, 2), options)?.used).toEqual(['a', 'b']);
  });
});
