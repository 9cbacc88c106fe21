/**
 * Reading the log back as events, for `rebuild()` and `auditState()`: entries in index order, in
 * batches (the log never sits in memory whole), each with the content kept for a sealed leaf.
 */
import { commitmentOf, decodeLeaf, type LedgerEvent, type SealedLeaf } from '../../app/events/event.js';
import { checkIdentifier, type Queryable } from './connection.js';

export interface LoggedEntry {
  readonly index: number;
  /** The decoded leaf, or null when the log has no entry at this index (a gap). */
  readonly leaf: LedgerEvent | SealedLeaf | null;
  /** The content and salt kept for a sealed leaf, or null. */
  readonly kept: { readonly salt: Buffer; readonly content: string } | null;
}

const BATCH = 1000;

/** Number of entries the log claims: the highest index plus one. */
export async function logSize(db: Queryable, schema: string): Promise<number> {
  checkIdentifier(schema, 'schema');
  const { rows } = await db.query<{ size: number }>(`SELECT COALESCE(MAX(idx) + 1, 0) AS size FROM ${schema}.ledger_entries`);
  return rows[0]!.size;
}

/** Entries 0 .. total-1 of the log in `schema`, a batch of 1,000 per query; gaps come as null leaves. */
export async function* readLog(db: Queryable, schema: string, total: number): AsyncGenerator<LoggedEntry> {
  checkIdentifier(schema, 'schema');
  for (let start = 0; start < total; start += BATCH) {
    const end = Math.min(total, start + BATCH);
    const [entries, sealed] = await Promise.all([
      db.query<{ idx: number; leaf: Buffer }>(`SELECT idx, leaf FROM ${schema}.ledger_entries WHERE idx >= $1 AND idx < $2 ORDER BY idx`, [start, end]),
      db.query<{ idx: number; salt: Buffer; content: string }>(`SELECT idx, salt, content FROM ${schema}.sealed_events WHERE idx >= $1 AND idx < $2`, [start, end]),
    ]);
    const leaves = new Map(entries.rows.map((r) => [r.idx, r.leaf]));
    const kept = new Map(sealed.rows.map((r) => [r.idx, { salt: r.salt, content: r.content }]));
    for (let index = start; index < end; index++) {
      const leaf = leaves.get(index);
      yield { index, leaf: leaf ? decodeLeaf(leaf) : null, kept: kept.get(index) ?? null };
    }
  }
}

/** The event behind a sealed leaf, checked against its commitment; throws when it does not match. */
export function unseal(index: number, leaf: SealedLeaf, kept: LoggedEntry['kept']): LedgerEvent {
  if (!kept) throw new Error(`sealed ledger entry ${index} has no kept content`);
  const event = JSON.parse(kept.content) as LedgerEvent;
  if (commitmentOf(event, kept.salt) !== leaf.commitment) {
    throw new Error(`sealed ledger entry ${index}: kept content does not match its commitment`);
  }
  return event;
}
