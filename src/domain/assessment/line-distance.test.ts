import { describe, expect, it } from 'vitest';
import { discRegion, distanceToLine, wedgeRegion } from '../geo/index.js';
import { offset } from '../fusion/test-support/scenario.js';
import type { LonLat } from '../units.js';
import { normalCdf, withinLimit, withinOfLine } from './limits.js';
import { gaussianLaw, LinePrior, placeLaw, regionLaw } from './line-distance.js';
import { onLine, testAgreement } from './test-support/agreement.js';

const line = testAgreement().lineOfContact as readonly LonLat[];

describe('withinOfLine', () => {
  it('folds the offset across the line: a loose place near it is not all within', () => {
    const r90 = 26_570; // σ ≈ 12.4 km
    const sigma = r90 / Math.sqrt(2 * Math.log(10));
    const folded = withinOfLine(3000, 7000, r90);
    expect(folded).toBeCloseTo(normalCdf(4000 / sigma) - normalCdf(-10_000 / sigma), 9);
    expect(withinLimit(3000, 7000, r90) - folded).toBeGreaterThan(0.2);
  });

  it('agrees with the one-sided reading for a tight place, and never meets a negative limit', () => {
    expect(withinOfLine(10_000, 12_000, 500)).toBeCloseTo(withinLimit(10_000, 12_000, 500), 9);
    expect(withinOfLine(0, -1, 10_000)).toBe(0);
    expect(withinLimit(0, -1, 10_000)).toBeGreaterThan(0.4);
    expect(withinOfLine(100, 50, 0)).toBe(0);
  });
});

describe('regionLaw', () => {
  it('reads a wedge along the line as near it, wherever its centroid is', () => {
    // A 40 km wedge pointing north, 2 km off the line: all of it within 4 km (1.4 km half-width).
    const sensor = offset(onLine(47.6), 90, 2);
    const wedge = wedgeRegion(sensor, { fromDeg: 358, toDeg: 2 }, { maxRangeM: 40_000 });
    const law = regionLaw(wedge, line, { grid: 24, minPoints: 300 })!;
    expect(law(4000)).toBe(1);
    expect(gaussianLaw(2000, 26_570)(4000)).toBeLessThan(0.3);
    // Pointing away from the line: only its first kilometres are within 10 km.
    const away = wedgeRegion(sensor, { fromDeg: 88, toDeg: 92 }, { maxRangeM: 40_000 });
    const awayLaw = regionLaw(away, line, { grid: 24, minPoints: 300 })!;
    const share = awayLaw(10_000);
    // Area grows with range: (8 / 40)² of the wedge is within 8 km of the sensor.
    expect(share).toBeGreaterThan(0.02);
    expect(share).toBeLessThan(0.08);
    expect(awayLaw(-1)).toBe(0);
  });

  it('weighs the region by a prior on the distance', () => {
    const sensor = offset(onLine(48.0), 90, 2);
    const away = wedgeRegion(sensor, { fromDeg: 88, toDeg: 92 }, { maxRangeM: 40_000 });
    const near = (d: number) => (d <= 10_000 ? 100 : 1);
    const flat = regionLaw(away, line, {}, undefined)!(10_000);
    const weighted = regionLaw(away, line, {}, near)!(10_000);
    expect(weighted).toBeGreaterThan(0.7);
    expect(weighted).toBeGreaterThan(flat * 10);
  });

  it('is used for a place that is only a region; a fixed point keeps its Gaussian', () => {
    const centre = offset(onLine(), 90, 5);
    const region = discRegion(centre, 2000);
    const wide = discRegion(centre, 6000);
    const single = placeLaw(
      { location: centre, radius90M: 6000, region: wide, method: 'single' },
      line,
    );
    const fixed = placeLaw(
      { location: centre, radius90M: 2000, region, method: 'intersection' },
      line,
    );
    expect(single(13_000)).toBeGreaterThan(0.99);
    expect(
      placeLaw({ location: centre, radius90M: 2000, region, method: 'single' }, line)(7100),
    ).toBeLessThan(1);
    expect(fixed(7100)).toBeCloseTo(withinLimit(5000, 7100, 2000), 9);
    expect(fixed(7100)).toBeLessThan(1);
  });

  it('reads a wide place of several reports by its region too with a prior; a bearing fix keeps its Gaussian', () => {
    // Two arrays' wedges overlapping along their length: a 40 km region, its radius the disc
    // that holds it, its centroid 27 km from the line.
    const sensor = offset(onLine(48.0), 90, 2);
    const away = wedgeRegion(sensor, { fromDeg: 88, toDeg: 92 }, { maxRangeM: 40_000 });
    const centroid = offset(sensor, 90, 25);
    const near = (d: number) => (d <= 10_000 ? 100 : 1);
    const place = { location: centroid, radius90M: 26_570, region: away };
    const d = distanceToLine(centroid, line).distanceM;
    const byRegion = regionLaw(away, line, { grid: 16, minPoints: 100 }, near)!(10_000);
    const intersection = placeLaw({ ...place, method: 'intersection' }, line, {}, near)(10_000);
    expect(intersection).toBeCloseTo(byRegion, 9);
    expect(intersection).toBeGreaterThan(0.7);
    expect(placeLaw({ ...place, method: 'single' }, line, {}, near)(10_000)).toBeCloseTo(byRegion, 9);
    // Its Gaussian about the centroid would put most of it beyond 10 km.
    const fix = placeLaw({ ...place, method: 'triangulation' }, line, {}, near)(10_000);
    expect(fix).toBeCloseTo(gaussianLaw(d, 26_570)(10_000), 9);
    expect(fix).toBeLessThan(0.3);
  });
});

