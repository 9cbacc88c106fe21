/**
 * Where the engine finds its live incidents: the mission's by when their event can have happened
 * (ten-minute slots of the instants every mission member allows: most incidents near a report are
 * of another hour), then by their bounds; and every incident by when it leaves the recent window
 * (a queue, lazily pruned: see EvictionQueue). Only reports and claims look incidents up, and
 * both look for mission incidents of their own time.
 */
import { EvictionQueue, type Due } from './eviction-queue.js';
import type { LiveIncident } from './live-incident.js';
import type { BBox } from './region.js';
import { windowsOverlap, type MsWindow } from './time.js';

/** Width of a time slot, ms. */
const SLOT_MS = 600_000;
/** An incident whose instants span more slots than this is kept apart and checked on every query. */
const MAX_SLOTS = 36;

export class LiveIndex {
  private readonly due = new EvictionQueue<LiveIncident>();
  /** Mission incidents by the slots their mission members' common window covers. */
  private readonly bySlot = new Map<number, LiveIncident[]>();
  /** Mission incidents whose mission members' common window covers more than MAX_SLOTS. */
  private readonly wide = new Set<LiveIncident>();
  /** The slots each mission incident was indexed under (its `missionCommon` then). */
  private readonly slots = new Map<LiveIncident, { readonly lo: number; readonly hi: number }>();

  /** Indexes `live` by its current bounds and time, and queues it to leave at `live.hiMs`. */
  index(live: LiveIncident): void {
    this.insert(live);
    this.due.push({ atMs: live.hiMs, order: live.seq, item: live });
  }

  /**
   * Indexes `live` by time, a mission incident only (not queued again: see `index`). Its bounds
   * and windows are read at each query: they are the caller's to keep within its `missionCommon`
   * of when it was indexed (remove it, change it, insert it again).
   */
  insert(live: LiveIncident): void {
    if (!live.byMission) return;
    const lo = Math.floor(live.missionCommon.fromMs / SLOT_MS);
    const hi = Math.floor(live.missionCommon.toMs / SLOT_MS);
    this.slots.set(live, { lo, hi });
    if (!(hi - lo <= MAX_SLOTS)) {
      this.wide.add(live);
      return;
    }
    for (let s = lo; s <= hi; s++) {
      const list = this.bySlot.get(s);
      if (list) list.push(live);
      else this.bySlot.set(s, [live]);
    }
  }

  /** Drops `live` from the time index (a no-op when it is not in it). */
  remove(live: LiveIncident): void {
    const at = this.slots.get(live);
    if (!at) return;
    this.slots.delete(live);
    if (!(at.hi - at.lo <= MAX_SLOTS)) {
      this.wide.delete(live);
      return;
    }
    for (let s = at.lo; s <= at.hi; s++) {
      const list = this.bySlot.get(s)!;
      if (list.length === 1) this.bySlot.delete(s);
      else list.splice(list.indexOf(live), 1);
    }
  }

  /**
   * The mission's incidents whose bounds meet `bbox` and whose common window meets `window`, in
   * opening order: those a report of that place and time can link to.
   */
  linkable(bbox: BBox, window: MsWindow): LiveIncident[] {
    return this.search(bbox, window, (live) => live.common);
  }

  /**
   * The mission's incidents whose bounds meet `bbox` and whose mission members' common window
   * meets `window`, in opening order: those a claim of that place and time can be matched to
   * (every mission member sharing an instant with it: claims.ts fit).
   */
  claimable(bbox: BBox, window: MsWindow): LiveIncident[] {
    return this.search(bbox, window, (live) => live.missionCommon);
  }

  /**
   * The indexed incidents whose bounds meet `bbox` and whose `instants` meet `window`, in opening
   * order. `instants` lies within the `missionCommon` each was indexed by (`common` does: it
   * holds the claims' windows too), so the slots `window` covers hold every one.
   */
  private search(
    bbox: BBox,
    window: MsWindow,
    instants: (live: LiveIncident) => MsWindow,
  ): LiveIncident[] {
    const out: LiveIncident[] = [];
    const lo = Math.floor(window.fromMs / SLOT_MS);
    const hi = Math.floor(window.toMs / SLOT_MS);
    const take = (live: LiveIncident): void => {
      if (meets(bbox, live) && windowsOverlap(window, instants(live))) out.push(live);
    };
    if (hi - lo <= MAX_SLOTS) {
      for (let s = lo; s <= hi; s++) {
        const list = this.bySlot.get(s);
        if (!list) continue;
        for (const live of list) {
          // Listed under every slot it covers: taken at the first one the query covers.
          if (s === lo || this.slots.get(live)!.lo === s) take(live);
        }
      }
      for (const live of this.wide) take(live);
    } else {
      // A window of more than six hours (an open-source claim's, say): every indexed incident,
      // each once.
      for (const live of this.slots.keys()) take(live);
    }
    return out.sort((a, b) => a.seq - b.seq);
  }

  /** The earliest queued entry due strictly before `cutoffMs`, removed; undefined when none is. */
  popBefore(cutoffMs: number): Due<LiveIncident> | undefined {
    return this.due.popBefore(cutoffMs);
  }
}

/** Whether bounds `b` meet `a` (edges touching count). */
function meets(a: BBox, b: BBox): boolean {
  return b.minX <= a.maxX && b.minY <= a.maxY && b.maxX >= a.minX && b.maxY >= a.minY;
}
