/**
 * Fusing observations already stored without fusion (a store filled by an import before fusion
 * was wired in): every stored observation, in ledger order, through a fresh IncidentFuser in
 * batches, each fused as of its receipt time. Refuses a store that already holds incidents, since
 * fusing the same observations twice would record every incident twice.
 */
import type { Agreement } from '../../domain/agreement/index.js';
import { TrucelineError } from '../../domain/errors.js';
import type { Observation } from '../../domain/observation/types.js';
import type { Store } from '../../store/port.js';
import { IncidentFuser, type IncidentFuserOptions } from './fuser.js';

export interface BackfillResult {
  readonly observations: number;
  readonly events: number;
  readonly engineErrors: number;
}

export async function fuseStoredObservations(
  store: Store,
  agreement: Agreement,
  options: IncidentFuserOptions & { batchSize?: number; onProgress?: (done: number) => void } = {},
): Promise<BackfillResult> {
  if (!store.queryIncidents) throw new TrucelineError('VALIDATION', `the ${store.kind} store keeps no incidents yet`);
  const existing = await store.queryIncidents({ limit: 1 });
  if (existing.items.length > 0) {
    throw new TrucelineError('ID_CONFLICT', 'the store already holds incidents: its observations were fused when they were filed');
  }
  const fuser = new IncidentFuser(store, agreement, options);
  const size = options.batchSize ?? 2000;
  let batch: Observation[] = [];
  let at = 0;
  let n = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    await fuser.afterStored(batch, at);
    n += batch.length;
    options.onProgress?.(n);
    batch = [];
  };
  for await (const s of store.streamObservations()) {
    at = Math.max(at, Date.parse(s.receivedAt));
    batch.push(s.observation);
    if (batch.length >= size) await flush();
  }
  await flush();
  return { observations: n, events: fuser.stats.events, engineErrors: fuser.stats.engineErrors };
}
