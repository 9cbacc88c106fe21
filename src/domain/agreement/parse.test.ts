import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TrucelineError } from '../errors.js';
import { agreementIssues, parseAgreement } from './parse.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const fixture = (): Json =>
  JSON.parse(readFileSync(new URL('./fixtures/minimal-agreement.json', import.meta.url), 'utf8'));

function issuesAfter(mutate: (a: Json) => void): string[] {
  const a = fixture();
  mutate(a);
  return agreementIssues(a).map((i) => `${i.path}: ${i.reason}`);
}

describe('parseAgreement', () => {
  it('accepts the minimal fixture and returns its data', () => {
    const a = parseAgreement(fixture());
    expect(a.id).toBe('fixture-minimal');
    expect(a.parties.map((p) => p.side)).toEqual(['right', 'left']);
  });

  it('accepts the ukraine-2026 demo agreement', () => {
    const raw = JSON.parse(
      readFileSync(
        new URL('../../../scenarios/ukraine-2026/agreement.json', import.meta.url),
        'utf8',
      ),
    );
    expect(agreementIssues(raw)).toEqual([]);
  });

  const cases: { name: string; mutate: (a: Json) => void; expected: string }[] = [
    {
      name: 'names a latitude out of range with its full path',
      mutate: (a) => (a.lineOfContact[1][1] = 95),
      expected: 'lineOfContact[1][1]: latitude 95 is outside [-90, 90]',
    },
    {
      name: 'names a longitude out of range',
      mutate: (a) => (a.lineOfContact[0][0] = -181),
      expected: 'lineOfContact[0][0]: longitude -181 is outside [-180, 180]',
    },
    {
      name: 'rejects a ring whose last position differs from its first',
      mutate: (a) => (a.sectors[0].polygon[0][4] = [9, 1.4]),
      expected:
        'sectors[0].polygon[0]: ring is not closed: first position [9, 1.5] differs from last [9, 1.4]',
    },
    {
      name: 'rejects a ring of fewer than four positions',
      mutate: (a) =>
        (a.disengagementAreas[0].polygon[0] = [
          [9.95, 0.05],
          [10.05, 0.05],
          [9.95, 0.05],
        ]),
      expected:
        'disengagementAreas[0].polygon[0]: a ring needs at least 4 positions (first repeated last), got 3',
    },
    {
      name: 'rejects a line of one position',
      mutate: (a) => (a.lineOfContact = [[10, 1]]),
      expected: 'lineOfContact: a line needs at least 2 positions, got 1',
    },
    {
      name: 'rejects a line that repeats a position',
      mutate: (a) =>
        (a.lineOfContact = [
          [10, 1],
          [10, 1],
          [10, 0],
        ]),
      expected: 'lineOfContact[1]: repeats the previous position [10, 1]',
    },
    {
      name: 'rejects a duplicate party id',
      mutate: (a) => (a.parties[1].id = 'west'),
      expected: 'parties[1].id: duplicate id "west" (first at parties[0])',
    },
    {
      name: 'rejects a duplicate sector id',
      mutate: (a) => a.sectors.push({ ...a.sectors[0] }),
      expected: 'sectors[1].id: duplicate id "s-all" (first at sectors[0])',
    },
    {
      name: 'rejects parties all on one side',
      mutate: (a) => (a.parties[1].side = 'right'),
      expected:
        'parties: no party is on the left side of the line of contact; both sides must be used',
    },
    {
      name: 'rejects a side that is neither left nor right',
      mutate: (a) => (a.parties[0].side = 'west'),
      expected: 'parties[0].side: must be one of "left", "right"; got string "west"',
    },
    {
      name: 'rejects a troop ceiling for an unknown party',
      mutate: (a) => (a.ceilings.troops.north = 5),
      expected: 'ceilings.troops.north: unknown party "north" (known: "west", "east")',
    },
    {
      name: 'rejects an equipment ceiling for an unknown party',
      mutate: (a) => (a.ceilings.equipment.artillery.south = 5),
      expected: 'ceilings.equipment.artillery.south: unknown party "south" (known: "west", "east")',
    },
    {
      name: 'rejects an unknown equipment category',
      mutate: (a) => (a.ceilings.equipment.drones = { west: 1 }),
      expected: 'ceilings.equipment.drones',
    },
    {
      name: 'rejects a zero withdrawal distance',
      mutate: (a) => (a.withdrawalDistances[0].distanceKm = 0),
      expected: 'withdrawalDistances[0].distanceKm: must be > 0, got number 0',
    },
    {
      name: 'rejects a negative withdrawal distance',
      mutate: (a) => (a.withdrawalDistances[1].distanceKm = -70),
      expected: 'withdrawalDistances[1].distanceKm: must be > 0, got number -70',
    },
    {
      name: 'rejects a weapon class outside the vocabulary',
      mutate: (a) => (a.withdrawalDistances[0].weaponClass = 'howitzer'),
      expected: 'withdrawalDistances[0].weaponClass: must be one of "undetermined"',
    },
    {
      name: 'rejects a calibre window that is empty',
      mutate: (a) => (a.withdrawalDistances[0].maxCalibreMm = 80),
      expected: 'withdrawalDistances[0].maxCalibreMm: maxCalibreMm 80 is below minCalibreMm 100',
    },
    {
      name: 'reports a missing field as required',
      mutate: (a) => delete a.replyDeadlineHours,
      expected: 'replyDeadlineHours: is required',
    },
    {
      name: 'reports an unknown field by name',
      mutate: (a) => (a.lineOfContrast = []),
      expected: 'lineOfContrast: unknown field',
    },
    {
      name: 'rejects a date that is not a calendar date',
      mutate: (a) => (a.effectiveFrom = '2026-02-30'),
      expected: 'effectiveFrom: expected an ISO date (YYYY-MM-DD), got string "2026-02-30"',
    },
    {
      name: 'rejects a level outside 1..3',
      mutate: (a) => (a.escalationThresholds[0].level = 4),
      expected: 'escalationThresholds[0].level: must be ≤ 3, got number 4',
    },
    {
      name: 'rejects an unknown trigger kind',
      mutate: (a) => (a.escalationThresholds[0].trigger.kind = 'bad_mood'),
      expected:
        'escalationThresholds[0].trigger.kind: must be one of "verified_violations_in_sector"',
    },
    {
      name: 'rejects a trigger naming an unknown sector',
      mutate: (a) => (a.escalationThresholds[0].trigger.sector = 'nowhere'),
      expected: 'escalationThresholds[0].trigger.sector: unknown sector "nowhere" (known: "s-all")',
    },
    {
      name: 'rejects a trigger naming an unknown no-fly area',
      mutate: (a) => (a.escalationThresholds[1].trigger.area = 'nf-9'),
      expected: 'escalationThresholds[1].trigger.area: unknown no-fly area "nf-9" (known: "nf-1")',
    },
    {
      name: 'rejects a notification duty for an unknown party',
      mutate: (a) => (a.notificationDuties[0].parties[1] = 'nobody'),
      expected: 'notificationDuties[0].parties[1]: unknown party "nobody"',
    },
    {
      name: 'rejects a corridor with neither polygon nor centreline',
      mutate: (a) => (a.maritimeCorridors[0] = { id: 'mc-1', name: 'x', widthKm: 5 }),
      expected: 'maritimeCorridors[0]: a corridor needs a polygon, or a centreline and widthKm',
    },
    {
      name: 'rejects a centreline corridor without a width',
      mutate: (a) => delete a.maritimeCorridors[0].widthKm,
      expected: 'maritimeCorridors[0].widthKm: is required with a centreline and no polygon',
    },
    {
      name: 'rejects a no-fly ceiling below its floor',
      mutate: (a) => (a.noFlyAreas[0].floorM = 12000),
      expected: 'noFlyAreas[0].ceilingM: ceilingM 10000 is not above floorM 12000',
    },
    {
      name: 'rejects a party area of the wrong geometry type',
      mutate: (a) => (a.parties[1].area.type = 'LineString'),
      expected:
        'parties[1].area.type: must be one of "Polygon", "MultiPolygon"; got string "LineString"',
    },
    {
      name: 'rejects an id with spaces',
      mutate: (a) => (a.sectors[0].id = 's all'),
      expected: 'sectors[0].id: must be letters, digits',
    },
    {
      name: 'rejects a fractional troop ceiling',
      mutate: (a) => (a.ceilings.troops.west = 10.5),
      expected: 'ceilings.troops.west: expected an integer, got number 10.5',
    },
    {
      name: 'rejects a position with three numbers',
      mutate: (a) => (a.lineOfContact[2] = [10, -1, 5]),
      expected: 'lineOfContact[2]: a position is [longitude, latitude], got 3 number(s)',
    },
  ];

  it.each(cases)('$name', ({ mutate, expected }) => {
    const issues = issuesAfter(mutate);
    expect(
      issues.some((i) => i.startsWith(expected)),
      `got:\n${issues.join('\n')}`,
    ).toBe(true);
  });

  it('lists every error at once, not just the first', () => {
    const issues = issuesAfter((a) => {
      a.lineOfContact[1][1] = 95;
      a.parties[1].id = 'west';
      a.withdrawalDistances[0].distanceKm = -1;
      a.sectors[0].polygon[0].pop();
      delete a.title;
    });
    expect(issues.length).toBeGreaterThanOrEqual(5);
  });

  it('throws a VALIDATION TrucelineError whose issues carry JSON paths', () => {
    const a = fixture();
    a.lineOfContact[1][1] = 95;
    let caught: unknown;
    try {
      parseAgreement(a);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(TrucelineError);
    const err = caught as TrucelineError;
    expect(err.code).toBe('VALIDATION');
    expect(err.issues).toContainEqual({
      path: 'lineOfContact[1][1]',
      reason: 'latitude 95 is outside [-90, 90]',
    });
    expect(err.message).toContain('lineOfContact[1][1]: latitude 95 is outside [-90, 90]');
  });

  it.each([null, [], 'agreement', 42])(
    'rejects a non-object document (%j) with a root issue',
    (value) => {
      const issues = agreementIssues(value);
      expect(issues[0]?.path).toBe('');
      expect(issues[0]?.reason).toMatch(/^expected object/);
    },
  );
});
