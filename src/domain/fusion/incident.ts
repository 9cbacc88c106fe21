/**
 * The incident as the rest of the system sees it: an immutable snapshot of a fused group of
 * observations, and the rules that fold the members' reports into one count, weapon and
 * direction.
 */
import type { Region } from '../geo/index.js';
import type {
  Direction,
  EventKind,
  Observation,
  SourceKind,
  TimeWindow,
  WeaponKind,
} from '../observation/types.js';
import type { LonLat, Meters } from '../units.js';
import type { LocationMethod } from './locate.js';

/** One report's own count, as filed. */
export interface RawCount {
  readonly observationId: string;
  readonly sourceKind: SourceKind;
  readonly sourceId: string;
  readonly count: number;
}

/** What one source counted in this incident: the sum of its own reports (successive parts). */
export interface SourceCount {
  readonly sourceKind: SourceKind;
  readonly sourceId: string;
  readonly count: number;
}

export interface Incident {
  /** `inc-<id of the observation that opened it>`; kept for life; merged ids become aliases. */
  readonly id: string;
  readonly location: LonLat;
  /**
   * Where the event can be: the overlap of the mission's own reports (monitor, sensor; a bearing
   * fix stands for its bearings), or of all reports when the mission has none (see locate.ts).
   */
  readonly region: Region;
  readonly radius90M: Meters;
  readonly locationMethod: LocationMethod;
  /** From the earliest stated start to the latest stated end of the members (UTC, ISO 8601). */
  readonly window: TimeWindow;
  /** Member observation ids in arrival order. */
  readonly observationIds: readonly string[];
  readonly rawCounts: readonly RawCount[];
  readonly sourceCounts: readonly SourceCount[];
  /**
   * Fused count: the largest count of any one mission source (monitor, sensor); with no mission
   * source, the largest of any source. Never a sum across sources: two patrols hearing the same
   * twelve explosions heard twelve, not twenty-four.
   */
  readonly count: number;
  readonly events: readonly EventKind[];
  readonly weapon: WeaponKind;
  readonly calibreMm?: number;
  readonly direction: Direction;
  readonly sourceKinds: readonly SourceKind[];
  /** Ids of incidents merged into this one (older id kept). */
  readonly aliases: readonly string[];
  /** Bearing-only members used for, and rejected from, the least-squares fix. */
  readonly bearings: {
    readonly used: readonly string[];
    readonly rejected: readonly string[];
  } | null;
  /** Members (and bearings, through the fix) whose regions make up `region`. */
  readonly placedBy: readonly string[];
  /** Members that could have placed it but whose regions do not meet the rest (kept, flagged). */
  readonly disagreeing: readonly string[];
}

export const isMissionSource = (kind: SourceKind): boolean =>
  kind === 'monitor' || kind === 'sensor';

export function rawCounts(members: readonly Observation[]): RawCount[] {
  return members.map((o) => ({
    observationId: o.id,
    sourceKind: o.source.kind,
    sourceId: o.source.id,
    count: o.count,
  }));
}

/** Per source (kind and id), the sum of its reports' counts; ordered by first report. */
export function sourceCounts(members: readonly Observation[]): SourceCount[] {
  const by = new Map<string, { sourceKind: SourceKind; sourceId: string; count: number }>();
  for (const o of members) {
    const key = `${o.source.kind}\u0000${o.source.id}`;
    const s = by.get(key);
    if (s) s.count += o.count;
    else by.set(key, { sourceKind: o.source.kind, sourceId: o.source.id, count: o.count });
  }
  return [...by.values()];
}

export function fusedCount(counts: readonly SourceCount[]): number {
  const mission = counts.filter((c) => isMissionSource(c.sourceKind));
  return Math.max(0, ...(mission.length > 0 ? mission : counts).map((c) => c.count));
}

/**
 * The weapon most members name, mission reports weighing first, then all reports, then the
 * earliest; `undetermined` only when nobody names one. Calibre: the most stated among reports of
 * that weapon (earliest on a tie).
 */
export function resolveWeapon(members: readonly Observation[]): {
  weapon: WeaponKind;
  calibreMm?: number;
} {
  const tally = new Map<WeaponKind, { mission: number; all: number; first: number }>();
  members.forEach((o, i) => {
    if (o.weapon === 'undetermined') return;
    const t = tally.get(o.weapon) ?? { mission: 0, all: 0, first: i };
    t.all += 1;
    if (isMissionSource(o.source.kind)) t.mission += 1;
    tally.set(o.weapon, t);
  });
  let best: WeaponKind = 'undetermined';
  let bt: { mission: number; all: number; first: number } | undefined;
  for (const [w, t] of tally) {
    if (
      !bt ||
      t.mission > bt.mission ||
      (t.mission === bt.mission && (t.all > bt.all || (t.all === bt.all && t.first < bt.first)))
    ) {
      best = w;
      bt = t;
    }
  }
  const calibres = new Map<number, number>();
  for (const o of members)
    if (o.weapon === best && o.calibreMm !== undefined)
      calibres.set(o.calibreMm, (calibres.get(o.calibreMm) ?? 0) + 1);
  let calibreMm: number | undefined;
  let most = 0;
  for (const [c, n] of calibres) if (n > most) [calibreMm, most] = [c, n];
  return calibreMm === undefined ? { weapon: best } : { weapon: best, calibreMm };
}

/** A muzzle flash is seen where the weapon is, so it counts as outgoing whatever was filed. */
export function resolveDirection(members: readonly Observation[]): Direction {
  const has = (d: Direction) =>
    members.some((o) => o.direction === d || (d === 'outgoing' && o.event === 'muzzle_flash'));
  if (has('outgoing')) return 'outgoing';
  if (has('impact')) return 'impact';
  if (has('in_flight')) return 'in_flight';
  return 'undetermined';
}

export function distinctSorted<T extends string>(values: Iterable<T>): T[] {
  return [...new Set(values)].sort();
}
