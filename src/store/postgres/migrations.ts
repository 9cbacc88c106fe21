import type pg from 'pg';
import { checkIdentifier, LOCK_CLASS, lockKey } from './connection.js';

/**
 * Versioned migrations for the PostgreSQL adapter, numbered per area (`core`, `ledger`,
 * `identity`, ...) like the SQLite adapter's, so areas grow independently. Append only: a released
 * migration is never edited; a change is a new version. `schema_migrations` records what has run.
 */
export interface PostgresMigration {
  readonly area: string;
  readonly version: number;
  readonly name: string;
  /** One or more statements, run with the simple query protocol (no parameters). */
  readonly sql: string;
  /**
   * Runs after `sql`, in the same transaction and schema: fills what SQL alone cannot derive from
   * the rows already there (a value read out of the ledger's leaves).
   */
  readonly backfill?: (client: pg.ClientBase) => Promise<void>;
}

/**
 * Creates `schema` if needed and runs every migration not yet recorded there, in list order.
 * All of it happens in one transaction (PostgreSQL's DDL is transactional) under an advisory lock,
 * so processes that start together neither race nor leave a half-migrated schema: the first
 * migrates, the others wait and then find nothing to do. Returns the number of migrations run.
 */
export async function migratePostgres(client: pg.ClientBase, schema: string, migrations: readonly PostgresMigration[]): Promise<number> {
  checkIdentifier(schema, 'schema');
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1, $2)', [LOCK_CLASS.migrations, lockKey(schema)]);
    const applied = await runMigrations(client, schema, migrations);
    await client.query('COMMIT');
    return applied;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

/**
 * The body of `migratePostgres`, in the caller's open transaction: creates `schema` if needed,
 * makes it the transaction's search path and runs what `schema_migrations` lacks. The audit uses
 * it to lay out its scratch schema.
 */
export async function runMigrations(client: pg.ClientBase, schema: string, migrations: readonly PostgresMigration[]): Promise<number> {
  checkIdentifier(schema, 'schema');
  await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  await client.query(`SET LOCAL search_path TO ${schema}`);
  await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
    area TEXT NOT NULL, version INTEGER NOT NULL, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (area, version))`);
  const { rows } = await client.query<{ area: string; version: number }>('SELECT area, version FROM schema_migrations');
  const done = new Set(rows.map((r) => `${r.area}:${r.version}`));
  let applied = 0;
  for (const m of migrations) {
    if (done.has(`${m.area}:${m.version}`)) continue;
    try {
      await client.query(m.sql);
      await m.backfill?.(client);
    } catch (err) {
      throw new Error(`migration ${m.area} v${m.version} (${m.name}) failed: ${(err as Error).message}`, { cause: err });
    }
    await client.query('INSERT INTO schema_migrations (area, version, name) VALUES ($1, $2, $3)', [m.area, m.version, m.name]);
    applied++;
  }
  return applied;
}
