/**
 * Throw-away databases for tests and drills against a real PostgreSQL server: one created per run
 * from the server's `postgres` database, dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface ScratchDatabase {
  /** postgres:// URL of the new database. */
  readonly url: string;
  readonly name: string;
  /** Drops the database (ending its remaining connections first). */
  drop(): Promise<void>;
}

/** Server URL tests use: TRUCELINE_TEST_PG, else the local server with trust auth. */
export function testServerUrl(): string {
  return process.env.TRUCELINE_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

export type ProbeResult = { readonly ok: true } | { readonly ok: false; readonly answered: boolean; readonly reason: string };

const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT']);

/**
 * Whether a PostgreSQL server answers at `serverUrl` within `timeoutMs`. `answered` tells a server
 * that is not there (tests may skip) from one that refuses us (tests must fail and say why).
 */
export async function probeServer(serverUrl: string, timeoutMs = 15_000): Promise<ProbeResult> {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return { ok: true };
  } catch (err) {
    const e = err as Error & { code?: string };
    const answered = !(UNREACHABLE.has(e.code ?? '') || /timeout|terminated unexpectedly/i.test(e.message));
    return { ok: false, answered, reason: e.message };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Creates `truceline_test_<random>` on the server at `serverUrl` (a URL of its maintenance
 * database, `postgres`) and returns its URL.
 */
export async function createScratchDatabase(serverUrl: string, prefix = 'truceline_test'): Promise<ScratchDatabase> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`database name '${name}' is not a plain identifier`);
  const admin = async (sql: string, values: unknown[] = []) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(sql, values);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: async () => {
      await admin('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
      await admin(`DROP DATABASE IF EXISTS ${name}`);
    },
  };
}
