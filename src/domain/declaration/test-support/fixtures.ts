// A small agreement and declarations for the declaration tests. The line of contact runs due
// south along 38°E from 50°N to 47°N; walking it, ua (right) holds the west, ru (left) the east.
// At 48.5°N one degree of longitude is about 73.9 km.
import type { Agreement } from '../../agreement/index.js';
import type { LonLat } from '../../units.js';
import { parseDeclaration, type Declaration } from '../schema.js';
import type { Sighting } from '../sightings.js';

export const agreement: Pick<
  Agreement,
  'parties' | 'lineOfContact' | 'withdrawalDistances' | 'ceilings'
> = {
  parties: [
    { id: 'ua', name: 'Ukraine', side: 'right' },
    { id: 'ru', name: 'Russian Federation', side: 'left' },
  ],
  lineOfContact: [
    [38.0, 50.0],
    [38.0, 47.0],
  ],
  withdrawalDistances: [
    { id: 'wd-artillery-100', weaponClass: 'artillery', minCalibreMm: 100, distanceKm: 50 },
    { id: 'wd-artillery-light', weaponClass: 'artillery', maxCalibreMm: 99, distanceKm: 15 },
    { id: 'wd-tank', weaponClass: 'tank', distanceKm: 15 },
    { id: 'wd-mlrs', weaponClass: 'mlrs', distanceKm: 70 },
  ],
  ceilings: {
    troops: { ua: 800_000 },
    equipment: {
      battle_tanks: { ua: 1500 },
      armoured_combat_vehicles: { ua: 4000 },
      artillery: { ua: 2500 },
      combat_aircraft: { ua: 200 },
      attack_helicopters: { ua: 100 },
    },
  },
};

type UnitSpec = {
  id: string;
  at: LonLat;
  personnel: number;
  tanks?: number;
  acv?: number;
  artillery?: number;
  aircraft?: number;
  helicopters?: number;
};

export function declaration(asOf: string, units: readonly UnitSpec[], party = 'ua'): Declaration {
  return parseDeclaration({
    party,
    asOf,
    units: units.map((u) => ({
      id: u.id,
      name: `${u.id} name`,
      location: u.at,
      personnel: u.personnel,
      equipment: {
        battle_tanks: u.tanks ?? 0,
        armoured_combat_vehicles: u.acv ?? 0,
        artillery: u.artillery ?? 0,
        combat_aircraft: u.aircraft ?? 0,
        attack_helicopters: u.helicopters ?? 0,
      },
    })),
  });
}

/** ~74 and ~80 km behind the line, and an air base far back: 780,000 troops, every category under its ceiling. */
export const compliantUnits: UnitSpec[] = [
  { id: 'corps-1', at: [37.0, 48.5], personnel: 400_000, tanks: 700, acv: 1900, artillery: 1200 },
  { id: 'corps-2', at: [36.9, 49.5], personnel: 300_000, tanks: 700, acv: 1900, artillery: 1200 },
  { id: 'air-1', at: [35.0, 48.0], personnel: 80_000, aircraft: 180, helicopters: 90 },
];

export const compliant = declaration('2026-01-01', compliantUnits);

export const sighting = (
  id: string,
  fields: Omit<Sighting, 'id' | 'at' | 'count'> & { count?: number },
): Sighting => ({
  id,
  at: '2026-01-10T09:00:00Z',
  count: 1,
  ...fields,
});

/** What monitors saw that agrees with `compliant`: equipment near the units that hold it, and ru's side (not ua's business). */
export const consistentSightings: Sighting[] = [
  sighting('obs-c1', { kind: 'equipment', weapon: 'tank', count: 6, location: [37.1, 48.55] }),
  sighting('obs-c2', {
    kind: 'equipment',
    weapon: 'artillery',
    calibreMm: 152,
    count: 4,
    location: [36.95, 49.45],
  }),
  sighting('obs-c3', { kind: 'troops', count: 300, location: [36.8, 49.6] }),
  sighting('obs-c4', { kind: 'equipment', weapon: 'tank', count: 10, location: [38.04, 48.5] }),
];
