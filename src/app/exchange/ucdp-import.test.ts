import { describe, expect, test } from 'vitest';
import { validateObservation } from '../../domain/observation/validate.js';
import type { Row, RowMapping } from './row-mapping.js';
import { ucdpRowToObservation } from './ucdp-import.js';

const NOW = Date.parse('2026-11-28T12:00:00Z');
const base: Row = { id: '900001', date_start: '2026-03-02', date_end: '2026-03-02', latitude: '48.0123', longitude: '37.8021', where_prec: '1', date_prec: '1' };
const map = (over: Partial<Record<string, string>> = {}, utcOffsetMinutes: number | null = null) => ucdpRowToObservation({ ...base, ...over } as Row, { utcOffsetMinutes, nowMs: NOW });
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const obs = (m: RowMapping): any => {
  if (m.kind !== 'observation') throw new Error(`not an observation: ${JSON.stringify(m)}`);
  const checked = validateObservation(m.observation, { nowMs: NOW });
  if (!checked.ok) throw new Error(`invalid observation: ${JSON.stringify(checked.issues)}`);
  return m.observation;
};

describe('ucdpRowToObservation: place from where_prec', () => {
  test.each([
    ['1', 5_000],
    ['2', 25_000],
    ['3', 50_000],
    ['4', 150_000],
    ['5', 250_000],
    ['7', 250_000],
  ])('where_prec %s → a %i m radius', (where_prec, radiusM) => {
    expect(obs(map({ where_prec })).location.radiusM).toBe(radiusM);
  });

  test('where_prec 6 (the country alone) is excluded', () => {
    expect(map({ where_prec: '6' })).toMatchObject({ kind: 'excluded', reason: expect.stringMatching(/only the country/) });
  });
});

describe('ucdpRowToObservation: time from date_start, date_end and date_prec', () => {
  test.each([
    ['one day, zone unknown: widened to every zone', '1', '2026-03-02', '2026-03-02', null, '2026-03-01T10:00:00Z', '2026-03-03T12:00:00Z'],
    ['one day, zone +02:00', '1', '2026-03-02', '2026-03-02', 120, '2026-03-01T22:00:00Z', '2026-03-02T22:00:00Z'],
    ['2 to 6 days, zone unknown: widened', '2', '2026-03-03', '2026-03-06', null, '2026-03-02T10:00:00Z', '2026-03-07T12:00:00Z'],
    ['a week, zone unknown: widening would pass 7 days, so UTC', '3', '2026-03-08', '2026-03-14', null, '2026-03-08T00:00:00Z', '2026-03-15T00:00:00Z'],
    ['the CSV date form with a zero time', '1', '2026-03-02 00:00:00.000', '2026-03-02 00:00:00.000', 0, '2026-03-02T00:00:00Z', '2026-03-03T00:00:00Z'],
  ])('date_prec %s: %s', (_name, date_prec, date_start, date_end, offset, from, to) => {
    expect(obs(map({ date_prec, date_start, date_end }, offset)).observedAt).toEqual({ from, to });
  });

  test.each([
    ['date_prec 4 (the month)', { date_prec: '4' }, /only the month/],
    ['date_prec 5 (the year)', { date_prec: '5' }, /only the year/],
    ['a span of 10 days', { date_prec: '2', date_start: '2026-03-01', date_end: '2026-03-10' }, /spans 10 days/],
  ])('excludes %s', (_name, over, why) => {
    expect(map(over)).toMatchObject({ kind: 'excluded', reason: expect.stringMatching(why) });
  });

  test('rejects an end before the start, and names every bad column', () => {
    const m = map({ date_end: '2026-03-01', where_prec: '8', longitude: '' });
    expect(m.kind === 'rejected' && m.issues.map((i) => i.path)).toEqual(['date_end', 'longitude', 'where_prec']);
  });
});

describe('ucdpRowToObservation: event, id and text', () => {
  test('files every row as the chosen event, undetermined weapon and direction, with the dyad and deaths in the text', () => {
    const o = obs(map({ type_of_violence: '1', dyad_name: 'Government of Aland - Government of Borland', best: '3', deaths_civilians: '2', where_description: 'Town Alpha', adm_1: 'Region North', country: 'Aland' }));
    expect(o).toMatchObject({ id: 'ucdp-ged:900001', event: 'explosion', weapon: 'undetermined', direction: 'undetermined', source: { kind: 'osint', id: 'ucdp-ged' } });
    expect(o.text).toBe('UCDP GED 900001 (state-based conflict); Government of Aland - Government of Borland; deaths (best estimate) 3, civilians 2; Town Alpha, Region North, Aland; where_prec 1, date_prec 1');
    const other = ucdpRowToObservation(base, { utcOffsetMinutes: null, nowMs: NOW, event: 'small_arms_burst' });
    expect(other.kind === 'observation' && other.observation.event).toBe('small_arms_burst');
  });
});
