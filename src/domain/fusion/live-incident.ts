/**
 * An incident while it is in the engine's recent window: its members, its bearing fix, its place
 * (the region new reports must meet to join), and the bounds it is indexed under. Snapshots
 * (`Incident`) are built from it on demand and cached until it changes or the engine lets go
 * of them (`forgetSnapshot`).
 */
import { inverse } from '../geo/index.js';
import type { Descriptor } from './compatibility.js';
import {
  distinctSorted,
  fusedCount,
  rawCounts,
  resolveDirection,
  resolveWeapon,
  sourceCounts,
  type Incident,
} from './incident.js';
import {
  extendConsensus,
  locateConsensus,
  type LocatedMember,
  type PlacedEstimate,
} from './locate.js';
import { descriptorKey, type Member } from './member.js';
import { discPlaced, type BBox, type PlacedRegion } from './region.js';
import type { MsWindow } from './time.js';
import {
  triangulateBearings,
  type Bearing,
  type BearingFix,
  type TriangulationOptions,
} from './triangulate.js';

export interface Fix {
  readonly fix: BearingFix;
  readonly placed: PlacedRegion;
  readonly ids: ReadonlySet<string>;
}

/** A fix that moved less than this is the same fix (no re-check of the members), metres. */
const FIX_SAME_WITHIN_M = 1;

export class LiveIncident implements BBox {
  minX = 0;
  minY = 0;
  maxX = 0;
  maxY = 0;
  readonly members: Member[] = [];
  readonly aliases: string[] = [];
  readonly descriptors = new Map<string, Descriptor>();
  fix: Fix | null = null;
  /** The bearings `fix` was computed from, in member order. */
  private fixFrom: readonly Bearing[] = [];
  place!: PlacedEstimate;
  /**
   * The placers and fix `place` was folded from (locateConsensus), in order; null when it was
   * extended since (extendConsensus), which a refold need not reproduce exactly.
   */
  private placeFrom: readonly LocatedMember[] | null = null;
  private placeFix: Fix | null = null;
  /** Whether the place was drawn from mission reports only, and the largest region drawn from. */
  private placedByMission = false;
  /** Whether a mission report (monitor, sensor) is a member; else it is a party's or open claim. */
  get byMission(): boolean {
    return this.placedByMission;
  }
  private largestPlacerM2 = 0;
  /** Latest end of the members' widened windows, epoch ms: the incident leaves the window after it. */
  hiMs = -Infinity;
  /** Earliest stated start and latest stated end of the members, and the longest stated window. */
  span: MsWindow = { fromMs: Infinity, toMs: -Infinity };
  longestMs = 0;
  /**
   * The instants every member's widened window holds (their intersection): when the one event
   * can have happened. Empty (fromMs > toMs) never happens to a live incident.
   */
  common: MsWindow = { fromMs: -Infinity, toMs: Infinity };
  /**
   * The instants every mission member's (monitor, sensor) widened window holds: `common` without
   * the claims. Unbounded while it has none.
   */
  missionCommon: MsWindow = { fromMs: -Infinity, toMs: Infinity };
  alive = true;
  private cached: Incident | null = null;

  constructor(
    readonly id: string,
    /** Opening order: the older of two merging incidents is the one opened first. */
    readonly seq: number,
  ) {}

  addMember(m: Member): void {
    this.members.push(m);
    this.descriptors.set(descriptorKey(m.desc), m.desc);
    this.span = {
      fromMs: Math.min(this.span.fromMs, m.stated.fromMs),
      toMs: Math.max(this.span.toMs, m.stated.toMs),
    };
    this.longestMs = Math.max(this.longestMs, m.stated.toMs - m.stated.fromMs);
    this.hiMs = Math.max(this.hiMs, m.widened.toMs);
    this.common = {
      fromMs: Math.max(this.common.fromMs, m.widened.fromMs),
      toMs: Math.min(this.common.toMs, m.widened.toMs),
    };
    if (m.mission) {
      this.missionCommon = {
        fromMs: Math.max(this.missionCommon.fromMs, m.widened.fromMs),
        toMs: Math.min(this.missionCommon.toMs, m.widened.toMs),
      };
    }
    this.cached = null;
  }

