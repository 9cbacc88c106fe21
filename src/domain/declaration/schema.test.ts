import { describe, expect, it } from 'vitest';
import { TrucelineError } from '../errors.js';
import { declarationTotals, parseDeclaration } from './schema.js';
import { sightingsFromObservations } from './sightings.js';
import type { Observation } from '../observation/types.js';

const valid = {
  party: 'ua',
  asOf: '2026-01-01',
  units: [
    {
      id: 'bde-12',
      name: '12th Brigade',
      location: [37.41, 48.52],
      personnel: 4200,
      equipment: { battle_tanks: 31, artillery: 54 },
    },
    { id: 'avn-3', name: '3rd Aviation Brigade', location: [35.1, 48.4], personnel: 900 },
  ],
};

function issuesOf(json: unknown) {
  try {
    parseDeclaration(json);
  } catch (e) {
    if (e instanceof TrucelineError && e.code === 'VALIDATION') return e.issues;
    throw e;
  }
  throw new Error('expected VALIDATION');
}

const withUnit = (patch: Record<string, unknown>) => ({
  ...valid,
  units: [{ ...valid.units[0], ...patch }, valid.units[1]],
});

describe('parseDeclaration', () => {
  it('reads a valid declaration, leaving out categories as 0', () => {
    const d = parseDeclaration(valid);
    expect(d.units[1]?.equipment).toEqual({
      battle_tanks: 0,
      armoured_combat_vehicles: 0,
      artillery: 0,
      combat_aircraft: 0,
      attack_helicopters: 0,
    });
    expect(declarationTotals(d)).toEqual({
      troops: 5100,
      battle_tanks: 31,
      armoured_combat_vehicles: 0,
      artillery: 54,
      combat_aircraft: 0,
      attack_helicopters: 0,
    });
  });

  it.each([
    {
      name: 'names a latitude out of range',
      input: withUnit({ location: [37.4, 95] }),
      path: 'units[0].location[1]',
      reason: /latitude 95/,
    },
    {
      name: 'names a negative count',
      input: withUnit({ equipment: { battle_tanks: -3 } }),
      path: 'units[0].equipment.battle_tanks',
      reason: /≥ 0/,
    },
    {
      name: 'names an unknown equipment category',
      input: withUnit({ equipment: { tanks: 3 } }),
      path: 'units[0].equipment.tanks',
      reason: /unknown field/,
    },
    {
      name: 'names a fractional personnel figure',
      input: withUnit({ personnel: 12.5 }),
      path: 'units[0].personnel',
      reason: /integer/,
    },
    {
      name: 'names a date that is not a date',
      input: { ...valid, asOf: '2026-13-01' },
      path: 'asOf',
      reason: /ISO date/,
    },
    {
      name: 'names a repeated unit id',
      input: { ...valid, units: [valid.units[0], { ...valid.units[1], id: 'bde-12' }] },
      path: 'units[1].id',
      reason: /repeats the id 'bde-12' of units\[0\]/,
    },
    {
      name: 'names a missing party',
      input: { asOf: valid.asOf, units: valid.units },
      path: 'party',
      reason: /is required/,
    },
    {
      name: 'refuses a declaration with no unit',
      input: { ...valid, units: [] },
      path: 'units',
      reason: /at least 1/,
    },
  ])('$name', ({ input, path, reason }) => {
    expect(issuesOf(input)).toContainEqual({ path, reason: expect.stringMatching(reason) });
  });

  it('reports every wrong field at once', () => {
    expect(issuesOf({ party: '', asOf: 'soon', units: [{}] }).length).toBeGreaterThanOrEqual(6);
  });
});

describe('sightingsFromObservations', () => {
  const base = {
    source: { kind: 'monitor', id: 'patrol-7' },
    observedAt: { from: '2026-01-10T09:00:00Z', to: '2026-01-10T09:05:00Z' },
    count: 2,
    direction: 'undetermined',
  } as const;
  it('keeps ground equipment and troop sightings with a place, and drops the rest', () => {
    const observations: Observation[] = [
      {
        ...base,
        id: 'o1',
        event: 'weapon_sighting',
        weapon: 'mlrs',
        calibreMm: 122,
        location: { lat: 48.5, lon: 37.3, radiusM: 50 },
      },
      {
        ...base,
        id: 'o2',
        event: 'troop_presence',
        weapon: 'undetermined',
        location: { lat: 48.6, lon: 37.2, radiusM: 100 },
      },
      {
        ...base,
        id: 'o3',
        event: 'weapon_sighting',
        weapon: 'small_arms',
        location: { lat: 48.6, lon: 37.2, radiusM: 100 },
      },
      {
        ...base,
        id: 'o4',
        event: 'explosion',
        weapon: 'artillery',
        location: { lat: 48.6, lon: 37.2, radiusM: 100 },
      },
    ];
    expect(sightingsFromObservations(observations)).toEqual([
      {
        id: 'o1',
        kind: 'equipment',
        weapon: 'mlrs',
        calibreMm: 122,
        count: 2,
        location: [37.3, 48.5],
        at: '2026-01-10T09:00:00Z',
      },
      { id: 'o2', kind: 'troops', count: 2, location: [37.2, 48.6], at: '2026-01-10T09:00:00Z' },
    ]);
  });
});
