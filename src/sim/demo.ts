/**
 * The demo feed: the simulator's observations, each with how long to wait before handing it on,
 * so a server can play a scenario in at a realistic pace (or `speed` times faster). Pure: the
 * caller does the waiting.
 */
import type { Agreement } from '../domain/agreement/index.js';
import type { Observation } from '../domain/observation/types.js';
import { observedWindow } from '../domain/observation/types.js';
import { simulate } from './simulate.js';
import type { SimOptions } from './types.js';

export interface DemoOptions extends SimOptions {
  /** Scenario seconds per wall-clock second; default 60 (an hour of scenario a minute). */
  readonly speed?: number;
  /** Longest wait between two observations, ms (quiet spells are cut short); default 5000. */
  readonly maxDelayMs?: number;
}

export interface PacedObservation {
  readonly observation: Observation;
  /** Wall-clock milliseconds to wait after the previous observation before this one. */
  readonly delayMs: number;
}

/**
 * Observations of a simulated scenario in time order, paced.
 *
 * @example
 * for (const { observation, delayMs } of demoObservationStream(agreement, { seed: 1, days: 1, start })) {
 *   await sleep(delayMs);
 *   await fileObservation(observation);
 * }
 */
export function* demoObservationStream(
  agreement: Agreement,
  options: DemoOptions,
): Generator<PacedObservation, void, undefined> {
  const speed = options.speed ?? 60;
  const maxDelayMs = options.maxDelayMs ?? 5000;
  if (!(speed > 0)) throw new RangeError(`demoObservationStream: speed must be > 0, got ${speed}`);
  let previous: number | null = null;
  for (const item of simulate(agreement, options)) {
    if (!('observation' in item)) continue;
    const at = Date.parse(observedWindow(item.observation).from);
    const delayMs =
      previous === null ? 0 : Math.min(maxDelayMs, Math.max(0, (at - previous) / speed));
    previous = at;
    yield { observation: item.observation, delayMs };
  }
}
