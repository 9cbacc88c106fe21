import { describe, expect, it } from 'vitest';
import { isoInstant } from './live-incident.js';

describe('isoInstant', () => {
  it('formats as Date.prototype.toISOString', () => {
    const cases = [0, 1, 999, 1000, 59_999, 86_399_999, 86_400_000, 951_782_400_000];
    cases.push(Date.parse('2026-03-01T23:59:59.999Z'), Date.parse('9999-12-31T23:59:59.999Z'));
    cases.push(-1, -86_400_001, 253_402_300_800_000, 1.5);
    let seed = 7;
    for (let i = 0; i < 5000; i++) {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      cases.push(Math.floor((seed / 2 ** 31) * 4_102_444_800_000));
    }
    for (const ms of cases) expect(isoInstant(ms)).toBe(new Date(ms).toISOString());
  });
});
