import type Database from 'better-sqlite3';

/**
 * Versioned migrations for the SQLite adapter, numbered per area (`core`, `ledger`, `identity`,
 * ...) so areas grow independently. Append only: a released migration is never edited; a change
 * is a new version. `schema_migrations` records what has run.
 */
export interface Migration {
  readonly area: string;
  readonly version: number;
  readonly name: string;
  readonly sql: string;
  /**
   * Runs after `sql`, in its transaction: fills what SQL alone cannot derive from the rows already
   * there (a value read out of the ledger's leaves).
   */
  readonly backfill?: (db: Database.Database) => void;
}

/** Runs every migration not yet recorded, in list order, each in its own transaction. */
export function migrate(db: Database.Database, migrations: readonly Migration[]): number {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    area TEXT NOT NULL, version INTEGER NOT NULL, name TEXT NOT NULL, applied_at TEXT NOT NULL,
    PRIMARY KEY (area, version))`);
  const done = new Set(
    (db.prepare('SELECT area, version FROM schema_migrations').all() as { area: string; version: number }[]).map((r) => `${r.area}:${r.version}`),
  );
  let applied = 0;
  for (const m of migrations) {
    if (done.has(`${m.area}:${m.version}`)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      m.backfill?.(db);
      db.prepare('INSERT INTO schema_migrations (area, version, name, applied_at) VALUES (?, ?, ?, ?)').run(m.area, m.version, m.name, new Date().toISOString());
    })();
    applied++;
  }
  return applied;
}
