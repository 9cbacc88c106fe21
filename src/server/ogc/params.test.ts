import { describe, expect, test } from 'vitest';
import { bboxContains, MAX_LIMIT, parseBbox, parseDatetime, parseLimit } from './params.js';

const ok = <T>(r: { ok: true; value: T } | { ok: false; reason: string }): T => {
  if (!r.ok) throw new Error(r.reason);
  return r.value;
};
const reason = (r: { ok: boolean; reason?: string }) => (r.ok ? null : r.reason);

describe('parseBbox', () => {
  test.each([
    ['four numbers', '37.8,48.0,37.9,48.1', { west: 37.8, south: 48, east: 37.9, north: 48.1 }],
    ['GDAL full-precision doubles', '37.800000000000004,48.010000000000005,37.85,48.05', { west: 37.800000000000004, south: 48.010000000000005, east: 37.85, north: 48.05 }],
    ['six numbers (heights ignored)', '37.8,48,0,37.9,48.1,5000', { west: 37.8, south: 48, east: 37.9, north: 48.1 }],
    ['exponents and signs', '-1e1,+4.5E1,.5,46', { west: -10, south: 45, east: 0.5, north: 46 }],
    ['a box across the antimeridian (west > east)', '170,-20,-170,-10', { west: 170, south: -20, east: -170, north: -10 }],
  ])('reads %s', (_name, text, want) => {
    expect(ok(parseBbox(text))).toEqual(want);
  });

  test.each([
    ['three numbers', '1,2,3', /4 numbers/],
    ['five numbers', '1,2,3,4,5', /4 numbers/],
    ['NaN', 'NaN,1,2,3', /not a decimal number/],
    ['Infinity', '1,2,Infinity,3', /not a decimal number/],
    ['hex', '0x10,1,2,3', /not a decimal number/],
    ['an empty value', '1,,2,3', /not a decimal number/],
    ['longitude out of range', '-181,0,10,10', /west -181 is outside/],
    ['latitude out of range', '0,-91,10,10', /south -91 is outside/],
    ['south above north', '0,20,10,10', /south 20 is above north 10/],
  ])('refuses %s, saying why', (_name, text, why) => {
    expect(reason(parseBbox(text))).toMatch(why);
  });
});

describe('bboxContains', () => {
  test('includes the edges and, across the antimeridian, both halves', () => {
    const b = ok(parseBbox('170,-20,-170,-10'));
    expect([bboxContains(b, 175, -15), bboxContains(b, -175, -15), bboxContains(b, 180, -10), bboxContains(b, 0, -15), bboxContains(b, 175, -5)]).toEqual([true, true, true, false, false]);
  });
});

describe('parseDatetime', () => {
  const t = (s: string) => Date.parse(s);
  test.each([
    ['an instant', '2026-03-01T18:40:00Z', { fromMs: t('2026-03-01T18:40:00Z'), toMs: t('2026-03-01T18:40:00Z') }],
    ['an instant with an offset and a fraction', '2026-03-01T20:40:00.5+02:00', { fromMs: t('2026-03-01T18:40:00.500Z'), toMs: t('2026-03-01T18:40:00.500Z') }],
    ['lower-case t and z (RFC 3339 §5.6)', '2026-03-01t18:40:00z', { fromMs: t('2026-03-01T18:40:00Z'), toMs: t('2026-03-01T18:40:00Z') }],
    ['a closed interval', '2026-03-01T00:00:00Z/2026-03-02T00:00:00Z', { fromMs: t('2026-03-01T00:00:00Z'), toMs: t('2026-03-02T00:00:00Z') }],
    ['an interval open at the start', '../2026-03-02T00:00:00Z', { fromMs: null, toMs: t('2026-03-02T00:00:00Z') }],
    ['an interval open at the end', '2026-03-01T00:00:00Z/..', { fromMs: t('2026-03-01T00:00:00Z'), toMs: null }],
    ['an empty end read as open', '2026-03-01T00:00:00Z/', { fromMs: t('2026-03-01T00:00:00Z'), toMs: null }],
    ['a date as its whole UTC day', '2026-03-01', { fromMs: t('2026-03-01T00:00:00Z'), toMs: t('2026-03-02T00:00:00Z') - 1 }],
  ])('reads %s', (_name, text, want) => {
    expect(ok(parseDatetime(text))).toEqual(want);
  });

  test.each([
    ['no zone', '2026-03-01T18:40:00', /not an RFC 3339 date-time/],
    ['a 30th of February', '2026-02-30T00:00:00Z', /not a real date/],
    ['hour 24', '2026-03-01T24:00:00Z', /not a real date/],
    ['a lone open end', '..', /only allowed in an interval/],
    ['three parts', 'a/b/c', /one interval/],
    ['start after end', '2026-03-02T00:00:00Z/2026-03-01T00:00:00Z', /is after end/],
    ['a bad end', '2026-03-01T00:00:00Z/soon', /^end: /],
  ])('refuses %s', (_name, text, why) => {
    expect(reason(parseDatetime(text))).toMatch(why);
  });
});

describe('parseLimit', () => {
  test('takes whole numbers from 1 and caps larger ones at the maximum (OGC 17-069r4 Requirement 20)', () => {
    expect([ok(parseLimit('1')), ok(parseLimit('100')), ok(parseLimit(String(MAX_LIMIT))), ok(parseLimit('1000000'))]).toEqual([1, 100, MAX_LIMIT, MAX_LIMIT]);
  });
  test.each([['0'], ['-1'], ['1.5'], ['ten'], ['']])('refuses %j', (text) => {
    expect(reason(parseLimit(text))).toMatch(/whole number|at least 1/);
  });
});
