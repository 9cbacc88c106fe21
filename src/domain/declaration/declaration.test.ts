// Issue 6, "Done when": a declaration above the ceiling, one with a 12% drop and one contradicted
// by observations each produce the expected finding candidates; a compliant one produces none.
import { describe, expect, it } from 'vitest';
import { checkDeclaration } from './check.js';
import {
  agreement,
  compliant,
  compliantUnits,
  consistentSightings,
  declaration,
  sighting,
} from './test-support/fixtures.js';

describe('checkDeclaration', () => {
  it('finds nothing in a compliant declaration, with its previous one and consistent sightings', () => {
    const previous = declaration(
      '2025-01-01',
      compliantUnits.map((u) => ({ ...u, personnel: Math.round(u.personnel * 0.95) })),
    );
    expect(
      checkDeclaration(compliant, { agreement, previous, sightings: consistentSightings }),
    ).toEqual([]);
  });

  it('flags a declaration above the ceiling with the figures that show it', () => {
    const over = declaration('2026-01-01', [
      { id: 'corps-1', at: [37.0, 48.5], personnel: 400_000, tanks: 810, artillery: 1200 },
      { id: 'corps-2', at: [36.9, 49.5], personnel: 332_400, tanks: 810, artillery: 1200 },
      { id: 'air-1', at: [35.0, 48.0], personnel: 80_000, aircraft: 180 },
    ]);
    expect(checkDeclaration(over, { agreement })).toEqual([
      {
        kind: 'ceiling_exceeded',
        party: 'ua',
        subject: 'troops',
        figures: {
          declared: 812_400,
          ceiling: 800_000,
          excess: 12_400,
          excessPct: 1.55,
          asOf: '2026-01-01',
        },
        text: 'declared 812,400 troops; ceiling 800,000; excess 12,400 (1.6%)',
        units: [],
        observations: [],
      },
      expect.objectContaining({
        kind: 'ceiling_exceeded',
        subject: 'battle_tanks',
        text: 'declared 1,620 battle tanks; ceiling 1,500; excess 120 (8.0%)',
      }),
    ]);
  });

  it('flags a 12% drop in troops against the previous declaration, with both figures', () => {
    const previous = declaration('2025-01-01', [
      { id: 'corps-1', at: [37.0, 48.5], personnel: 700_000 },
    ]);
    const current = declaration('2026-01-01', [
      { id: 'corps-1', at: [37.0, 48.5], personnel: 616_000 },
    ]);
    expect(checkDeclaration(current, { agreement, previous })).toEqual([
      {
        kind: 'declared_change',
        party: 'ua',
        subject: 'troops',
        figures: {
          previous: 700_000,
          declared: 616_000,
          change: -84_000,
          changePct: -12,
          previousAsOf: '2025-01-01',
          asOf: '2026-01-01',
        },
        text: 'troops fell from 700,000 (2025-01-01) to 616,000 (2026-01-01): -84,000 (-12.0%)',
        units: [],
        observations: [],
      },
    ]);
  });

  it('flags a declaration contradicted by observations: equipment and troops where none is declared, MLRS inside its withdrawal distance', () => {
    const sightings = [
      ...consistentSightings,
      sighting('obs-t', { kind: 'equipment', weapon: 'tank', count: 4, location: [36.2, 47.4] }),
      sighting('obs-m', {
        kind: 'equipment',
        weapon: 'mlrs',
        calibreMm: 122,
        count: 3,
        location: [37.3, 48.5],
      }),
      sighting('obs-p', { kind: 'troops', count: 600, location: [36.0, 49.9] }),
    ];
    const candidates = checkDeclaration(compliant, { agreement, sightings });
    expect(candidates.map((c) => [c.kind, c.subject, c.observations, c.units])).toEqual([
      ['undeclared_equipment', 'battle_tanks', ['obs-t'], ['corps-1']],
      ['equipment_in_withdrawal_zone', 'artillery', ['obs-m'], []],
      ['undeclared_unit', 'troops', ['obs-p'], ['corps-2']],
    ]);
    const [tanks, mlrs, troops] = candidates;
    expect(tanks?.text).toMatch(
      /^4 × tank seen at 47\.4000N 36\.2000E on 2026-01-10T09:00:00Z, 1\d\d\.\d km from the nearest declared unit holding battle tanks \(corps-1\)$/,
    );
    expect(tanks?.figures).toMatchObject({ count: 4, radiusKm: 25, nearestUnit: 'corps-1' });
    expect(mlrs?.figures).toMatchObject({ limitKm: 70, rule: 'wd-mlrs' });
    expect(mlrs?.figures.distanceKm).toBeCloseTo(51.7, 0);
    expect(mlrs?.text).toMatch(
      /^3 × mlrs 122 mm seen on 2026-01-10T09:00:00Z at 5\d\.\d km from the line of contact on ua's side; withdrawal distance 70 km \(wd-mlrs\)$/,
    );
    expect(troops?.text).toMatch(
      /^troops \(600\) seen at .*, \d+\.\d km from the nearest declared unit \(corps-2\)$/,
    );
  });
});