describe('LinePrior', () => {
  const landing = (id: string, km: number, fields: Record<string, unknown> = {}) => ({
    id,
    location: offset(onLine(), 90, km),
    radius90M: 300,
    weapon: 'mortar',
    direction: 'impact',
    sourceKinds: ['sensor'],
    ...fields,
  });

  it('counts precise mission landings of a named class, and reads nothing before minCount', () => {
    const prior = new LinePrior({ minCount: 3 });
    prior.record(landing('a', 1.5), line);
    prior.record(landing('b', 2.5), line);
    expect(prior.density('mortar')).toBeNull();
    // Not counted: loose, outgoing, a party's, unnamed.
    prior.record(landing('c', 1.5, { radius90M: 5000 }), line);
    prior.record(landing('d', 1.5, { direction: 'outgoing' }), line);
    prior.record(landing('e', 1.5, { sourceKinds: ['party'] }), line);
    prior.record(landing('f', 1.5, { weapon: 'undetermined' }), line);
    expect(prior.count('mortar')).toBe(2);
    prior.record(landing('g', 1.2), line);
    const density = prior.density('mortar')!;
    // 60 bins of 1 km sharing an even prior worth 6 landings (0.1 each): (2 + 0.1) / (3 + 6)
    // at 1-2 km, 0.1 / 9 far out.
    expect(density(1500)).toBeCloseTo(2.1 / 9, 9);
    expect(density(30_000)).toBeCloseTo(0.1 / 9, 9);
    expect(prior.density('artillery')).toBeNull();
  });

  it('reads a class from 10 landings by default, the record outweighing the even prior', () => {
    const prior = new LinePrior();
    for (let i = 0; i < 9; i++) prior.record(landing(`m${i}`, 1.5), line);
    expect(prior.density('mortar')).toBeNull();
    prior.record(landing('m9', 2.5), line);
    const density = prior.density('mortar')!;
    // (9 + 0.1) / (10 + 6) at 1-2 km against 0.1 / 16 at 30 km: 91 times likelier.
    expect(density(1500) / density(30_000)).toBeCloseTo(91, 9);
    const heavier = new LinePrior({ minCount: 1, priorLandings: 60 });
    heavier.record(landing('a', 1.5), line);
    expect(heavier.density('mortar')!(1500)).toBeCloseTo(2 / 61, 9);
  });

  it('replaces an incident recorded again', () => {
    const prior = new LinePrior({ minCount: 1 });
    prior.record(landing('a', 1.5), line);
    prior.record(landing('a', 20.5), line);
    expect(prior.count('mortar')).toBe(1);
    expect(prior.density('mortar')!(1500)).toBeCloseTo(0.1 / 7, 9);
    prior.record(landing('a', 1.5, { radius90M: 9000 }), line);
    expect(prior.count('mortar')).toBe(0);
  });

  it('keeps the count of an incident released when it leaves the window, and takes back one merged away', () => {
    const prior = new LinePrior({ minCount: 1 });
    prior.record(landing('a', 1.5), line);
    prior.record(landing('b', 2.5), line);
    prior.release('a');
    expect(prior.count('mortar')).toBe(2);
    // Released: recording the same id again counts a new landing, not a replacement.
    prior.record(landing('a', 1.5), line);
    expect(prior.count('mortar')).toBe(3);
    prior.release('b', true);
    expect(prior.count('mortar')).toBe(2);
    expect(prior.density('mortar')!(2500)).toBeCloseTo(0.1 / 8, 9);
  });
});
