/**
 * What `truceline migrate --status` reads of a PostgreSQL store without changing it: the rows of
 * the schema's `schema_migrations` (none when the schema or the table does not exist yet).
 */
import pg from 'pg';
import type { AppliedMigration } from '../sqlite/migration-status.js';
import { checkIdentifier } from './connection.js';

export async function readPostgresMigrations(url: string, schema: string): Promise<AppliedMigration[]> {
  checkIdentifier(schema, 'schema');
  const client = new pg.Client({ connectionString: url, application_name: 'truceline' });
  await client.connect();
  try {
    const { rows: found } = await client.query<{ t: string | null }>('SELECT to_regclass($1)::text AS t', [`${schema}.schema_migrations`]);
    if (!found[0]?.t) return [];
    const { rows } = await client.query<{ area: string; version: number; name: string; applied_at: Date }>(
      `SELECT area, version, name, applied_at FROM ${schema}.schema_migrations ORDER BY applied_at, area, version`,
    );
    return rows.map((r) => ({ area: r.area, version: r.version, name: r.name, appliedAt: r.applied_at.toISOString() }));
  } finally {
    await client.end();
  }
}
