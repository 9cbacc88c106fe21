/**
 * Ground truth as evaluation reads it: which true event each observation came from, and which
 * end of it the observation saw.
 *
 * A shot has two ends, where it was fired and where it landed, often kilometres apart; reports of
 * one end and of the other are two incidents by design (fusion/compatibility.ts: fire seen leaving
 * and fire seen landing are never one). So the unit fusion is judged against is a *truth group*:
 * one end of one true event. A report's end is its stated direction (impact; outgoing or a muzzle
 * flash: origin); a report of undetermined direction goes to the end the simulator says it heard
 * (`endsHeard`), or, in a truth file without it, to the end its place points at (the smaller
 * bearing miss from its observer, else the nearer end); it is `ambiguous`: it cannot say which
 * end it heard, so putting it with the other end's reports is not held against fusion. A
 * projectile seen in flight is between the two: it belongs to the event but to neither end
 * (`neutral`), and grouping does not score it with its own event's reports either way.
 */
import { inverse } from '../../domain/geo/index.js';
import type { Observation } from '../../domain/observation/types.js';
import type { LonLat } from '../../domain/units.js';
import type { TruthEvent, TruthPlace } from '../../sim/index.js';

export type End = 'origin' | 'impact';

export interface TruthGroup {
  /** `<eventId>/<end>`. */
  readonly key: string;
  readonly event: TruthEvent;
  readonly end: End;
  /** The true place of this end. */
  readonly place: LonLat;
  /** Its observations that are in the evaluated set, in truth order. */
  readonly observationIds: string[];
}

export interface TruthIndex {
  readonly events: ReadonlyMap<string, TruthEvent>;
  readonly groups: ReadonlyMap<string, TruthGroup>;
  /** Event of each known observation. */
  eventOf(observationId: string): TruthEvent | undefined;
  /** Group of each known observation; undefined for a neutral one (in flight) or an unknown id. */
  groupOf(observationId: string): TruthGroup | undefined;
  /** Whether the report could be of either end of its event (direction undetermined). */
  ambiguous(observationId: string): boolean;
}

const lonLat = (p: TruthPlace): LonLat => [p.lon, p.lat];

/** Degrees between two azimuths, 0..180. */
function angleBetween(a: number, b: number): number {
  const d = Math.abs((((a - b) % 360) + 360) % 360);
  return d > 180 ? 360 - d : d;
}

const isUndetermined = (o: Observation): boolean =>
  o.direction === 'undetermined' && o.event !== 'muzzle_flash' && o.event !== 'projectile_in_flight';

/** The end of `truth` that observation `o` reports, or null when it is neutral (in flight). */
export function endOf(o: Observation, truth: TruthEvent): End | null {
  if (!truth.impact) return 'origin';
  if (!truth.origin) return 'impact';
  if (o.direction === 'in_flight' || o.event === 'projectile_in_flight') return null;
  if (o.direction === 'impact') return 'impact';
  if (o.direction === 'outgoing' || o.event === 'muzzle_flash') return 'origin';
  const heard = truth.endsHeard?.[o.id];
  if (heard) return heard;
  const ends: [End, LonLat][] = [
    ['origin', lonLat(truth.origin)],
    ['impact', lonLat(truth.impact)],
  ];
  let best: End = 'origin';
  let bestMiss = Infinity;
  for (const [end, p] of ends) {
    let miss: number;
    if (o.observer && o.bearing) {
      const width = (((o.bearing.toDeg - o.bearing.fromDeg) % 360) + 360) % 360;
      const centre = o.bearing.fromDeg + width / 2;
      miss = angleBetween(inverse([o.observer.lon, o.observer.lat], p).azimuth1Deg, centre);
    } else if (o.location) {
      miss = inverse([o.location.lon, o.location.lat], p).distanceM;
    } else if (o.observer) {
      miss = inverse([o.observer.lon, o.observer.lat], p).distanceM;
    } else miss = Infinity;
    if (miss < bestMiss) [best, bestMiss] = [end, miss];
  }
  return best;
}

/**
 * Indexes the truth for the observations evaluated (`observations`, by id): observations the truth
 * does not name, and truth observations not in the set, are left out of everything.
 */
export function indexTruth(truths: Iterable<TruthEvent>, observations: ReadonlyMap<string, Observation>): TruthIndex {
  const events = new Map<string, TruthEvent>();
  const groups = new Map<string, TruthGroup>();
  const eventByObs = new Map<string, TruthEvent>();
  const groupByObs = new Map<string, TruthGroup>();
  const ambiguous = new Set<string>();
  for (const t of truths) {
    events.set(t.eventId, t);
    for (const id of t.observationIds) {
      const o = observations.get(id);
      if (!o) continue;
      eventByObs.set(id, t);
      const end = endOf(o, t);
      if (!end) continue;
      if (t.origin && t.impact && isUndetermined(o)) ambiguous.add(id);
      const place = end === 'origin' ? t.origin : t.impact;
      if (!place) continue;
      const key = `${t.eventId}/${end}`;
      let g = groups.get(key);
      if (!g) {
        g = { key, event: t, end, place: lonLat(place), observationIds: [] };
        groups.set(key, g);
      }
      g.observationIds.push(id);
      groupByObs.set(id, g);
    }
  }
  return {
    events,
    groups,
    eventOf: (id) => eventByObs.get(id),
    groupOf: (id) => groupByObs.get(id),
    ambiguous: (id) => ambiguous.has(id),
  };
}
