/**
 * Party and open-source claims: matched apart from the mission's reports (engine.ts, (e)).
 *
 * A party's or open-source report names a quarter-hour or more and a place kilometres wide: many
 * of the mission's incidents can fit it, and the first to overlap it is often of another shot. So
 * the mission's reports never gather about a claim, nor claims about each other: a claim opens an
 * incident of its own and joins the one mission incident it fits best (`match`): compatible,
 * sharing an instant with every member, meeting its place, and the two places nearest in units of
 * their joint 90 % radius (at most CLAIM_MAX_FIT); an incident placed along a lone bearing only if
 * none placed better fits, the one whose bearing passes nearest the claim's place. One that fits
 * none stays alone. Two claims naming weapons that cannot be one (a party names a heavier one to
 * be heard) compete for an incident: the one that fits it better takes it, the other leaves and is
 * matched again.
 *
 * Settling. A claim is matched when filed, and again once it is settled: then it moves if another
 * incident fits it better. It is settled
 *  - by the data clock, once a report stated to start CLAIM_SETTLE_MS after its widened window
 *    ends has been fused (the mission's reports of its window are in), and
 *  - by the caller's wall clock (`settleDue`), `allowanceMs` after the later of when it was
 *    received and when the data clock would settle it, so that in a quiet hour of a live mission,
 *    or at the end of the data, a claim does not stay apart until the next report. The receipt
 *    bounds it for an import of old data streamed in fast: the data clock settles its claims as
 *    the import passes them, the wall clock no sooner than `allowanceMs` after each was read.
 * A claim settled by the wall clock is matched once more by the data clock, when that comes: the
 * mission's reports of its window may have come in late. Once the data clock has settled it, the
 * wall clock does not.
 */
import { localDistance, localInverse } from '../geo/index.js';
import { EvictionQueue } from './eviction-queue.js';
import type { FusionChange } from './engine.js';
import type { LiveIncident } from './live-incident.js';
import { roomFor } from './member-budget.js';
import { groupsCompatible, type Member } from './member.js';
import { boundingDisc, type BBox } from './region.js';
import { regionsMeet } from './region-meet.js';
import { windowsOverlap, type MsWindow } from './time.js';
import type { TriangulationOptions } from './triangulate.js';
import { hypot } from '../hypot.js';

/**
 * A claim is matched again once a report stated to start this long after its widened window
 * ended has been fused: the mission's reports of the window's last moments are then in (heard up
 * to two minutes after, stamped up to a minute off).
 */
export const CLAIM_SETTLE_MS = 5 * 60_000;
/**
 * How late, by the wall clock, the mission's reports of a claim's window may still come in: a
 * claim is settled this long after the later of its receipt and its window's settling time
 * (`FusionOptions.claimAllowanceMs`).
 */
export const DEFAULT_CLAIM_ALLOWANCE_MS = 10 * 60_000;
/**
 * Farthest a claim's place may be from an incident's, in units of their joint 90 % radius: about
 * 3.2 joint standard errors, beyond which two estimates of one place almost never fall.
 */
const CLAIM_MAX_FIT = 1.5;
/** Added to the fit of an incident placed only along bearings: every better placed one comes first. */
const LONE_BEARING_RANK = 1e6;
/** Stale wall-clock entries kept before the queue is rebuilt from the claims still waiting. */
const WALL_SLACK = 256;

/** What claim matching needs of the engine's incidents. */
export interface ClaimHost {
  readonly maxSpanMs: number;
  readonly triangulation: TriangulationOptions;
  /** The live incident holding an observation. */
  homeOf(observationId: string): LiveIncident | undefined;
  setHome(observationId: string, live: LiveIncident): void;
  /**
   * Live mission incidents whose bounds meet `bbox` and whose mission members' widened windows
   * all meet `window` (live-index.ts claimable), oldest first.
   */
  claimable(bbox: BBox, window: MsWindow): LiveIncident[];
  /** Opens an incident of `members` (reclaiming its id from `reclaimFrom`'s aliases). */
  open(baseId: string, members: readonly Member[], reclaimFrom?: LiveIncident): LiveIncident;
  /** Merges `other` into `keep` (members, id and aliases); `keep` is not re-indexed. */
  absorb(keep: LiveIncident, other: LiveIncident): void;
  index(live: LiveIncident): void;
  unindex(live: LiveIncident): void;
}

export class Claims {
  /** Claims by when the data clock settles them. */
  private readonly byData = new EvictionQueue<Member>();
  /** Claims by when the wall clock settles them (entries of claims settled since are stale). */
  private byWall = new EvictionQueue<Member>();
  /** Claims the wall clock is still to settle, with when. */
  private readonly wallDue = new Map<Member, number>();

  constructor(
    private readonly host: ClaimHost,
    private readonly allowanceMs: number = DEFAULT_CLAIM_ALLOWANCE_MS,
  ) {}

  /** Claims waiting to be settled by the wall clock. */
  get waiting(): number {
    return this.wallDue.size;
  }

  /**
   * Claim `m`, received at `receivedMs` (wall clock) and just fused: matched now, and settled
   * at once when the data clock (`reachedMs`) is past its window.
   */
  filed(m: Member, receivedMs: number, reachedMs: number): FusionChange[] {
    const dataDueMs = m.widened.toMs + CLAIM_SETTLE_MS;
    this.byData.push({ atMs: dataDueMs, order: m.seq, item: m });
    const changes = [...this.match(m), ...this.settle(reachedMs)];
    // A claim the data clock has already settled needs no other settling.
    if (dataDueMs >= reachedMs) {
      const fromMs = Number.isFinite(receivedMs) ? Math.max(dataDueMs, receivedMs) : dataDueMs;
      this.awaitWall(m, fromMs + this.allowanceMs);
    }
    return changes;
  }

