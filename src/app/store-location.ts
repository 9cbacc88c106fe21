/**
 * Where a mission's store is, as the operations commands (`copy`, `backup`, `restore`, `migrate`)
 * name it: `sqlite:PATH` (a `truceline.db` file, or a data directory holding one) or a
 * postgres:// URL with the schema that holds the store's tables.
 */
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TrucelineError } from '../domain/errors.js';
import { checkIdentifier, isPostgresUrl } from '../store/postgres/connection.js';
import { PostgresStore } from '../store/postgres/store.js';
import { SqliteStore } from '../store/sqlite/store.js';
import type { TransferableStore } from './stored-log-check.js';

export type StoreLocation = { readonly kind: 'sqlite'; readonly file: string } | { readonly kind: 'postgres'; readonly url: string; readonly schema: string };

/** The SQLite file of a data directory. */
export const SQLITE_FILE = 'truceline.db';

/** `sqlite:PATH` or `postgres://...`; `schema` (default `public`) applies to PostgreSQL. */
export function parseStoreLocation(spec: string, schema = 'public'): StoreLocation {
  const text = spec.trim();
  if (isPostgresUrl(text)) return { kind: 'postgres', url: text, schema: checkSchema(schema) };
  const m = /^sqlite:(.+)$/i.exec(text);
  if (!m) throw new TrucelineError('VALIDATION', `'${redact(text)}' names no store: write sqlite:PATH or postgres://HOST/DATABASE`);
  return { kind: 'sqlite', file: sqliteFile(m[1]!) };
}

/** `--database-url` (else DATABASE_URL) when given, else the data directory's SQLite file. */
export function locationFromFlags(opts: { dataDir: string; databaseUrl?: string; schema?: string }): StoreLocation {
  const url = (opts.databaseUrl ?? process.env.DATABASE_URL ?? '').trim();
  if (!url) return { kind: 'sqlite', file: join(opts.dataDir, SQLITE_FILE) };
  if (!isPostgresUrl(url)) throw new TrucelineError('VALIDATION', `the database URL must start with postgres:// or postgresql://; got '${redact(url)}'`);
  return { kind: 'postgres', url, schema: checkSchema(opts.schema ?? 'public') };
}

/** A directory (existing, or written with a trailing slash) means its truceline.db. */
function sqliteFile(path: string): string {
  const full = resolve(path);
  if (/[/\\]$/.test(path) || (existsSync(full) && statSync(full).isDirectory())) return join(full, SQLITE_FILE);
  return full;
}

function checkSchema(schema: string): string {
  try {
    return checkIdentifier(schema, 'schema');
  } catch (err) {
    throw new TrucelineError('VALIDATION', (err as Error).message);
  }
}

/** The URL with any password replaced by `…`, for messages. */
export function redact(url: string): string {
  return url.replace(/(\/\/[^:@/]*):[^@/]*@/, '$1:…@');
}

export function describeLocation(loc: StoreLocation): string {
  return loc.kind === 'sqlite' ? `sqlite:${loc.file}` : `${redact(loc.url)} (schema ${loc.schema})`;
}

/**
 * Opens the store at `loc` (its schema brought up to date, as every open does). With `mustExist`,
 * a SQLite file that is not there is refused instead of created.
 */
export async function openLocation(loc: StoreLocation, opts: { mustExist?: boolean } = {}): Promise<TransferableStore> {
  if (loc.kind === 'sqlite') {
    if (opts.mustExist && !existsSync(loc.file)) throw new TrucelineError('NOT_FOUND', `no mission store at ${loc.file}`);
    try {
      return SqliteStore.open(loc.file);
    } catch (err) {
      throw new TrucelineError('UNAVAILABLE', `cannot open ${describeLocation(loc)}: ${(err as Error).message}`);
    }
  }
  try {
    return await PostgresStore.open(loc.url, { schema: loc.schema, maxConnections: 4 });
  } catch (err) {
    throw new TrucelineError('UNAVAILABLE', `cannot open ${describeLocation(loc)}: ${(err as Error).message}`);
  }
}
