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
 *      from there after the event, not from anywhere its own region allows (heardInTime),
 *  (e) it is the mission's own report (monitor, sensor) and the incident holds one: a party's
 *      or open-source claim is matched apart (Claims),
 *  (f) the incident has room for it in one ledger entry (MAX_INCIDENT_MEMBER_BYTES),
 *  (g) no member is the same sensor's detection of another sound of the same kind: stamped at
 *      another instant, beyond their clock errors, and stating the same end of a shot
 *      (member.ts oneSensorTwoSounds; merges are held to it too).
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
 * Claims. A party's or open-source report names a quarter-hour or more and a place kilometres
 * wide: many of the mission's incidents can fit it, and the first to overlap it is often of
 * another shot. So the mission's reports never gather about a claim, nor claims about each other:
 * a claim opens an incident of its own and joins the one mission incident it fits best
 * (matchClaim): compatible, sharing an instant with every member, meeting its place, and the two
 * places nearest in units of their joint 90 % radius (at most CLAIM_MAX_FIT); an incident placed
 * along a lone bearing only if none placed better fits, the one whose bearing passes nearest the
 * claim's place. It is matched when filed, and again once the reports have come past its window
 * (a report stated to start 5 minutes after its widened window ends has been fused): then it
 * moves if another incident fits it better. One that fits none stays alone. Two claims naming
 * weapons that cannot be one (a party names a heavier one to be heard) compete for an incident:
 * the one that fits it better takes it, the other leaves and is matched again.
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
import RBush from 'rbush';
import { inverse } from '../geo/index.js';
import type { Observation, SourceKind } from '../observation/types.js';
import { pickForBearing } from './bearing-pick.js';
import { EvictionQueue } from './eviction-queue.js';
import type { Incident } from './incident.js';
import { LiveIncident } from './live-incident.js';
import {
  groupsCompatible,
  oneSensorTwoSounds,
  timesOverlap,
  toMember,
  windowsAt,
  type Member,
} from './member.js';
import { boundingDisc, REGION_DEFAULTS, regionsMeet, type RegionOptions } from './region.js';
import { DEFAULT_CLOCK_ERROR_S, shareAnInstant, windowsOverlap } from './time.js';
import { triangulateBearings, type TriangulationOptions } from './triangulate.js';

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
}

