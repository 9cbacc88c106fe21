import { describe, expect, test } from 'vitest';
import { calendarDate, isoInstant, localDaysWindow, parseCalendarDate, parseUtcOffset } from './days.js';

const day = (s: string) => Date.parse(`${s}T00:00:00Z`);

describe('parseCalendarDate', () => {
  test.each([
    ['2026-03-01', '2026-03-01'],
    ['2026-03-01 00:00:00.000', '2026-03-01'],
    ['01 March 2026', '2026-03-01'],
    ['1 Mar 2026', '2026-03-01'],
    ['04-03-2026', '2026-03-04'],
    ['04/03/2026', '2026-03-04'],
    [' 2026-02-28 ', '2026-02-28'],
  ])('reads %j as %s', (text, want) => {
    const r = parseCalendarDate(text);
    expect(r.ok && isoInstant(r.dayMs)).toBe(`${want}T00:00:00Z`);
  });

  test.each([['2026-02-30'], ['31-04-2026'], ['03/15/2026'], ['1 Foo 2026'], ['March 2026'], ['2026-03-01T12:00:00Z'], ['']])('refuses %j, saying so', (text) => {
    const r = parseCalendarDate(text);
    expect(r.ok ? null : r.reason).toMatch(/not a (real )?date/);
  });
});

describe('parseUtcOffset', () => {
  test.each([
    ['+03:00', 180],
    ['-05:30', -330],
    ['+0200', 120],
    ['Z', 0],
    ['+14:00', 840],
    ['+15:00', null],
    ['3', null],
    ['+03:60', null],
  ])('%j → %j minutes', (text, want) => {
    expect(parseUtcOffset(text)).toBe(want);
  });
});

describe('localDaysWindow', () => {
  test('is the local day in UTC when the zone is known', () => {
    expect(localDaysWindow(day('2026-03-01'), day('2026-03-01'), 180)).toEqual({ fromMs: Date.parse('2026-02-28T21:00:00Z'), toMs: Date.parse('2026-03-01T21:00:00Z') });
  });
  test('covers the day in every zone, UTC-12 to UTC+14, when it is not', () => {
    expect(localDaysWindow(day('2026-03-01'), day('2026-03-02'), null)).toEqual({ fromMs: Date.parse('2026-02-28T10:00:00Z'), toMs: Date.parse('2026-03-03T12:00:00Z') });
  });
  test('calendarDate reads the date in a zone', () => {
    expect([calendarDate(Date.parse('2026-03-01T22:30:00Z')), calendarDate(Date.parse('2026-03-01T22:30:00Z'), 180)]).toEqual(['2026-03-01', '2026-03-02']);
  });
});
