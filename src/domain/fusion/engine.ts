/**
 * Incremental fusion: each observation joins the incident it can be one event with, opens a new
 * one, or links several (which then merge). Pure and deterministic given the order of `add`
 * calls and the `nowMs` values passed in.
 *
 * Place. An incident's region is the overlap of the mission's own reports (monitor, sensor), or of
 * all its reports while the mission has none, bearings that cross represented by their fix; its
 * point is their weighted least-squares fit (live-incident.ts, locate.ts, estimate.ts). A party's
 * or open-source report can join an incident but cannot move it.
 *
 * Linking. An observation links to an incident when
 *  (a) it is compatible with every member (compatibility.ts),
 *  (b) its window, widened by its source's clock error and, for a report of something heard at a
 *      distance (a bearing, or a distance from the observer), earlier by the sound's travel time
 *      over the farthest range it allows (time.ts soundTravelS: 117 s for a 40 km wedge),
 *      overlaps every member's widened window (one event: some instant lies in all of them),
 *      and the incident's stated span stays within `maxSpanMs`,
 *  (c) its region, stated ranges and bearings widened (region.ts gateRegion), meets the
 *      incident's place,
 *  (d) at that place (or at the fix its bearing would make with the incident's bearings), the
 *      reports heard there can still share an instant: each was stamped up to the sound's travel
 *      from there after the event, not from anywhere its own region allows (link.ts heardInTime),
 *  (e) it is the mission's own report (monitor, sensor) and the incident holds one: a party's
 *      or open-source claim is matched apart (Claims),
 *  (f) the incident has room for it in one ledger entry (MAX_INCIDENT_MEMBER_BYTES),
 *  (g) no member is the same sensor's detection of another sound of the same kind: stamped at
 *      another instant, beyond their clock errors, and able to be of the same end of a shot
 *      (member.ts oneSensorTwoSounds; merges are held to it too). One such member, a lone
 *      bearing of undetermined direction, leaves for the report when the report fits the
 *      incident better (bearing-pick.ts displacedBy), and is fused again (it displaces nothing
 *      in turn): an array hears both ends of a shot, often along one line, seconds apart.
 * Testing (b) and (c) against every member and the place, rather than against any member, keeps
 * incidents from growing by chains of reports that each overlap only the last; (d) keeps two
 * acoustic bearings of shots a minute apart from crossing into one incident; (g) keeps one
 * array's detections of two shots from one direction apart, which (b)-(d) cannot: their wedges
 * overlap all along, and the sound's travel is unknown along them.
 *
 * Merge. An observation linking several incidents joins the oldest (opened first); every other
 * one compatible with it (within the span, sharing an instant with it, and with room: see
 * MAX_INCIDENT_MEMBER_BYTES) is merged into it: the older id is kept, the other's id and aliases
 * become aliases, and a 'merged' change names the report that linked them.
 * Members of the absorbed incident that do not meet the merged place stay, listed in
 * `disagreeing`. A bearing-only report never merges: its wedge meets everything along tens of
 * kilometres, so it joins one incident, the mission-placed one it is likeliest a bearing of
 * (bearing-pick.ts: its miss of the place, over the bearing's spread and the place's radius,
 * and its stamp against when the incident's other stamps say the sound left that place).
 *
 * Claims. A party's or open-source claim names a quarter-hour or more and a place kilometres
 * wide: it opens an incident of its own and joins the one mission incident it fits best, when
 * filed and again once settled, by the data clock (the reports have come past its window) or by
 * the caller's wall clock (`settleDue`, a lateness allowance after it was received): claims.ts.
 *
 * Split. While an incident holds one bearing its place is that bearing's whole wedge (tens of km
 * long), so a report anywhere along it can join. When bearings cross, or their fix moves or
 * changes bearings, every member outside the fix is checked against the fix's 90 % disc: those
 * that no longer meet it leave and are fused again among themselves, in arrival order (each new
 * incident `inc-<its first observation id>`, reclaiming that id if it was an alias of the one
 * left). 'split' changes name them and an 'updated' change gives the incident left behind. The
 * new incidents are not re-split, nor offered to other live incidents, in the same call.
 *
 * Failure. Should recomputing a place fail on degenerate geometry, the incidents the report
 * touched are restored and it opens an incident of its own ('opened', the reason says why).
 *
 * Memory. Incidents live while `nowMs - windowMs` is before the end of their latest widened
 * window; then they are dropped from the engine (the store keeps them). A report older than the
 * window cannot join a dropped incident and opens a new one.
 */
