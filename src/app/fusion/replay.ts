/**
 * What a restarted fuser replays from the store (IncidentFuser.warm and recover): the stored
 * observations, and the recorded incidents, of the last window. The last window is the one
 * before the wall clock and, when the data stored last are older (an import of last month's
 * file, stopped and run again), first the one before their own clock, so the rest of such a file
 * joins the incidents it belongs to instead of opening them twice.
 */
import { DEFAULT_MAX_SPAN_MS, statedWindowMs } from '../../domain/fusion/index.js';
import type { Page, Store, StoredIncident, StoredObservation } from '../../store/port.js';

/** How far before the window's start a member of a live incident can begin: two spans. */
const MARGIN_MS = 2 * DEFAULT_MAX_SPAN_MS;
const PAGE = 5000;
/** How many of the last committed observations tell the data clock of what was stored last. */
const STORED_CLOCK_ROWS = 1000;

/** A span of stated time to replay: ISO instants, as the store's queries take them. */
export interface ReplayWindow {
  readonly from: string;
  readonly to?: string;
}

/** The windows to replay for a fuser of window `windowMs` started at `nowMs`, oldest first. */
export async function replayWindows(
  store: Store,
  nowMs: number,
  windowMs: number,
): Promise<ReplayWindow[]> {
  const span = windowMs + MARGIN_MS;
  const iso = (ms: number) => new Date(ms).toISOString();
  const stored = await storedClock(store);
  const windows: ReplayWindow[] = [{ from: iso(nowMs - span) }];
  if (stored !== null && stored < nowMs - span)
    windows.unshift({ from: iso(stored - span), to: iso(stored) });
  return windows;
}

/** The stored observations of the windows, each once, in commit order within each window. */
export function replayObservations(
  store: Store,
  windows: readonly ReplayWindow[],
): AsyncGenerator<StoredObservation> {
  return pagesOf(
    windows,
    (q) => store.queryObservations(q),
    (s) => s.observation.id,
  );
}

/** The recorded incidents of the windows, each once (none when the store keeps no incidents). */
export function replayIncidents(
  store: Store,
  windows: readonly ReplayWindow[],
): AsyncGenerator<StoredIncident> {
  const query = store.queryIncidents?.bind(store);
  return pagesOf(
    query ? windows : [],
    (q) => query!(q),
    (s) => s.incident.id,
  );
}

async function* pagesOf<T>(
  windows: readonly ReplayWindow[],
  query: (q: ReplayWindow & { limit: number; cursor?: string }) => Promise<Page<T>>,
  idOf: (item: T) => string,
): AsyncGenerator<T> {
  const seen = new Set<string>();
  for (const w of windows) {
    let cursor: string | undefined;
    do {
      const page = await query({ ...w, limit: PAGE, ...(cursor ? { cursor } : {}) });
      for (const item of page.items) {
        const id = idOf(item);
        if (seen.has(id)) continue;
        seen.add(id);
        yield item;
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }
}

/**
 * The data clock of what was stored last: the latest stated end (capped by its receipt, as the
 * fuser caps its clock) among the last STORED_CLOCK_ROWS observations committed; null when none
 * are, or the store cannot list them in commit order.
 */
async function storedClock(store: Store): Promise<number | null> {
  if (!store.lastObservationRid || !store.observationsAfter) return null;
  const last = await store.lastObservationRid();
  if (last === 0) return null;
  const rows = await store.observationsAfter(
    Math.max(0, last - STORED_CLOCK_ROWS),
    STORED_CLOCK_ROWS,
  );
  let clock: number | null = null;
  for (const r of rows) {
    const end = Math.min(statedWindowMs(r.observation).toMs, Date.parse(r.receivedAt));
    if (clock === null || end > clock) clock = end;
  }
  return clock;
}
