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

/** A camera 4 km south-south-west of `at`, seeing it within ±1° and ±`rangeKm`, stamped at T0. */
const cameraOn = (at: LonLat, rangeKm: number, clockErrorS: number, direction: Observation['direction']) =>
  obs('cam', {
    ...sectorTo(offset(at, 200, 4), at, 1, rangeKm),
    source: { kind: 'sensor', id: 'cam-1', clockErrorS },
    observedAt: iso(T0),
    direction,
  });

/** A patrol `km` south of an impact at `at`, hearing it within a minute of T0. */
const patrolOn = (at: LonLat, km: number) =>
  obs('patrol', {
    ...sectorTo(offset(at, 180, km), at, 11.25, 1),
    observedAt: { from: iso(T0 - 60_000), to: iso(T0 + 60_000) },
    direction: 'impact',
  });

describe('FusionEngine: a lone bearing weighs when it was heard', () => {
  // Both ends of one shot lie due east of an array, 6 km (where it landed) and 9 km (where it
  // was fired) away: its bearing cannot tell them apart, the arrival of the sound can.
  const impact = offset(array, 90, 6);
  const origin = offset(array, 90, 9);
  const fired = cameraOn(origin, 0.1, 4, 'outgoing');
  const landed = patrolOn(impact, 6);
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

  it('keeps apart detections of one array seconds apart when one is of undetermined direction', () => {
    // Which end of a shot it heard is unknown, but it is still another sound than the other's.
    expect(fuse([detection('a', 0, 'undetermined'), detection('b', 6, 'outgoing')])).toEqual([
      ['a'],
      ['b'],
    ]);
    expect(fuse([detection('a', 0, 'undetermined'), detection('b', 6, 'undetermined')])).toEqual([
      ['a'],
      ['b'],
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
        observedAt: iso(T0 + 1500),
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

describe('FusionEngine: an array that heard both ends of a shot', () => {
  // Both ends lie due east of an array, the impact 6 km away and the firing 7.5 km: its two
  // detections are 4.4 s apart, and only the impact is otherwise reported.
  const impact = offset(array, 90, 6);
  const origin = offset(array, 90, 7.5);
  const camera = cameraOn(impact, 0.3, 5, 'impact');
  const patrol = patrolOn(impact, 5);
  const heard = (id: string, from: LonLat, direction: Observation['direction']) =>
    obs(id, {
      ...bearingTo(array, impact, 4),
      source: { kind: 'sensor', id: 'aco-1', clockErrorS: 0.5 },
      observedAt: iso(T0 + travelS(array, from) * 1000),
      direction,
    });
  const firing = heard('aco-firing', origin, 'undetermined');

  it('the detection stamped at the impact’s arrival takes the impact incident from the one stamped at the firing’s', () => {
    const engine = new FusionEngine();
    engine.add(camera, now);
    // Alone with the camera, the firing's sound fits within the camera's 5 s clock error.
    engine.add(firing, now);
    expect(engine.incidents().map((i) => i.observationIds)).toEqual([['cam', 'aco-firing']]);
    const changes = engine.add(heard('aco-impact', impact, 'undetermined'), now);
    expect(engine.incidents().map((i) => i.observationIds)).toEqual([
      ['cam', 'aco-impact'],
      ['aco-firing'],
    ]);
    expect(changes.map((c) => [c.kind, c.incidentId])).toEqual([
      ['joined', 'inc-cam'],
      ['split', 'inc-aco-firing'],
    ]);
  });

  it('a detection stating the impact takes it when no stamp tells the two sounds apart', () => {
    expect(fuse([patrol, firing, heard('aco-impact', impact, 'impact')])).toEqual([
      ['patrol', 'aco-impact'],
      ['aco-firing'],
    ]);
  });

  it('when nothing tells them apart, the first stays and the other opens an incident of its own', () => {
    expect(fuse([patrol, firing, heard('aco-impact', impact, 'undetermined')])).toEqual([
      ['patrol', 'aco-firing'],
      ['aco-impact'],
    ]);
  });

  it('the detection of the impact keeps its place against a later one stamped at the firing’s arrival', () => {
    expect(fuse([camera, heard('aco-impact', impact, 'undetermined'), firing])).toEqual([
      ['cam', 'aco-impact'],
      ['aco-firing'],
    ]);
  });
});
