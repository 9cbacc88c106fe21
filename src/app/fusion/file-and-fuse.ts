/**
 * Intake followed by fusion: files a batch exactly as fileObservations does (one transaction for
 * what is stored), then gives the observations stored to the fuser, which records the incident
 * changes in a transaction of its own. Fusion never fails the intake (IncidentFuser.afterStored
 * does not throw), so the results are those of the filing.
 */
import type { Observation } from '../../domain/observation/types.js';
import type { Store } from '../../store/port.js';
import { filePrepared, type FileContext, type FileResult } from '../file-observations.js';
import { prepareObservation, type PreparedItem } from '../intake/prepare.js';
/** What fuses observations just stored: an IncidentFuser, or the fusion duty's hook (follower.ts). */
export interface FuseHook {
  afterStored(observations: readonly Observation[], nowMs: number): Promise<unknown>;
}

export async function fileAndFuse(store: Store, fuser: FuseHook | null, items: readonly unknown[], ctx: FileContext): Promise<FileResult[]> {
  const prepared = items.map((item) => prepareObservation(item, ctx));
  const results = await filePrepared(store, prepared, ctx);
  if (fuser) await fuser.afterStored(storedObservations(prepared, results), ctx.nowMs);
  return results;
}

/** The observations a filing stored, in batch order (what fusion is given). */
export function storedObservations(prepared: readonly PreparedItem[], results: readonly FileResult[]): Observation[] {
  const out: Observation[] = [];
  for (const r of results) {
    const item = prepared[r.index];
    if (r.status === 'stored' && item?.ok) out.push(item.value);
  }
  return out;
}
