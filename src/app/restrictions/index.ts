/**
 * Restrictions of the monitors' freedom of movement, counted from the stored observations
 * (src/domain/movement): the observations of `event: "restriction"` the caller may see, whose
 * window overlaps the period, counted by when they began.
 */
import { countRestrictions, type RestrictionCounts } from '../../domain/movement/index.js';
import type { Observation } from '../../domain/observation/types.js';
import type { ObservationQuery, Store } from '../../store/port.js';

export async function summariseRestrictions(
  store: Store,
  period: { from: string; to: string },
  visibleTo: NonNullable<ObservationQuery['visibleTo']>,
): Promise<RestrictionCounts> {
  // Checks the period before reading anything.
  countRestrictions([], period);
  const observations: Observation[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.queryObservations({
      from: period.from,
      to: period.to,
      events: ['restriction'],
      visibleTo,
      limit: 1000,
      ...(cursor ? { cursor } : {}),
    });
    for (const s of page.items) observations.push(s.observation);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return countRestrictions(observations, period);
}
