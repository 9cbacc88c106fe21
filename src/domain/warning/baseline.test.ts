import { describe, expect, it } from 'vitest';
import { fitBaseline, predictive, upperTailPValue } from './baseline.js';

const even = (counts: number[]) => counts.map((count) => ({ count, exposure: 1 }));

describe('fitBaseline', () => {
  it('finds no over-dispersion in blocks no more variable than Poisson', () => {
    const fit = fitBaseline(even([4, 5, 6, 5, 4, 6, 5, 5]));
    expect(fit.dispersion).toBe(0);
    expect(fit.rate).toBeCloseTo((1 + 40) / (1 + 8), 12);
  });

  it('estimates φ by moments: s² = m + φ m²', () => {
    // m = 5, s² (n − 1 denominator) = 600 / 7 → φ = (600/7 − 5) / 25
    const fit = fitBaseline(even([0, 0, 0, 0, 0, 0, 20, 20]));
    expect(fit.dispersion).toBeCloseTo((600 / 7 - 5) / 25, 12);
  });

  it('reads counts relative to their exposure, so a regular rhythm is not dispersion', () => {
    const rhythm = [0.5, 1.5, 0.5, 1.5, 0.5, 1.5, 0.5, 1.5];
    const fit = fitBaseline(rhythm.map((exposure) => ({ count: 10 * exposure, exposure })));
    expect(fit.dispersion).toBe(0);
    expect(predictive(fit, 1.5).mean).toBeCloseTo(1.5 * fit.rate, 12);
  });

  it('gives a quiet history a small positive expectation through the prior', () => {
    const fit = fitBaseline(even(Array(20).fill(0)));
    expect(fit.rate).toBeCloseTo(1 / 21, 12);
    expect(upperTailPValue(fit, 5)).toBeLessThan(1e-5);
    expect(upperTailPValue(fit, 0)).toBe(1);
  });

  it('makes a burst of a familiar size unremarkable in a bursty history', () => {
    const bursty = fitBaseline(even([0, 0, 0, 30, 0, 0, 0, 30, 0, 0, 0, 30]));
    const steady = fitBaseline(even([10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10]));
    expect(upperTailPValue(bursty, 30)).toBeGreaterThan(0.01);
    expect(upperTailPValue(steady, 30)).toBeLessThan(1e-6);
  });

  it('rejects an empty history and a block without exposure', () => {
    expect(() => fitBaseline([])).toThrow(/at least one block/);
    expect(() => fitBaseline([{ count: 1, exposure: 0 }])).toThrow(/exposure/);
  });
});
