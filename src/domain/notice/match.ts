/**
 * Matching what was observed against the parties' notices. An observation or incident inside an
 * announced area and window is reported as the announced activity (excused) rather than as a
 * violation, unless it breaks what no notice can cover:
 * - fire across the line of contact (origin and impact on different sides) is never excused;
 * - fire into the area from outside it is not the announced activity;
 * - withdrawal, no-fly, maritime and freedom-of-movement provisions bind whatever is announced;
 * - each kind covers only its own activity (see COVERS): demining covers controlled explosions
 *   of no determined weapon, never artillery, MLRS or other fire; no notice covers fire otherwise.
 * An event attributed to another party than the notice's is not covered by it.
 */
import type { Agreement } from '../agreement/index.js';
import { pointInPolygon, sideOfLine } from '../geo/index.js';
import { observationPoint } from '../observation/place.js';
import {
  observedWindow,
  type Direction,
  type EventKind,
  type Observation,
  type TimeWindow,
  type WeaponKind,
} from '../observation/types.js';
import type { LonLat } from '../units.js';
import { instantMs, type Notice, type NoticeKind } from './schema.js';

/** What a notice is matched against: an observation, or an incident fused from several. */
export interface NoticeSubject {
  readonly id: string;
  readonly kind: 'observation' | 'incident';
  readonly window: TimeWindow;
  /** Where it happened (the impact, or what was seen), [lon, lat]. */
  readonly location: LonLat;
  readonly event: EventKind;
  readonly weapon: WeaponKind;
  readonly direction?: Direction;
  /** Where the fire came from, when an assessment located it. */
  readonly origin?: LonLat | null;
  /** The party the event is attributed to, when known. */
  readonly party?: string | null;
  /** Provisions an assessment found broken (`ceasefire`, `withdrawal:wd-mlrs`, …). */
  readonly provisions?: readonly string[];
}

export const FIRE_EVENTS: readonly EventKind[] = [
  'explosion',
  'projectile_in_flight',
  'muzzle_flash',
  'small_arms_burst',
  'small_arms_shot',
];

/** Provision kinds a notice can never cover. */
export const UNCOVERABLE_PROVISIONS: readonly string[] = [
  'withdrawal',
  'no_fly',
  'maritime',
  'freedom_of_movement',
];

/** Null when the notice kind covers the event; otherwise why not. */
export const COVERS: Readonly<Record<NoticeKind, (s: NoticeSubject) => string | null>> = {
  rotation: (s) =>
    s.event === 'troop_presence' || s.event === 'weapon_sighting'
      ? null
      : `a rotation notice covers troops and equipment seen, not ${describe(s)}`,
  exercise: (s) =>
    s.event === 'troop_presence' ||
    s.event === 'weapon_sighting' ||
    s.event === 'illumination_flare'
      ? null
      : `an exercise notice covers troops, equipment and flares, not ${describe(s)}`,
  demining: (s) => {
    if (s.event === 'troop_presence') return null;
    if (
      s.event === 'explosion' &&
      s.weapon === 'undetermined' &&
      s.direction !== 'outgoing' &&
      s.direction !== 'in_flight'
    )
      return null;
    return `a demining notice covers controlled explosions inside its area, not ${describe(s)}`;
  },
  infrastructure_repair: (s) =>
    s.event === 'troop_presence' ? null : `a repair notice covers work crews, not ${describe(s)}`,
};

function describe(s: NoticeSubject): string {
  const what = s.event.replace(/_/g, ' ');
  return s.weapon === 'undetermined' ? `${what}` : `${what} (${s.weapon.replace(/_/g, ' ')})`;
}

export type NoticeMatch =
  | { readonly status: 'excused'; readonly notice: Notice; readonly reason: string }
  | { readonly status: 'not_excused'; readonly notice: Notice; readonly reason: string };

/** Windows overlap when each starts no later than the other ends (closed intervals). */
export function windowsOverlap(a: TimeWindow, b: TimeWindow): boolean {
  return instantMs(a.from) <= instantMs(b.to) && instantMs(b.from) <= instantMs(a.to);
}

function judge(s: NoticeSubject, n: Notice, line: Agreement['lineOfContact']): NoticeMatch {
  const no = (reason: string): NoticeMatch => ({ status: 'not_excused', notice: n, reason });
  if (s.party && s.party !== n.party)
    return no(`attributed to ${s.party}; notice ${n.id} is ${n.party}'s`);
  if (s.origin) {
    if (sideOfLine(s.origin, line) !== sideOfLine(s.location, line))
      return no('fire across the line of contact is never excused');
    if (!pointInPolygon(s.origin, n.area))
      return no(`fired from outside the area of notice ${n.id}`);
  }
  const provision = s.provisions?.find((p) => UNCOVERABLE_PROVISIONS.includes(p.split(':')[0]!));
  if (provision) return no(`breaks ${provision}, which no notice can cover`);
  const uncovered = COVERS[n.kind](s);
  if (uncovered) return no(uncovered);
  return {
    status: 'excused',
    notice: n,
    reason: `inside the area and window of ${n.kind.replace(/_/g, ' ')} notice ${n.id} (${n.purpose})`,
  };
}

/**
 * The notice that accounts for a subject: among notices whose area holds its location and whose
 * window overlaps its window, the first that excuses it, else the first that does not (reported
 * with the reason); null when it falls in no announced area and window.
 */
export function matchNotice(
  subject: NoticeSubject,
  notices: readonly Notice[],
  agreement: Pick<Agreement, 'lineOfContact'>,
): NoticeMatch | null {
  let refused: NoticeMatch | null = null;
  for (const n of notices) {
    if (!windowsOverlap(subject.window, n.window) || !pointInPolygon(subject.location, n.area))
      continue;
    const verdict = judge(subject, n, agreement.lineOfContact);
    if (verdict.status === 'excused') return verdict;
    refused ??= verdict;
  }
  return refused;
}

/** An observation as a subject: its representative point and window; origin and party unknown. */
export function subjectFromObservation(o: Observation): NoticeSubject {
  return {
    id: o.id,
    kind: 'observation',
    window: observedWindow(o),
    location: observationPoint(o),
    event: o.event,
    weapon: o.weapon,
    direction: o.direction,
  };
}
