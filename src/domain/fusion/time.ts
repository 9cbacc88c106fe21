/**
 * When an observation can have happened: its stated window widened by the source's clock error.
 * Two observations can be one event only if their widened windows overlap.
 */
import { validationError } from '../errors.js';
import { observedWindow, type Observation, type SourceKind } from '../observation/types.js';

/**
 * Clock error assumed when a source states none, seconds. Monitors read a watch and write the
 * time down afterwards; sensors are GNSS-disciplined; party filings are often rounded to the
 * quarter hour; open-source material is dated by its posting, not by the event.
 */
export const DEFAULT_CLOCK_ERROR_S: Readonly<Record<SourceKind, number>> = {
  monitor: 60,
  sensor: 2,
  party: 300,
  osint: 1800,
};

/** A time interval in epoch milliseconds, inclusive at both ends. */
export interface MsWindow {
  readonly fromMs: number;
  readonly toMs: number;
}

/** The stated window in epoch ms. Throws VALIDATION on an unparsable or inverted window. */
export function statedWindowMs(obs: Observation): MsWindow {
  const w = observedWindow(obs);
  const fromMs = Date.parse(w.from);
  const toMs = Date.parse(w.to);
  if (!Number.isFinite(fromMs) || !Number.isFinite(toMs)) {
    throw validationError(
      [{ path: 'observedAt', reason: `not an ISO 8601 instant: ${JSON.stringify(w)}` }],
      `observation ${obs.id}`,
    );
  }
  if (toMs < fromMs) {
    throw validationError(
      [{ path: 'observedAt.to', reason: `${w.to} is before from ${w.from}` }],
      `observation ${obs.id}`,
    );
  }
  return { fromMs, toMs };
}

/** The clock error for this observation's source, seconds: its own statement, else the kind's default. */
export function clockErrorS(
  obs: Observation,
  defaults: Readonly<Record<SourceKind, number>> = DEFAULT_CLOCK_ERROR_S,
): number {
  const stated = obs.source.clockErrorS;
  return stated !== undefined && Number.isFinite(stated) && stated >= 0
    ? stated
    : defaults[obs.source.kind];
}

/** The stated window widened on both sides by the source's clock error. */
export function widenedWindowMs(stated: MsWindow, errorS: number): MsWindow {
  return { fromMs: stated.fromMs - errorS * 1000, toMs: stated.toMs + errorS * 1000 };
}

export function windowsOverlap(a: MsWindow, b: MsWindow): boolean {
  return a.fromMs <= b.toMs && b.fromMs <= a.toMs;
}
