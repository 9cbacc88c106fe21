/**
 * Which incident a lone bearing joins when its wedge, tens of kilometres long, meets several: the
 * one it is likeliest a bearing of. Two things a bearing-only detection says about its event:
 * the direction it came from, and (a sensor's instant stamp) when its sound arrived.
 *
 * - Direction: the bearing's miss of each candidate place, Gaussian over the bearing's σ and the
 *   place's 90 % radius seen from the observer (a small place is likelier to be hit).
 * - Time: the candidate's other stamped members say when its event happened (a camera's stamp
 *   is the event; a bearing's stamp is the event plus the sound's travel from the place). The
 *   bearing's stamp is then expected the sound's travel from that place later. Both ends of one
 *   shot often lie along one line from an array, kilometres apart in range: their sounds arrive
 *   seconds apart, which the direction cannot tell and the stamp can.
 *
 * The same weighing says which of one array's two detections of undetermined direction an
 * incident keeps, when the array heard both ends of a shot (displacedBy).
 */
import { localDistance, localInverse } from '../geo/index.js';
import type { LonLat } from '../units.js';
import type { LiveIncident } from './live-incident.js';
import type { Member } from './member.js';
import { SOUND_SPEED_BOUNDS_MPS, SPEED_OF_SOUND_MPS } from './time.js';
import {
  RADIUS90_IN_SIGMA,
  triangulateBearings,
  type Bearing,
  type TriangulationOptions,
} from './triangulate.js';
import { hypot } from '../hypot.js';

/**
 * One σ of the speed of sound as a share of it: SOUND_SPEED_BOUNDS_MPS (cold to warm air, with
 * wind) read as ±2σ about SPEED_OF_SOUND_MPS.
 */
const SOUND_SPEED_SIGMA_SHARE =
  (SOUND_SPEED_BOUNDS_MPS.fast - SOUND_SPEED_BOUNDS_MPS.slow) / 4 / SPEED_OF_SOUND_MPS;

/** A candidate for a lone bearing: an incident it links to. */
export interface BearingCandidate {
  readonly live: LiveIncident;
  /** Radius of the place the link gives, metres (its order when `m` has no bearing). */
  readonly radiusM: number;
}

/**
 * The candidate a lone bearing joins: among those the mission has placed, the one of least
 * cost (direction and, when both can be read, time); else the first.
 */
export function pickForBearing<L extends BearingCandidate>(m: Member, linked: readonly L[]): L {
  let best: L | null = null;
  let bestCost = Infinity;
  for (const l of linked) {
    if (!l.live.members.some((k) => k.mission)) continue;
    const cost = m.bearing ? bearingCost(m.bearing, l.live) + stampCost(m, l.live) : l.radiusM;
    if (cost < bestCost) [best, bestCost] = [l, cost];
  }
  return best ?? linked[0]!;
}

/**
 * Minus the log-likelihood of bearing `b` if it is of `live`'s event: its miss of the place,
 * Gaussian over the bearing's σ and the place's 90 % radius (2.15σ) seen from the observer.
 */
export function bearingCost(b: Bearing, live: LiveIncident): number {
  const { distanceM, azimuthDeg: azimuth1Deg } = localInverse(b.observer, live.place.location);
  const missDeg = Math.abs(((azimuth1Deg - b.azimuthDeg + 540) % 360) - 180);
  const spreadDeg =
    (Math.atan2(live.place.radius90M / RADIUS90_IN_SIGMA, distanceM) * 180) / Math.PI;
  const sigmaDeg = hypot(b.sigmaDeg, spreadDeg);
  return (missDeg / sigmaDeg) ** 2 / 2 + Math.log(sigmaDeg);
}

/**
 * Half the squared miss, in σ, of `m`'s stamp against when `live`'s other stamped members say its
 * event happened, read as stamped when the sound arrived from the place, or as stamped at the
 * event (a sensor that ranges or sees it), whichever fits better: a bearing says nothing of which.
 * 0 when either has no stamp. The σ: the stamps' (their clock errors as 2σ), the sound's travel
 * across the place's own spread, and the speed of sound's.
 */
export function stampCost(m: Member, live: LiveIncident): number {
  return stampCostAt(m, live.members, live.place.location, live.place.radius90M);
}

