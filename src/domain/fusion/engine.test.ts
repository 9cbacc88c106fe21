import { describe, expect, it } from 'vitest';
import { inverse } from '../geo/index.js';
import type { Observation } from '../observation/types.js';
import type { LonLat } from '../units.js';
import { FusionEngine, type FusionChange } from './engine.js';
import { fuseAll } from './fuse-all.js';
import {
  at,
  bearingTo,
  obs,
  offset,
  pointAt,
  sectorTo,
  T0,
  type ObsFields,
} from './test-support/scenario.js';

const barrage: LonLat = [37.95, 48.02];
const now = T0 + 10 * 60_000;

function run(observations: Observation[]) {
  const engine = new FusionEngine();
  const changes: FusionChange[] = observations.flatMap((o) => engine.add(o, now));
  return { engine, changes, incidents: engine.incidents() };
}

describe('FusionEngine: joining', () => {
  it('fuses two patrols triangulating one barrage into one incident at the crossing', () => {
    const a = obs('p7', { ...sectorTo(offset(barrage, 200, 4), barrage, 11.25, 1), count: 12 });
    const b = obs('p9', { ...sectorTo(offset(barrage, 300, 3), barrage, 11.25, 1), count: 10 });
    const { changes, incidents } = run([a, b]);
    expect(changes.map((c) => c.kind)).toEqual(['opened', 'joined']);
    expect(incidents).toHaveLength(1);
    const inc = incidents[0]!;
    expect(inc.id).toBe('inc-p7');
    expect(inc.locationMethod).toBe('intersection');
    expect(inverse(inc.location, barrage).distanceM).toBeLessThan(600);
    expect(inc.radius90M).toBeGreaterThan(inverse(inc.location, barrage).distanceM);
  });

  it('counts 12 and 10 from two sources as 12, keeping both raw counts', () => {
    const { incidents } = run([
      obs('a', { ...pointAt(barrage, 500), count: 12 }),
      obs('b', { ...pointAt(offset(barrage, 90, 0.3), 500), count: 10 }),
    ]);
    expect(incidents[0]!.count).toBe(12);
    expect(incidents[0]!.rawCounts.map((c) => c.count)).toEqual([12, 10]);
  });

  it('adds up successive reports of one source but never counts across sources', () => {
    const { incidents } = run([
      obs('a1', {
        ...pointAt(barrage, 500),
        count: 5,
        source: { id: 'patrol-7' },
        observedAt: { from: at(0), to: at(2) },
      }),
      obs('a2', {
        ...pointAt(barrage, 500),
        count: 7,
        source: { id: 'patrol-7' },
        observedAt: { from: at(2), to: at(5) },
      }),
      obs('b', { ...pointAt(barrage, 500), count: 10, source: { id: 'patrol-9' } }),
    ]);
    expect(incidents[0]!.sourceCounts.map((c) => [c.sourceId, c.count])).toEqual([
      ['patrol-7', 12],
      ['patrol-9', 10],
    ]);
    expect(incidents[0]!.count).toBe(12);
  });

  it("does not let a party's larger count raise the mission's", () => {
    const { incidents } = run([
      obs('m', { ...pointAt(barrage, 500), count: 12 }),
      obs('p', { ...pointAt(barrage, 2000), count: 50, source: { kind: 'party', party: 'east' } }),
    ]);
    expect(incidents).toHaveLength(1);
    expect(incidents[0]!.count).toBe(12);
    expect(incidents[0]!.rawCounts.map((c) => c.count)).toEqual([12, 50]);
  });

  it('ignores an observation id it has already fused', () => {
    const engine = new FusionEngine();
    const o = obs('a', pointAt(barrage, 500));
    engine.add(o, now);
    expect(engine.add(o, now)).toEqual([]);
    expect(engine.size).toBe(1);
  });

  it.each<[string, ObsFields, ObsFields, number]>([
    [
      'impact and outgoing fire at one place are two events',
      { direction: 'impact' },
      { direction: 'outgoing' },
      2,
    ],
    [
      'a muzzle flash is not an impact',
      { event: 'explosion', direction: 'impact' },
      { event: 'muzzle_flash', direction: 'undetermined' },
      2,
    ],
    [
      'explosion, projectile in flight and muzzle flash of outgoing fire are one',
      { event: 'explosion', direction: 'outgoing' },
      { event: 'muzzle_flash', direction: 'outgoing' },
      1,
    ],
    [
      'mortar and artillery without calibres can be one',
      { weapon: 'mortar' },
      { weapon: 'artillery' },
      1,
    ],
    [
      '82 mm mortar and 152 mm artillery are two',
      { weapon: 'mortar', calibreMm: 82 },
      { weapon: 'artillery', calibreMm: 152 },
      2,
    ],
    [
      '120 mm mortar and 122 mm artillery can be one',
      { weapon: 'mortar', calibreMm: 120 },
      { weapon: 'artillery', calibreMm: 122 },
      1,
    ],
    ['an undetermined weapon fits any', { weapon: 'undetermined' }, { weapon: 'mlrs' }, 1],
    [
      'explosions and small-arms bursts are two',
      { event: 'explosion' },
      { event: 'small_arms_burst', direction: 'undetermined' },
      2,
    ],
    ['a drone and artillery are two', { weapon: 'drone' }, { weapon: 'artillery' }, 2],
  ])('%s', (_, a, b, expected) => {
    const { incidents } = run([
      obs('a', { ...pointAt(barrage, 500), ...a }),
      obs('b', { ...pointAt(barrage, 500), ...b }),
    ]);
    expect(incidents).toHaveLength(expected);
  });

  it.each<[string, ObsFields, ObsFields, number]>([
    [
      'monitors a minute apart are within their 60 s clock error',
      { observedAt: { from: at(0), to: at(1) } },
      { observedAt: { from: at(2), to: at(3) } },
      1,
    ],
    ['monitors five minutes apart are two events', { observedAt: at(0) }, { observedAt: at(5) }, 2],
    [
      'sensor detections 10 s apart are two shots',
      { source: { kind: 'sensor', id: 's1' }, observedAt: '2026-03-01T18:40:00Z' },
      { source: { kind: 'sensor', id: 's2' }, observedAt: '2026-03-01T18:40:10Z' },
      2,
    ],
    [
      "a sensor's stated clock error widens its window",
      { source: { kind: 'sensor', id: 's1', clockErrorS: 6 }, observedAt: '2026-03-01T18:40:00Z' },
      { source: { kind: 'sensor', id: 's2', clockErrorS: 6 }, observedAt: '2026-03-01T18:40:10Z' },
      1,
    ],
    [
      'open-source footage dated 20 min off still matches',
      { observedAt: at(0) },
      { observedAt: at(20), source: { kind: 'osint' } },
      1,
    ],
  ])('%s', (_, a, b, expected) => {
    const { incidents } = run([
      obs('a', { ...pointAt(barrage, 500), ...a }),
      obs('b', { ...pointAt(barrage, 500), ...b }),
    ]);
    expect(incidents).toHaveLength(expected);
  });

  it('keeps reports whose regions do not meet apart', () => {
    const { incidents } = run([
      obs('a', pointAt(barrage, 300)),
      obs('b', pointAt(offset(barrage, 90, 1), 300)),
    ]);
    expect(incidents.map((i) => i.id)).toEqual(['inc-a', 'inc-b']);
  });

  it('rejects an observation without a place', () => {
    expect(() => new FusionEngine().add(obs('x', {}), now)).toThrow(/location/);
  });
});

