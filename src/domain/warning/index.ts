/**
 * Early warning (issue 7, item 4): per-sector baselines of violation rates and the warnings
 * raised when a sector's recent count is improbably high against them. Pure.
 */
export { EarlyWarning, type Warning } from './early-warning.js';
export { resolveOptions, type EarlyWarningOptions, type ResolvedOptions } from './options.js';
export {
  fitBaseline,
  predictive,
  upperTailPValue,
  DEFAULT_RATE_PRIOR,
  type BaselineFit,
  type Block,
  type RatePrior,
} from './baseline.js';
export {
  negativeBinomialUpperTail,
  poissonUpperTail,
  regularizedBeta,
  lnGamma,
} from './negative-binomial.js';
export {
  backtestEarlyWarning,
  type Alarm,
  type BacktestEvent,
  type BacktestOptions,
  type BacktestResult,
  type EpisodeOutcome,
  type PlantedEpisode,
} from './backtest.js';
