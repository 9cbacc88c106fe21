/**
 * Which store errors mean "the database cannot take this request now", as opposed to a bug.
 * The server's error handler (src/server/problem.ts) answers these with 503, a Retry-After and a
 * problem type naming the condition, never with a 500: a client that sees 503 knows nothing was
 * acknowledged and sends the same request again later (observation ids make a resend harmless).
 *
 * Pure: reads only the error's `code`, `errno`-style fields and message, and its `cause` chain.
 *
 * - PostgreSQL: SQLSTATE class 08 (connection exception), 57P01-57P03 (admin/crash shutdown,
 *   cannot connect now), 53300 (too many connections), 53000/53200/53400 (resources),
 *   53100 (disk full), 25006 (read-only transaction: a standby or `default_transaction_read_only`);
 *   node-postgres' own errors for a connection that broke or could not be made in time; a socket
 *   error (ECONNREFUSED, ECONNRESET, ...) reaching the pool.
 * - SQLite (better-sqlite3's SqliteError `code`, extended codes included): SQLITE_BUSY and
 *   SQLITE_LOCKED (the busy timeout ran out), SQLITE_FULL, SQLITE_READONLY*, SQLITE_IOERR*,
 *   SQLITE_CANTOPEN*.
 */
export type StoreUnavailableKind = 'unavailable' | 'storage-full' | 'read-only';

export interface StoreUnavailable {
  readonly kind: StoreUnavailableKind;
  /** The code that decided it (`57P01`, `SQLITE_FULL`, `ECONNREFUSED`, `pg-connection`). */
  readonly code: string;
  /** Seconds a client should wait before trying again (the Retry-After header). */
  readonly retryAfterS: number;
}

/** Retry-After by kind: a lost connection usually comes back within seconds; space and write access need an operator. */
export const RETRY_AFTER_S: Readonly<Record<StoreUnavailableKind, number>> = { unavailable: 5, 'storage-full': 60, 'read-only': 60 };

const PG_UNAVAILABLE = new Set(['57P01', '57P02', '57P03', '53000', '53200', '53300', '53400']);
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
/** node-postgres' messages for a connection that broke, or that the pool could not make in time. */
const PG_CONNECTION_MESSAGE = /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error and is not queryable|Connection terminated due to connection timeout)/;

function classifyOne(err: unknown): StoreUnavailable | null {
  if (!err || typeof err !== 'object') return null;
  const { code, message } = err as { code?: unknown; message?: unknown };
  const at = (kind: StoreUnavailableKind, c: string): StoreUnavailable => ({ kind, code: c, retryAfterS: RETRY_AFTER_S[kind] });
  if (typeof code === 'string') {
    if (code.startsWith('SQLITE_')) {
      if (code === 'SQLITE_FULL') return at('storage-full', code);
      if (code.startsWith('SQLITE_READONLY')) return at('read-only', code);
      if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED') || code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_CANTOPEN')) return at('unavailable', code);
      return null;
    }
    if (/^[0-9A-Z]{5}$/.test(code)) {
      if (code.startsWith('08') || PG_UNAVAILABLE.has(code)) return at('unavailable', code);
      if (code === '53100') return at('storage-full', code);
      if (code === '25006') return at('read-only', code);
    }
    if (SOCKET_CODES.has(code)) return at('unavailable', code);
  }
  if (typeof message === 'string' && PG_CONNECTION_MESSAGE.test(message)) return at('unavailable', 'pg-connection');
  return null;
}

/**
 * The condition a store error stands for, or null when it is not one of "the database is
 * unavailable, full or read-only". Follows `cause` (and AggregateError's `errors`) a few levels,
 * as errors are often wrapped on their way up.
 *
 * @example classifyStoreError(Object.assign(new Error('no space'), { code: 'SQLITE_FULL' }))
 *   // → { kind: 'storage-full', code: 'SQLITE_FULL', retryAfterS: 60 }
 */
export function classifyStoreError(err: unknown, depth = 0): StoreUnavailable | null {
  if (depth > 4) return null;
  const found = classifyOne(err);
  if (found || !err || typeof err !== 'object') return found;
  const { cause, errors } = err as { cause?: unknown; errors?: unknown };
  if (cause !== undefined) {
    const inner = classifyStoreError(cause, depth + 1);
    if (inner) return inner;
  }
  if (Array.isArray(errors)) {
    for (const e of errors.slice(0, 8)) {
      const inner = classifyStoreError(e, depth + 1);
      if (inner) return inner;
    }
  }
  return null;
}

/** The problem body's title and detail for each kind (RFC 9457 §3.1); the type is `urn:truceline:problem:<kind>`. */
export const STORE_PROBLEM: Readonly<Record<StoreUnavailableKind, { readonly title: string; readonly detail: string }>> = {
  unavailable: { title: 'Database unavailable', detail: 'the database did not answer; nothing of this request was stored. Send it again after Retry-After seconds' },
  'storage-full': { title: 'Database storage full', detail: 'the database has no space left; nothing of this request was stored. Send it again once space has been freed' },
  'read-only': { title: 'Database read-only', detail: 'the database accepts no writes at the moment; nothing of this request was stored. Reading still works' },
};
