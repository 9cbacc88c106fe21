import { describe, expect, it } from 'vitest';
import {
  lnGamma,
  negativeBinomialUpperTail,
  poissonUpperTail,
  regularizedBeta,
} from './negative-binomial.js';

/** Reference by brute force: 1 − Σ_{x<k} pmf(x), pmf from the recurrence p(x+1) = p(x)·(x+r)/(x+1)·q. */
function nbTailBySum(k: number, mu: number, r: number): number {
  const q = mu / (r + mu);
  let p = Math.pow(1 - q, r);
  let cdf = 0;
  for (let x = 0; x < k; x++) {
    cdf += p;
    p *= ((x + r) / (x + 1)) * q;
  }
  return 1 - cdf;
}

function poissonTailBySum(k: number, mu: number): number {
  let p = Math.exp(-mu);
  let cdf = 0;
  for (let x = 0; x < k; x++) {
    cdf += p;
    p *= mu / (x + 1);
  }
  return 1 - cdf;
}

describe('lnGamma', () => {
  it.each([
    [1, 0],
    [2, 0],
    [0.5, Math.log(Math.sqrt(Math.PI))],
    [10, Math.log(362880)],
    [0.1, Math.log(9.513507698668732)],
  ])('lnGamma(%f) = %f', (z, expected) => {
    expect(lnGamma(z)).toBeCloseTo(expected, 10);
  });

  it('rejects z ≤ 0 with the value in the message', () => {
    expect(() => lnGamma(0)).toThrow(/got 0/);
  });
});

describe('regularizedBeta', () => {
  it('is x^a for b = 1 and 1 − (1 − x)^b for a = 1', () => {
    expect(regularizedBeta(0.3, 4, 1)).toBeCloseTo(0.3 ** 4, 12);
    expect(regularizedBeta(0.3, 1, 5)).toBeCloseTo(1 - 0.7 ** 5, 12);
  });

  it('is symmetric: I_x(a, b) = 1 − I_{1−x}(b, a)', () => {
    expect(regularizedBeta(0.62, 7.5, 2.25)).toBeCloseTo(1 - regularizedBeta(0.38, 2.25, 7.5), 12);
  });
});

describe('negativeBinomialUpperTail', () => {
  it('with size 1 is the geometric tail q^k', () => {
    for (let k = 1; k <= 12; k++)
      expect(negativeBinomialUpperTail(k, 1, 1)).toBeCloseTo(0.5 ** k, 12);
  });

  it.each([
    [5, 2, 0.5],
    [10, 3.2, 1.7],
    [30, 6, 2],
    [3, 0.05, 1.01],
    [60, 10, 80],
    [200, 40, 0.8],
  ])('P(X ≥ %i) with mean %f and size %f matches the summed pmf', (k, mu, r) => {
    const expected = nbTailBySum(k, mu, r);
    expect(Math.abs(negativeBinomialUpperTail(k, mu, r) - expected)).toBeLessThan(
      1e-10 + expected * 1e-8,
    );
  });

  it('tends to the Poisson tail as the size grows', () => {
    const poisson = poissonTailBySum(12, 5);
    expect(Math.abs(negativeBinomialUpperTail(12, 5, 1e5) / poisson - 1)).toBeLessThan(1e-3);
    expect(negativeBinomialUpperTail(12, 5, 1e9)).toBeCloseTo(poisson, 12);
    expect(negativeBinomialUpperTail(12, 5, Infinity)).toBeCloseTo(poissonTailBySum(12, 5), 12);
  });

  it('gives 1 for k ≤ 0 and 0 for a zero mean', () => {
    expect(negativeBinomialUpperTail(0, 3, 2)).toBe(1);
    expect(negativeBinomialUpperTail(4, 0, 2)).toBe(0);
  });

  it('rejects a negative mean or a non-positive size', () => {
    expect(() => negativeBinomialUpperTail(3, -1, 2)).toThrow(/mean/);
    expect(() => negativeBinomialUpperTail(3, 1, 0)).toThrow(/size/);
  });
});

describe('poissonUpperTail', () => {
  it.each([
    [1, 0.5],
    [8, 3],
    [25, 10],
    [120, 100],
  ])('P(X ≥ %i) with mean %f matches the summed pmf', (k, mu) => {
    expect(poissonUpperTail(k, mu)).toBeCloseTo(poissonTailBySum(k, mu), 10);
  });
});
