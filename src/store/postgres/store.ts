import pg from 'pg';
import type { ObservationQuery, Page, StateAudit, Store, StoredObservation, WriteTx } from '../port.js';
import { POSTGRES_STATE_AREAS } from './areas/index.js';
import { auditPostgresState } from './audit.js';
import { checkIdentifier, createPool, LOCK_CLASS, lockKey } from './connection.js';
import { LEDGER_MIGRATIONS, PostgresLedger } from './ledger.js';
import { migratePostgres, type PostgresMigration } from './migrations.js';
import { encodeCursor, OBSERVATION_COLUMNS, observationPageSql, toStored, type ObservationRow } from './observation-query.js';
import { PostgresWriteTx } from './write-tx.js';

export interface PostgresStoreOptions {
  /** Schema that holds the store's tables, a plain lower-case identifier (default `public`). */
  readonly schema?: string;
  /** Connections in the pool (default 10). Writes use one at a time per store. */
  readonly maxConnections?: number;
}

/** Every migration of the adapter, in the order they run: the ledger, then each state area. */
export const POSTGRES_MIGRATIONS: readonly PostgresMigration[] = [...LEDGER_MIGRATIONS, ...POSTGRES_STATE_AREAS.flatMap((a) => a.migrations)];

/**
 * The PostgreSQL adapter of the store port, for a mission that runs several Truceline processes
 * against one database. Reads go through the pool; a write is one transaction on one client.
 *
 * Sequencing the ledger: every write transaction first takes a transaction-level advisory lock
 * (pg_advisory_xact_lock) on a fixed key for the store's schema, and holds it until it commits or
 * rolls back. Writers in all processes are thereby serialised, so each reads the log size after
 * the previous writer committed and appends right after it: one sequence, no gaps, no forks (the
 * primary key on the entry index would refuse a fork anyway). The lock is taken at the start of
 * the write, not just around the append, so a write also sees every observation committed before
 * it and judges duplicates and conflicts exactly as the SQLite adapter does. Within one process
 * writes are also queued, so that waiting writers do not hold pool connections a running write's
 * reads may need.
 */
export class PostgresStore implements Store {
  readonly kind = 'postgres' as const;
  readonly ledger: PostgresLedger;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly ledgerLock: number;

  /** Connects to `url` (postgres://...) and brings the schema up to date. */
  static async open(url: string, options: PostgresStoreOptions = {}): Promise<PostgresStore> {
    const schema = checkIdentifier(options.schema ?? 'public', 'schema');
    const pool = createPool(url, schema, { max: options.maxConnections });
    try {
      const client = await pool.connect();
      try {
        await migratePostgres(client, schema, POSTGRES_MIGRATIONS);
      } finally {
        client.release();
      }
    } catch (err) {
      await pool.end().catch(() => undefined);
      throw err;
    }
    return new PostgresStore(pool, schema);
  }

  private constructor(
    private readonly pool: pg.Pool,
    readonly schema: string,
  ) {
    this.ledger = new PostgresLedger(pool);
    this.ledgerLock = lockKey(schema);
  }

  write<T>(fn: (tx: WriteTx) => Promise<T>): Promise<T> {
    return this.transaction(fn);
  }

  private transaction<T>(fn: (tx: PostgresWriteTx) => Promise<T>): Promise<T> {
    const run = this.queue.then(async () => {
      const client = await this.pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        await client.query('SELECT pg_advisory_xact_lock($1, $2)', [LOCK_CLASS.ledger, this.ledgerLock]);
        const tx = new PostgresWriteTx(client, this.schema);
        let result: T;
        try {
          result = await fn(tx);
        } finally {
          await tx.end();
        }
        if (tx.failure) throw new Error(`the write was rolled back: ${(tx.failure as Error).message ?? String(tx.failure)}`, { cause: tx.failure });
        const commit = await client.query('COMMIT');
        // COMMIT of an aborted transaction answers ROLLBACK rather than an error.
        if (commit.command !== 'COMMIT') throw new Error(`PostgreSQL answered ${commit.command} to COMMIT: the write was rolled back`);
        return result;
      } catch (err) {
        try {
          await client.query('ROLLBACK');
        } catch (e) {
          broken = e as Error;
        }
        throw err;
      } finally {
        client.release(broken);
      }
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  async getMeta(key: string): Promise<string | null> {
    const { rows } = await this.pool.query<{ value: string }>('SELECT value FROM meta WHERE key = $1', [key]);
    return rows[0]?.value ?? null;
  }

  async getDocument(sha256: string): Promise<{ body: Uint8Array; mediaType: string } | null> {
    const { rows } = await this.pool.query<{ media_type: string; body: Buffer }>('SELECT media_type, body FROM documents WHERE sha256 = $1', [sha256]);
    const row = rows[0];
    return row ? { body: new Uint8Array(row.body), mediaType: row.media_type } : null;
  }

  async getObservation(id: string): Promise<StoredObservation | null> {
    const { rows } = await this.pool.query<ObservationRow>({
      name: 'truceline_get_observation',
      text: `SELECT ${OBSERVATION_COLUMNS} FROM observations o WHERE o.id = $1`,
      values: [id],
    });
    return rows[0] ? toStored(rows[0]) : null;
  }

  async countObservations(): Promise<number> {
    const { rows } = await this.pool.query<{ n: number }>('SELECT COUNT(*) AS n FROM observations');
    return rows[0]!.n;
  }

  /** In rid (ledger) order, 1,000 rows per query, each page after the last rid seen. */
  async *streamObservations(): AsyncIterable<StoredObservation> {
    let after = 0;
    for (;;) {
      const { rows } = await this.pool.query<ObservationRow>({
        name: 'truceline_stream_observations',
        text: `SELECT ${OBSERVATION_COLUMNS} FROM observations o WHERE o.rid > $1 ORDER BY o.rid LIMIT 1000`,
        values: [after],
      });
      if (rows.length === 0) return;
      for (const row of rows) yield toStored(row);
      after = rows[rows.length - 1]!.rid;
    }
  }

  async queryObservations(q: ObservationQuery): Promise<Page<StoredObservation>> {
    const rows = (await this.pool.query<ObservationRow>(observationPageSql(q))).rows;
    const page = rows.slice(0, q.limit);
    const last = page[page.length - 1];
    return { items: page.map(toStored), nextCursor: rows.length > q.limit && last ? encodeCursor(last.rid) : null };
  }

  async rebuild(onProgress?: (done: number, total: number) => void): Promise<number> {
    return this.transaction((tx) => tx.rebuild(onProgress));
  }

  async auditState(onProgress?: (done: number, total: number) => void): Promise<StateAudit> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      return await auditPostgresState(client, this.schema, POSTGRES_STATE_AREAS, onProgress);
    } catch (err) {
      broken = err as Error;
      throw err;
    } finally {
      // A client whose audit failed half-way may hold a half-read cursor: do not reuse it.
      client.release(broken);
    }
  }

  async close(): Promise<void> {
    await this.queue;
    await this.pool.end();
  }
}
