import { describe, expect, it } from 'vitest';
import { inverse } from '../geo/index.js';
import type { Observation } from '../observation/types.js';
import type { LonLat } from '../units.js';
import { FusionEngine, type FusionChange } from './engine.js';
import { fuseAll } from './fuse-all.js';
import {
  at,
  bearingTo,
  iso,
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

/**
 * `run`, then a patrol's report 200 km away two hours later: the reports have come past every
 * claim's window, so claims are matched. Its own change and incident are left out.
 */
function settled(observations: Observation[]) {
  const later = obs('later', { ...pointAt(offset(barrage, 0, 200), 300), observedAt: at(120) });
  const { engine, changes } = run([...observations, later]);
  return {
    engine,
    changes: changes.filter((c) => c.incidentId !== 'inc-later'),
    incidents: engine.incidents().filter((i) => i.id !== 'inc-later'),
  };
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
    const { incidents } = settled([
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
    const { incidents } = settled([
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

describe('FusionEngine: claims', () => {
  const claim = obs('claim', {
    ...pointAt(barrage, 1500),
    source: { kind: 'party', party: 'east' },
    observedAt: { from: at(-10), to: at(20) },
  });
  // Two shots within the claim's half hour: the first 1.2 km off its place, the second on it.
  const first = obs('first', { ...pointAt(offset(barrage, 90, 1.2), 300), observedAt: at(0) });
  const second = obs('second', { ...pointAt(barrage, 300), observedAt: at(8) });
  const later = obs('later', { ...pointAt(offset(barrage, 0, 200), 300), observedAt: at(120) });

  it("keeps the mission's reports from gathering about a claim", () => {
    const { incidents } = run([claim, first]);
    expect(incidents.map((i) => i.observationIds)).toEqual([['claim'], ['first']]);
  });

  it('matches a claim, once the reports have come past its window, to the incident it fits best', () => {
    const { changes, incidents } = run([claim, first, second, later]);
    expect(changes.map((c) => c.kind)).toEqual(['opened', 'opened', 'opened', 'merged', 'opened']);
    expect(changes[3]).toMatchObject({ incidentId: 'inc-second', absorbedId: 'inc-claim' });
    expect(incidents.map((i) => i.observationIds)).toEqual([
      ['first'],
      ['claim', 'second'],
      ['later'],
    ]);
  });

  it('moves a claim matched early to a better fitting incident once its window is past', () => {
    const { changes, incidents } = run([first, claim, second, later]);
    expect(changes.map((c) => [c.kind, c.incidentId])).toEqual([
      ['opened', 'inc-first'],
      ['opened', 'inc-claim'],
      ['merged', 'inc-first'],
      ['opened', 'inc-second'],
      ['updated', 'inc-first'],
      ['joined', 'inc-second'],
      ['opened', 'inc-later'],
    ]);
    expect(incidents.map((i) => i.observationIds)).toEqual([
      ['first'],
      ['second', 'claim'],
      ['later'],
    ]);
  });

  it('lets the better fitting of two claims naming weapons that cannot be one take an incident', () => {
    // A grenade launcher claimed 1.5 km off, then artillery claimed on the place: the first
    // leaves for an incident of its own.
    const cam = obs('cam', { ...pointAt(barrage, 300), observedAt: at(0) });
    const party = { kind: 'party', party: 'east' } as const;
    const window = { from: at(-10), to: at(20) };
    const light = obs('light', {
      ...pointAt(offset(barrage, 90, 1.5), 2000),
      source: party,
      observedAt: window,
      weapon: 'grenade_launcher',
    });
    const heavy = obs('heavy', {
      ...pointAt(barrage, 1000),
      source: { kind: 'party', party: 'west' },
      observedAt: window,
      weapon: 'artillery',
    });
    expect(settled([cam, light]).incidents.map((i) => i.observationIds)).toEqual([
      ['cam', 'light'],
    ]);
    const { changes, incidents } = settled([cam, light, heavy]);
    expect(changes.map((c) => [c.kind, c.incidentId])).toEqual([
      ['opened', 'inc-cam'],
      ['opened', 'inc-light'],
      ['merged', 'inc-cam'],
      ['opened', 'inc-heavy'],
      ['split', 'inc-light'],
      ['merged', 'inc-cam'],
    ]);
    expect(incidents.map((i) => i.observationIds)).toEqual([['cam', 'heavy'], ['light']]);
  });

  it('matches a claim filed after the reports of its window at once', () => {
    const { engine } = run([first, second, later]);
    const changes = engine.add(claim, now);
    expect(changes.map((c) => [c.kind, c.incidentId])).toEqual([
      ['opened', 'inc-claim'],
      ['merged', 'inc-second'],
    ]);
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
    // A party claims a strike 15 km down sensor 0's bearing; once the reports have come past the
    // claim's window it is matched to sensor 0's detection (nothing else is there), then sensor
    // 1's bearing crosses that one at 6 km.
    const far = offset(sensors[0]!, inverse(sensors[0]!, barrage).azimuth1Deg, 15);
    const claim = obs('claim', {
      ...pointAt(far, 500),
      source: { kind: 'party', party: 'east' },
      observedAt: at(0),
    });
    const later = obs('later', { ...pointAt(offset(barrage, 0, 200), 300), observedAt: at(120) });
    const { changes, incidents } = run([claim, detections[0]!, later, detections[1]!]);
    expect(changes.map((c) => c.kind)).toEqual([
      'opened',
      'opened',
      'merged',
      'opened',
      'joined',
      'split',
      'updated',
    ]);
    expect(changes[2]).toMatchObject({ incidentId: 'inc-s0', absorbedId: 'inc-claim' });
    expect(changes[5]).toMatchObject({
      kind: 'split',
      incidentId: 'inc-claim',
      fromIncidentId: 'inc-s0',
      observationIds: ['claim'],
    });
    expect(incidents.map((i) => [i.id, i.observationIds])).toEqual([
      ['inc-s0', ['s0', 's1']],
      ['inc-later', ['later']],
      ['inc-claim', ['claim']],
    ]);
  });
});

describe('FusionEngine: sound travel at the place', () => {
  const near = offset(barrage, 200, 6);
  const far = offset(barrage, 300, 20);
  const heard = (id: string, from: LonLat, arrivalS: number, seen = 'sensor') =>
    obs(id, {
      ...bearingTo(from, barrage, 2),
      source: { kind: 'sensor', id: seen, clockErrorS: 1 },
      observedAt: iso(T0 + arrivalS * 1000),
    });
  const travelS = (from: LonLat) => inverse(from, barrage).distanceM / 343;

  it('crosses two acoustic bearings whose arrivals fit one shot at the crossing', () => {
    const { incidents } = run([
      heard('a', near, travelS(near), 'aco-1'),
      heard('b', far, travelS(far), 'aco-2'),
    ]);
    expect(incidents.map((i) => i.observationIds)).toEqual([['a', 'b']]);
    expect(incidents[0]!.locationMethod).toBe('triangulation');
  });

  it('keeps apart bearings that cross but were heard 25 s too early for one shot there', () => {
    // Both within the 117 s a 40 km wedge allows, but from 6 and 20 km the sound of one shot
    // arrives 41 s apart, not 16 s.
    const { incidents } = run([
      heard('a', near, travelS(near), 'aco-1'),
      heard('b', far, travelS(far) - 25, 'aco-2'),
    ]);
    expect(incidents.map((i) => i.observationIds)).toEqual([['a'], ['b']]);
  });

  it('does not join two detections of one array on different bearings', () => {
    // Their wedges' polygons touch at the array's own position (region.test.ts).
    const array = { lat: 47.85, lon: 35.65 };
    const detection = (id: string, fromDeg: number, s: number) =>
      obs(id, {
        observer: array,
        bearing: { fromDeg, toDeg: fromDeg + 8 },
        source: { kind: 'sensor', id: 'aco-1', clockErrorS: 1 },
        observedAt: iso(T0 + s * 1000),
      });
    const { incidents } = run([detection('a', 185, 0), detection('b', 260, 5)]);
    expect(incidents).toHaveLength(2);
  });

  it('sends a bearing to the incident that places it most precisely', () => {
    // A wedge of an earlier shot 3 km further along crosses it in time; a camera's 400 m sector
    // holds where this one fell.
    const along = inverse(near, barrage).azimuth1Deg;
    const x = offset(near, along, 9);
    const otherSensor = offset(barrage, 110, 15);
    const shotAtXS = travelS(near) - inverse(near, x).distanceM / 343;
    const { incidents } = run([
      obs('w', {
        ...bearingTo(otherSensor, x, 4),
        source: { kind: 'sensor', id: 'aco-9', clockErrorS: 1 },
        observedAt: iso(T0 + (shotAtXS + inverse(otherSensor, x).distanceM / 343) * 1000),
      }),
      obs('cam', {
        ...sectorTo(offset(barrage, 120, 4), barrage, 1, 0.1),
        source: { kind: 'sensor', id: 'cam-1', clockErrorS: 1 },
        observedAt: iso(T0),
      }),
      heard('a', near, travelS(near), 'aco-1'),
    ]);
    expect(incidents.map((i) => i.observationIds)).toEqual([['w'], ['cam', 'a']]);
  });

  it('sends a bearing whose wedge meets two places to the one it points at, not the smaller', () => {
    // Read at ±2.5σ (σ 2°) the wedge from 6 km reaches 525 m either side: a 100 m place 450 m
    // off its line (4.3°, 2.1σ) is a less likely source than the 300 m place it points at.
    const across = inverse(near, barrage).azimuth1Deg + 90;
    const { incidents } = run([
      obs('on', { ...pointAt(barrage, 300), observedAt: iso(T0) }),
      obs('off', { ...pointAt(offset(barrage, across, 0.45), 100), observedAt: iso(T0) }),
      obs('a', {
        ...bearingTo(near, barrage, 4),
        source: { kind: 'sensor', id: 'aco-1', clockErrorS: 1 },
        observedAt: iso(T0 + travelS(near) * 1000),
      }),
    ]);
    expect(incidents.map((i) => i.observationIds)).toEqual([['on', 'a'], ['off']]);
  });

  it('matches a party claim to an incident placed only along a wedge when none placed better fits', () => {
    // The wedge of another shot passes 500 m from the claimed place, within its half hour.
    const lone = offset(barrage, 20, 15);
    const wedge = obs('w', {
      ...bearingTo(lone, offset(barrage, 95, 0.5), 2),
      source: { kind: 'sensor', id: 'aco-9', clockErrorS: 1 },
      observedAt: iso(T0 + 45_000),
    });
    const claim = obs('claim', {
      ...pointAt(barrage, 1000),
      source: { kind: 'party', party: 'east' },
      observedAt: { from: at(-10), to: at(20) },
    });
    const camera = obs('cam', {
      ...sectorTo(offset(barrage, 120, 4), barrage, 1, 0.2),
      source: { kind: 'sensor', id: 'cam-1', clockErrorS: 1 },
      observedAt: iso(T0 + 3 * 60_000),
    });
    expect(settled([wedge, claim]).incidents.map((i) => i.observationIds)).toEqual([
      ['w', 'claim'],
    ]);
    expect(settled([wedge, camera, claim]).incidents.map((i) => i.observationIds)).toEqual([
      ['w'],
      ['cam', 'claim'],
    ]);
  });
});

describe('FusionEngine: stated ranges', () => {
  it('links a patrol whose stated range falls just short of a camera sector (read at ±2σ)', () => {
    // The patrol says 2-3 km; the impact is 3.3 km away: outside as stated, inside at ±2σ.
    const patrol = offset(barrage, 250, 3.3);
    const { incidents } = run([
      obs('cam', {
        ...sectorTo(offset(barrage, 120, 4), barrage, 1, 0.2),
        source: { kind: 'sensor', id: 'cam-1', clockErrorS: 1 },
        observedAt: at(1),
      }),
      obs('p', {
        ...bearingTo(patrol, barrage, 11.25),
        distanceKm: { min: 2, max: 3 },
        observedAt: { from: at(0), to: at(2) },
      }),
    ]);
    expect(incidents.map((i) => i.observationIds)).toEqual([['cam', 'p']]);
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
  it('keeps reports that share no instant apart, even when a longer one overlaps both', () => {
    // a and c are five minutes apart; b's ten minutes overlap both. One event happened at one
    // instant: b can be with a or with c, not with both.
    const { incidents } = run([
      obs('a', { ...pointAt(barrage, 500), observedAt: at(0) }),
      obs('b', { ...pointAt(barrage, 500), observedAt: { from: at(0), to: at(10) } }),
      obs('c', { ...pointAt(barrage, 500), observedAt: at(7) }),
    ]);
    expect(incidents.map((i) => i.observationIds)).toEqual([['a', 'b'], ['c']]);
  });

  it('opens a new incident once fire at one place would stretch one past an hour', () => {
    // Forty-minute reports every five minutes: all share minutes 35-40, but the span grows.
    const reports = Array.from({ length: 8 }, (_, k) =>
      obs(`r${k}`, {
        ...pointAt(barrage, 500),
        observedAt: { from: at(5 * k), to: at(5 * k + 40) },
      }),
    );
    const { incidents } = fuseAll(reports);
    expect(incidents.map((i) => i.observationIds.length)).toEqual([5, 3]);
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
