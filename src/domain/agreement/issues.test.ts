import { describe, expect, it } from 'vitest';
import { jsonPath } from './issues.js';

describe('jsonPath', () => {
  it.each([
    [[], ''],
    [['title'], 'title'],
    [['lineOfContact', 3, 1], 'lineOfContact[3][1]'],
    [['parties', 0, 'side'], 'parties[0].side'],
    [['ceilings', 'troops', 'ua'], 'ceilings.troops.ua'],
    [['ceilings', 'troops', 'north west'], 'ceilings.troops["north west"]'],
    [['ceilings', 'equipment', 'artillery', '1st'], 'ceilings.equipment.artillery["1st"]'],
  ] as [PropertyKey[], string][])('%j → %s', (path, expected) => {
    expect(jsonPath(path)).toBe(expected);
  });
});