import type { Observation, SourceKind } from '../observation/types.js';
import { pickForBearing } from './bearing-pick.js';
import { Claims, DEFAULT_CLAIM_ALLOWANCE_MS } from './claims.js';
import type { Incident } from './incident.js';
import { linkOf, type Link } from './link.js';
import { LiveIndex } from './live-index.js';
import { LiveIncident } from './live-incident.js';
import { roomFor } from './member-budget.js';
import { groupsCompatible, oneSensorTwoSounds, toMember, type Member } from './member.js';
import { REGION_DEFAULTS, type RegionOptions } from './region.js';
import { regionsMeet } from './region-meet.js';
import { DEFAULT_CLOCK_ERROR_S, windowsOverlap } from './time.js';
import type { TriangulationOptions } from './triangulate.js';

export interface FusionOptions extends RegionOptions {
  /** How long an incident stays linkable after its latest widened window ends, ms; default 6 h. */
  readonly windowMs?: number;
  /**
   * Longest an incident may last, first stated start to last stated end, ms; default 1 h. A
   * report whose own window is longer may still join. Stops hours of fire at one place from
   * becoming one incident.
   */
  readonly maxSpanMs?: number;
  /** Clock error by source kind when a report states none, seconds; see DEFAULT_CLOCK_ERROR_S. */
  readonly clockErrorS?: Partial<Record<SourceKind, number>>;
  readonly triangulation?: TriangulationOptions;
  /**
   * How long after a party's or open-source claim was received (or after its window's reports
   * were due, if later), by the wall clock given to `settleDue`, it is matched again even if no
   * later report came, ms; default 10 min (claims.ts).
   */
  readonly claimAllowanceMs?: number;
}

export const DEFAULT_WINDOW_MS = 6 * 3600_000;
export const DEFAULT_MAX_SPAN_MS = 3600_000;

interface ChangeBase {
  readonly incidentId: string;
  readonly reason: string;
  /** The incident after the whole `add` call (the last change about an id is its state). */
  readonly incident: Incident;
}
export type FusionChange =
  | (ChangeBase & { readonly kind: 'opened'; readonly observationId: string })
  | (ChangeBase & { readonly kind: 'joined'; readonly observationId: string })
  | (ChangeBase & {
      readonly kind: 'merged';
      readonly observationId: string;
      readonly absorbedId: string;
    })
  | (ChangeBase & {
      readonly kind: 'split';
      readonly fromIncidentId: string;
      readonly observationIds: readonly string[];
    })
  | (ChangeBase & { readonly kind: 'updated' });

export class FusionEngine {
  private readonly windowMs: number;
  private readonly maxSpanMs: number;
  private readonly clock: Readonly<Record<SourceKind, number>>;
  private readonly regions: Required<RegionOptions>;
  private readonly triangulation: TriangulationOptions;
  /** The live incidents by bounds, by time and by when they leave the window. */
  private readonly lookup = new LiveIndex();
  private readonly byId = new Map<string, LiveIncident>();
  private readonly aliasOf = new Map<string, LiveIncident>();
  private readonly byObservation = new Map<string, LiveIncident>();
  /** Party and open-source claims, matched apart (claims.ts). */
  private readonly claims: Claims;
  /** Latest stated start of a report fused: how far the reports have come (claims settle). */
  private latestFromMs = -Infinity;
  private memberSeq = 0;
  private incidentSeq = 0;
  /** Incidents opened during the current join, for rollback; null outside one. */
  private openedInCall: LiveIncident[] | null = null;

  constructor(options: FusionOptions = {}) {
    this.windowMs = options.windowMs ?? DEFAULT_WINDOW_MS;
    this.maxSpanMs = options.maxSpanMs ?? DEFAULT_MAX_SPAN_MS;
    this.clock = { ...DEFAULT_CLOCK_ERROR_S, ...options.clockErrorS };
    this.regions = {
      minRadiusM: options.minRadiusM ?? REGION_DEFAULTS.minRadiusM,
      minBearingWidthDeg: options.minBearingWidthDeg ?? REGION_DEFAULTS.minBearingWidthDeg,
      bearingOnlyRangeM: options.bearingOnlyRangeM ?? REGION_DEFAULTS.bearingOnlyRangeM,
    };
    this.triangulation = { maxRangeM: this.regions.bearingOnlyRangeM, ...options.triangulation };
    this.claims = new Claims(
      {
        maxSpanMs: this.maxSpanMs,
        triangulation: this.triangulation,
        homeOf: (id) => this.byObservation.get(id),
        setHome: (id, live) => void this.byObservation.set(id, live),
        claimable: (bbox, window) => this.lookup.claimable(bbox, window),
        open: (baseId, members, reclaimFrom) => this.open(baseId, members, reclaimFrom),
        absorb: (keep, other) => this.absorb(keep, other),
        index: (live) => this.index(live),
        unindex: (live) => this.unindex(live),
      },
      options.claimAllowanceMs ?? DEFAULT_CLAIM_ALLOWANCE_MS,
    );
  }

