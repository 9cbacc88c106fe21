import { describe, expect, it } from 'vitest';
import { fuseAll } from '../fusion/index.js';
import { bearingTo, obs, offset, pointAt, sectorTo } from '../fusion/test-support/scenario.js';
import { attributeSide, LEAVE_ONE_OUT_REASON } from './attribution.js';
import { chi2Median, ErrorScale, excessOf, originConsistency } from './consistency.js';
import { estimateOrigin, widenForAttribution } from './origin.js';
import { onLine, testAgreement } from './test-support/agreement.js';

const agreement = testAgreement();
const outgoing = { direction: 'outgoing' as const };
const sensor = (id: string) => ({ source: { kind: 'sensor' as const, id, clockErrorS: 1 } });

describe('originConsistency', () => {
  it('finds two point reports 1σ apart consistent and 10σ apart not', () => {
    const gun = offset(onLine(), 270, 5);
    // Radius 400 m: σ 200 m each, so the difference has σ 283 m.
    const near = [
      obs('a', { ...pointAt(gun, 400), ...outgoing }),
      obs('b', { ...pointAt(offset(gun, 0, 0.283), 400), ...outgoing }),
    ];
    const c = originConsistency(near, null)!;
    expect(c.dof).toBe(2);
    expect(c.chi2).toBeCloseTo(1, 1);
    expect(excessOf(c)).toBe(1);
    const far = [near[0]!, obs('b', { ...pointAt(offset(gun, 0, 2.83), 400), ...outgoing })];
    const d = originConsistency(far, null)!;
    expect(d.chi2).toBeCloseTo(100, -1);
    expect(excessOf(d)).toBeCloseTo(Math.sqrt(50), 0);
  });

  it('measures a bearing against a point across the bearing only', () => {
    const gun = offset(onLine(), 270, 5);
    const sensorAt = offset(gun, 90, 8);
    // Half-width 2°: σ 1°; at 8 km, 1σ across is 140 m. The point sits 3σ (420 m) off the line
    // of bearing and 2 km beyond the gun along it: only the 420 m counts.
    const b = obs('s', { ...bearingTo(sensorAt, gun, 2), ...outgoing, ...sensor('a1') });
    const p = obs('p', { ...pointAt(offset(offset(gun, 0, 0.42), 270, 2), 10), ...outgoing });
    const c = originConsistency([b, p], null)!;
    expect(c.dof).toBe(1);
    expect(Math.sqrt(c.chi2)).toBeGreaterThan(2.3);
    expect(Math.sqrt(c.chi2)).toBeLessThan(3.3);
  });

  it('gives no measure for one report (nothing to compare)', () => {
    const gun = offset(onLine(), 270, 5);
    expect(originConsistency([obs('a', { ...pointAt(gun, 400), ...outgoing })], null)).toBeNull();
  });
});

describe('chi2Median', () => {
  it('is 0.455 at 1 degree of freedom and close to k − 2/3 for larger k', () => {
    expect(chi2Median(1)).toBeCloseTo(0.455, 3);
    expect(chi2Median(2)).toBeCloseTo(1.386, 2);
    expect(chi2Median(10)).toBeCloseTo(9.342, 1);
  });
});

describe('ErrorScale', () => {
  const at = (ratio: number, dof = 2) => ({
    chi2: ratio * chi2Median(dof),
    dof,
    location: [0, 0] as [number, number],
  });

  it('says 1 until it has enough origins, then the square root of the median excess', () => {
    const s = new ErrorScale({ minSamples: 5 });
    for (let i = 0; i < 4; i++) s.record(`i${i}`, at(9));
    expect(s.value).toBe(1);
    s.record('i4', at(9));
    expect(s.value).toBeCloseTo(3, 9);
  });

  it('is robust to a minority of wild origins and never below 1', () => {
    const s = new ErrorScale({ minSamples: 5 });
    for (let i = 0; i < 6; i++) s.record(`ok${i}`, at(4, 1 + i));
    for (let i = 0; i < 3; i++) s.record(`wild${i}`, at(10_000));
    expect(s.value).toBeCloseTo(2, 9);
    const calm = new ErrorScale({ minSamples: 1 });
    calm.record('a', at(0.1));
    expect(calm.value).toBe(1);
  });

  it('counts an origin once, with its latest value, and forgets the oldest beyond its capacity', () => {
    const s = new ErrorScale({ minSamples: 1, capacity: 3 });
    s.record('a', at(100));
    s.record('a', at(4));
    expect(s.samples).toBe(1);
    expect(s.value).toBeCloseTo(2, 9);
    s.record('a', null);
    expect(s.samples).toBe(0);
    for (const k of ['b', 'c', 'd', 'e']) s.record(k, at(k === 'b' ? 10_000 : 1));
    expect(s.samples).toBe(3);
    expect(s.value).toBe(1);
  });
});

