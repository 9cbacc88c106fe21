/**
 * Connections of the PostgreSQL adapter: one pg Pool per store, every connection bound to the
 * store's schema through its `search_path`, so the adapter's SQL names tables without a schema and
 * the same SQL serves the live schema and the audit's scratch schema.
 */
import { createHash } from 'node:crypto';
import pg from 'pg';

/** What the adapter's queries need: a pool (one statement per connection) or a checked-out client. */
export interface Queryable {
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string | pg.QueryConfig, values?: unknown[]): Promise<pg.QueryResult<R>>;
}

/** An unquoted PostgreSQL identifier we create ourselves: lower case, at most 63 bytes. */
const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/** Throws unless `name` is a plain identifier (schemas cannot be bound as query parameters). */
export function checkIdentifier(name: string, what: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`${what} '${name}' must match ${IDENTIFIER} (a plain lower-case PostgreSQL identifier)`);
  return name;
}

const INT8_OID = 20;

/**
 * BIGINT columns (ledger indexes, millisecond times, counts) come back as JS numbers. Every value
 * the adapter stores in one is below 2^53 (checkCount refuses larger tree sizes), and a larger one
 * would be corruption: it throws rather than rounds.
 */
function parseInt8(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new Error(`BIGINT ${text} is beyond 2^53 and cannot be read as a number`);
  return n;
}

const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary' ? parseInt8 : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

export interface PoolOptions {
  /** Connections in the pool (pg's default is 10). */
  readonly max?: number;
}

/** A pool whose connections use `schema` (a plain identifier) as their only search path. */
export function createPool(url: string, schema: string, options: PoolOptions = {}): pg.Pool {
  checkIdentifier(schema, 'schema');
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    types,
    // pg_catalog is always searched first, so the built-in functions and types stay reachable.
    options: `-c search_path=${schema}`,
    application_name: 'truceline',
  });
  // A connection that breaks while idle (a server restart) is dropped by the pool and the next
  // query opens a new one; without a listener the 'error' event would end the process.
  pool.on('error', () => undefined);
  return pool;
}

/**
 * Keys of the transaction-level advisory locks (pg_advisory_xact_lock(int4, int4)). The first
 * number is fixed ('TL' + purpose); the second is derived from the schema, so stores in different
 * schemas of one database do not wait for each other. Advisory locks are per database already.
 */
export const LOCK_CLASS = { ledger: 0x544c4c47, migrations: 0x544c4d47, duty: 0x544c4455 } as const; // 'TLLG', 'TLMG', 'TLDU'

export function lockKey(schema: string): number {
  return createHash('sha256').update(`truceline:${schema}`).digest().readInt32BE(0);
}

/** `true` when `url` names a PostgreSQL server (postgres:// or postgresql://). */
/**
 * Whether any of these strings holds U+0000, which PostgreSQL text cannot: no stored key can equal
 * such a string, so a lookup answers "none" instead of sending it (the server would refuse it).
 */
export function holdsNul(...values: readonly string[]): boolean {
  return values.some((v) => typeof v === 'string' && v.includes('\u0000'));
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(?:ql)?:\/\//i.test(url);
}