  /** Live incidents. */
  get size(): number {
    return this.byId.size;
  }

  /** Live observations (members of live incidents). */
  get observationCount(): number {
    return this.byObservation.size;
  }

  /** A live incident by id or alias. */
  incident(id: string): Incident | undefined {
    return (this.byId.get(id) ?? this.aliasOf.get(id))?.snapshot();
  }

  /** Live incidents in opening order. */
  incidents(): Incident[] {
    return [...this.byId.values()].sort((a, b) => a.seq - b.seq).map((l) => l.snapshot());
  }

  /**
   * Fuses one observation at `nowMs` (epoch ms, the caller's clock: incidents older than the
   * window are dropped by it) and reports what changed. `receivedMs` is when it was received by
   * the wall clock `settleDue` is given (default `nowMs`): a claim is settled by that clock an
   * allowance after it. An id already fused and still live is ignored (ids are idempotent).
   * Throws VALIDATION for an observation with no place or an unreadable time.
   */
  add(obs: Observation, nowMs: number, receivedMs: number = nowMs): FusionChange[] {
    if (this.byObservation.has(obs.id)) return [];
    this.advance(nowMs);
    const m = toMember(obs, this.memberSeq++, this.clock, this.regions);
    this.latestFromMs = Math.max(this.latestFromMs, m.stated.fromMs);
    const settled = this.claims.settle(this.latestFromMs);
    const changes = this.fuse(m);
    if (m.mission) return this.handedOver(settled.length > 0 ? [...settled, ...changes] : changes);
    return this.handedOver([
      ...settled,
      ...changes,
      ...this.claims.filed(m, receivedMs, this.latestFromMs),
    ]);
  }

  /**
   * `changes`, once the incidents they name no longer keep their snapshots: the caller holds
   * them now, and an incident's next change would make a new one. Kept, every live incident's
   * last snapshot would outlive the call and be copied by every young-generation collection
   * until promoted, as much garbage-collector work as the incident itself.
   */
  private handedOver(changes: FusionChange[]): FusionChange[] {
    for (const ch of changes) this.byId.get(ch.incidentId)?.forgetSnapshot();
    return changes;
  }

  /**
   * Matches again the claims due by `wallMs` (epoch ms, the clock `add`'s `receivedMs` is read
   * on) though no later report has come past their window: those received, and whose window's
   * reports were due, at least the claim allowance (`claimAllowanceMs`) before it. Call it on a
   * timer, so that a claim filed in a quiet hour of a live mission, or at the end of the data,
   * joins its incident; an import of old data is not settled early, since each claim counts from
   * its receipt. Returns what changed, in the order the claims fell due.
   */
  settleDue(wallMs: number): FusionChange[] {
    return this.handedOver([
      ...this.claims.settle(this.latestFromMs),
      ...this.claims.settleByWall(wallMs),
    ]);
  }

  /** Claims the wall clock (`settleDue`) is still to settle, unless a later report does first. */
  get claimsWaiting(): number {
    return this.claims.waiting;
  }

  private fuse(m: Member, mayDisplace = true): FusionChange[] {
    const linked = this.linksOf(m, mayDisplace);
    if (linked.length === 0) return [this.openAlone(m, 'links to no live incident')];
    // Joining recomputes places (polygon clipping, least squares), which may still fail on
    // degenerate geometry: then every incident touched is put back as it was and the report
    // opens an incident of its own, rather than leaving one half-updated (regression test:
    // engine-robustness.test.ts, "a failed join leaves no half-updated incident").
    const restores = linked.map(({ live }) => ({ live, restore: live.checkpoint() }));
    this.openedInCall = [];
    let joined: { changes: FusionChange[]; left: LiveIncident; displaced: readonly Member[] };
    try {
      joined = this.join(m, linked);
    } catch (err) {
      this.rollback(restores, m);
      const why = err instanceof Error ? err.message : String(err);
      return [
        this.openAlone(
          m,
          `could not be fused with ${linked.map((l) => l.live.id).join(', ')}: ${why}`,
        ),
      ];
    } finally {
      this.openedInCall = null;
    }
    const changes = joined.changes;
    for (const d of joined.displaced) changes.push(...this.refuseDisplaced(d, joined.left, m));
    return changes;
  }

