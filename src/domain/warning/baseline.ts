/**
 * The baseline of one sector: what count to expect in the next window of a given length, and how
 * surprising an observed count is.
 *
 * Model (the choice, and why): violation counts are bursty — shelling comes in exchanges, and one
 * exchange is a dozen explosions — so a Poisson baseline would call every ordinary exchange an
 * anomaly. We therefore use a negative binomial (Gamma-Poisson) predictive distribution:
 *
 * - The window's history is cut into blocks of the same length as the window being tested, so
 *   burst-to-burst correlation inside a block is part of the block's variance rather than an
 *   unmodelled dependence between hours.
 * - Over-dispersion φ (variance = μ + φ μ²) is estimated from the blocks by the method of
 *   moments, φ = max(0, (s² − m) / m²): zero when the history is no burstier than Poisson.
 * - The mean gets a conjugate Gamma(a0, b0) prior (a0 violations over b0 blocks), so a sector
 *   that has been quiet for weeks still has a small positive expected count, and the posterior
 *   uncertainty of the mean, 1 / (a0 + S), is added to φ. The predictive is then negative
 *   binomial with mean μ = e (a0 + S) / (b0 + E) and size r = 1 / (φ + 1 / (a0 + S)), where e is
 *   the tested block's exposure and E the baseline's (n without a rhythm). With φ = 0 this is
 *   exactly the Gamma-Poisson posterior predictive.
 *
 * - A regular daily rhythm (evenings loud, mornings quiet) enters as each block's exposure: the
 *   count it should hold relative to an average block. The moments and the posterior then use
 *   count / exposure, so the rhythm is neither mistaken for dispersion nor for an anomaly.
 *
 * The p-value of an observed count k is the upper tail P(X ≥ k) under that predictive.
 */
import { negativeBinomialUpperTail } from './negative-binomial.js';

/** Gamma prior on the violation rate per block: shape `a0` (violations) over rate `b0` (blocks). */
export interface RatePrior {
  readonly a0: number;
  readonly b0: number;
}

/** Default prior: one violation per block, weighted as one block of history. */
export const DEFAULT_RATE_PRIOR: RatePrior = { a0: 1, b0: 1 };

export interface BaselineFit {
  /** Blocks of history used. */
  readonly blocks: number;
  /** Violations in those blocks. */
  readonly total: number;
  /** Expected violations per unit of exposure (posterior mean of the rate). */
  readonly rate: number;
  /** Posterior shape of the rate, a0 + total. */
  readonly shape: number;
  /** Over-dispersion φ estimated from the blocks (0 = Poisson). */
  readonly dispersion: number;
}

/**
 * One block of history: its count and its exposure, the count it would be expected to hold
 * relative to an average block (1 without a daily rhythm; 1.6 for an evening block when
 * evenings see 1.6 times the average).
 */
export interface Block {
  readonly count: number;
  readonly exposure: number;
}

/** Fits the predictive distribution to blocks (count ≥ 0, exposure > 0). Needs at least one block. */
export function fitBaseline(
  blocks: readonly Block[],
  prior: RatePrior = DEFAULT_RATE_PRIOR,
): BaselineFit {
  const n = blocks.length;
  if (n === 0) throw new RangeError('fitBaseline needs at least one block');
  if (!(prior.a0 > 0) || !(prior.b0 > 0))
    throw new RangeError(`prior a0 and b0 must be > 0, got a0=${prior.a0}, b0=${prior.b0}`);
  let total = 0;
  let exposure = 0;
  for (const b of blocks) {
    if (!(b.count >= 0) || !(b.exposure > 0))
      throw new RangeError(`a block needs count ≥ 0 and exposure > 0, got ${JSON.stringify(b)}`);
    total += b.count;
    exposure += b.exposure;
  }
  const m = total / exposure;
  let dispersion = 0;
  if (n >= 2 && m > 0) {
    // Method of moments with exposures: E[(c − m e)²] = m e + φ (m e)², the squares corrected
    // by n / (n − 1) for the mean estimated from the same blocks.
    let excess = 0;
    let scale = 0;
    for (const b of blocks) {
      const mu = m * b.exposure;
      excess += (b.count - mu) ** 2 * (n / (n - 1)) - mu;
      scale += mu * mu;
    }
    dispersion = Math.max(0, excess / scale);
  }
  const shape = prior.a0 + total;
  return { blocks: n, total, rate: shape / (prior.b0 + exposure), shape, dispersion };
}

/** The predictive negative binomial for a block of the given exposure: mean and size. */
export function predictive(fit: BaselineFit, exposure = 1): { mean: number; size: number } {
  return { mean: fit.rate * exposure, size: 1 / (fit.dispersion + 1 / fit.shape) };
}

/** P(X ≥ observed) under the fitted predictive: small means the observed count is unusually high. */
export function upperTailPValue(fit: BaselineFit, observed: number, exposure = 1): number {
  const { mean, size } = predictive(fit, exposure);
  return negativeBinomialUpperTail(observed, mean, size);
}
