import type { LedgerEvent } from '../../app/events/event.js';
import type { Queryable } from './connection.js';
import type { Applier, PostgresStateArea } from './areas/area.js';
import { POSTGRES_STATE_AREAS } from './areas/index.js';

/**
 * Applies ledger events to the state tables through the areas' appliers, on one connection (the
 * write transaction's client, or the audit's scratch schema). The live write path and `rebuild()`
 * both go through `apply`, so the state is by construction the fold of the ledger.
 */
export class PostgresStateWriter {
  private readonly appliers = new Map<string, Applier>();
  private readonly auditOnly = new Set<string>();

  constructor(
    private readonly db: Queryable,
    private readonly areas: readonly PostgresStateArea[] = POSTGRES_STATE_AREAS,
  ) {
    for (const area of areas) {
      for (const [type, fn] of Object.entries(area.appliers(db))) {
        if (this.appliers.has(type)) throw new Error(`two areas apply ledger event type '${type}'`);
        this.appliers.set(type, fn);
      }
      for (const t of area.auditOnly ?? []) this.auditOnly.add(t);
    }
  }

  /** Whether an event of this type can be applied (or is recorded for audit only). */
  knows(type: string): boolean {
    return this.appliers.has(type) || this.auditOnly.has(type);
  }

  async apply(event: LedgerEvent, index: number): Promise<void> {
    const fn = this.appliers.get(event.type);
    if (fn) return fn(event, index);
    if (this.auditOnly.has(event.type)) return;
    throw new Error(`no applier for ledger event type '${event.type}' at index ${index}`);
  }

  /** Empties every state table, so a rebuild starts from nothing (children first). */
  async clear(): Promise<void> {
    // DELETE rather than TRUNCATE: readers keep seeing the old state until the rebuild commits,
    // instead of waiting on TRUNCATE's exclusive lock.
    for (const area of [...this.areas].reverse()) for (const t of area.tables) await this.db.query(`DELETE FROM ${t}`);
  }
}