  /**
   * Fuses again detection `d`, which left `from` for `m` (the same sensor's other sound): it
   * joins another incident, or opens one of its own ('split' from `from`). It displaces nothing
   * in turn.
   */
  private refuseDisplaced(d: Member, from: LiveIncident, m: Member): FusionChange[] {
    const changes = this.fuse(d, false);
    const first = changes[0];
    if (first?.kind !== 'opened') return changes;
    const split: FusionChange = {
      kind: 'split',
      incidentId: first.incidentId,
      fromIncidentId: from.id,
      observationIds: [d.obs.id],
      reason: `${m.obs.id}, the same sensor's detection of another sound, fits ${from.id} better`,
      incident: first.incident,
    };
    return [split, ...changes.slice(1)];
  }

  private openAlone(m: Member, reason: string): FusionChange {
    const live = this.open(`inc-${m.obs.id}`, [m]);
    return {
      kind: 'opened',
      incidentId: live.id,
      observationId: m.obs.id,
      reason,
      incident: live.snapshot(),
    };
  }

  /** Undoes a failed `join`: drops incidents it opened, restores those it touched. */
  private rollback(
    restores: readonly { live: LiveIncident; restore: () => void }[],
    m: Member,
  ): void {
    for (const p of this.openedInCall ?? []) {
      this.lookup.remove(p);
      p.alive = false;
      this.byId.delete(p.id);
      for (const x of p.members) this.byObservation.delete(x.obs.id);
    }
    this.byObservation.delete(m.obs.id);
    for (const { live } of restores) this.lookup.remove(live);
    for (const { live, restore } of restores) {
      restore();
      if (!live.alive) continue;
      this.byId.set(live.id, live);
      this.lookup.insert(live);
      for (const a of live.aliases) this.aliasOf.set(a, live);
      for (const x of live.members) this.byObservation.set(x.obs.id, live);
    }
  }

  /**
   * Adds `m` to the incidents it links to (see the module comment). Returns the changes, the
   * incident it joined and the members that left it for `m` (to be fused again). Mutates; may throw.
   */
  private join(
    m: Member,
    linked: readonly Link[],
  ): { changes: FusionChange[]; left: LiveIncident; displaced: readonly Member[] } {
    const obs = m.obs;
    // A lone bearing says only "somewhere along this line", tens of km long: it joins one incident
    // and never merges several (pickForBearing).
    const [first, ...rest] =
      m.placed.shape?.kind === 'wedge' ? [pickForBearing(m, linked)] : linked;
    const keep = first!.live;
    const displaced = first!.displaces;
    this.unindex(keep);
    if (displaced.length > 0) {
      keep.setMembers(keep.members.filter((k) => !displaced.includes(k)));
      for (const d of displaced) this.byObservation.delete(d.obs.id);
    }
    keep.addMember(m);
    this.byObservation.set(obs.id, keep);
    const merged: { id: string; via: string }[] = [];
    for (const { live, via } of rest) {
      if (!groupsCompatible(keep.descriptors.values(), live.descriptors.values())) continue;
      if (!roomFor(keep, live.members)) continue;
      if (!keep.spanAllows(live.span, this.maxSpanMs, live)) continue;
      if (!windowsOverlap(keep.common, live.common)) continue;
      if (live.members.some((k) => keep.members.some((j) => oneSensorTwoSounds(j, k)))) continue;
      this.absorb(keep, live);
      merged.push({ id: live.id, via });
    }
    const fixChanged =
      merged.length > 0 || displaced.length > 0
        ? keep.refresh(this.triangulation)
        : keep.refresh(this.triangulation, m);
    this.index(keep);
    const parts = fixChanged ? this.splitOffStrays(keep) : [];
    const changes: FusionChange[] = [
      {
        kind: 'joined',
        incidentId: keep.id,
        observationId: obs.id,
        reason: `meets the incident's place and overlaps ${first!.via} in time`,
        incident: keep.snapshot(),
      },
    ];
    for (const g of merged) {
      changes.push({
        kind: 'merged',
        incidentId: keep.id,
        observationId: obs.id,
        absorbedId: g.id,
        reason: `${obs.id} links ${keep.id} (via ${first!.via}) and ${g.id} (via ${g.via})`,
        incident: keep.snapshot(),
      });
    }
    for (const part of parts) {
      changes.push({
        kind: 'split',
        incidentId: part.id,
        fromIncidentId: keep.id,
        observationIds: part.members.map((x) => x.obs.id),
        reason: keep.fix
          ? `does not meet the ${Math.round(keep.fix.fix.radius90M)} m bearing fix of ${keep.id}`
          : `does not meet the place of ${keep.id} once its bearings no longer cross`,
        incident: part.snapshot(),
      });
    }
    if (parts.length > 0) {
      changes.push({
        kind: 'updated',
        incidentId: keep.id,
        reason: `split off ${parts.map((p) => p.id).join(', ')}`,
        incident: keep.snapshot(),
      });
    }
    return { changes, left: keep, displaced };
  }

