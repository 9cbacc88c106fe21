import { describe, expect, it } from 'vitest';
import { addDays, dailyBounds, reportPeriod, zonedInstant } from './period.js';

describe('reportPeriod', () => {
  it('closes a winter daily report at 19:30 EET (17:30Z), from 19:30 the evening before', () => {
    const p = reportPeriod('daily', '2026-03-01');
    expect(p).toMatchObject({
      kind: 'daily',
      date: '2026-03-01',
      from: '2026-02-28T17:30:00.000Z',
      to: '2026-03-01T17:30:00.000Z',
      closesAtLocal: '19:30',
      timeZone: 'Europe/Kyiv',
      previous: { from: '2026-02-27T17:30:00.000Z', to: '2026-02-28T17:30:00.000Z' },
    });
  });

  it('closes a summer report at 19:30 EEST (16:30Z)', () => {
    expect(reportPeriod('daily', '2026-07-15').to).toBe('2026-07-15T16:30:00.000Z');
  });

  it('makes the day of the spring change 23 hours long and still ends at 19:30 local', () => {
    // Kyiv moves to summer time at 03:00 on the last Sunday of March: 29 March 2026.
    const p = reportPeriod('daily', '2026-03-29');
    expect(p.from).toBe('2026-03-28T17:30:00.000Z');
    expect(p.to).toBe('2026-03-29T16:30:00.000Z');
    expect(Date.parse(p.to) - Date.parse(p.from)).toBe(23 * 3_600_000);
  });

  it('makes the day of the autumn change 25 hours long', () => {
    // Back to winter time at 04:00 on 25 October 2026.
    const p = reportPeriod('daily', '2026-10-25');
    expect(p.from).toBe('2026-10-24T16:30:00.000Z');
    expect(p.to).toBe('2026-10-25T17:30:00.000Z');
    expect(Date.parse(p.to) - Date.parse(p.from)).toBe(25 * 3_600_000);
  });

  it('covers seven days in a weekly report, with the seven before as the previous period', () => {
    const p = reportPeriod('weekly', '2026-04-05');
    expect(p.from).toBe('2026-03-29T16:30:00.000Z');
    expect(p.to).toBe('2026-04-05T16:30:00.000Z');
    expect(p.previous).toEqual({
      from: '2026-03-22T17:30:00.000Z',
      to: '2026-03-29T16:30:00.000Z',
    });
  });

  it('takes another closing time and time zone', () => {
    const p = reportPeriod('daily', '2026-01-10', { closesAt: '18:00', timeZone: 'UTC' });
    expect([p.from, p.to]).toEqual(['2026-01-09T18:00:00.000Z', '2026-01-10T18:00:00.000Z']);
  });

  it('refuses a bad date, time or zone with VALIDATION', () => {
    expect(() => reportPeriod('daily', '2026-02-30')).toThrow(/date YYYY-MM-DD/);
    expect(() => reportPeriod('daily', '2026-02-03', { closesAt: '25:00' })).toThrow(/HH:MM/);
    expect(() => reportPeriod('daily', '2026-02-03', { timeZone: 'Mars/Olympus' })).toThrow(
      /time zone/,
    );
  });
});

describe('zonedInstant', () => {
  it('reads a skipped wall time with the offset before the change', () => {
    // 03:30 on 29 March 2026 does not exist in Kyiv (03:00 EET became 04:00 EEST).
    expect(new Date(zonedInstant('2026-03-29', '03:30', 'Europe/Kyiv')).toISOString()).toBe(
      '2026-03-29T01:30:00.000Z',
    );
  });

  it('maps a repeated wall time to its first occurrence', () => {
    // 03:30 on 25 October 2026 happens twice in Kyiv: first in EEST (00:30Z).
    expect(new Date(zonedInstant('2026-10-25', '03:30', 'Europe/Kyiv')).toISOString()).toBe(
      '2026-10-25T00:30:00.000Z',
    );
  });
});

describe('addDays and dailyBounds', () => {
  it('crosses month and year ends', () => {
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });

  it('gives consecutive days that tile time with no gap or overlap', () => {
    const p = { closesAtLocal: '19:30', timeZone: 'Europe/Kyiv' };
    let date = '2026-03-20';
    for (let i = 0; i < 20; i++) {
      const next = addDays(date, 1);
      expect(dailyBounds(date, p).toMs).toBe(dailyBounds(next, p).fromMs);
      date = next;
    }
  });
});
