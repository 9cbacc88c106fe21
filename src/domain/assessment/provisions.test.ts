import { describe, expect, it } from 'vitest';
import { fuseAll } from '../fusion/index.js';
import type { Observation } from '../observation/types.js';
import { obs, offset, pointAt, type ObsFields } from '../fusion/test-support/scenario.js';
import { estimateOrigin } from './origin.js';
import { matchProvisions, normalCdf } from './provisions.js';
import { onLine, testAgreement } from './test-support/agreement.js';

const agreement = testAgreement();

function assess(...o: Observation[]) {
  const incident = fuseAll(o).incidents[0]!;
  return matchProvisions(incident, agreement, { origin: estimateOrigin(incident, o) });
}
const at = (km: number, fields: ObsFields) =>
  obs('a', { ...pointAt(offset(onLine(), 270, km), 200), ...fields });

describe('matchProvisions', () => {
  it('matches the ceasefire for any fire, and nothing placed for impacts alone', () => {
    const m = assess(at(3, { count: 12, weapon: 'artillery', calibreMm: 152 }));
    expect(m.map((x) => x.provisionId)).toEqual(['ceasefire']);
    expect(m[0]).toMatchObject({
      kind: 'ceasefire',
      measured: { quantity: 'count', value: 12 },
      confidence: 0.95,
    });
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

  it('halves confidence when the rule bounds calibre and none was stated', () => {
    const w = assess(at(20, { weapon: 'artillery', direction: 'outgoing' })).find(
      (x) => x.kind === 'withdrawal',
    )!;
    expect(w.text).toMatch(/calibre not stated/);
    expect(w.confidence).toBeCloseTo(0.475, 3);
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
        weapon: 'undetermined',
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
    // Not identified: it may be heavy, and most reports of heavy weapons do not name them.
    expect(seen({ weapon: 'undetermined' })).toEqual([0.95]);
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
    // Calibre not stated: the rule for every MLRS binds for certain, the heavy one may.
    expect(withdrawal(50, {})).toEqual({
      'withdrawal:wd-mlrs': 0.95,
      'withdrawal:wd-mlrs-heavy': 0.475,
    });
  });

  it('matches a drone inside a no-fly area', () => {
    const m = assess(at(5, { event: 'aircraft', weapon: 'drone', direction: 'undetermined' }));
    expect(m.map((x) => x.provisionId)).toEqual(['no_fly:nf-1']);
  });

  it('matches fire landing in a maritime corridor, not a vessel using it', () => {
    const lane = [37.5, 47.01] as const;
    expect(
      assess(obs('a', { ...pointAt(lane, 300), weapon: 'missile' })).map((x) => x.provisionId),
    ).toEqual(['ceasefire', 'maritime:mc-1']);
    expect(
      assess(
        obs('a', {
          ...pointAt(lane, 300),
          event: 'vessel',
          weapon: 'vessel',
          direction: 'undetermined',
        }),
      ),
    ).toEqual([]);
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
