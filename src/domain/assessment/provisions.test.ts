import { describe, expect, it } from 'vitest';
import { fuseAll } from '../fusion/index.js';
import type { Observation } from '../observation/types.js';
import { ll, obs, offset, pointAt, type ObsFields } from '../fusion/test-support/scenario.js';
import type { LonLat } from '../units.js';
import { LinePrior } from './line-distance.js';
import { estimateOrigin } from './origin.js';
import { normalCdf } from './limits.js';
import { matchProvisions } from './provisions.js';
import { onLine, testAgreement } from './test-support/agreement.js';

const agreement = testAgreement();

function assess(...o: Observation[]) {
  const incident = fuseAll(o).incidents[0]!;
  return matchProvisions(incident, agreement, { origin: estimateOrigin(incident, o), members: o });
}
const at = (km: number, fields: ObsFields) =>
  obs('a', { ...pointAt(offset(onLine(), 270, km), 200), ...fields });

describe('matchProvisions', () => {
  it('matches the ceasefire for any fire, and places nothing for an unnamed impact', () => {
    const m = assess(at(3, { count: 12 }));
    expect(m.map((x) => x.provisionId)).toEqual(['ceasefire']);
    expect(m[0]).toMatchObject({
      kind: 'ceasefire',
      measured: { quantity: 'count', value: 12 },
      confidence: 0.95,
    });
  });

  it('bounds where a named weapon was fired from by its range from where it landed', () => {
    // A 152 mm shell landing 3 km from the line came from within 3 + 33.5 km of it: inside 50 km.
    const m = assess(at(3, { count: 12, weapon: 'artillery', calibreMm: 152 }));
    expect(m.map((x) => x.provisionId)).toEqual(['ceasefire', 'withdrawal:wd-artillery']);
    const w = m[1]!;
    expect(w.measured).toMatchObject({
      quantity: 'greatest_distance_to_line',
      unit: 'km',
      limit: 50,
    });
    expect(w.measured.value).toBeCloseTo(36.5, 0);
    expect(w.text).toMatch(
      /^artillery 152 mm landing 3\.0 km from the line: fired from within 36\.5 km of it \(range 33\.5 km\); limit 50 km$/,
    );
    expect(w.confidence).toBeCloseTo(0.95, 2);
    // Landing 30 km out, it may have come from 63.5 km: nothing is claimed.
    expect(assess(at(30, { weapon: 'artillery', calibreMm: 152 })).map((x) => x.kind)).toEqual([
      'ceasefire',
    ]);
    // Of unstated calibre, the shares of the systems whose range keeps them inside count.
    const unstated = assess(at(5, { weapon: 'artillery' })).find((x) => x.kind === 'withdrawal')!;
    expect(unstated.confidence).toBeGreaterThan(0.85);
    expect(unstated.confidence).toBeLessThan(0.95);
    expect(unstated.text).toMatch(/calibre not stated/);
  });

  it('puts a mortar landing near the line inside the security zone by its range', () => {
    const rules = testAgreement({
      withdrawalDistances: [
        { id: 'wd-mortar', weaponClass: 'mortar', maxCalibreMm: 120, distanceKm: 15 },
      ],
    });
    const o = [at(1.5, { weapon: 'mortar', calibreMm: 82 })];
    const incident = fuseAll(o).incidents[0]!;
    const m = matchProvisions(incident, rules, { origin: estimateOrigin(incident, o) });
    expect(m.map((x) => [x.provisionId, x.confidence])).toEqual([
      ['ceasefire', 0.95],
      ['withdrawal:wd-mortar', 0.95],
      ['security_zone', 0.95],
    ]);
    expect(m[2]!.text).toBe(
      'mortar 82 mm landing 1.5 km from the line: fired from within 5.8 km of it, inside the 15 km security zone',
    );
  });

  it('matches heavy weapons inside their withdrawal distance, with the measured distance', () => {
    const m = assess(at(23.4, { weapon: 'artillery', calibreMm: 152, direction: 'outgoing' }));
    const w = m.find((x) => x.kind === 'withdrawal')!;
    expect(w.provisionId).toBe('withdrawal:wd-artillery');
    expect(w.text).toBe('artillery 152 mm at 23.4 km from the line; limit 50 km');
    expect(w.measured).toMatchObject({ quantity: 'distance_to_line', unit: 'km', limit: 50 });
    expect(w.measured.value).toBeCloseTo(23.4, 1);
    expect(w.confidence).toBeCloseTo(0.95, 3);
  });

  it.each<[string, ObsFields, number | null]>([
    [
      'artillery beyond its distance',
      { weapon: 'artillery', calibreMm: 152, direction: 'outgoing' },
      null,
    ],
    [
      'light artillery the rule does not cover',
      { weapon: 'artillery', calibreMm: 82, direction: 'outgoing' },
      null,
    ],
    ['a mortar with no rule', { weapon: 'mortar', direction: 'outgoing' }, null],
    ['MLRS within 70 km', { weapon: 'mlrs', direction: 'outgoing' }, 0.95],
  ])('%s', (_, fields, confidence) => {
    const w = assess(at(60, fields)).find((x) => x.kind === 'withdrawal');
    expect(w?.confidence ?? null).toBe(confidence);
  });

  it('weighs a rule bounded by calibre, none stated, by the share of the class it covers', () => {
    const w = assess(at(20, { weapon: 'artillery', direction: 'outgoing' })).find(
      (x) => x.kind === 'withdrawal',
    )!;
    expect(w.text).toMatch(/calibre not stated/);
    // 98 % of the artillery in the weapons reference is 100 mm or more.
    expect(w.confidence).toBeCloseTo(0.95 * 0.98, 3);
  });

  it('weighs a party allegation lightly', () => {
    const m = assess(at(3, { source: { kind: 'party', party: 'east' } }));
    expect(m[0]).toMatchObject({ kind: 'ceasefire', confidence: 0.3 });
  });

  it('matches weapons seen in a disengagement area and in the security zone', () => {
    const m = assess(
      obs('a', {
        ...pointAt([37.88, 48.22], 100),
        event: 'weapon_sighting',
        weapon: 'mlrs',
        direction: 'undetermined',
      }),
    );
    expect(m.map((x) => x.provisionId).sort()).toEqual([
      'disengagement:da-1',
      'security_zone',
      'withdrawal:wd-mlrs',
    ]);
    expect(m.find((x) => x.kind === 'disengagement')!.measured).toMatchObject({
      quantity: 'share_inside',
      value: 1,
    });
  });

  it('reads a place near the limit with its uncertainty', () => {
    // 15.0 km from the line with a 2 km radius, against a 15 km zone: even odds.
    const z = assess(
      obs('a', {
        ...pointAt(offset(onLine(), 270, 15), 2000),
        event: 'weapon_sighting',
        weapon: 'mlrs',
        direction: 'undetermined',
      }),
    );
    expect(z.find((x) => x.kind === 'security_zone')!.confidence).toBeCloseTo(0.95 * 0.5, 1);
  });

  it('keeps the security zone for heavy weapons: not troops, not a weapon no rule withdraws', () => {
    const seen = (fields: ObsFields) =>
      assess(at(3, { event: 'weapon_sighting', direction: 'undetermined', ...fields }))
        .filter((x) => x.kind === 'security_zone')
        .map((x) => x.confidence);
    expect(seen({ weapon: 'mlrs' })).toEqual([0.95]);
    // Not identified: it may be heavy, an even call, shown under the line where it is claimed.
    expect(seen({ weapon: 'undetermined' })).toEqual([0.475]);
    expect(seen({ weapon: 'anti_tank' })).toEqual([]);
    expect(seen({ event: 'troop_presence', weapon: 'undetermined' })).toEqual([]);
    expect(
      assess(at(2, { weapon: 'grenade_launcher', direction: 'outgoing' })).map((x) => x.kind),
    ).toEqual(['ceasefire']);
  });

  it('matches every withdrawal rule that covers the weapon, each at its own distance', () => {
    const rules = testAgreement({
      withdrawalDistances: [
        { id: 'wd-mlrs', weaponClass: 'mlrs', distanceKm: 70 },
        { id: 'wd-mlrs-heavy', weaponClass: 'mlrs', minCalibreMm: 220, distanceKm: 140 },
      ],
    });
    const withdrawal = (km: number, fields: ObsFields) => {
      const o = [at(km, { weapon: 'mlrs', direction: 'outgoing', ...fields })];
      const incident = fuseAll(o).incidents[0]!;
      return Object.fromEntries(
        matchProvisions(incident, rules, { origin: estimateOrigin(incident, o) })
          .filter((x) => x.kind === 'withdrawal')
          .map((x) => [x.provisionId, x.confidence]),
      );
    };
    expect(withdrawal(50, { calibreMm: 220 })).toEqual({
      'withdrawal:wd-mlrs': 0.95,
      'withdrawal:wd-mlrs-heavy': 0.95,
    });
    expect(withdrawal(100, { calibreMm: 220 })).toEqual({ 'withdrawal:wd-mlrs-heavy': 0.95 });
    expect(withdrawal(50, { calibreMm: 122 })).toEqual({ 'withdrawal:wd-mlrs': 0.95 });
    // Calibre not stated: the rule for every MLRS binds for certain, the heavy one as likely as
    // an MLRS is 220 mm or more (28 % of the weapons reference).
    expect(withdrawal(50, {})).toEqual({
      'withdrawal:wd-mlrs': 0.95,
      'withdrawal:wd-mlrs-heavy': 0.266,
    });
  });

  it('weighs what rests on the weapon by who named it, and how many named another', () => {
    const where = { ...pointAt(offset(onLine(), 270, 20), 200), direction: 'outgoing' as const };
    const withdrawal = (...o: Observation[]) => {
      const incident = fuseAll(o).incidents[0]!;
      return matchProvisions(incident, agreement, {
        origin: estimateOrigin(incident, o),
        members: o,
      }).find((x) => x.kind === 'withdrawal')?.confidence;
    };
    const heard = (id: string, fields: ObsFields) => obs(id, { ...where, ...fields });
    expect(withdrawal(heard('a', { weapon: 'artillery', calibreMm: 152 }))).toBe(0.95);
    // Seen by a sensor, named only by a party: the party's word on the weapon.
    expect(
      withdrawal(
        heard('a', { weapon: 'undetermined' }),
        heard('b', {
          weapon: 'artillery',
          calibreMm: 152,
          source: { kind: 'party', party: 'east' },
        }),
      ),
    ).toBe(0.3);
    // Two sensors naming two weapons: an even call, not claimed.
    expect(
      withdrawal(
        heard('a', { weapon: 'artillery', calibreMm: 152 }),
        heard('b', { weapon: 'mortar' }),
      ),
    ).toBe(0.475);
  });

  it('matches a drone inside a no-fly area', () => {
    const m = assess(at(5, { event: 'aircraft', weapon: 'drone', direction: 'undetermined' }));
    expect(m.map((x) => x.provisionId)).toEqual(['no_fly:nf-1']);
  });

  it('matches fire landing in a maritime corridor', () => {
    const lane = [37.5, 47.01] as const;
    expect(
      assess(obs('a', { ...pointAt(lane, 300), weapon: 'missile' })).map((x) => x.provisionId),
    ).toEqual(['ceasefire', 'maritime:mc-1']);
  });

  it('matches a warship inside a corridor or nearer than its keep-out distance', () => {
    const vessel = (lat: number, a = agreement) => {
      const o = [
        obs('a', {
          ...pointAt([37.5, lat], 300),
          event: 'vessel',
          weapon: 'vessel',
          direction: 'undetermined',
        }),
      ];
      return matchProvisions(fuseAll(o).incidents[0]!, a, { members: o });
    };
    // The lane runs along 47.0°N, 10 km wide.
    expect(vessel(47.01).map((x) => [x.provisionId, x.confidence])).toEqual([
      ['maritime:mc-1', 0.95],
    ]);
    expect(vessel(47.01)[0]!.text).toBe('vessel inside maritime corridor Lane');
    // 20 km north: 15 km off the edge, outside a lane with no keep-out distance...
    expect(vessel(47.18)).toEqual([]);
    // ...inside one with the Grain Initiative's 10 nautical miles.
    const [lane] = testAgreement().maritimeCorridors;
    const kept = testAgreement({ maritimeCorridors: [{ ...lane!, militaryKeepOutKm: 18.5 }] });
    const m = vessel(47.18, kept);
    expect(m.map((x) => x.provisionId)).toEqual(['maritime:mc-1']);
    expect(m[0]!.measured).toMatchObject({
      quantity: 'distance_from_corridor',
      unit: 'km',
      limit: 18.5,
    });
    expect(m[0]!.measured.value).toBeCloseTo(15, 0);
    expect(m[0]!.text).toMatch(
      /^vessel 1[45]\.\d km from maritime corridor Lane; warships keep 18\.5 km from it$/,
    );
    expect(vessel(47.4, kept)).toEqual([]);
  });

  it('matches a restriction of movement', () => {
    expect(
      assess(at(2, { event: 'restriction', direction: 'undetermined' })).map((x) => x.kind),
    ).toEqual(['freedom_of_movement']);
  });
});

