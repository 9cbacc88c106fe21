/**
 * Monitoring an agreed window of silence: the incidents whose place and time fall on it
 * (src/domain/notice/silence-breaches.ts), read from the store when asked.
 */
import {
  silenceBreaches,
  type SilenceBreach,
  type SilenceWindow,
} from '../../domain/notice/index.js';
import type { BBox, Store, StoredIncident } from '../../store/port.js';
import { subjectFromIncident } from './match.js';

/** A box around the site wide enough for the radius (a degree of latitude is about 111 km). */
function boxAround(w: SilenceWindow): BBox {
  const dLat = (w.radiusKm * 1.05) / 111;
  const dLon = dLat / Math.max(0.01, Math.cos((w.site[1] * Math.PI) / 180));
  return [w.site[0] - dLon, w.site[1] - dLat, w.site[0] + dLon, w.site[1] + dLat];
}

/** The breaches of an agreed window among the stored incidents (the mission's view: every incident). */
export async function storedSilenceBreaches(
  store: Store,
  w: SilenceWindow,
): Promise<SilenceBreach[]> {
  if (w.status !== 'agreed' || !store.queryIncidents) return [];
  const incidents: StoredIncident[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.queryIncidents({
      bbox: boxAround(w),
      from: w.window.from,
      to: w.window.to,
      limit: 500,
      visibleTo: { party: null, mission: true },
      ...(cursor ? { cursor } : {}),
    });
    incidents.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return silenceBreaches(w, incidents.map(subjectFromIncident));
}
