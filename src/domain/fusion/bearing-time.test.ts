import { describe, expect, it } from 'vitest';
import { inverse } from '../geo/index.js';
import type { Observation } from '../observation/types.js';
import type { LonLat } from '../units.js';
import { FusionEngine } from './engine.js';
import { bearingTo, iso, obs, offset, sectorTo, T0 } from './test-support/scenario.js';

const array: LonLat = [37.6, 48.2];
const now = T0 + 10 * 60_000;
const travelS = (from: LonLat, to: LonLat) => inverse(from, to).distanceM / 343;

function fuse(observations: Observation[]): string[][] {
  const engine = new FusionEngine();
  for (const o of observations) engine.add(o, now);
  return engine.incidents().map((i) => i.observationIds as string[]);
}

describe('FusionEngine: a lone bearing weighs when it was heard', () => {
  // Both ends of one shot lie due east of an array, 6 km (where it landed) and 9 km (where it
  // was fired) away: its bearing cannot tell them apart, the arrival of the sound can.
  const impact = offset(array, 90, 6);
  const origin = offset(array, 90, 9);
  const fired = obs('cam', {
    ...sectorTo(offset(origin, 200, 4), origin, 1, 0.1),
    source: { kind: 'sensor', id: 'cam-1', clockErrorS: 4 },
    observedAt: iso(T0),
    direction: 'outgoing',
  });
  const landed = obs('patrol', {
    ...sectorTo(offset(impact, 180, 6), impact, 11.25, 1),
    observedAt: { from: iso(T0 - 60_000), to: iso(T0 + 60_000) },
    direction: 'impact',
  });
  const heardAt = (s: number) =>
    obs('aco', {
      ...bearingTo(array, origin, 4),
      source: { kind: 'sensor', id: 'aco-1', clockErrorS: 4 },
      observedAt: iso(T0 + s * 1000),
      direction: 'undetermined',
    });

  it('joins the end whose sound arrives when it was stamped, not the better-placed one', () => {
    // By direction alone the camera's 300 m place is likelier than the patrol's kilometres; the
    // sound from 9 km would arrive 8.7 s later than it was stamped.
    expect(fuse([fired, landed, heardAt(travelS(array, impact))])).toEqual([
      ['cam'],
      ['patrol', 'aco'],
    ]);
  });

  it('joins the better-placed end when the stamp fits the sound from there', () => {
    expect(fuse([fired, landed, heardAt(travelS(array, origin))])).toEqual([
      ['cam', 'aco'],
      ['patrol'],
    ]);
  });
});

describe('FusionEngine: one sensor, one sound at a time', () => {
  const target = offset(array, 45, 8);
  const detection = (id: string, s: number, direction: Observation['direction']) =>
    obs(id, {
      ...bearingTo(array, target, 4),
      source: { kind: 'sensor', id: 'aco-1', clockErrorS: 1 },
      observedAt: iso(T0 + s * 1000),
      direction,
    });

  it('keeps apart two outgoing detections of one array on one bearing seconds apart', () => {
    // One array hears one sound once: two stamps 6 s apart are two shots from that direction.
    expect(fuse([detection('a', 0, 'outgoing'), detection('b', 6, 'outgoing')])).toEqual([
      ['a'],
      ['b'],
    ]);
  });

  it('still joins two detections of one array within their clock errors', () => {
    expect(fuse([detection('a', 0, 'outgoing'), detection('b', 1.5, 'outgoing')])).toEqual([
      ['a', 'b'],
    ]);
  });

  it('does not place two detections of one array at the array', () => {
    // Their lines cross only where they were drawn from: the place stays along the bearing.
    const engine = new FusionEngine();
    engine.add(detection('a', 0, 'undetermined'), now);
    engine.add(
      obs('b', {
        ...bearingTo(array, target, 4, 3),
        source: { kind: 'sensor', id: 'aco-1', clockErrorS: 1 },
        observedAt: iso(T0 + 6000),
        direction: 'outgoing',
      }),
      now,
    );
    const [inc] = engine.incidents();
    expect(inc!.observationIds).toEqual(['a', 'b']);
    expect(inverse(inc!.location, array).distanceM).toBeGreaterThan(5000);
    expect(inc!.radius90M).toBeGreaterThan(5000);
  });
});
