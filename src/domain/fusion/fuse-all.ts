/**
 * Batch fusion for tests, evaluation and rebuilds: the observations are added in the order given,
 * each as if received at the end of its own stated window (the clock never runs backwards).
 */
import type { Observation } from '../observation/types.js';
import { FusionEngine, type FusionChange, type FusionOptions } from './engine.js';
import type { Incident } from './incident.js';
import { statedWindowMs } from './time.js';

export interface FusionResult {
  /** Every incident at the end, live or already out of the engine's window, in opening order. */
  readonly incidents: readonly Incident[];
  readonly changes: readonly FusionChange[];
}

export function fuseAll(
  observations: Iterable<Observation>,
  options: FusionOptions = {},
): FusionResult {
  const engine = new FusionEngine(options);
  const latest = new Map<string, Incident>();
  const changes: FusionChange[] = [];
  let nowMs = -Infinity;
  for (const o of observations) {
    nowMs = Math.max(nowMs, statedWindowMs(o).toMs);
    for (const c of engine.add(o, nowMs)) {
      changes.push(c);
      if (c.kind === 'merged') latest.delete(c.absorbedId);
      latest.set(c.incidentId, c.incident);
    }
  }
  return { incidents: [...latest.values()], changes };
}
