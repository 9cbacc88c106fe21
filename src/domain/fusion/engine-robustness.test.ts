// Regressions for FusionEngine.add throwing on ~0.86 % of the demo scenario's observations (a
// zero-area overlap reaching regionCentroid, or polygon-clipping failing) and leaving the incident
// caught mid-update behind; and for acoustic detections stamped when the sound arrived.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FusionEngine } from './engine.js';
import { LiveIncident } from './live-incident.js';
import { observationRegion } from './region.js';
import { overlapOf } from './region-meet.js';
import { bearingTo, iso, obs, offset, pointAt, T0 } from './test-support/scenario.js';
import type { LonLat } from '../units.js';

const gun: LonLat = [37.95, 48.02];
const now = T0 + 10 * 60_000;
const observer = offset(gun, 270, 4);
// Two sectors from one observer sharing only their 90° radial: they touch along a line.
const touching = (id: string, fromDeg: number, toDeg: number) =>
  obs(id, {
    observer: { lon: observer[0], lat: observer[1] },
    bearing: { fromDeg, toDeg },
    distanceKm: { min: 3, max: 5 },
  });

afterEach(() => vi.restoreAllMocks());

/** Every live observation is in exactly one live incident, and each incident's members are live. */
function consistent(engine: FusionEngine, ids: readonly string[]) {
  const held = engine.incidents().flatMap((i) => i.observationIds);
  expect([...held].sort()).toEqual([...ids].sort());
  expect(engine.observationCount).toBe(ids.length);
}

describe('FusionEngine.add: zero-area and failed overlaps (regression: add threw on 0.86 % of reports)', () => {
  it('overlapOf gives no overlap for two sectors that touch only along an edge', () => {
    const a = observationRegion(touching('a', 80, 90));
    const b = observationRegion(touching('b', 90, 100));
    expect(overlapOf(a, b)).toBeNull();
  });

  it('fuses reports whose regions touch only along an edge without throwing', () => {
    const engine = new FusionEngine();
    const o = [touching('a', 80, 90), touching('b', 90, 100), obs('c', pointAt(offset(observer, 90, 4), 300))];
    for (const x of o) expect(() => engine.add(x, now)).not.toThrow();
    consistent(engine, ['a', 'b', 'c']);
  });

  it('a failed join leaves no half-updated incident: the report opens its own and the incident is as before', () => {
    const engine = new FusionEngine();
    const a = obs('a', pointAt(gun, 500));
    const b = obs('b', pointAt(offset(gun, 0, 0.2), 500));
    engine.add(a, now);
    const before = engine.incident('inc-a');
    const refresh = LiveIncident.prototype.refresh;
    vi.spyOn(LiveIncident.prototype, 'refresh').mockImplementation(function (this: LiveIncident, ...args) {
      if (this.members.length > 1) throw new Error('polygon-clipping: unable to complete output ring');
      return refresh.apply(this, args);
    });
    const changes = engine.add(b, now);
    expect(changes.map((c) => [c.kind, c.incidentId])).toEqual([['opened', 'inc-b']]);
    expect(changes[0]!.reason).toMatch(/could not be fused with inc-a: polygon-clipping/);
    expect(engine.incident('inc-a')).toEqual(before);
    consistent(engine, ['a', 'b']);
    vi.restoreAllMocks();
    // The restored incident is still indexed and linkable.
    expect(engine.add(obs('c', pointAt(offset(gun, 180, 0.1), 400)), now)[0]).toMatchObject({ kind: 'joined' });
  });

  it('a failed merge restores every incident it touched', () => {
    const engine = new FusionEngine();
    engine.add(obs('a', pointAt(offset(gun, 90, 0.5), 400)), now);
    engine.add(obs('b', pointAt(offset(gun, 270, 0.5), 400)), now);
    expect(engine.size).toBe(2);
    const refresh = LiveIncident.prototype.refresh;
    vi.spyOn(LiveIncident.prototype, 'refresh').mockImplementation(function (this: LiveIncident, ...args) {
      if (this.members.length > 1) throw new Error('zero-area overlap');
      return refresh.apply(this, args);
    });
    const changes = engine.add(obs('c', pointAt(gun, 900)), now);
    vi.restoreAllMocks();
    expect(changes.map((c) => c.kind)).toEqual(['opened']);
    expect(engine.incident('inc-a')!.observationIds).toEqual(['a']);
    expect(engine.incident('inc-b')!.observationIds).toEqual(['b']);
    consistent(engine, ['a', 'b', 'c']);
  });
});

describe('FusionEngine: sound travel time (acoustic detections stamped on arrival)', () => {
  const camera = offset(gun, 200, 3);
  const flash = obs('cam', {
    ...bearingTo(camera, gun, 1),
    distanceKm: { min: 2.7, max: 3.3 },
    source: { kind: 'sensor', id: 'camera-1', clockErrorS: 1 },
    observedAt: iso(T0),
  });
  it('joins an acoustic bearing heard 90 s after the flash 30 km away', () => {
    const array = offset(gun, 300, 30.9);
    const heard = obs('ac', {
      ...bearingTo(array, gun, 4),
      source: { kind: 'sensor', id: 'array-1', clockErrorS: 1 },
      observedAt: iso(T0 + 90_000),
    });
    const engine = new FusionEngine();
    engine.add(flash, now);
    expect(engine.add(heard, now)[0]).toMatchObject({ kind: 'joined', incidentId: 'inc-cam' });
  });

  it('does not join one heard after the sound could have arrived from the wedge’s 40 km reach', () => {
    const array = offset(gun, 300, 30.9);
    const late = obs('ac', {
      ...bearingTo(array, gun, 4),
      source: { kind: 'sensor', id: 'array-1', clockErrorS: 1 },
      observedAt: iso(T0 + 125_000),
    });
    const engine = new FusionEngine();
    engine.add(flash, now);
    expect(engine.add(late, now)[0]).toMatchObject({ kind: 'opened' });
  });
});
