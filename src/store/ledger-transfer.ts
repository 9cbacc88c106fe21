/**
 * Moving a mission's log between stores byte for byte (`truceline copy`): its entries as stored
 * (so the same leaves, the same tree, the same root), the content and salt kept for each sealed
 * leaf, and the documents events refer to. Each adapter offers this through
 * `ledgerTransfer()` (sqlite/ledger-import.ts, postgres/ledger-import.ts). It is not part of the
 * store port: nothing but the copy should ever append a leaf that was not recorded through
 * `tx.record`, and the state tables are rebuilt from the imported log afterwards.
 */

/** One ledger entry as stored, with what a sealed leaf keeps beside it. */
export interface TransferEntry {
  readonly index: number;
  /** The leaf bytes exactly as the source holds them. */
  readonly leaf: Uint8Array;
  /** The operator's timestamp kept beside the entry (not part of the leaf), or null. */
  readonly createdAt: string | null;
  /** For a sealed leaf: its salt and the event's canonical JSON; else null. */
  readonly sealed: { readonly salt: Uint8Array; readonly content: string } | null;
}

/** A kept document (an agreement, a report model), named by the SHA-256 hex of its bytes. */
export interface TransferDocument {
  readonly sha256: string;
  readonly mediaType: string;
  readonly body: Uint8Array;
}

export interface LedgerTransfer {
  /** Ledger event types the target's appliers know (or record for audit only). */
  readonly eventTypes: ReadonlySet<string>;
  /** Entries [start, end) in index order, each with its kept seal; fewer when the log is shorter. */
  exportEntries(start: number, end: number): Promise<TransferEntry[]>;
  /**
   * Appends entries (indexes consecutive, the first equal to the log's size) with their kept
   * seals, in one transaction, without applying them: the caller rebuilds the state afterwards.
   * Returns the log's size after the append.
   */
  importEntries(batch: readonly TransferEntry[]): Promise<number>;
  /** Up to `limit` documents whose digest sorts after `after` (null: from the first), in digest order. */
  exportDocuments(after: string | null, limit: number): Promise<TransferDocument[]>;
  /** Number of kept documents. */
  countDocuments(): Promise<number>;
}

/** Throws unless `batch` continues a log of `size` entries with consecutive indexes. */
export function checkContinues(batch: readonly TransferEntry[], size: number): void {
  batch.forEach((e, i) => {
    if (e.index !== size + i) throw new Error(`ledger import: entry ${e.index} given where the log expects entry ${size + i}`);
  });
}

/** Consecutive runs of entries sharing one `createdAt`, so each run appends with its own timestamp. */
export function runsByCreatedAt(batch: readonly TransferEntry[]): TransferEntry[][] {
  const runs: TransferEntry[][] = [];
  for (const e of batch) {
    const last = runs[runs.length - 1];
    if (last && last[0]!.createdAt === e.createdAt) last.push(e);
    else runs.push([e]);
  }
  return runs;
}
