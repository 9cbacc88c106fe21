import { describe, expect, it } from 'vitest';
import { inverse } from '../geo/index.js';
import type { Observation } from '../observation/types.js';
import type { LonLat } from '../units.js';
import {
  leastSquaresPlace,
  majorSigmaM,
  PlaceEvidence,
  timingOf,
  type PlaceReport,
  type Timing,
} from './estimate.js';
import { observationRegion, type Shape } from './region.js';
import { statedWindowMs } from './time.js';
import { T0, bearingTo, obs, offset, pointAt } from './test-support/scenario.js';

const target: LonLat = [37.9, 48.05];
const shapeOf = (fields: Parameters<typeof obs>[1]): Shape =>
  observationRegion(obs('x', fields)).shape!;
const miss = (p: LonLat) => inverse(p, target).distanceM;

/** A camera's report: ±1° about the true bearing, ±10 % about a range `rangeError` off. */
function camera(from: LonLat, rangeError: number): Shape {
  const km = (inverse(from, target).distanceM / 1000) * (1 + rangeError);
  return shapeOf({
    ...bearingTo(from, target, 1),
    distanceKm: { min: km * 0.9, max: km * 1.1 },
  });
}

/** A stamp `delayS` after T0: a camera's (seen) or an acoustic array's (heard). */
const stamp = (delayS: number, sigmaS: number, heard: boolean): Timing => ({
  atMs: T0 + delayS * 1000,
  sigmaS,
  heard,
});

describe('leastSquaresPlace', () => {
  it('weighs each report by the precision it states', () => {
    const precise = offset(target, 90, 0.3);
    const e = leastSquaresPlace([
      { shape: shapeOf(pointAt(precise, 100)) },
      { shape: shapeOf(pointAt(offset(target, 270, 0.3), 1000)) },
    ])!;
    // Weights 1 : 100: within 1 % of the way from the precise centre to the other.
    expect(inverse(e.location, precise).distanceM).toBeLessThan(10);
    // Two independent readings: the variance is the harmonic sum, about the precise one's.
    expect(majorSigmaM(e.covariance)).toBeCloseTo(50 / Math.sqrt(1.01), 0);
    expect(e.dof).toBe(2);
  });

  it('takes the range of a camera sector from a bearing crossing it', () => {
    const cam = offset(target, 200, 6);
    const array = offset(target, 300, 12);
    const alone = leastSquaresPlace([{ shape: camera(cam, 0.15) }, { shape: camera(cam, 0.15) }])!;
    expect(miss(alone.location)).toBeGreaterThan(800);
    const crossed = leastSquaresPlace([
      { shape: camera(cam, 0.15) },
      { shape: shapeOf(bearingTo(array, target, 4)) },
    ])!;
    // Pulled along the camera's line by the weights: 2σ bearing across at 12 km against ±10 %.
    expect(miss(crossed.location)).toBeLessThan(300);
  });

  it('ranges a lone acoustic bearing by the delay of its sound after a camera saw the flash', () => {
    const cam = offset(target, 20, 5);
    const array = offset(target, 40, 10); // nearly along the camera's line: no crossing to speak of
    const heardS = inverse(array, target).distanceM / 343;
    const reports = (withTime: boolean): PlaceReport[] => [
      { shape: camera(cam, 0.2), timing: withTime ? stamp(0, 0.5, false) : undefined },
      {
        shape: shapeOf(bearingTo(array, target, 4)),
        timing: withTime ? stamp(heardS + 0.3, 0.25, true) : undefined,
      },
    ];
    const without = leastSquaresPlace(reports(false))!;
    const timed = leastSquaresPlace(reports(true))!;
    expect(miss(without.location)).toBeGreaterThan(500);
    expect(miss(timed.location)).toBeLessThan(200);
    expect(timed.timed).toBe(2);
    expect(majorSigmaM(timed.covariance)).toBeLessThan(majorSigmaM(without.covariance));
  });

  it('drops a stamp that cannot be of this sound, worst first', () => {
    const a = offset(target, 300, 12);
    const b = offset(target, 60, 9);
    const c = offset(target, 180, 15);
    const heard = (p: LonLat, lateS = 0) => ({
      shape: shapeOf(bearingTo(p, target, 4)),
      timing: stamp(inverse(p, target).distanceM / 343 + lateS, 0.5, true),
    });
    const e = leastSquaresPlace([heard(a), heard(b), heard(c, 60)])!;
    expect(e.timingRejected).toBe(1);
    expect(e.timed).toBe(2);
    expect(miss(e.location)).toBeLessThan(100);
  });

  it('gives no point for bearings alone that do not cross, nor for nothing', () => {
    const from = offset(target, 270, 10);
    expect(leastSquaresPlace([{ shape: shapeOf(bearingTo(from, target, 4)) }])).toBeNull();
    expect(leastSquaresPlace([])).toBeNull();
  });

  it('gives no point for bearings drawn from one place, nor for lines meeting behind them', () => {
    const from = offset(target, 270, 10);
    const line = (observer: LonLat, azimuthDeg: number): PlaceReport => ({
      bearing: { observer, azimuthDeg, sigmaDeg: 2 },
    });
    const az = inverse(from, target).azimuth1Deg;
    // One array's two detections 6° apart: as lines they meet only at the array.
    expect(leastSquaresPlace([line(from, az), line(from, az + 6)])).toBeNull();
    // Nor do their stamps range them: heard at one place, the event's time takes up any distance.
    const heardThere = (azimuthDeg: number): PlaceReport => ({
      ...line(from, azimuthDeg),
      timing: stamp(20, 0.5, true),
    });
    expect(leastSquaresPlace([heardThere(az), heardThere(az + 6)])).toBeNull();
    // Two arrays 2 km apart looking east, drawing apart by 10°: their lines meet 11 km west.
    const other = offset(from, 0, 2);
    expect(leastSquaresPlace([line(from, 100), line(other, 90)])).toBeNull();
    // Looking west instead, the same lines cross ahead of both.
    expect(leastSquaresPlace([line(from, 280), line(other, 270)])).not.toBeNull();
  });

  it('reads a bearing fix as its bearings', () => {
    const sites = [offset(target, 200, 8), offset(target, 300, 10), offset(target, 40, 9)];
    const e = leastSquaresPlace(
      sites.map((observer) => ({
        bearing: { observer, azimuthDeg: inverse(observer, target).azimuth1Deg, sigmaDeg: 1 },
      })),
    )!;
    expect(miss(e.location)).toBeLessThan(5);
    expect(e.chi2).toBeLessThan(1e-3);
    expect(e.dof).toBe(1);
  });
});

