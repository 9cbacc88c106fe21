/**
 * Tests only: a simulation run collected into arrays (small runs; the simulator itself streams).
 * Pure: the tests read the scenario files and pass them in.
 */
import type { Agreement } from '../domain/agreement/index.js';
import type { Observation } from '../domain/observation/types.js';
import { simulate } from './simulate.js';
import type { SimOptions, TruthEvent } from './types.js';

export const START = '2026-03-01T00:00:00Z';

export interface Run {
  readonly observations: Observation[];
  readonly truths: TruthEvent[];
  /** Every item as its NDJSON line, in stream order. */
  readonly lines: string[];
}

export function collect(agreement: Agreement, options: Partial<SimOptions> = {}): Run {
  const run: Run = { observations: [], truths: [], lines: [] };
  for (const item of simulate(agreement, { seed: 11, days: 1, start: START, ...options })) {
    if ('observation' in item) run.observations.push(item.observation);
    else run.truths.push(item.truth);
    run.lines.push(JSON.stringify(item));
  }
  return run;
}