  /** Matches again the claims whose window the reports have passed (`reachedMs`). */
  settle(reachedMs: number): FusionChange[] {
    const changes: FusionChange[] = [];
    for (let e = this.byData.popBefore(reachedMs); e; e = this.byData.popBefore(reachedMs)) {
      this.wallDue.delete(e.item);
      changes.push(...this.match(e.item));
    }
    return changes;
  }

  /** Matches again the claims the wall clock settles before `wallMs`, in the order they fell due. */
  settleByWall(wallMs: number): FusionChange[] {
    const changes: FusionChange[] = [];
    for (let e = this.byWall.popBefore(wallMs); e; e = this.byWall.popBefore(wallMs)) {
      const m = e.item;
      if (this.wallDue.get(m) !== e.atMs) continue;
      this.wallDue.delete(m);
      // A claim that left the engine (its incident left the window) is not matched again.
      if (!this.host.homeOf(m.obs.id)?.members.includes(m)) continue;
      changes.push(...this.match(m));
    }
    return changes;
  }

  private awaitWall(m: Member, atMs: number): void {
    this.wallDue.set(m, atMs);
    this.byWall.push({ atMs, order: m.seq, item: m });
    // Claims the data clock settled first leave stale entries: rebuild once they dominate.
    if (this.byWall.size > 2 * this.wallDue.size + WALL_SLACK) {
      const fresh = new EvictionQueue<Member>();
      for (const [k, due] of this.wallDue) fresh.push({ atMs: due, order: k.seq, item: k });
      this.byWall = fresh;
    }
  }

  /**
   * Moves claim `m` to the mission incident it fits best (`fit`), when that is not where it
   * is: a claim alone is merged into it, one in another incident leaves that one ('updated') and
   * joins it.
   */
  match(m: Member, mayDisplace = true): FusionChange[] {
    const home = this.host.homeOf(m.obs.id);
    if (!home) return [];
    let best: LiveIncident | null = home.byMission ? home : null;
    let bestFit = best ? this.fit(m, home) : Infinity;
    for (const live of this.host.claimable(m.gate.bbox, m.widened)) {
      if (live === home) continue;
      const fit = this.fit(m, live, mayDisplace);
      if (fit < bestFit) [best, bestFit] = [live, fit];
    }
    if (!best || best === home) return [];
    const reason = `${m.obs.id} fits ${best.id} best among the mission's incidents of its window`;
    const rivals = best.members.filter((k) => !k.mission && !groupsCompatible([m.desc], [k.desc]));
    const displaced = rivals.length > 0 ? this.displace(best, rivals, m) : [];
    const done = this.move(m, home, best, reason);
    // A displaced claim looks once more for an incident of its own, without displacing in turn.
    for (const r of rivals) done.push(...this.match(r, false));
    return [...displaced, ...done];
  }

  /** Claims `rivals` leave `live` for `m`, which fits it better; each opens an incident alone. */
  private displace(live: LiveIncident, rivals: readonly Member[], m: Member): FusionChange[] {
    const host = this.host;
    host.unindex(live);
    live.setMembers(live.members.filter((k) => !rivals.includes(k)));
    live.refresh(host.triangulation);
    host.index(live);
    return rivals.map((r): FusionChange => {
      const part = host.open(`inc-${r.obs.id}`, [r], live);
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
  private move(m: Member, home: LiveIncident, best: LiveIncident, reason: string): FusionChange[] {
    const host = this.host;
    if (home.members.length === 1) {
      host.unindex(best);
      host.absorb(best, home);
      best.refresh(host.triangulation);
      host.index(best);
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
    host.unindex(home);
    home.setMembers(home.members.filter((k) => k !== m));
    home.refresh(host.triangulation);
    host.index(home);
    host.unindex(best);
    best.addMember(m);
    best.refresh(host.triangulation, m);
    host.index(best);
    host.setHome(m.obs.id, best);
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
  private fit(m: Member, live: LiveIncident, mayDisplace = false): number {
    // Most incidents near a claim are of another hour: a mission member (never a rival) that
    // shares no instant with it, or a span it would stretch too far, rules them out at once.
    for (const k of live.members) {
      if (k.mission && k !== m && !windowsOverlap(k.widened, m.widened)) return Infinity;
    }
    if (!live.spanAllows(m.stated, this.host.maxSpanMs)) return Infinity;
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
    if (!kept.every((k) => windowsOverlap(k.widened, m.widened))) return Infinity;
    if (!regionsMeet(m.gate, live.place.placed)) return Infinity;
    const c = boundingDisc(m.gate);
    if (!c) return Infinity;
    let fit: number;
    if (placedByLoneBearings(live)) {
      const b = others.find((k) => k.bearing)!.bearing!;
      const { distanceM, azimuthDeg: azimuth1Deg } = localInverse(b.observer, c.center);
      const off = Math.abs(Math.sin(((azimuth1Deg - b.azimuthDeg) * Math.PI) / 180)) * distanceM;
      fit = LONE_BEARING_RANK + off / c.radiusM;
    } else {
      const d = localDistance(c.center, live.place.location);
      fit = d / hypot(c.radiusM, live.place.radius90M);
      if (fit > CLAIM_MAX_FIT) return Infinity;
    }
    // Two claims of different weapons cannot be one event: the one that fits better takes it.
    return rivals.every((r) => this.fit(r, live) > fit) ? fit : Infinity;
  }
}

/** Whether the mission placed `live` by bearings that do not cross only: along a wedge. */
function placedByLoneBearings(live: LiveIncident): boolean {
  const mission = live.members.filter((k) => k.mission);
  return !live.fix && mission.length > 0 && mission.every((k) => k.bearing);
}