describe('FusionEngine: bearings', () => {
  const sensors: LonLat[] = [
    offset(barrage, 200, 6),
    offset(barrage, 290, 5),
    offset(barrage, 340, 7),
  ];
  const errs = [0.2, -0.15, 0.1];
  const detections = sensors.map((s, i) =>
    obs(`s${i}`, {
      ...bearingTo(s, barrage, 1, errs[i]),
      source: { kind: 'sensor', id: `sensor-${i}` },
      observedAt: '2026-03-01T18:40:00Z',
    }),
  );

  it('triangulates bearing-only detections from three sensors to within tens of metres', () => {
    const { incidents, changes } = run(detections);
    expect(changes.map((c) => c.kind)).toEqual(['opened', 'joined', 'joined']);
    const inc = incidents[0]!;
    expect(inc.locationMethod).toBe('triangulation');
    expect(inc.bearings).toEqual({ used: ['s0', 's1', 's2'], rejected: [] });
    expect(inverse(inc.location, barrage).distanceM).toBeLessThan(50);
    expect(inc.radius90M).toBeLessThan(300);
  });

  it('triangulates bearings whose sectors wrap through north', () => {
    const north = offset(barrage, 180, 8); // looks north at the barrage: sector 359..1
    const d0 = obs('n', {
      ...bearingTo(north, barrage, 1),
      source: { kind: 'sensor', id: 'north' },
      observedAt: '2026-03-01T18:40:00Z',
    });
    expect(d0.bearing!.fromDeg).toBeGreaterThan(d0.bearing!.toDeg);
    const { incidents } = run([d0, detections[1]!]);
    expect(incidents).toHaveLength(1);
    expect(inverse(incidents[0]!.location, barrage).distanceM).toBeLessThan(50);
  });

  it('splits off a report that only the long wedge of a single bearing linked, once bearings cross', () => {
    // A party claims a strike 15 km down sensor 0's bearing; sensor 1's bearing crosses at 6 km.
    const far = offset(sensors[0]!, inverse(sensors[0]!, barrage).azimuth1Deg, 15);
    const claim = obs('claim', {
      ...pointAt(far, 500),
      source: { kind: 'party', party: 'east' },
      observedAt: at(0),
    });
    const { changes, incidents } = run([detections[0]!, claim, detections[1]!]);
    expect(changes.map((c) => c.kind)).toEqual(['opened', 'joined', 'joined', 'split', 'updated']);
    const split = changes[3]!;
    expect(split).toMatchObject({
      kind: 'split',
      incidentId: 'inc-claim',
      fromIncidentId: 'inc-s0',
      observationIds: ['claim'],
    });
    expect(incidents.map((i) => [i.id, i.observationIds])).toEqual([
      ['inc-s0', ['s0', 's1']],
      ['inc-claim', ['claim']],
    ]);
  });
});

