/**
 * The ukraine-2026 demo scenario (scenarios/ukraine-2026) as data: it parses, the parties sit on
 * the sides the note says, and its numbers are the ones the docs quote.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  areaContaining,
  distanceToLine,
  lineLength,
  pointInPolygon,
  sideOfLine,
} from '../geo/index.js';
import type { LonLat } from '../units.js';
import { parseAgreement } from './parse.js';
import { withdrawalDistanceFor } from './provisions.js';

const read = (name: string): unknown =>
  JSON.parse(
    readFileSync(new URL(`../../../scenarios/ukraine-2026/${name}`, import.meta.url), 'utf8'),
  );
const a = parseAgreement(read('agreement.json'));
const line = a.lineOfContact;

describe('the ukraine-2026 demo agreement', () => {
  it('says it is illustrative', () => {
    expect(a.note).toMatch(/^ILLUSTRATIVE/);
  });

  it('has a line of 40-70 vertices and about 1,000 km, drawn north to south', () => {
    expect(line.length).toBeGreaterThanOrEqual(40);
    expect(line.length).toBeLessThanOrEqual(70);
    const km = lineLength(line) / 1000;
    expect(km).toBeGreaterThan(950);
    expect(km).toBeLessThan(1200);
    expect(line[0]![1]).toBeGreaterThan(line[line.length - 1]![1]);
  });

  it('puts Ukraine on the right (west) and the Russian Federation on the left (east)', () => {
    expect(a.parties.map((p) => [p.id, p.side])).toEqual([
      ['ua', 'right'],
      ['ru', 'left'],
    ]);
  });

  it.each([
    ['Kyiv', [30.5234, 50.4501], 'right'],
    ['Kharkiv', [36.2304, 49.9935], 'right'],
    ['Zaporizhzhia', [35.1396, 47.8388], 'right'],
    ['Kherson', [32.6169, 46.6354], 'right'],
    ['Donetsk', [37.8028, 48.0159], 'left'],
    ['Luhansk', [39.3078, 48.574], 'left'],
    ['Melitopol', [35.3675, 46.8489], 'left'],
    ['Oleshky', [32.717, 46.617], 'left'],
  ] as [string, LonLat, string][])('%s lies on the %s', (_, place, side) => {
    expect(sideOfLine(place, line)).toBe(side);
  });

  it('has a 30 km security zone, 15 km each side', () => {
    expect(a.securityZone.widthKm).toBe(15);
  });

  it.each([
    ['artillery', 152, 50],
    ['artillery', 122, 50],
    ['mlrs', 122, 70],
    ['mlrs', 220, 140],
    ['missile', undefined, 140],
  ] as const)('keeps %s of %s mm %s km back (Minsk II)', (weapon, calibre, km) => {
    expect(withdrawalDistanceFor(a, weapon, calibre)?.distanceKm).toBe(km);
  });

  it('caps Ukraine at 800,000 troops', () => {
    expect(a.ceilings.troops.ua).toBe(800_000);
  });

  it('places three disengagement areas astride the line', () => {
    expect(a.disengagementAreas).toHaveLength(3);
    for (const area of a.disengagementAreas) {
      const ring = area.polygon[0]!.slice(0, -1);
      const sides = new Set(ring.map((p) => sideOfLine(p, line)));
      expect(sides, area.id).toEqual(new Set(['left', 'right']));
      expect(
        line.some((v) => pointInPolygon(v, area.polygon)),
        area.id,
      ).toBe(true);
    }
  });

  it('has escalation thresholds at levels 1, 2 and 3', () => {
    expect(new Set(a.escalationThresholds.map((t) => t.level))).toEqual(new Set([1, 2, 3]));
  });

  it('covers every vertex of the line with a reporting sector', () => {
    const sectors = Object.fromEntries(a.sectors.map((s) => [s.id, s.polygon]));
    const hit = new Set(line.map((v) => areaContaining(v, sectors)));
    expect(hit.has(null)).toBe(false);
    expect([...hit].sort()).toEqual([
      'donetsk-north',
      'donetsk-south',
      'kharkiv',
      'kherson',
      'luhansk',
      'zaporizhzhia',
    ]);
  });

  it('puts the no-fly band over the whole line', () => {
    expect(line.every((v) => pointInPolygon(v, a.noFlyAreas[0]!.polygon))).toBe(true);
  });
});

describe('the ukraine-2026 gazetteer', () => {
  const g = read('gazetteer.json') as {
    settlements: { id: string; lat: number; lon: number; names: Record<string, string> }[];
  };

  it('lists at least 40 settlements with unique ids and names in en, uk and ru', () => {
    expect(g.settlements.length).toBeGreaterThanOrEqual(40);
    expect(new Set(g.settlements.map((s) => s.id)).size).toBe(g.settlements.length);
    for (const s of g.settlements) {
      expect(Object.keys(s.names).sort(), s.id).toEqual(['en', 'ru', 'uk']);
      expect(s.names.uk, s.id).toMatch(/^[А-ЯІЇЄҐа-яіїєґ' -]+$/);
    }
  });

  it('keeps every settlement within 100 km of the line', () => {
    for (const s of g.settlements) {
      expect(distanceToLine([s.lon, s.lat], line).distanceM, s.id).toBeLessThan(100_000);
    }
  });
});