  /** Replaces the members (kept in arrival order), after merging or splitting. */
  setMembers(members: readonly Member[]): void {
    // Usually given in order already (a filter of the members, or one report): copied only if not.
    let inOrder = members !== this.members;
    for (let i = 1; inOrder && i < members.length; i++)
      inOrder = members[i - 1]!.seq < members[i]!.seq;
    const ordered = inOrder ? members : [...members].sort((a, b) => a.seq - b.seq);
    this.members.length = 0;
    this.descriptors.clear();
    this.span = { fromMs: Infinity, toMs: -Infinity };
    this.longestMs = 0;
    this.hiMs = -Infinity;
    this.common = { fromMs: -Infinity, toMs: Infinity };
    this.missionCommon = this.common;
    for (const m of ordered) this.addMember(m);
  }

  /**
   * Recomputes the fix and the place from the members: the mission's own reports (monitor,
   * sensor) when it has any, else all. `added`, when the only change since the last refresh was
   * that member joining, lets a report that cannot change the fix skip the refold. Returns
   * whether the fix appeared, vanished, changed its bearings or moved, after which members may
   * no longer meet it (see engine split).
   */
  refresh(triangulation: TriangulationOptions, added?: Member): boolean {
    if (added && !added.bearing && this.place && added.mission === this.placedByMission) {
      if (added.gate.areaM2 >= this.largestPlacerM2) {
        this.place = extendConsensus(this.place, added.located, this.fix?.fix ?? null);
        this.placeFrom = null;
        this.largestPlacerM2 = added.gate.areaM2;
        this.boundToPlace();
        return false;
      }
    } else if (added && !added.bearing && this.place && this.placedByMission) {
      this.cached = null; // a party or open-source report does not move a place the mission drew
      return false;
    }
    const before = this.fix;
    // The same bearings give the same fix: kept, so the place's refold starts from the same disc.
    if (!this.sameBearings()) {
      const bearings = this.members.flatMap((m) => (m.bearing ? [m.bearing] : []));
      const fix = bearings.length >= 2 ? triangulateBearings(bearings, triangulation) : null;
      this.fix = fix
        ? { fix, placed: discPlaced(fix.location, fix.radius90M), ids: new Set(fix.used) }
        : null;
      this.fixFrom = bearings;
    }
    this.placedByMission = this.members.some((m) => m.mission);
    const placers: LocatedMember[] = [];
    let largest = 0;
    for (const m of this.members) {
      if (m.mission !== this.placedByMission || this.fix?.ids.has(m.obs.id)) continue;
      placers.push(m.located);
      largest = Math.max(largest, m.gate.areaM2);
    }
    this.largestPlacerM2 = largest;
    // The same placers and fix give the same place (members that place nothing came or went).
    if (!this.placeFrom || this.placeFix !== this.fix || !sameItems(placers, this.placeFrom)) {
      this.place = locateConsensus(placers, this.fix);
      this.placeFrom = placers;
      this.placeFix = this.fix;
    }
    this.boundToPlace();
    return fixChanged(before, this.fix);
  }

  /** Whether the members' bearings are those the fix was computed from, in order. */
  private sameBearings(): boolean {
    const from = this.fixFrom;
    let i = 0;
    for (const m of this.members) if (m.bearing && from[i++] !== m.bearing) return false;
    return i === from.length;
  }

  private boundToPlace(): void {
    ({
      minX: this.minX,
      minY: this.minY,
      maxX: this.maxX,
      maxY: this.maxY,
    } = this.place.placed.bbox);
    this.cached = null;
  }

  /**
   * Captures the incident's state; the function returned puts it back (members, aliases, fix,
   * place, bounds, liveness). The engine uses it to undo an `add` that failed midway.
   */
  checkpoint(): () => void {
    const saved = {
      members: [...this.members],
      aliases: [...this.aliases],
      descriptors: [...this.descriptors],
      fix: this.fix,
      fixFrom: this.fixFrom,
      place: this.place,
      placeFrom: this.placeFrom,
      placeFix: this.placeFix,
      placedByMission: this.placedByMission,
      largestPlacerM2: this.largestPlacerM2,
      hiMs: this.hiMs,
      span: this.span,
      common: this.common,
      missionCommon: this.missionCommon,
      longestMs: this.longestMs,
      alive: this.alive,
      bbox: { minX: this.minX, minY: this.minY, maxX: this.maxX, maxY: this.maxY },
    };
    return () => {
      this.members.splice(0, this.members.length, ...saved.members);
      this.aliases.splice(0, this.aliases.length, ...saved.aliases);
      this.descriptors.clear();
      for (const [k, d] of saved.descriptors) this.descriptors.set(k, d);
      this.fix = saved.fix;
      this.fixFrom = saved.fixFrom;
      this.place = saved.place;
      this.placeFrom = saved.placeFrom;
      this.placeFix = saved.placeFix;
      this.placedByMission = saved.placedByMission;
      this.largestPlacerM2 = saved.largestPlacerM2;
      this.hiMs = saved.hiMs;
      this.span = saved.span;
      this.common = saved.common;
      this.missionCommon = saved.missionCommon;
      this.longestMs = saved.longestMs;
      this.alive = saved.alive;
      ({ minX: this.minX, minY: this.minY, maxX: this.maxX, maxY: this.maxY } = saved.bbox);
      this.cached = null;
    };
  }

