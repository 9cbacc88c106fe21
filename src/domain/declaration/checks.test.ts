import { describe, expect, it } from 'vitest';
import { checkCeilings } from './ceilings.js';
import { compareDeclarations } from './changes.js';
import { bindingWithdrawal, checkAgainstObservations } from './observed.js';
import { agreement, compliant, declaration, sighting } from './test-support/fixtures.js';

const oneUnit = (
  asOf: string,
  personnel: number,
  extra: { tanks?: number; helicopters?: number } = {},
) => declaration(asOf, [{ id: 'u', at: [37.0, 48.5], personnel, ...extra }]);

describe('checkCeilings', () => {
  it.each([
    {
      name: 'a total equal to its ceiling is within it',
      troops: 800_000,
      tanks: 1500,
      flagged: [],
    },
    { name: 'one over the ceiling is flagged', troops: 800_001, tanks: 1500, flagged: ['troops'] },
    {
      name: 'each category is checked on its own',
      troops: 10,
      tanks: 1501,
      flagged: ['battle_tanks'],
    },
  ])('$name', ({ troops, tanks, flagged }) => {
    expect(
      checkCeilings(oneUnit('2026-01-01', troops, { tanks }), agreement).map((c) => c.subject),
    ).toEqual(flagged);
  });

  it('finds nothing for a party the agreement sets no ceiling for', () => {
    expect(
      checkCeilings(
        declaration('2026-01-01', [{ id: 'u', at: [38.5, 48.5], personnel: 2_000_000 }], 'ru'),
        agreement,
      ),
    ).toEqual([]);
  });
});

describe('compareDeclarations', () => {
  it.each([
    {
      name: 'flags a drop of exactly 10%',
      before: 1000,
      after: 900,
      text: 'troops fell from 1,000 (2025-01-01) to 900 (2026-01-01): -100 (-10.0%)',
    },
    { name: 'ignores a drop just under 10%', before: 1000, after: 901, text: null },
    {
      name: 'flags a rise of exactly 10%',
      before: 1000,
      after: 1100,
      text: 'troops rose from 1,000 (2025-01-01) to 1,100 (2026-01-01): +100 (+10.0%)',
    },
    { name: 'ignores a rise just under 10%', before: 1000, after: 1099, text: null },
    { name: 'ignores no change', before: 1000, after: 1000, text: null },
  ])('$name', ({ before, after, text }) => {
    const out = compareDeclarations(oneUnit('2026-01-01', after), oneUnit('2025-01-01', before));
    expect(out.map((c) => c.text)).toEqual(text ? [text] : []);
  });

  it('flags a category that appears from nothing as new', () => {
    const out = compareDeclarations(
      oneUnit('2026-01-01', 1000, { helicopters: 12 }),
      oneUnit('2025-01-01', 1000),
    );
    expect(out).toEqual([
      expect.objectContaining({
        subject: 'attack_helicopters',
        text: 'attack helicopters rose from 0 (2025-01-01) to 12 (2026-01-01): +12 (new)',
        figures: expect.objectContaining({ changePct: null }),
      }),
    ]);
  });

  it('takes another threshold when asked', () => {
    expect(
      compareDeclarations(oneUnit('2026-01-01', 950), oneUnit('2025-01-01', 1000), {
        thresholdPct: 5,
      }),
    ).toHaveLength(1);
  });

  it.each([
    {
      name: 'refuses declarations of two parties',
      previous: declaration('2025-01-01', [{ id: 'u', at: [38.5, 48.5], personnel: 1 }], 'ru'),
      message: /of ua and ru/,
    },
    {
      name: 'refuses a previous declaration that is not older',
      previous: oneUnit('2026-01-01', 1),
      message: /is not older/,
    },
  ])('$name', ({ previous, message }) => {
    expect(() => compareDeclarations(oneUnit('2026-01-01', 1), previous)).toThrow(
      expect.objectContaining({ code: 'VALIDATION', message: expect.stringMatching(message) }),
    );
  });
});

describe('checkAgainstObservations', () => {
  it('flags a declared unit holding artillery inside the narrowest artillery withdrawal distance', () => {
    const forward = declaration('2026-01-01', [
      { id: 'bde-9', at: [37.85, 48.5], personnel: 3000, artillery: 30, tanks: 0 },
    ]);
    const out = checkAgainstObservations(forward, [], agreement);
    expect(out).toEqual([
      expect.objectContaining({
        kind: 'equipment_in_withdrawal_zone',
        subject: 'artillery',
        units: ['bde-9'],
        figures: { distanceKm: 11.1, limitKm: 15, rule: 'wd-artillery-light' },
        text: "unit bde-9 (bde-9 name) declares 30 artillery at 11.1 km from the line of contact on ua's side; calibre unknown; the shortest withdrawal distance that can apply is 15 km (wd-artillery-light)",
      }),
    ]);
  });

  it('flags heavy equipment seen where the party declares none of its category', () => {
    const noTanks = declaration('2026-01-01', [{ id: 'u', at: [37.0, 48.5], personnel: 1000 }]);
    const out = checkAgainstObservations(
      noTanks,
      [sighting('obs-1', { kind: 'equipment', weapon: 'tank', location: [37.0, 48.5] })],
      agreement,
    );
    expect(out).toEqual([
      expect.objectContaining({
        kind: 'undeclared_equipment',
        units: [],
        text: expect.stringContaining('where no declared unit holding battle tanks exists'),
      }),
    ]);
  });

  it("ignores sightings on the other party's side and those attributed to it", () => {
    const sightings = [
      sighting('obs-1', { kind: 'equipment', weapon: 'mlrs', location: [38.2, 48.5] }),
      sighting('obs-2', { kind: 'equipment', weapon: 'tank', location: [36.0, 47.2], party: 'ru' }),
    ];
    expect(checkAgainstObservations(compliant, sightings, agreement)).toEqual([]);
  });

  it('uses the widest covering rule when the calibre is known', () => {
    expect(bindingWithdrawal(agreement, 'artillery', 152)?.id).toBe('wd-artillery-100');
    expect(bindingWithdrawal(agreement, 'artillery', 82)?.id).toBe('wd-artillery-light');
    expect(bindingWithdrawal(agreement, 'artillery')?.id).toBe('wd-artillery-light');
    expect(bindingWithdrawal(agreement, 'mortar')).toBeNull();
  });

  it('refuses a declaration by a party not in the agreement', () => {
    const stranger = declaration('2026-01-01', [{ id: 'u', at: [37.0, 48.5], personnel: 1 }], 'xx');
    expect(() => checkAgainstObservations(stranger, [], agreement)).toThrow(
      expect.objectContaining({ code: 'VALIDATION' }),
    );
  });
});
