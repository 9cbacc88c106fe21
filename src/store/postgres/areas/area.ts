import type { LedgerEvent } from '../../../app/events/event.js';
import type { Queryable } from '../connection.js';
import type { PostgresMigration } from '../migrations.js';

/** Applies one ledger event to the state tables (`index` is its ledger index). */
export type Applier = (event: LedgerEvent, index: number) => Promise<void>;

/**
 * One area of state, the PostgreSQL twin of src/store/sqlite/areas/area.ts: its migrations, the
 * state tables it owns, and the appliers of the ledger event types that change them. The appliers
 * are the only code that writes state tables.
 */
export interface PostgresStateArea {
  readonly name: string;
  readonly migrations: readonly PostgresMigration[];
  /** State tables, emptied by a rebuild (child tables first). */
  readonly tables: readonly string[];
  /**
   * The SQL expression (of type text) each state table is ordered and matched by when the state
   * is audited against the log; a table with a `ledger_idx` column also names the ledger entry.
   */
  readonly keys: Readonly<Record<string, string>>;
  /** Event types recorded for audit that change no state table. */
  readonly auditOnly?: readonly string[];
  /** Appliers that run their SQL on `db` (the write transaction's client). */
  appliers(db: Queryable): Readonly<Record<string, Applier>>;
}