  /** Whether adding a stated window keeps the incident within `maxSpanMs` (or its longest report). */
  spanAllows(w: MsWindow, maxSpanMs: number, other?: LiveIncident): boolean {
    const from = Math.min(this.span.fromMs, w.fromMs, other?.span.fromMs ?? Infinity);
    const to = Math.max(this.span.toMs, w.toMs, other?.span.toMs ?? -Infinity);
    return (
      to - from <= Math.max(maxSpanMs, this.longestMs, w.toMs - w.fromMs, other?.longestMs ?? 0)
    );
  }

  /**
   * Drops the cached snapshot: the engine keeps one only while a call builds its changes (each
   * change of the call names the incident as it is at the end), not for the incident's life.
   */
  forgetSnapshot(): void {
    this.cached = null;
  }

  snapshot(): Incident {
    if (this.cached) return this.cached;
    const obs = this.members.map((m) => m.obs);
    const counts = sourceCounts(obs);
    const p = this.place;
    this.cached = {
      id: this.id,
      location: p.location,
      region: p.region,
      radius90M: p.radius90M,
      locationMethod: p.method,
      window: { from: isoInstant(this.span.fromMs), to: isoInstant(this.span.toMs) },
      observationIds: obs.map((o) => o.id),
      rawCounts: rawCounts(obs),
      sourceCounts: counts,
      count: fusedCount(counts),
      events: distinctSorted(obs.map((o) => o.event)),
      ...resolveWeapon(obs),
      direction: resolveDirection(obs),
      sourceKinds: distinctSorted(obs.map((o) => o.source.kind)),
      aliases: [...this.aliases],
      // The fix's and the place's lists are never changed once made: shared, not copied.
      bearings: this.fix ? { used: this.fix.fix.used, rejected: this.fix.fix.rejected } : null,
      placedBy: p.basis,
      disagreeing: p.disagreeing,
    };
    return this.cached;
  }
}

const DAY_MS = 86_400_000;
/** Latest instant `isoInstant` formats itself (the end of year 9999), epoch ms. */
const ISO_MAX_MS = 253_402_300_800_000;
/** The day `isoInstant` last formatted, and its date part ("2026-03-01T"). */
let isoDay = Number.NaN;
let isoDate = '';

/**
 * `new Date(ms).toISOString()`: the date part is formatted once per day, the time of day by
 * arithmetic (a snapshot's window is formatted on every change of an incident).
 */
export function isoInstant(ms: number): string {
  if (!Number.isInteger(ms) || ms < 0 || ms >= ISO_MAX_MS) return new Date(ms).toISOString();
  const day = Math.floor(ms / DAY_MS);
  if (day !== isoDay) {
    isoDate = new Date(day * DAY_MS).toISOString().slice(0, 11);
    isoDay = day;
  }
  const t = ms - day * DAY_MS;
  const h = Math.floor(t / 3_600_000);
  const min = Math.floor(t / 60_000) % 60;
  const sec = Math.floor(t / 1000) % 60;
  const milli = t % 1000;
  return `${isoDate}${pad(h, 2)}:${pad(min, 2)}:${pad(sec, 2)}.${pad(milli, 3)}Z`;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function fixChanged(a: Fix | null, b: Fix | null): boolean {
  if (!a || !b) return a !== b;
  if (a.ids.size !== b.ids.size) return true;
  for (const id of a.ids) if (!b.ids.has(id)) return true;
  return inverse(a.fix.location, b.fix.location).distanceM > FIX_SAME_WITHIN_M;
}
