/**
 * Where the engine finds its live incidents: by their bounds (an R-tree), by when their event can
 * have happened (ten-minute slots of the instants every member allows, for the mission's
 * incidents: most incidents near a report are of another hour), and by when they leave the
 * recent window (a queue, lazily pruned: see EvictionQueue).
 */
import RBush from 'rbush';
import { EvictionQueue, type Due } from './eviction-queue.js';
import type { LiveIncident } from './live-incident.js';
import type { BBox } from './region.js';
import { windowsOverlap, type MsWindow } from './time.js';

/** Width of a time slot, ms. */
const SLOT_MS = 600_000;
/** An incident whose instants span more slots than this is kept apart and checked on every query. */
const MAX_SLOTS = 36;

export class LiveIndex {
  private readonly tree = new RBush<LiveIncident>();
  private readonly due = new EvictionQueue<LiveIncident>();
  /** Mission incidents by the slots their common window covers. */
  private readonly bySlot = new Map<number, LiveIncident[]>();
  /** Mission incidents whose common window covers more than MAX_SLOTS. */
  private readonly wide = new Set<LiveIncident>();
  /** The slots each mission incident was indexed under (its common window then). */
  private readonly slots = new Map<LiveIncident, { readonly lo: number; readonly hi: number }>();

  /** Indexes `live` by its current bounds and time, and queues it to leave at `live.hiMs`. */
  index(live: LiveIncident): void {
    this.insert(live);
    this.due.push({ atMs: live.hiMs, order: live.seq, item: live });
  }

  /** Indexes `live` by its bounds and time (not queued again: see `index`). */
  insert(live: LiveIncident): void {
    this.tree.insert(live);
    if (!live.byMission) return;
    const lo = Math.floor(live.common.fromMs / SLOT_MS);
    const hi = Math.floor(live.common.toMs / SLOT_MS);
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

  /** Drops `live` from the bounds and time indexes (a no-op when it is not in them). */
  remove(live: LiveIncident): void {
    this.tree.remove(live);
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

  /** Live incidents whose bounds meet `bbox`, in the R-tree's order. */
  near(bbox: BBox): LiveIncident[] {
    return this.tree.search(bbox);
  }

  /**
   * The mission's incidents whose bounds meet `bbox` and whose common window meets `window`, in
   * opening order: those `near` gives that the mission placed and that share an instant with it.
   */
  linkable(bbox: BBox, window: MsWindow): LiveIncident[] {
    const out: LiveIncident[] = [];
    const lo = Math.floor(window.fromMs / SLOT_MS);
    const hi = Math.floor(window.toMs / SLOT_MS);
    const take = (live: LiveIncident): void => {
      if (meets(bbox, live) && windowsOverlap(window, live.common)) out.push(live);
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
    } else {
      for (const list of this.bySlot.values()) for (const live of list) take(live);
      // Listed under several slots: each taken once.
      out.splice(0, out.length, ...new Set(out));
    }
    for (const live of this.wide) take(live);
    return out.sort((a, b) => a.seq - b.seq);
  }

  /** The earliest queued entry due strictly before `cutoffMs`, removed; undefined when none is. */
  popBefore(cutoffMs: number): Due<LiveIncident> | undefined {
    return this.due.popBefore(cutoffMs);
  }
}

/** Whether bounds `b` meet `a` (as the R-tree decides it). */
function meets(a: BBox, b: BBox): boolean {
  return b.minX <= a.maxX && b.minY <= a.maxY && b.maxX >= a.minX && b.maxY >= a.minY;
}
