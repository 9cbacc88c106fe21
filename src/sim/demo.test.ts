import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAgreement } from '../domain/agreement/index.js';
import { demoObservationStream } from './demo.js';
import { collect, START } from './test-support.js';

const agreement = parseAgreement(
  JSON.parse(
    readFileSync(new URL('../../scenarios/ukraine-2026/agreement.json', import.meta.url), 'utf8'),
  ),
);

describe('demoObservationStream', () => {
  it('yields the simulation’s observations in order, with waits scaled by speed and capped', () => {
    const paced = [
      ...demoObservationStream(agreement, {
        seed: 4,
        days: 0.5,
        start: START,
        speed: 60,
        maxDelayMs: 3000,
      }),
    ];
    const plain = collect(agreement, { seed: 4, days: 0.5 }).observations;
    expect(paced.map((p) => p.observation)).toEqual(plain);
    expect(paced[0]!.delayMs).toBe(0);
    expect(paced.every((p) => p.delayMs >= 0 && p.delayMs <= 3000)).toBe(true);
    const total = paced.reduce((s, p) => s + p.delayMs, 0);
    expect(total).toBeLessThanOrEqual((12 * 3_600_000) / 60);
  });

  it('rejects a speed of zero', () => {
    expect(() =>
      demoObservationStream(agreement, { seed: 4, days: 1, start: START, speed: 0 }).next(),
    ).toThrow(/speed must be > 0/);
  });
});