/** An incident a report can join, the member it overlaps in time, and how precisely it places it. */
interface Link {
  readonly live: LiveIncident;
  readonly via: string;
  readonly radiusM: number;
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
  private readonly tree = new RBush<LiveIncident>();
  private readonly byId = new Map<string, LiveIncident>();
  private readonly aliasOf = new Map<string, LiveIncident>();
  private readonly byObservation = new Map<string, LiveIncident>();
  private readonly due = new EvictionQueue<LiveIncident>();
  /** Party and open-source claims, by when they are matched again (settleClaims). */
  private readonly claims = new EvictionQueue<Member>();
  /** Latest stated start of a report fused: how far the reports have come (settleClaims). */
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
   * Fuses one observation received at `nowMs` (epoch ms, the caller's clock) and reports what
   * changed. An id already fused and still live is ignored (ids are idempotent). Throws
   * VALIDATION for an observation with no place or an unreadable time.
   */
  add(obs: Observation, nowMs: number): FusionChange[] {
    if (this.byObservation.has(obs.id)) return [];
    this.advance(nowMs);
    const m = toMember(obs, this.memberSeq++, this.clock, this.regions);
    this.latestFromMs = Math.max(this.latestFromMs, m.stated.fromMs);
    const settled = this.settleClaims(this.latestFromMs);
    const changes = this.fuse(m);
    if (m.mission) return [...settled, ...changes];
    this.claims.push({ atMs: m.widened.toMs + CLAIM_SETTLE_MS, order: m.seq, item: m });
    return [...settled, ...changes, ...this.matchClaim(m), ...this.settleClaims(this.latestFromMs)];
  }

  private fuse(m: Member): FusionChange[] {
    const linked = this.linksOf(m);
    if (linked.length === 0) return [this.openAlone(m, 'links to no live incident')];
    // Joining recomputes places (polygon clipping, least squares), which may still fail on
    // degenerate geometry: then every incident touched is put back as it was and the report
    // opens an incident of its own, rather than leaving one half-updated (regression test:
    // engine-robustness.test.ts, "a failed join leaves no half-updated incident").
    const restores = linked.map(({ live }) => ({ live, restore: live.checkpoint() }));
    this.openedInCall = [];
    try {
      return this.join(m, linked);
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
      this.tree.remove(p);
      p.alive = false;
      this.byId.delete(p.id);
      for (const x of p.members) this.byObservation.delete(x.obs.id);
    }
    this.byObservation.delete(m.obs.id);
    for (const { live } of restores) this.tree.remove(live);
    for (const { live, restore } of restores) {
      restore();
      if (!live.alive) continue;
      this.byId.set(live.id, live);
      this.tree.insert(live);
      for (const a of live.aliases) this.aliasOf.set(a, live);
      for (const x of live.members) this.byObservation.set(x.obs.id, live);
    }
  }

  /** Adds `m` to the incidents it links to (see the module comment). Mutates; may throw. */
  private join(m: Member, linked: readonly Link[]): FusionChange[] {
    const obs = m.obs;
    // A lone bearing says only "somewhere along this line", tens of km long: it joins one incident
    // and never merges several (pickForBearing).
    const [first, ...rest] =
      m.placed.shape?.kind === 'wedge' ? [pickForBearing(m, linked)] : linked;
    const keep = first!.live;
    this.unindex(keep);
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
      merged.length > 0 ? keep.refresh(this.triangulation) : keep.refresh(this.triangulation, m);
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
    return changes;
  }

  /** Drops incidents that left the window at `nowMs`; returns their ids in the order dropped. */
  advance(nowMs: number): string[] {
    const cutoff = nowMs - this.windowMs;
    const dropped: string[] = [];
    for (let e = this.due.popBefore(cutoff); e; e = this.due.popBefore(cutoff)) {
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
  private linksOf(m: Member): Link[] {
    const out: Link[] = [];
    const candidates = this.tree.search(m.gate.bbox).sort((a, b) => a.seq - b.seq);
    for (const live of candidates) {
      const link = this.linkOf(m, live);
      if (link) out.push(link);
    }
    return out;
  }

  /** The id of a member `m` overlaps in time, when `m` links to `live`; else null. */
  private linkVia(m: Member, live: LiveIncident): string | null {
    return this.linkOf(m, live)?.via ?? null;
  }

  /** How `m` links to `live` (the module comment's (a)-(e)), or null when it does not. */
  private linkOf(m: Member, live: LiveIncident): Link | null {
    if (!roomFor(live, [m])) return null;
    if (!live.spanAllows(m.stated, this.maxSpanMs)) return null;
    if (!groupsCompatible([m.desc], live.descriptors.values())) return null;
    if (!windowsOverlap(m.widened, live.common)) return null;
    if (!m.mission || !live.byMission) return null;
    if (live.members.some((k) => oneSensorTwoSounds(m, k))) return null;
    const via = live.members.find((k) => timesOverlap(m, k));
    if (!via || !regionsMeet(m.gate, live.place.placed)) return null;
    const radiusM = this.heardInTime(m, live);
    return radiusM === null ? null : { live, via: via.obs.id, radiusM };
  }

  /**
   * Whether `m` and every member of `live` can share one instant with the event where the
   * incident places it (at the fix `m`'s bearing would make with its bearings, if it has any):
   * a report heard there was stamped up to the sound's travel from there after it, not from the
   * farthest place its own region allows (member.ts windowsAt). Returns the radius of that place
   * (how precisely the link places `m`), or null when they cannot.
   */
  private heardInTime(m: Member, live: LiveIncident): number | null {
    let center = live.place.location;
    let radiusM: number = live.place.radius90M;
    if (m.bearing) {
      const bearings = live.members.flatMap((k) => (k.bearing ? [k.bearing] : []));
      const fix =
        bearings.length > 0
          ? triangulateBearings([...bearings, m.bearing], this.triangulation)
          : null;
      if (fix) [center, radiusM] = [fix.location, fix.radius90M];
    }
    const sets = live.members.map((k) => windowsAt(k, center, radiusM));
    if (shareAnInstant([windowsAt(m, center, radiusM), ...sets])) return radiusM;
    // Members the place has since moved away from in time (it moved as reports joined) do not
    // shut out the rest: then only the widened windows count (checked by the caller).
    return shareAnInstant(sets) ? null : radiusM;
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
    this.tree.insert(live);
    this.due.push({ atMs: live.hiMs, order: live.seq, item: live });
  }

  /** Matches again the claims whose window the reports have passed (`reachedMs`). */
  private settleClaims(reachedMs: number): FusionChange[] {
    const changes: FusionChange[] = [];
    for (let e = this.claims.popBefore(reachedMs); e; e = this.claims.popBefore(reachedMs)) {
      changes.push(...this.matchClaim(e.item));
    }
    return changes;
  }

  /**
   * Moves claim `m` to the mission incident it fits best (claimFit), when that is not where it
   * is: a claim alone is merged into it, one in another incident leaves that one ('updated') and
   * joins it.
   */
  private matchClaim(m: Member, mayDisplace = true): FusionChange[] {
    const home = this.byObservation.get(m.obs.id);
    if (!home) return [];
    let best: LiveIncident | null = home.byMission ? home : null;
    let bestFit = best ? this.claimFit(m, home) : Infinity;
    for (const live of this.tree.search(m.gate.bbox)) {
      if (live === home || !live.byMission) continue;
      const fit = this.claimFit(m, live, mayDisplace);
      if (fit < bestFit) [best, bestFit] = [live, fit];
    }
    if (!best || best === home) return [];
    const reason = `${m.obs.id} fits ${best.id} best among the mission's incidents of its window`;
    const rivals = best.members.filter((k) => !k.mission && !groupsCompatible([m.desc], [k.desc]));
    const displaced = rivals.length > 0 ? this.displaceClaims(best, rivals, m) : [];
    const done = this.moveClaim(m, home, best, reason);
    // A displaced claim looks once more for an incident of its own, without displacing in turn.
    for (const r of rivals) done.push(...this.matchClaim(r, false));
    return [...displaced, ...done];
  }

  /** Claims `rivals` leave `live` for `m`, which fits it better; each opens an incident alone. */
  private displaceClaims(live: LiveIncident, rivals: readonly Member[], m: Member): FusionChange[] {
    this.unindex(live);
    live.setMembers(live.members.filter((k) => !rivals.includes(k)));
    live.refresh(this.triangulation);
    this.index(live);
    return rivals.map((r): FusionChange => {
      const part = this.open(`inc-${r.obs.id}`, [r], live);
      return {
        kind: 'split',
        incidentId: part.id,
        fromIncidentId: live.id,
        observationIds: [r.obs.id],
        reason: `${m.obs.id}, which ${r.obs.id} cannot be one event with, fits ${live.id} better`,
        incident: part.snapshot(),
      };
    });
  }

  /** Moves claim `m` from `home` to `best` (merging `home` into it when `m` is alone there). */
  private moveClaim(
    m: Member,
    home: LiveIncident,
    best: LiveIncident,
    reason: string,
  ): FusionChange[] {
    if (home.members.length === 1) {
      this.unindex(best);
      this.absorb(best, home);
      best.refresh(this.triangulation);
      this.index(best);
      const incident = best.snapshot();
      return [
        {
          kind: 'merged',
          incidentId: best.id,
          observationId: m.obs.id,
          absorbedId: home.id,
          reason,
          incident,
        },
      ];
    }
    this.unindex(home);
    home.setMembers(home.members.filter((k) => k !== m));
    home.refresh(this.triangulation);
    this.index(home);
    this.unindex(best);
    best.addMember(m);
    best.refresh(this.triangulation, m);
    this.index(best);
    this.byObservation.set(m.obs.id, best);
    return [
      {
        kind: 'updated',
        incidentId: home.id,
        reason: `${m.obs.id} left for ${best.id}`,
        incident: home.snapshot(),
      },
      {
        kind: 'joined',
        incidentId: best.id,
        observationId: m.obs.id,
        reason,
        incident: best.snapshot(),
      },
    ];
  }

  /**
   * How well claim `m` fits a mission incident, smaller is better; Infinity when it does not link
   * (compatible with every member, sharing an instant with them and meeting their place). The
   * distance between its place and the incident's in units of their joint 90 % radius; an
   * incident placed only along a bearing ranks after every one placed better, by how far the
   * bearing passes from the claim's place in units of the claim's radius. With `mayDisplace`,
   * claims in `live` that `m` cannot be one event with are left out if `m` fits better than each.
   */
  private claimFit(m: Member, live: LiveIncident, mayDisplace = false): number {
    const others = live.members.filter((k) => k !== m);
    if (others.length === 0) return Infinity;
    if (!live.members.includes(m) && !roomFor(live, [m])) return Infinity;
    const rivals = mayDisplace
      ? others.filter((k) => !k.mission && !groupsCompatible([m.desc], [k.desc]))
      : [];
    const kept = rivals.length > 0 ? others.filter((k) => !rivals.includes(k)) : others;
    if (kept.length === 0 || !kept.some((k) => k.mission)) return Infinity;
    if (
      !groupsCompatible(
        [m.desc],
        kept.map((k) => k.desc),
      )
    )
      return Infinity;
    if (!live.spanAllows(m.stated, this.maxSpanMs)) return Infinity;
    if (!kept.every((k) => windowsOverlap(k.widened, m.widened))) return Infinity;
    if (!regionsMeet(m.gate, live.place.placed)) return Infinity;
    const c = boundingDisc(m.gate);
    if (!c) return Infinity;
    let fit: number;
    if (placedByLoneBearings(live)) {
      const b = others.find((k) => k.bearing)!.bearing!;
      const { distanceM, azimuth1Deg } = inverse(b.observer, c.center);
      const off = Math.abs(Math.sin(((azimuth1Deg - b.azimuthDeg) * Math.PI) / 180)) * distanceM;
      fit = LONE_BEARING_RANK + off / c.radiusM;
    } else {
      const d = inverse(c.center, live.place.location).distanceM;
      fit = d / Math.hypot(c.radiusM, live.place.radius90M);
      if (fit > CLAIM_MAX_FIT) return Infinity;
    }
    // Two claims of different weapons cannot be one event: the one that fits better takes it.
    return rivals.every((r) => this.claimFit(r, live) > fit) ? fit : Infinity;
  }

  private unindex(live: LiveIncident): void {
    this.tree.remove(live);
  }
}

/**
 * A claim is matched again once a report stated to start this long after its widened window
 * ended has been fused: the mission's reports of the window's last moments are then in (heard up
 * to two minutes after, stamped up to a minute off).
 */
const CLAIM_SETTLE_MS = 5 * 60_000;
/**
 * Farthest a claim's place may be from an incident's, in units of their joint 90 % radius: about
 * 3.2 joint standard errors, beyond which two estimates of one place almost never fall.
 */
const CLAIM_MAX_FIT = 1.5;
/** Added to the fit of an incident placed only along bearings: every better placed one comes first. */
const LONE_BEARING_RANK = 1e6;

/** Whether the mission placed `live` by bearings that do not cross only: along a wedge. */
function placedByLoneBearings(live: LiveIncident): boolean {
  const mission = live.members.filter((k) => k.mission);
  return !live.fix && mission.length > 0 && mission.every((k) => k.bearing);
}

/**
 * An incident is recorded whole in one ledger entry, which tlog-tiles caps at 65,535 bytes; each
 * member costs about 6 times its id and 400 bytes more (its id in the member list, the per-source
 * counts and the place's evidence; measured: 100 members with 62-character ids, 70 KB). Past this
 * budget a report opens an incident of its own: that many reports of one instant and place are
 * rare, and a ledger entry that cannot be written would stop fusion for the whole mission.
 */
export const MAX_INCIDENT_MEMBER_BYTES = 45_000;

const memberBytes = (k: Member): number => 6 * k.obs.id.length + 400;

function roomFor(live: LiveIncident, more: readonly Member[]): boolean {
  // Cheap while small: 40 members with ids up to 64 characters stay well inside the budget.
  if (live.members.length + more.length <= 40 && more.every((k) => k.obs.id.length <= 64))
    return true;
  let bytes = 0;
  for (const k of live.members) bytes += memberBytes(k);
  for (const k of more) bytes += memberBytes(k);
  return bytes <= MAX_INCIDENT_MEMBER_BYTES;
}