/** stampCost for an event within `radius90M` (its 90 % radius) of `at`, reported by `members`. */
export function stampCostAt(
  m: Member,
  members: readonly Member[],
  at: LonLat,
  radius90M: number,
): number {
  const t = m.timing;
  const from = m.heard?.from;
  if (!t || !from) return 0;
  const placeSigmaS = radius90M / RADIUS90_IN_SIGMA / SPEED_OF_SOUND_MPS;
  const event = eventTimeS(members, m, at, placeSigmaS);
  if (!event) return 0;
  const travelS = localDistance(from, at) / SPEED_OF_SOUND_MPS;
  const stampS = t.atMs / 1000;
  const baseVar = t.sigmaS ** 2 + event.varS2;
  const heardVar = baseVar + placeSigmaS ** 2 + (travelS * SOUND_SPEED_SIGMA_SHARE) ** 2;
  const heard = (stampS - event.atS - travelS) ** 2 / heardVar;
  const seen = (stampS - event.atS) ** 2 / baseVar;
  return Math.min(heard, seen) / 2;
}

/**
 * Whether `k`, a member of `live`, leaves it for `m`, the same sensor's detection of another sound
 * (member.ts oneSensorTwoSounds: one of them belongs elsewhere). Only a lone bearing of
 * undetermined direction leaves, for a report that
 *  - states the end of the shot `live`'s other reports state (then `k` is of the other end), or
 *  - fits `live`'s event better than `k` does: each read with `k` left out, as heard at the fix
 *    its bearing makes with the others' bearings, or else at `live`'s place with its bearing's
 *    miss of it (bearingCost), its stamp against when the others' stamps say the event happened
 *    (stampCostAt). One array hears both ends of a shot along one line seconds apart: the
 *    direction cannot tell which sound is of `live`, the stamps often can.
 * A tie keeps `k`.
 */
export function displacedBy(
  k: Member,
  m: Member,
  live: LiveIncident,
  triangulation: TriangulationOptions,
): boolean {
  if (k.desc.direction !== 'undetermined' || !k.bearing || k.placed.shape?.kind !== 'wedge')
    return false;
  const end = m.desc.direction;
  if (end !== 'undetermined' && live.members.some((j) => j !== k && j.desc.direction === end))
    return true;
  return heardFit(m, live, k, triangulation) < heardFit(k, live, k, triangulation);
}

/** How badly `x` fits `live`'s event as heard, `k` left out (see displacedBy); smaller is better. */
function heardFit(
  x: Member,
  live: LiveIncident,
  k: Member,
  triangulation: TriangulationOptions,
): number {
  const others = live.members.filter((j) => j !== k && j !== x);
  const bearings = others.flatMap((j) => (j.bearing ? [j.bearing] : []));
  const fix =
    x.bearing && bearings.length > 0
      ? triangulateBearings([...bearings, x.bearing], triangulation)
      : null;
  if (fix) return stampCostAt(x, others, fix.location, fix.radius90M);
  const miss = x.bearing ? bearingCost(x.bearing, live) : 0;
  return miss + stampCostAt(x, others, live.place.location, live.place.radius90M);
}

/**
 * When an event at `at` happened by its stamped `members` other than `m` (seconds since the epoch),
 * each read as the incident's estimator reads it (estimate.ts Timing: a bearing-only detection
 * stamped when the sound arrived from `at`, any other at the event), weighted by its precision;
 * null when none is stamped.
 */
function eventTimeS(
  members: readonly Member[],
  m: Member,
  at: LonLat,
  placeSigmaS: number,
): { atS: number; varS2: number } | null {
  let weights = 0;
  let sum = 0;
  for (const k of members) {
    const t = k.timing;
    if (k === m || !t) continue;
    let travelS = 0;
    let varS2 = t.sigmaS ** 2;
    if (t.heard && k.heard) {
      travelS = localDistance(k.heard.from, at) / SPEED_OF_SOUND_MPS;
      varS2 += placeSigmaS ** 2 + (travelS * SOUND_SPEED_SIGMA_SHARE) ** 2;
    }
    weights += 1 / varS2;
    sum += (t.atMs / 1000 - travelS) / varS2;
  }
  return weights > 0 ? { atS: sum / weights, varS2: 1 / weights } : null;
}