describe('PlaceEvidence', () => {
  it('gives the same place one report at a time as all at once', () => {
    const cam = offset(target, 200, 6);
    const reports: PlaceReport[] = [
      { shape: camera(cam, 0.1), timing: stamp(0, 1, false) },
      { shape: shapeOf(pointAt(offset(target, 45, 0.4), 800)) },
      {
        shape: shapeOf(bearingTo(offset(target, 300, 12), target, 4)),
        timing: stamp(12_000 / 343, 0.5, true),
      },
    ];
    const all = PlaceEvidence.of(reports)!.estimate()!;
    let one = PlaceEvidence.of(reports.slice(0, 1))!;
    for (const r of reports.slice(1)) one = one.with(r);
    const stepwise = one.estimate()!;
    expect(inverse(all.location, stepwise.location).distanceM).toBeLessThan(0.01);
    expect(stepwise.chi2).toBeCloseTo(all.chi2, 6);
  });
});

describe('timingOf', () => {
  const instant = (fields: Parameters<typeof obs>[1]): Observation =>
    obs('t', { observedAt: new Date(T0).toISOString(), ...fields });

  it('reads an instant from a sensor; a bearing-only one as heard', () => {
    const acoustic = instant({
      source: { kind: 'sensor', clockErrorS: 1 },
      ...bearingTo(offset(target, 0, 10), target, 4),
    });
    expect(timingOf(acoustic, statedWindowMs(acoustic), 1)).toEqual({
      atMs: T0,
      sigmaS: 0.5,
      heard: true,
    });
    const cam = instant({ source: { kind: 'sensor', clockErrorS: 2 }, ...pointAt(target, 50) });
    expect(timingOf(cam, statedWindowMs(cam), 2)?.heard).toBe(false);
  });

  it('reads nothing from a window, a clock too loose to range by, or a patrol', () => {
    const windowed = obs('w', pointAt(target, 50));
    expect(timingOf(windowed, statedWindowMs(windowed), 1)).toBeUndefined();
    const loose = instant({ source: { kind: 'sensor', clockErrorS: 30 }, ...pointAt(target, 50) });
    expect(timingOf(loose, statedWindowMs(loose), 30)).toBeUndefined();
    const watch = instant(pointAt(target, 50));
    expect(timingOf(watch, statedWindowMs(watch), 1)).toBeUndefined();
  });
});
