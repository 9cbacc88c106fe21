/**
 * What `truceline migrate --status` reads of a SQLite store without changing it: the migrations
 * the adapter has (in the order SqliteStore.open runs them) and the rows of `schema_migrations`.
 */
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { STATE_AREAS } from './areas/index.js';
import { DUTY_LEASE_MIGRATION } from './duty-leases.js';
import { LEDGER_SQLITE_SCHEMA } from './ledger-tiles.js';
import type { Migration } from './migrations.js';

export interface AppliedMigration {
  readonly area: string;
  readonly version: number;
  readonly name: string;
  /** ISO 8601. */
  readonly appliedAt: string;
}

/** Every migration of the adapter, in the order SqliteStore.open runs them: the ledger's, each state area's, the duty leases'. */
export const SQLITE_MIGRATIONS: readonly Migration[] = [
  { area: 'ledger', version: 1, name: 'entries and tiles', sql: LEDGER_SQLITE_SCHEMA },
  ...STATE_AREAS.flatMap((a) => a.migrations),
  DUTY_LEASE_MIGRATION,
];

/** The applied migrations of the SQLite file, oldest first; null when there is no such file. */
export function readSqliteMigrations(file: string): AppliedMigration[] | null {
  if (!existsSync(file)) return null;
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
    if (!table) return [];
    const rows = db.prepare('SELECT area, version, name, applied_at FROM schema_migrations ORDER BY applied_at, area, version').all() as {
      area: string;
      version: number;
      name: string;
      applied_at: string;
    }[];
    return rows.map((r) => ({ area: r.area, version: r.version, name: r.name, appliedAt: r.applied_at }));
  } finally {
    db.close();
  }
}
