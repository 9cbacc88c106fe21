import type Database from 'better-sqlite3';
import type { LedgerEvent } from '../../app/events/event.js';
import type { Applier, StateArea } from './areas/area.js';
import { STATE_AREAS } from './areas/index.js';

/**
 * Applies ledger events to the state tables through the areas' appliers. The live write path and
 * `rebuild()` both go through `apply`, so the state is by construction the fold of the ledger.
 */
export class StateWriter {
  private readonly appliers = new Map<string, Applier>();
  private readonly auditOnly = new Set<string>();

  constructor(
    private readonly db: Database.Database,
    private readonly areas: readonly StateArea[] = STATE_AREAS,
  ) {
    for (const area of areas) {
      for (const [type, fn] of Object.entries(area.appliers(db))) {
        if (this.appliers.has(type)) throw new Error(`two areas apply ledger event type '${type}'`);
        this.appliers.set(type, fn);
      }
      for (const t of area.auditOnly ?? []) this.auditOnly.add(t);
    }
  }

  apply(event: LedgerEvent, index: number): void {
    const fn = this.appliers.get(event.type);
    if (fn) return fn(event, index);
    if (this.auditOnly.has(event.type)) return;
    throw new Error(`no applier for ledger event type '${event.type}' at index ${index}`);
  }

  /** Empties every state table, so a rebuild starts from nothing. */
  clear(): void {
    for (const area of [...this.areas].reverse()) for (const t of area.tables) this.db.prepare(`DELETE FROM ${t}`).run();
  }
}
