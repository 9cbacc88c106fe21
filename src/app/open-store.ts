import { join } from 'node:path';
import type { Store } from '../store/port.js';
import { isPostgresUrl } from '../store/postgres/connection.js';
import { PostgresStore, type PostgresStoreOptions } from '../store/postgres/store.js';
import { SqliteStore, type SqliteStoreOptions } from '../store/sqlite/store.js';

/**
 * Opens a mission's store: PostgreSQL when `databaseUrl` (DATABASE_URL) is a postgres:// or
 * postgresql:// URL, else the embedded SQLite file `truceline.db` in `dataDir`. An empty
 * `databaseUrl` counts as none; any other scheme is refused rather than silently ignored.
 *
 * @example
 *   const store = await openStore({ dataDir, databaseUrl: process.env.DATABASE_URL });
 */
export async function openStore(
  where: { dataDir: string; databaseUrl?: string },
  options: SqliteStoreOptions & PostgresStoreOptions = {},
): Promise<Store> {
  const url = where.databaseUrl?.trim();
  if (!url) return SqliteStore.open(join(where.dataDir, 'truceline.db'), options);
  if (isPostgresUrl(url)) return PostgresStore.open(url, options);
  throw new Error(`DATABASE_URL must start with postgres:// or postgresql://; got '${url.replace(/\/\/[^@/]*@/, '//…@')}'`);
}
