/**
 * The sightings a declaration is checked against: the stored observations of heavy equipment
 * and troops (src/domain/declaration/sightings.ts) in a period. Only the mission's own and
 * public reports count: a party's confidential filing is an allegation handled through its
 * incident, and a candidate resting on it would show the declaring party what the other party
 * filed in confidence.
 */
import { sightingsFromObservations, type Sighting } from '../../domain/declaration/index.js';
import type { Observation } from '../../domain/observation/types.js';
import type { Store } from '../../store/port.js';

/** How far before the declaration's date observations still speak to it, days. */
export const SIGHTINGS_LOOKBACK_DAYS = 30;

/** The period whose observations a declaration as of `asOf` is checked against, up to `nowMs`. */
export function sightingPeriod(asOf: string, nowMs: number): { from: string; to: string } {
  const fromMs = Date.parse(`${asOf}T00:00:00Z`) - SIGHTINGS_LOOKBACK_DAYS * 86_400_000;
  return {
    from: new Date(fromMs).toISOString(),
    to: new Date(Math.max(nowMs, fromMs + 1)).toISOString(),
  };
}

/** Sightings in observations whose window overlaps the period, read page by page. */
export async function storedSightings(
  store: Store,
  period: { from: string; to: string },
): Promise<Sighting[]> {
  const observations: Observation[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.queryObservations({
      from: period.from,
      to: period.to,
      events: ['weapon_sighting', 'troop_presence'],
      visibleTo: { party: null, mission: true },
      limit: 1000,
      ...(cursor ? { cursor } : {}),
    });
    for (const s of page.items)
      if (s.observation.visibility !== 'party-confidential') observations.push(s.observation);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return sightingsFromObservations(observations);
}
