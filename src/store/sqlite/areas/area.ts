import type Database from 'better-sqlite3';
import type { LedgerEvent } from '../../../app/events/event.js';
import type { Migration } from '../migrations.js';

/** Applies one ledger event to the state tables (`index` is its ledger index). */
export type Applier = (event: LedgerEvent, index: number) => void;

/**
 * One area of state (observations, identity, incidents, ...): its migrations, the state tables
 * it owns, and the appliers of the ledger event types that change them. The appliers are the
 * only code that writes state tables (test/ledger-coverage.test.ts holds every other file to it).
 */
export interface StateArea {
  readonly name: string;
  readonly migrations: readonly Migration[];
  /** State tables, emptied by a rebuild (child tables first). */
  readonly tables: readonly string[];
  /**
   * The column each state table is ordered and matched by when the state is audited against the
   * log (store.auditState); a table with a `ledger_idx` column also names the ledger entry.
   */
  readonly keys: Readonly<Record<string, string>>;
  /** Event types recorded for audit that change no state table. */
  readonly auditOnly?: readonly string[];
  appliers(db: Database.Database): Readonly<Record<string, Applier>>;
}
