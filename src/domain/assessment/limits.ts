/**
 * How likely an uncertain place is within a limit: the 90 % radius read as a circular Gaussian,
 * measured in one dimension across the limit (a line, a corridor's edge). Shared by the provisions
 * and the weapons reference.
 */
import { RADIUS90_IN_SIGMA } from '../fusion/triangulate.js';

/** Standard normal CDF (Abramowitz & Stegun 7.1.26, |error| < 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
      t *
      Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/** Probability that a place estimated `distanceM` from a line is within `limitM` of it. */
export function withinLimit(distanceM: number, limitM: number, radius90M: number): number {
  const sigma = radius90M / RADIUS90_IN_SIGMA;
  if (sigma <= 0) return distanceM <= limitM ? 1 : 0;
  return normalCdf((limitM - distanceM) / sigma);
}

/**
 * Probability that a place estimated `distanceM` from a line, either side of it, is within
 * `limitM` of it: its offset across the line as a Gaussian (as withinLimit), folded, since a place
 * pushed across the line by its error is as far from it as its offset. Without the fold a loosely
 * placed point near the line counts the far tail across the line as "within" (a 12 km σ at 3 km
 * from the line puts 21 % of the place more than 7 km beyond it, which the fold counts as outside
 * a 7 km limit). A negative limit (a weapon whose range alone exceeds it) is never met.
 */
export function withinOfLine(distanceM: number, limitM: number, radius90M: number): number {
  if (limitM < 0) return 0;
  const sigma = radius90M / RADIUS90_IN_SIGMA;
  if (sigma <= 0) return distanceM <= limitM ? 1 : 0;
  return normalCdf((limitM - distanceM) / sigma) - normalCdf((-limitM - distanceM) / sigma);
}
