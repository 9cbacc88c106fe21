/**
 * Whether a report links to a live incident: the engine's rules (a)-(g) (engine.ts module
 * comment), tested cheapest and most often failing first.
 */
import { displacedBy } from './bearing-pick.js';
import type { LiveIncident } from './live-incident.js';
import { roomFor } from './member-budget.js';
import {
  groupsCompatible,
  oneSensorTwoSounds,
  timesOverlap,
  windowsAt,
  type Member,
} from './member.js';
import { regionsMeet } from './region-meet.js';
import { shareAnInstant, windowsOverlap, type MsWindow } from './time.js';
import { triangulateBearings, type Bearing, type TriangulationOptions } from './triangulate.js';

/** An incident a report can join, the member it overlaps in time, and how precisely it places it. */
export interface Link {
  readonly live: LiveIncident;
  readonly via: string;
  readonly radiusM: number;
  /** Members that leave `live` for the report: the same sensor's detection of another sound. */
  readonly displaces: readonly Member[];
}

/**
 * How `m` links to `live` (engine.ts, the module comment's (a)-(g)), or null when it does not.
 * With `mayDisplace`, the same sensor's lone bearing of another sound may leave for `m`.
 */
export function linkOf(
  m: Member,
  live: LiveIncident,
  maxSpanMs: number,
  triangulation: TriangulationOptions,
  mayDisplace = true,
): Link | null {
  // Cheapest and most often failing first: of the incidents near a report, most are of
  // another hour.
  if (!m.mission || !live.byMission) return null;
  if (!windowsOverlap(m.widened, live.common)) return null;
  if (!live.spanAllows(m.stated, maxSpanMs)) return null;
  if (!roomFor(live, [m])) return null;
  if (!groupsCompatible([m.desc], live.descriptors.values())) return null;
  // One sensor hears one sound once: the same sensor's detection of another sound keeps `m` out,
  // unless it is one of undetermined direction that `m` fits the incident better than (then it
  // leaves for `m`: displacedBy).
  const apart = live.members.filter((k) => oneSensorTwoSounds(m, k));
  const displaces =
    mayDisplace &&
    apart.length === 1 &&
    live.members.length > 1 &&
    displacedBy(apart[0]!, m, live, triangulation)
      ? apart
      : [];
  if (apart.length > displaces.length) return null;
  const without = displaces[0];
  const via = live.members.find((k) => k !== without && timesOverlap(m, k));
  if (!via || !regionsMeet(m.gate, live.place.placed)) return null;
  const radiusM = heardInTime(m, live, triangulation, without);
  return radiusM === null ? null : { live, via: via.obs.id, radiusM, displaces };
}

/**
 * Whether `m` and every member of `live` can share one instant with the event where the
 * incident places it (at the fix `m`'s bearing would make with its bearings, if it has any):
 * a report heard there was stamped up to the sound's travel from there after it, not from the
 * farthest place its own region allows (member.ts windowsAt). Returns the radius of that place
 * (how precisely the link places `m`), or null when they cannot.
 */
function heardInTime(
  m: Member,
  live: LiveIncident,
  triangulation: TriangulationOptions,
  without?: Member,
): number | null {
  let center = live.place.location;
  let radiusM: number = live.place.radius90M;
  const members = without ? live.members.filter((k) => k !== without) : live.members;
  if (m.bearing) {
    const bearings: Bearing[] = [];
    for (const k of members) if (k.bearing) bearings.push(k.bearing);
    bearings.push(m.bearing);
    const fix = bearings.length > 1 ? triangulateBearings(bearings, triangulation) : null;
    if (fix) {
      center = fix.location;
      radiusM = fix.radius90M;
    }
  }
  const sets: (readonly MsWindow[])[] = [windowsAt(m, center, radiusM)];
  for (const k of members) sets.push(windowsAt(k, center, radiusM));
  if (shareAnInstant(sets)) return radiusM;
  // Members the place has since moved away from in time (it moved as reports joined) do not
  // shut out the rest: then only the widened windows count (checked by the caller).
  return shareAnInstant(sets, 1) ? null : radiusM;
}
