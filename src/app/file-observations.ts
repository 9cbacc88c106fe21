import type { FieldIssue } from '../domain/errors.js';
import type { Observation } from '../domain/observation/types.js';
import type { Store, WriteTx } from '../store/port.js';
import type { LedgerEvent } from './events/event.js';
import { prepareObservation, type PreparedItem } from './intake/prepare.js';

/** `skipped`: not considered, because `stopOnProblem` stopped at an earlier item. */
export type FileStatus = 'stored' | 'duplicate' | 'conflict' | 'rejected' | 'skipped';

export interface FileResult {
  /** Position of the item in the batch (0-based). */
  readonly index: number;
  readonly id: string | null;
  readonly status: FileStatus;
  readonly issues?: readonly FieldIssue[];
  /** Ledger index of the `observation.stored` event, for stored items. */
  readonly ledgerIndex?: number;
}

export interface FileContext {
  /** Who files: `user:<name>`, `device:<id>`, `import:<file>`. */
  readonly actor: string;
  readonly nowMs: number;
  readonly maxClockSkewMs?: number;
  /** Extra facts kept with each stored observation's event (e.g. a gateway's batch signature). */
  readonly provenance?: Readonly<Record<string, unknown>>;
  /** Store nothing after the first rejected or conflicting item; later items are `skipped`. */
  readonly stopOnProblem?: boolean;
  /**
   * Runs first inside the filing's transaction (opened even when no item is valid) and gives the
   * provenance kept in place of `provenance`: what it records commits with the observations or
   * not at all, and when it throws nothing is stored (a gateway batch's acceptance, which spends
   * its nonce).
   */
  readonly opening?: FileOpening;
}

/** See FileContext.opening. */
export type FileOpening = (tx: WriteTx) => Promise<Readonly<Record<string, unknown>>>;

/**
 * Files a batch of observations. Every item is validated and answered on its own (stored,
 * duplicate, conflict, rejected with field issues); all items that are stored commit together in
 * one transaction with their ledger events, so an answer is only given for what is durable.
 * The same id with the same body is a duplicate (a no-op); a different body under a known id is a
 * conflict and stores nothing. Within one batch, a repeated id is judged against the first.
 */
export async function fileObservations(store: Store, items: readonly unknown[], ctx: FileContext): Promise<FileResult[]> {
  return filePrepared(store, items.map((item) => prepareObservation(item, ctx)), ctx);
}

/** fileObservations for items already prepared (validated and normalised, perhaps on another thread). */
export async function filePrepared(store: Store, items: readonly PreparedItem[], ctx: FileContext): Promise<FileResult[]> {
  const results: FileResult[] = new Array(items.length);
  const valid: { index: number; value: Observation; digest: string }[] = [];
  items.forEach((item, index) => {
    if (item.ok) valid.push({ index, value: item.value, digest: item.digest });
    else results[index] = { index, id: item.id, status: 'rejected', issues: item.issues };
  });
  if (ctx.stopOnProblem) {
    const firstRejected = results.findIndex((r) => r !== undefined);
    if (firstRejected >= 0) {
      for (let i = firstRejected + 1; i < items.length; i++) {
        const item = items[i]!;
        results[i] = { index: i, id: item.ok ? item.value.id : item.id, status: 'skipped' };
      }
      while (valid.length > 0 && valid[valid.length - 1]!.index > firstRejected) valid.pop();
    }
  }
  if (valid.length === 0 && !ctx.opening) return results;

  const receivedAt = new Date(ctx.nowMs).toISOString();
  await store.write(async (tx) => {
    const provenance = ctx.opening ? await ctx.opening(tx) : ctx.provenance;
    const seen = new Map<string, string>();
    const toRecord: { index: number; id: string; event: LedgerEvent; confidential: boolean }[] = [];
    let stopped = false;
    for (const { index, value, digest } of valid) {
      if (stopped) {
        results[index] = { index, id: value.id, status: 'skipped' };
        continue;
      }
      const known = seen.get(value.id) ?? (await tx.observationDigest(value.id));
      if (known === null) {
        seen.set(value.id, digest);
        const data: Record<string, unknown> = { observation: value, digest, receivedAt };
        if (provenance) data.provenance = provenance;
        toRecord.push({
          index,
          id: value.id,
          event: { v: 1, type: 'observation.stored', at: receivedAt, actor: ctx.actor, data },
          confidential: value.visibility === 'party-confidential',
        });
      } else {
        results[index] = known === digest
          ? { index, id: value.id, status: 'duplicate' }
          : { index, id: value.id, status: 'conflict', issues: [{ path: 'id', reason: `observation '${value.id}' is already stored with a different body` }] };
        if (ctx.stopOnProblem && known !== digest) stopped = true;
      }
    }
    if (toRecord.length === 0) return;
    const { firstIndex } = await tx.record(toRecord.map((r) => ({ event: r.event, confidential: r.confidential })));
    toRecord.forEach((r, k) => {
      results[r.index] = { index: r.index, id: r.id, status: 'stored', ledgerIndex: firstIndex + k };
    });
  });
  return results;
}