describe('attribution robust to understated errors', () => {
  it('three bearings, one 3× its stated error off: the fix is widened by the disagreement and stays undetermined', () => {
    const gun = offset(onLine(), 270, 0.3);
    // Three arrays 6-8 km from the gun; half-width 2° (σ 1°).
    const sites = [offset(gun, 200, 7), offset(gun, 330, 6), offset(gun, 80, 8)];
    const bearings = (errDeg: number) =>
      sites.map((s, i) =>
        obs(`s${i}`, {
          ...bearingTo(s, gun, 2, i === 2 ? errDeg : 0),
          ...outgoing,
          ...sensor(`a${i}`),
        }),
      );
    const good = bearings(0);
    const clean = estimateOrigin({ observationIds: good.map((o) => o.id) }, good)!;
    expect(clean.method).toBe('triangulation');
    expect(clean.consistency!.chi2).toBeLessThan(0.1);
    expect(attributeSide(clean, agreement).party).toBe('west');

    const bad = bearings(-3);
    const origin = estimateOrigin({ observationIds: bad.map((o) => o.id) }, bad)!;
    expect(origin.method).toBe('triangulation');
    expect(origin.errorExcess).toBeGreaterThan(1.5);
    // The bad bearing pulls the fix towards the line; measured as stated (a 243 m radius about
    // a point 258 m from the line) it would still be named: the consistency test refuses it.
    expect(attributeSide({ ...origin, attributionRegion: origin.region }, agreement).party).toBe(
      'west',
    );
    expect(attributeSide(origin, agreement).party).toBe('undetermined');
  });

  it('a single report that alone puts the origin on its side does not decide it (leave-one-out)', () => {
    // The gun is 1.5 km west of the line. A patrol 1 km east of the line puts it 1-3 km west
    // (its sector reaches the gun); a camera 6 km east puts it 3.5-6.5 km out, mostly east of
    // the line, and their overlap is west. Without the patrol, the camera says east.
    const gun = offset(onLine(), 270, 1.5);
    const patrol = offset(onLine(), 90, 1);
    const cam = offset(onLine(), 90, 6);
    const o = [
      obs('p', { ...sectorTo(patrol, gun, 11.25, 1), ...outgoing }),
      obs('c', {
        ...sectorTo(cam, offset(cam, 270, 5), 2, 1.5),
        event: 'muzzle_flash',
        ...sensor('cam-1'),
      }),
    ];
    const origin = estimateOrigin({ observationIds: ['p', 'c'] }, o, { rangeErrorFraction: 0 })!;
    const a = attributeSide(origin, agreement);
    expect(a.party).toBe('undetermined');
    expect(a.reason).toContain(LEAVE_ONE_OUT_REASON);
    expect(a.reason).toContain('without p');
    expect(a.shares.west).toBeGreaterThanOrEqual(0.95);
  });
});

describe('fused through the engine', () => {
  it('a lone patrol is taken as three times its stated error: a gun 1.2 km from the line is not attributed', () => {
    const patrol = offset(onLine(), 90, 4);
    const o = [
      obs('p', { ...sectorTo(patrol, offset(onLine(), 90, 1.2), 11.25, 0.5), ...outgoing }),
    ];
    const inc = fuseAll(o).incidents[0]!;
    expect(attributeSide(estimateOrigin(inc, o, { singleSourceScale: 1 })!, agreement).party).toBe(
      'east',
    );
    expect(attributeSide(estimateOrigin(inc, o)!, agreement).party).toBe('undetermined');
    expect(LEAVE_ONE_OUT_REASON).toMatch(/one report/);
  });
});

describe('widenForAttribution', () => {
  const o = obs('p', {
    observer: { lon: 38, lat: 48, accuracyM: 50 },
    bearing: { fromDeg: 350, toDeg: 10 },
    distanceKm: { min: 3, max: 5 },
    ...outgoing,
  });

  it('at scale 1 widens the range by the fraction only', () => {
    const w = widenForAttribution(o, 0.25, 1);
    expect(w.bearing).toEqual(o.bearing);
    expect(w.distanceKm).toEqual({ min: 2.25, max: 6.25 });
  });

  it('at scale 2 doubles the sector about its middle (through north) and the range about its middle', () => {
    const w = widenForAttribution(o, 0, 2);
    expect(w.bearing!.fromDeg).toBeCloseTo(340, 9);
    expect(w.bearing!.toDeg).toBeCloseTo(20, 9);
    expect(w.distanceKm).toEqual({ min: 2, max: 6 });
    const p = widenForAttribution(obs('q', { ...pointAt([38, 48], 300) }), 0.25, 3);
    expect(p.location!.radiusM).toBe(900);
  });
});