describe('FusionEngine: merging', () => {
  const west = offset(barrage, 270, 0.8);
  const east = offset(barrage, 90, 0.8);

  it('merges two incidents that a late report links, keeping the older id and recording the alias', () => {
    const a = obs('a', { ...pointAt(west, 400), count: 4 });
    const b = obs('b', { ...pointAt(east, 400), count: 6 });
    const late = obs('late', {
      ...pointAt(barrage, 1000),
      count: 9,
      observedAt: { from: at(1), to: at(4) },
    });
    const { changes, incidents, engine } = run([a, b, late]);
    expect(changes.map((c) => c.kind)).toEqual(['opened', 'opened', 'joined', 'merged']);
    expect(changes[3]).toMatchObject({
      kind: 'merged',
      incidentId: 'inc-a',
      absorbedId: 'inc-b',
      observationId: 'late',
    });
    expect(changes[3]!.reason).toBe('late links inc-a (via a) and inc-b (via b)');
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({
      id: 'inc-a',
      aliases: ['inc-b'],
      observationIds: ['a', 'b', 'late'],
      count: 9,
    });
    expect(engine.incident('inc-b')?.id).toBe('inc-a');
  });

  it('does not merge incidents that conflict even when a report fits both', () => {
    const a = obs('a', { ...pointAt(west, 400), weapon: 'mortar', calibreMm: 82 });
    const b = obs('b', { ...pointAt(east, 400), weapon: 'artillery', calibreMm: 152 });
    const late = obs('late', { ...pointAt(barrage, 1000) });
    const { incidents } = run([a, b, late]);
    expect(incidents.map((i) => i.observationIds)).toEqual([['a', 'late'], ['b']]);
  });

  it('gives the same incidents in batch (fuseAll) as one by one', () => {
    const input = [
      obs('a', pointAt(west, 400)),
      obs('b', pointAt(east, 400)),
      obs('late', pointAt(barrage, 1000)),
    ];
    const batch = fuseAll(input);
    expect(batch.incidents.map((i) => [i.id, i.aliases])).toEqual([['inc-a', ['inc-b']]]);
  });
});

describe('FusionEngine: time', () => {
  it('opens a new incident once fire at one place would stretch one past an hour', () => {
    // Ten-minute reports every nine minutes: each overlaps the last.
    const reports = Array.from({ length: 8 }, (_, k) =>
      obs(`r${k}`, {
        ...pointAt(barrage, 500),
        observedAt: { from: at(9 * k), to: at(9 * k + 10) },
      }),
    );
    const { incidents } = fuseAll(reports);
    expect(incidents.map((i) => i.observationIds.length)).toEqual([6, 2]);
  });

  it('forgets incidents and their aliases once they leave the window', () => {
    const engine = new FusionEngine({ windowMs: 3600_000 });
    const west = offset(barrage, 270, 0.8);
    const east = offset(barrage, 90, 0.8);
    engine.add(obs('a', pointAt(west, 400)), now);
    engine.add(obs('b', pointAt(east, 400)), now);
    engine.add(obs('late', pointAt(barrage, 1000)), now);
    expect(engine.incident('inc-b')?.id).toBe('inc-a');
    expect(engine.advance(now + 2 * 3600_000)).toEqual(['inc-a']);
    expect([engine.size, engine.observationCount, engine.incident('inc-b')]).toEqual([
      0,
      0,
      undefined,
    ]);
    // A report of the same event arriving now opens a new incident.
    const changes = engine.add(obs('later', pointAt(barrage, 1000)), now + 2 * 3600_000);
    expect(changes.map((c) => [c.kind, c.incidentId])).toEqual([['opened', 'inc-later']]);
  });
});
