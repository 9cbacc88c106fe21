import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatAgreementSummary, formatQuantity } from './format.js';
import { parseAgreement } from './parse.js';
import { calibreRange, describeTrigger, summariseAgreement } from './summary.js';

const agreement = parseAgreement(
  JSON.parse(readFileSync(new URL('./fixtures/minimal-agreement.json', import.meta.url), 'utf8')),
);
/** Meridian arc from 1°S to 1°N on WGS84, km (GeographicLib). */
const MERIDIAN_2DEG_KM = 221.149;

describe('summariseAgreement', () => {
  const s = summariseAgreement(agreement);

  it('measures the line of contact geodesically', () => {
    expect(s.lineOfContact.vertices).toBe(3);
    expect(s.lineOfContact.lengthKm).toBeCloseTo(MERIDIAN_2DEG_KM, 2);
  });

  it('takes the security zone as 2 × width × length', () => {
    expect(s.securityZone).toEqual({
      widthKmEachSide: 10,
      totalWidthKm: 20,
      areaKm2: 20 * s.lineOfContact.lengthKm,
    });
  });

  it('gives each withdrawal rule its band on one side', () => {
    expect(s.withdrawalZones.map((w) => [w.id, w.calibre, w.distanceKm])).toEqual([
      ['wd-artillery', '≥ 100 mm', 50],
      ['wd-mlrs', null, 70],
      ['wd-mlrs-heavy', '≥ 220 mm', 140],
    ]);
    expect(s.withdrawalZones[1]!.areaKm2EachSide).toBeCloseTo(70 * s.lineOfContact.lengthKm, 6);
  });

  it('measures zone polygons on the ellipsoid', () => {
    // 0.1° × 0.1° at the equator: 11.132 km × 11.057 km.
    expect(s.disengagementAreas[0]!.areaKm2).toBeGreaterThan(122.5);
    expect(s.disengagementAreas[0]!.areaKm2).toBeLessThan(123.6);
    expect(s.noFlyAreas[0]).toMatchObject({ id: 'nf-1', floorM: 0, ceilingM: 10000 });
    // 0.4° × 2° is 80 of the 0.1° squares, within the small change of scale with latitude.
    expect(s.noFlyAreas[0]!.areaKm2 / (80 * s.disengagementAreas[0]!.areaKm2)).toBeCloseTo(1, 3);
    expect(s.parties[1]!.areaKm2).toBeGreaterThan(24_500);
    expect(s.parties[0]!.areaKm2).toBeNull();
  });

  it('measures a centreline corridor as length × width', () => {
    const c = s.maritimeCorridors[0]!;
    expect(c.lengthKm).toBeCloseTo(111.3, 0);
    expect(c.areaKm2).toBeCloseTo(c.lengthKm! * 10, 6);
  });

  it('flattens ceilings into rows', () => {
    expect(s.ceilings.troops).toEqual([
      { party: 'west', count: 100000 },
      { party: 'east', count: 120000 },
    ]);
    expect(s.ceilings.equipment).toEqual([
      { category: 'battle_tanks', party: 'west', count: 300 },
      { category: 'artillery', party: 'east', count: 400 },
    ]);
  });
});

describe('describeTrigger and calibreRange', () => {
  it.each([
    [
      { kind: 'verified_violations_in_sector', count: 50, windowHours: 24 },
      '≥ 50 verified violations in 24 h in any sector',
    ],
    [
      { kind: 'verified_violations_in_sector', sector: 'kherson', count: 5, windowHours: 6 },
      '≥ 5 verified violations in 6 h in sector kherson',
    ],
    [{ kind: 'weapon_used', weapons: ['mlrs', 'missile'] }, 'use of mlrs or missile'],
    [
      { kind: 'weapon_used', weapons: ['artillery'], minCalibreMm: 152 },
      'use of artillery (≥ 152 mm)',
    ],
    [
      { kind: 'casualties', count: 10, windowHours: 24, civilianOnly: true },
      '≥ 10 civilian casualties in 24 h',
    ],
    [{ kind: 'aircraft_in_no_fly' }, 'aircraft in any no-fly area'],
    [
      { kind: 'armour_crossing_line', minVehicles: 10 },
      '≥ 10 armoured vehicles crossing the line of contact',
    ],
  ] as const)('%j reads "%s"', (trigger, text) => {
    expect(describeTrigger(trigger as Parameters<typeof describeTrigger>[0])).toBe(text);
  });

  it.each([
    [100, undefined, '≥ 100 mm'],
    [undefined, 99, '≤ 99 mm'],
    [100, 200, '100–200 mm'],
    [undefined, undefined, null],
  ] as const)('calibre %s..%s reads %s', (min, max, text) => {
    expect(calibreRange(min, max)).toBe(text);
  });
});

describe('formatAgreementSummary', () => {
  it.each([
    [1234.56, '1,235'],
    [100, '100'],
    [12.34, '12.3'],
    [1.234, '1.23'],
    [0, '0.00'],
  ])('formats %s as %s', (n, text) => {
    expect(formatQuantity(n)).toBe(text);
  });

  it('prints lengths in km, areas in km² and every zone', () => {
    const text = formatAgreementSummary(summariseAgreement(agreement));
    expect(text).toContain('Line of contact: 221 km, 3 vertices');
    expect(text).toContain('Security zone: 10.0 km each side (20.0 km wide), ≈ 4,423 km²');
    expect(text).toMatch(/da-1\s+Equator crossing\s+123 km²/);
    expect(text).toMatch(/mc-1\s+Coastal lane\s+111 km long\s+10\.0 km wide/);
    expect(text).toMatch(/west\s+100,000/);
    expect(text).toMatch(
      /esc-2\s+level 2\s+aircraft in no-fly area nf-1\s+→ guarantors\s+ack 30 min/,
    );
    expect(text).toContain('Right of reply: 48 h');
  });
});