describe('normalCdf', () => {
  it.each([
    [0, 0.5],
    [1.6448536, 0.95],
    [-1.2815516, 0.1],
  ])('Φ(%d) = %d', (z, p) => expect(normalCdf(z)).toBeCloseTo(p, 6));
});

describe('matchProvisions with where the mission finds fire landing', () => {
  it('reads a named weapon heard along a lone bearing by where such fire lands', () => {
    const mortars = testAgreement({
      withdrawalDistances: [{ id: 'wd-mortar', weaponClass: 'mortar', distanceKm: 15 }],
    });
    const line = mortars.lineOfContact as readonly LonLat[];
    const sensor = offset(onLine(47.9), 270, 6);
    const heard = obs('w', {
      source: { kind: 'sensor', id: 'array-1' },
      observer: ll(sensor),
      bearing: { fromDeg: 70, toDeg: 74 },
      event: 'explosion',
      weapon: 'mortar',
      calibreMm: 82,
      direction: 'impact',
    });
    const incident = fuseAll([heard]).incidents[0]!;
    const withdrawal = (linePrior?: LinePrior) =>
      matchProvisions(incident, mortars, {
        members: [heard],
        ...(linePrior ? { linePrior } : {}),
      }).find((m) => m.kind === 'withdrawal')?.confidence ?? 0;
    // `n` mortar landings 0.5-2.5 km out, precisely placed by a sensor.
    const record = (p: LinePrior, n: number) => {
      for (let i = 0; i < n; i++)
        p.record(
          {
            id: `l${i}`,
            location: offset(onLine(47.6 + i * 0.01), 90, 0.5 + (i % 3)),
            radius90M: 300,
            weapon: 'mortar',
            direction: 'impact',
            sourceKinds: ['sensor'],
          },
          line,
        );
      return p;
    };
    const prior = record(new LinePrior(), 40);
    expect(withdrawal()).toBeLessThan(0.5);
    expect(withdrawal(prior)).toBeGreaterThan(0.5);
    // Ten landings are read, over an even prior worth six: one pseudo-count per kilometre bin
    // (sixty) would drown them and leave the claim under the line.
    const ten = withdrawal(record(new LinePrior(), 10));
    const drowned = withdrawal(record(new LinePrior({ priorLandings: 60 }), 10));
    expect(ten).toBeGreaterThan(0.5);
    expect(drowned).toBeLessThan(0.5);
  });
});
