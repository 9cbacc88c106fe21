/**
 * The negative binomial (Gamma-Poisson) upper tail, computed through the regularised incomplete
 * beta function. Pure numerics, no dependencies; accurate to about 1e-10 relative, which is far
 * finer than any significance level the early warning is run at.
 *
 * Parameterisation: mean `mu` > 0 and size `r` > 0, variance mu + mu² / r. Poisson is the limit
 * r → ∞. For integer k ≥ 1, P(X ≥ k) = I_x(k, r) with x = mu / (r + mu) (the usual identity
 * between the negative binomial CDF and the incomplete beta function, e.g. DLMF 8.17.5 with
 * Abramowitz & Stegun 26.5.26).
 */

const LANCZOS = [
  676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(z) for z > 0 (Lanczos, g = 7, n = 9; relative error below 1e-13). */
export function lnGamma(z: number): number {
  if (!(z > 0)) throw new RangeError(`lnGamma needs z > 0, got ${z}`);
  if (z < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * z)) - lnGamma(1 - z);
  const x = z - 1;
  let a = 0.99999999999980993;
  const t = x + 7.5;
  for (let i = 0; i < LANCZOS.length; i++) a += LANCZOS[i]! / (x + i + 1);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Continued fraction for the incomplete beta function (modified Lentz). */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 100_000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-15) return h;
  }
  throw new RangeError(`incomplete beta did not converge for a=${a}, b=${b}, x=${x}`);
}

/** The regularised incomplete beta function I_x(a, b), for a, b > 0 and 0 ≤ x ≤ 1. */
export function regularizedBeta(x: number, a: number, b: number): number {
  if (!(a > 0) || !(b > 0))
    throw new RangeError(`regularizedBeta needs a, b > 0, got a=${a}, b=${b}`);
  if (!(x >= 0 && x <= 1)) throw new RangeError(`regularizedBeta needs 0 ≤ x ≤ 1, got ${x}`);
  if (x === 0) return 0;
  if (x === 1) return 1;
  const lnFront = lnGamma(a + b) - lnGamma(a) - lnGamma(b) + a * Math.log(x) + b * Math.log1p(-x);
  // The continued fraction converges fast for x < (a + 1) / (a + b + 2); use the symmetry otherwise.
  if (x < (a + 1) / (a + b + 2)) return (Math.exp(lnFront) * betaContinuedFraction(a, b, x)) / a;
  return 1 - (Math.exp(lnFront) * betaContinuedFraction(b, a, 1 - x)) / b;
}

/** Sizes above this are treated as Poisson. */
export const POISSON_SIZE = 1e7;

/**
 * P(X ≥ k) for X negative binomial with mean `mu` (≥ 0) and size `r` (> 0; `Infinity` gives the
 * Poisson tail). `k` may be fractional (the incomplete beta is continuous in k); k ≤ 0 gives 1.
 * Example: size 1 is the geometric distribution, so `negativeBinomialUpperTail(3, 1, 1)` = 0.5³.
 */
export function negativeBinomialUpperTail(k: number, mu: number, r: number): number {
  if (!Number.isFinite(k)) throw new RangeError(`k must be finite, got ${k}`);
  if (!(mu >= 0) || !Number.isFinite(mu))
    throw new RangeError(`mean must be finite and ≥ 0, got ${mu}`);
  if (!(r > 0)) throw new RangeError(`size must be > 0, got ${r}`);
  if (k <= 0) return 1;
  if (mu === 0) return 0;
  // Beyond this size the lnΓ differences in the beta front factor lose more precision than the
  // negative binomial differs from the Poisson (relative difference about mu² / r).
  if (r > POISSON_SIZE) return poissonUpperTail(k, mu);
  return regularizedBeta(mu / (r + mu), k, r);
}

/** P(X ≥ k) for X Poisson with mean mu: the regularised lower incomplete gamma P(k, mu). */
export function poissonUpperTail(k: number, mu: number): number {
  if (k <= 0) return 1;
  if (mu === 0) return 0;
  return regularizedLowerGamma(k, mu);
}

function regularizedLowerGamma(a: number, x: number): number {
  const lnFront = a * Math.log(x) - x - lnGamma(a);
  if (x < a + 1) {
    let sum = 1 / a;
    let term = sum;
    for (let n = 1; n < 100_000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-16) break;
    }
    return sum * Math.exp(lnFront);
  }
  // Continued fraction for the upper gamma Q(a, x) (modified Lentz).
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 100_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-15) break;
  }
  return 1 - Math.exp(lnFront) * h;
}
