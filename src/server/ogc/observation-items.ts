/**
 * Pages of the `observations` collection: the store's query narrowed to exactly what OGC API –
 * Features asks for.
 *
 * The store indexes each observation by the box around its whole region; a feature's geometry
 * here is its representative point (observationPoint, as /api/v1/observations serves it), and
 * `bbox` selects features whose geometry intersects the box (OGC 17-069r4 §7.15.3). So the store
 * is asked with the box (both halves' latitude band for a box across the antimeridian) and the
 * answer is filtered to the points in it, page after store page, until the page is full. The
 * `next` cursor is the store's cursor after the last row examined, so no row is skipped or
 * repeated across pages. A page may come back short with a `next` link when the rows examined in
 * one request reach MAX_SCAN; the spec allows that.
 */
import { TrucelineError } from '../../domain/errors.js';
import { observationPoint } from '../../domain/observation/place.js';
import { observedWindow } from '../../domain/observation/types.js';
import { observationRecord } from '../../app/formats/record.js';
import type { ObservationQuery, Store, StoredObservation } from '../../store/port.js';
import { bboxContains, intervalOverlaps, type QueryBbox, type QueryInterval } from './params.js';

/** Rows a single request examines at most before answering with what it has and a next link. */
export const MAX_SCAN = 50_000;

export interface ObservationItemsQuery {
  readonly bbox?: QueryBbox;
  readonly interval?: QueryInterval;
  readonly limit: number;
  readonly cursor?: string;
  readonly visibleTo: NonNullable<ObservationQuery['visibleTo']>;
}

export interface ObservationFeature {
  readonly type: 'Feature';
  readonly id: string;
  readonly geometry: { readonly type: 'Point'; readonly coordinates: readonly [number, number] };
  readonly properties: Record<string, unknown>;
}

/**
 * One observation as a feature: the representative point, and the flat columns of the CSV export
 * (src/app/formats/record.ts) as properties, so a GeoPackage or shapefile gets plain fields.
 */
export function observationFeature(s: StoredObservation): ObservationFeature {
  const [lon, lat] = observationPoint(s.observation);
  return {
    type: 'Feature',
    id: s.observation.id,
    geometry: { type: 'Point', coordinates: [lon, lat] },
    properties: { ...observationRecord(s.observation), received_at: s.receivedAt, ledger_index: s.ledgerIndex },
  };
}

function matches(s: StoredObservation, q: ObservationItemsQuery): boolean {
  if (q.bbox) {
    const [lon, lat] = observationPoint(s.observation);
    if (!bboxContains(q.bbox, lon, lat)) return false;
  }
  if (q.interval) {
    const w = observedWindow(s.observation);
    if (!intervalOverlaps(q.interval, Date.parse(w.from), Date.parse(w.to))) return false;
  }
  return true;
}

export async function observationItems(store: Store, q: ObservationItemsQuery): Promise<{ items: StoredObservation[]; nextCursor: string | null }> {
  const b = q.bbox;
  const storeBbox = b ? ([b.west <= b.east ? b.west : -180, b.south, b.west <= b.east ? b.east : 180, b.north] as const) : undefined;
  const from = q.interval?.fromMs != null ? new Date(q.interval.fromMs).toISOString() : undefined;
  const to = q.interval?.toMs != null ? new Date(q.interval.toMs).toISOString() : undefined;
  const items: StoredObservation[] = [];
  let cursor = q.cursor;
  let scanned = 0;
  for (;;) {
    let page;
    try {
      page = await store.queryObservations({ bbox: storeBbox, from, to, visibleTo: q.visibleTo, cursor, limit: q.limit - items.length });
    } catch (err) {
      if (cursor !== undefined && cursor === q.cursor && err instanceof Error && /cursor/.test(err.message)) {
        throw new TrucelineError('VALIDATION', err.message, [{ path: 'query.cursor', reason: 'not a cursor this server issued' }]);
      }
      throw err;
    }
    scanned += page.items.length;
    for (const s of page.items) if (matches(s, q)) items.push(s);
    const next = page.nextCursor;
    if (next === null) return { items, nextCursor: null };
    cursor = next;
    if (items.length >= q.limit || scanned >= MAX_SCAN) return { items, nextCursor: next };
  }
}
