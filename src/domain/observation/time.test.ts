import { describe, expect, test } from 'vitest';
import { compareInstants, formatDuration, formatEpochMs, parseInstant } from './time.js';

function instant(text: string) {
  const r = parseInstant(text);
  if (!r.ok) throw new Error(r.reason);
  return r.instant;
}

describe('parseInstant', () => {
  test.each([
    ['2026-03-01T18:40:00Z', '2026-03-01T18:40:00Z'],
    ['2026-03-01T20:40:00+02:00', '2026-03-01T18:40:00Z'],
    ['2026-03-01T00:30:00+01:00', '2026-02-28T23:30:00Z'],
    ['2024-02-29T23:00:00-03:30', '2024-03-01T02:30:00Z'],
    ['2026-03-01T18:40:00.500Z', '2026-03-01T18:40:00.5Z'],
    ['2026-03-01T18:40:00.000Z', '2026-03-01T18:40:00Z'],
    ['2026-03-01T18:40:00.123456789Z', '2026-03-01T18:40:00.123456789Z'],
    ['1900-01-01T00:00:00Z', '1900-01-01T00:00:00Z'],
    ['2000-02-29T12:00:00Z', '2000-02-29T12:00:00Z'],
  ])('reads %s as the UTC instant %s', (text, canonical) => {
    expect(instant(text).canonical).toBe(canonical);
  });

  test('agrees with Date.parse on epoch milliseconds for dates across leap years and centuries', () => {
    for (const text of [
      '1970-01-01T00:00:00Z',
      '1999-12-31T23:59:59.999Z',
      '2026-03-01T20:40:00+02:00',
      '2100-03-01T00:00:00Z',
      '1901-07-04T12:00:00-05:00',
    ]) {
      expect(instant(text).epochMs).toBe(Date.parse(text));
    }
  });

  test.each([
    ['2026-03-01T18:40:00', /has no timezone/],
    ['2026-03-01 18:40', /has no timezone/],
    ['2026-03-01T18:40Z', /ISO 8601 instant with a timezone/],
    ['2026-03-01t18:40:00z', /ISO 8601 instant/],
    ['2026-13-01T00:00:00Z', /not a calendar date/],
    ['2023-02-29T00:00:00Z', /not a calendar date/],
    ['2100-02-29T00:00:00Z', /not a calendar date/],
    ['2026-04-31T00:00:00Z', /not a calendar date/],
    ['2026-03-01T23:60:00Z', /not a time of day/],
    ['2026-03-01T23:59:60Z', /not a time of day/],
    ['2026-03-01T12:00:00+24:00', /not a timezone offset/],
    ['1899-12-31T23:59:59Z', /before 1900/],
    ['2026-03-01T18:40:00.1234567890Z', /ISO 8601 instant/],
  ])('rejects %s', (text, reason) => {
    const r = parseInstant(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });

  test('echoes at most 40 characters of a long bad value', () => {
    const r = parseInstant('y'.repeat(10_000));
    expect(!r.ok && r.reason.length).toBeLessThan(200);
  });
});

describe('compareInstants', () => {
  test('orders instants written in different zones by the moment they name', () => {
    expect(
      compareInstants(instant('2026-03-01T20:40:00+02:00'), instant('2026-03-01T18:40:00Z')),
    ).toBe(0);
    expect(
      compareInstants(instant('2026-03-01T20:40:01+02:00'), instant('2026-03-01T18:40:00Z')),
    ).toBeGreaterThan(0);
  });

  test('tells apart instants one nanosecond apart', () => {
    expect(
      compareInstants(
        instant('2026-03-01T18:40:00.000000001Z'),
        instant('2026-03-01T18:40:00.000000002Z'),
      ),
    ).toBeLessThan(0);
  });
});

describe('formatDuration and formatEpochMs', () => {
  test.each([
    [45_000, '45 s'],
    [12 * 60_000, '12 min'],
    [3 * 3_600_000, '3 h'],
    [3 * 3_600_000 + 5 * 60_000, '3 h 5 min'],
    [9.5 * 86_400_000, '9.5 days'],
  ])('writes %d ms as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  test('writes epoch milliseconds as an ISO instant', () => {
    expect(formatEpochMs(Date.parse('2026-03-02T00:00:00.250Z'))).toBe('2026-03-02T00:00:00.25Z');
  });
});
