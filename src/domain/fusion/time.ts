/**
 * When an observation can have happened: its stated window widened by the source's clock error
 * and, for a report of something heard at a distance, backwards by the sound's travel time.
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

/**
 * The stated window in epoch ms. Throws VALIDATION on an unparsable or inverted window.
 * Remembered per observation (while it states the same window): the caller that orders reports
 * by it and the engine that fuses them read it from the same object.
 */
export function statedWindowMs(obs: Observation): MsWindow {
  const at = obs.observedAt;
  const from = typeof at === 'string' ? at : at.from;
  const to = typeof at === 'string' ? at : at.to;
  const known = stateds.get(obs);
  if (known && known.from === from && known.to === to) return known.window;
  const window = parseStatedWindow(obs);
  stateds.set(obs, { from, to, window });
  return window;
}

const stateds = new WeakMap<
  Observation,
  { readonly from: string; readonly to: string; readonly window: MsWindow }
>();

function parseStatedWindow(obs: Observation): MsWindow {
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

/** Speed of sound in air at about 20 °C, m/s (the sound-travel widening below). */
export const SPEED_OF_SOUND_MPS = 343;

/**
 * How long the sound of the event may have taken to reach the reporter, seconds: the farthest
 * range the report allows divided by SPEED_OF_SOUND_MPS. A report placed relative to its
 * observer by a bearing (bearing-only: the wedge's reach, `bearingOnlyRangeM`, default 40 km →
 * 117 s) or by a distance range (its maximum plus the observer's accuracy: "3-5 km SSE" → 15 s)
 * may be stamped when the sound arrived, not when the shot was fired: an acoustic array always
 * is (src/sim/report.ts models it so), a patrol writing down a bang often is. Reports placed by a
 * point (`location`), or at the observer, get 0.
 *
 * Without this, an acoustic detection 30 km from the gun is stamped ~90 s after the camera that
 * saw the flash, beyond any clock error, and the two became separate incidents (measured on the
 * demo scenario, seed 1: grouping F1 0.637 → 0.855 with a [t − 120 s, t] window; BENCHMARKS.md
 * "Fusion quality").
 */
export function soundTravelS(obs: Observation, bearingOnlyRangeM: number): number {
  if (obs.location || !obs.observer) return 0;
  const range = obs.distanceKm;
  if (range) return (range.max * 1000 + (obs.observer.accuracyM ?? 0)) / SPEED_OF_SOUND_MPS;
  return obs.bearing ? bearingOnlyRangeM / SPEED_OF_SOUND_MPS : 0;
}

/**
 * The stated window widened on both sides by the source's clock error, and its start moved
 * earlier by `travelS` (sound travel, see soundTravelS; default 0). Seconds in, ms out.
 */
export function widenedWindowMs(stated: MsWindow, errorS: number, travelS = 0): MsWindow {
  return { fromMs: stated.fromMs - (errorS + travelS) * 1000, toMs: stated.toMs + errorS * 1000 };
}

/** A report heard at a distance from the event: its stated window, clock error and range. */
export interface HeardAt {
  readonly stated: MsWindow;
  readonly clockErrorS: number;
  /** Distance from the reporter to the supposed event, metres. */
  readonly distanceM: number;
}

/**
 * Whether reports heard at known distances can be of one sound: each report's window, widened by
 * its clock error and moved earlier by up to its travel time (distance + `slackM`, at
 * SPEED_OF_SOUND_MPS), shares an instant with the others'. Up to, not exactly: a sensor may stamp
 * the arrival (an acoustic array does) or the shot itself (one that ranges it). Two acoustic
 * bearings of different shots a minute or more apart can still cross; their times then cannot
 * be one shot at the crossing.
 */
export function heardTogether(reports: readonly HeardAt[], slackM: number): boolean {
  let lo = -Infinity;
  let hi = Infinity;
  for (const r of reports) {
    const farS = (r.distanceM + slackM) / SPEED_OF_SOUND_MPS;
    lo = Math.max(lo, r.stated.fromMs - (r.clockErrorS + farS) * 1000);
    hi = Math.min(hi, r.stated.toMs + r.clockErrorS * 1000);
  }
  return lo <= hi;
}

export function windowsOverlap(a: MsWindow, b: MsWindow): boolean {
  return a.fromMs <= b.toMs && b.fromMs <= a.toMs;
}

/**
 * Slowest and fastest the sound of a shot travels: air from about −10 °C to 35 °C (325-352 m/s)
 * with up to 10 m/s of wind against or behind it. Travel times at a known distance are bounded
 * by these, not by SPEED_OF_SOUND_MPS alone (±6 % of a 20 km path: about ±3.5 s).
 */
export const SOUND_SPEED_BOUNDS_MPS = { slow: 315, fast: 362 } as const;

/**
 * When an event `dMinM`-`dMaxM` from a reporter heard at a distance can have happened: either
 * the report was stamped when the sound arrived (`heard`), or when the event was seen or ranged
 * (`seen`, the widened window without travel). Both are needed: a bearing says nothing of which.
 */
export function heardWindowsMs(
  stated: MsWindow,
  errorS: number,
  dMinM: number,
  dMaxM: number,
): readonly [heard: MsWindow, seen: MsWindow] {
  return [
    {
      fromMs: stated.fromMs - (errorS + dMaxM / SOUND_SPEED_BOUNDS_MPS.slow) * 1000,
      toMs: stated.toMs + (errorS - dMinM / SOUND_SPEED_BOUNDS_MPS.fast) * 1000,
    },
    widenedWindowMs(stated, errorS),
  ];
}

/**
 * Whether some instant lies in one window of every set (each set: the windows a report allows,
 * any of which may hold the event), from the `start`th set on. Intersects the unions set by set;
 * the sets are tiny.
 */
export function shareAnInstant(sets: readonly (readonly MsWindow[])[], start = 0): boolean {
  let live: MsWindow[] = [{ fromMs: -Infinity, toMs: Infinity }];
  for (let i = start; i < sets.length; i++) {
    const set = sets[i]!;
    const next: MsWindow[] = [];
    for (const a of live) {
      for (const b of set) {
        const fromMs = Math.max(a.fromMs, b.fromMs);
        const toMs = Math.min(a.toMs, b.toMs);
        if (fromMs <= toMs) next.push({ fromMs, toMs });
      }
    }
    if (next.length === 0) return false;
    live = next.length > 8 ? [hull(next)] : next;
  }
  return true;
}

/** The smallest window holding all of `ws` (keeps `shareAnInstant` bounded; errs towards yes). */
function hull(ws: readonly MsWindow[]): MsWindow {
  let fromMs = Infinity;
  let toMs = -Infinity;
  for (const w of ws) {
    fromMs = Math.min(fromMs, w.fromMs);
    toMs = Math.max(toMs, w.toMs);
  }
  return { fromMs, toMs };
}
