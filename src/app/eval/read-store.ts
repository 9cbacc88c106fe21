/** Reading what evaluation needs from a store: every observation, every incident (mission view). */
import type { Observation } from '../../domain/observation/types.js';
import type { Store } from '../../store/port.js';
import { toEvalIncident, type EvalIncident } from './incidents.js';

export async function readObservations(store: Store): Promise<Map<string, Observation>> {
  const out = new Map<string, Observation>();
  for await (const s of store.streamObservations()) out.set(s.observation.id, s.observation);
  return out;
}

/** Every incident in the store; none when the store's adapter keeps no incidents. */
export async function readIncidents(store: Store): Promise<EvalIncident[]> {
  if (!store.queryIncidents) return [];
  const out: EvalIncident[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.queryIncidents({ limit: 5000, ...(cursor ? { cursor } : {}) });
    for (const s of page.items) out.push(toEvalIncident(s));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}