  /** Drops incidents that left the window at `nowMs`; returns their ids in the order dropped. */
  advance(nowMs: number): string[] {
    const cutoff = nowMs - this.windowMs;
    const dropped: string[] = [];
    for (let e = this.lookup.popBefore(cutoff); e; e = this.lookup.popBefore(cutoff)) {
      const live = e.item;
      if (!live.alive || live.hiMs !== e.atMs) continue;
      this.unindex(live);
      live.alive = false;
      this.byId.delete(live.id);
      for (const a of live.aliases) this.aliasOf.delete(a);
      for (const m of live.members) this.byObservation.delete(m.obs.id);
      dropped.push(live.id);
    }
    return dropped;
  }

  /** Incidents the member links to, oldest first, each with a member it overlaps in time. */
  private linksOf(m: Member, mayDisplace = true): Link[] {
    const out: Link[] = [];
    if (!m.mission) return out; // a claim links to none (linkOf (e)); it is matched apart
    for (const live of this.lookup.linkable(m.gate.bbox, m.widened)) {
      const link = linkOf(m, live, this.maxSpanMs, this.triangulation, mayDisplace);
      if (link) out.push(link);
    }
    return out;
  }

  /** The id of a member `m` overlaps in time, when `m` links to `live`; else null. */
  private linkVia(m: Member, live: LiveIncident): string | null {
    return linkOf(m, live, this.maxSpanMs, this.triangulation, false)?.via ?? null;
  }

  private open(
    baseId: string,
    members: readonly Member[],
    reclaimFrom?: LiveIncident,
  ): LiveIncident {
    const live = new LiveIncident(this.freshId(baseId, reclaimFrom), this.incidentSeq++);
    this.openedInCall?.push(live);
    live.setMembers(members);
    for (const m of members) this.byObservation.set(m.obs.id, live);
    live.refresh(this.triangulation);
    this.byId.set(live.id, live);
    this.index(live);
    return live;
  }

  private freshId(base: string, reclaimFrom?: LiveIncident): string {
    const at = reclaimFrom ? reclaimFrom.aliases.indexOf(base) : -1;
    if (at >= 0) {
      reclaimFrom!.aliases.splice(at, 1);
      this.aliasOf.delete(base);
      return base;
    }
    let id = base;
    for (let n = 2; this.byId.has(id) || this.aliasOf.has(id); n++) id = `${base}~${n}`;
    return id;
  }

  private absorb(keep: LiveIncident, other: LiveIncident): void {
    this.unindex(other);
    other.alive = false;
    this.byId.delete(other.id);
    for (const a of [other.id, ...other.aliases]) {
      keep.aliases.push(a);
      this.aliasOf.set(a, keep);
    }
    keep.setMembers([...keep.members, ...other.members]);
    for (const m of other.members) this.byObservation.set(m.obs.id, keep);
  }

  /**
   * After `live`'s fix changed: members outside the fix whose regions no longer meet its place
   * leave, and are fused again among themselves in arrival order. Returns the new incidents.
   */
  private splitOffStrays(live: LiveIncident): LiveIncident[] {
    const fix = live.fix;
    if (!fix) return [];
    const strays = live.members.filter(
      (m) => !fix.ids.has(m.obs.id) && !regionsMeet(m.gate, fix.placed),
    );
    if (strays.length === 0 || strays.length === live.members.length) return [];
    this.unindex(live);
    live.setMembers(live.members.filter((m) => !strays.includes(m)));
    live.refresh(this.triangulation);
    this.index(live);
    const parts: LiveIncident[] = [];
    for (const m of strays) {
      const home = parts.find((p) => this.linkVia(m, p) !== null);
      if (!home) {
        parts.push(this.open(`inc-${m.obs.id}`, [m], live));
        continue;
      }
      this.unindex(home);
      home.addMember(m);
      this.byObservation.set(m.obs.id, home);
      home.refresh(this.triangulation, m);
      this.index(home);
    }
    return parts;
  }

  private index(live: LiveIncident): void {
    this.lookup.index(live);
  }

  private unindex(live: LiveIncident): void {
    this.lookup.remove(live);
  }
}

export { MAX_INCIDENT_MEMBER_BYTES } from './member-budget.js';
