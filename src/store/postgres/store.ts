import pg from 'pg';
import type { DutyLease, ObservationColumnsRow, ObservationQuery, Page, StateAudit, Store, StoredObservation, WriteTx } from '../port.js';
import { POSTGRES_STATE_AREAS } from './areas/index.js';
import { auditPostgresState } from './audit.js';
import { checkIdentifier, createPool, holdsNul, LOCK_CLASS, lockKey } from './connection.js';
import { LEDGER_MIGRATIONS, PostgresLedger } from './ledger.js';
import { migratePostgres, type PostgresMigration } from './migrations.js';
import { encodeCursor, OBSERVATION_COLUMNS, observationPageSql, toStored, type ObservationRow } from './observation-query.js';
import { PostgresWriteTx } from './write-tx.js';
import type { IncidentColumnsPage, IncidentQuery, StoredIncident } from '../port.js';
import { queryIncidents, readIncident } from './incidents-reader.js';
import { readIncidentColumns } from './incident-columns.js';
import { readIncidentWorkflow, readOpenReplyIncidents, type WorkflowRecord } from './workflow-reader.js';
import type { StoredEvidence } from '../../domain/evidence/records.js';
import type { EvidenceQuery, StoredReport } from '../port.js';
import { evidenceAttachedTo, readEvidence, readSealedEntry } from './evidence-reader.js';
import { readPublishedReport, readPublishedReports } from './reports-reader.js';
import type { LedgerTransfer } from '../ledger-transfer.js';
import { postgresLedgerTransfer } from './ledger-import.js';
import { readAlert, readAlertDeliveries, readAlertEvents, readAlerts, readConsultation, readConsultations } from './alerts-reader.js';
import type { DeclarationQuery, NoticeQuery, StoredDeclaration, StoredNotice, StoredSilence } from '../deconfliction-records.js';
import { readDeclaration, readDeclarations, readNotice, readNotices, readSilence, readSilences } from './deconfliction-read.js';
import { PostgresIdentityReader } from './identity-reader.js';

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
      // A connection that breaks during the write (a server restart) emits 'error'; unheard, it
      // would end the process. The write fails through its pending query instead.
      const onError = (e: Error) => {
        broken = e;
      };
      client.on('error', onError);
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
        client.off('error', onError);
        client.release(broken);
      }
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Identity reads (users, tokens, devices, nonces) through this store's pool. */
  identityReader(): PostgresIdentityReader {
    return new PostgresIdentityReader(this.pool);
  }

  async getMeta(key: string): Promise<string | null> {
    if (holdsNul(key)) return Promise.resolve(null);
    const { rows } = await this.pool.query<{ value: string }>('SELECT value FROM meta WHERE key = $1', [key]);
    return rows[0]?.value ?? null;
  }

  async getDocument(sha256: string): Promise<{ body: Uint8Array; mediaType: string } | null> {
    if (holdsNul(sha256)) return Promise.resolve(null);
    const { rows } = await this.pool.query<{ media_type: string; body: Buffer }>('SELECT media_type, body FROM documents WHERE sha256 = $1', [sha256]);
    const row = rows[0];
    return row ? { body: new Uint8Array(row.body), mediaType: row.media_type } : null;
  }

  async getObservation(id: string): Promise<StoredObservation | null> {
    if (holdsNul(id)) return Promise.resolve(null);
    const { rows } = await this.pool.query<ObservationRow>({
      name: 'truceline_get_observation',
      text: `SELECT ${OBSERVATION_COLUMNS} FROM observations o WHERE o.id = $1`,
      values: [id],
    });
    return rows[0] ? toStored(rows[0]) : null;
  }

  /** The filter columns after row `afterRid`, as arrays (rowMode 'array'), for the map grid. */
  async observationColumns(afterRid: number, limit: number): Promise<readonly ObservationColumnsRow[]> {
    const config: pg.QueryArrayConfig = {
      name: 'truceline_observation_columns',
      text: 'SELECT rid, lon, lat, t_from, t_to, event, weapon, source_kind, visibility, party FROM observations WHERE rid > $1 ORDER BY rid LIMIT $2',
      values: [afterRid, limit],
      rowMode: 'array',
    };
    return (await this.pool.query(config)).rows as unknown as ObservationColumnsRow[];
  }

  /** Incidents changed after a ledger index, with their filter columns, for the map grid (incident-columns.ts). */
  incidentColumns(afterLedgerIndex: number, limit: number): Promise<IncidentColumnsPage> {
    return readIncidentColumns(this.pool, afterLedgerIndex, limit);
  }

  async observationsAfter(afterRid: number, limit: number): Promise<StoredObservation[]> {
    const { rows } = await this.pool.query<ObservationRow>({
      name: 'truceline_observations_after',
      text: `SELECT ${OBSERVATION_COLUMNS} FROM observations o WHERE o.rid > $1 ORDER BY o.rid LIMIT $2`,
      values: [afterRid, limit],
    });
    return rows.map(toStored);
  }

  async lastObservationRid(): Promise<number> {
    const { rows } = await this.pool.query<{ rid: number | null }>('SELECT MAX(rid) AS rid FROM observations');
    return rows[0]?.rid ?? 0;
  }

  /**
   * A duty is a session-level advisory lock on the duty's name, held on a connection of its own
   * (outside the pool) for as long as the lease lasts. PostgreSQL releases it when that session
   * ends, so a process that dies or loses the database gives the duty up without any cleanup, and
   * the lease's `lost` resolves in a process that is still alive.
   */
  async tryDuty(name: string): Promise<DutyLease | null> {
    const client = new pg.Client({ connectionString: this.pool.options.connectionString, application_name: 'truceline-duty' });
    let lostResolve!: () => void;
    const lost = new Promise<void>((r) => (lostResolve = r));
    client.on('error', () => lostResolve());
    client.on('end', () => lostResolve());
    await client.connect();
    try {
      const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS ok', [LOCK_CLASS.duty, lockKey(`${this.schema}:${name}`)]);
      if (!rows[0]?.ok) {
        await client.end();
        return null;
      }
    } catch (err) {
      await client.end().catch(() => undefined);
      throw err;
    }
    // A broken connection is noticed by a keep-alive query, not only when the socket closes.
    const beat = setInterval(() => void client.query('SELECT 1').catch(() => lostResolve()), 5000);
    beat.unref();
    void lost.then(() => clearInterval(beat));
    return {
      lost,
      release: async () => {
        clearInterval(beat);
        await client.end().catch(() => undefined);
      },
    };
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

  /** Incidents and their workflows (incidents-reader.ts, workflow-reader.ts). */
  queryIncidents(q: IncidentQuery): Promise<Page<StoredIncident>> {
    return queryIncidents(this.pool, q);
  }

  getIncident(idOrAlias: string): Promise<StoredIncident | null> {
    if (holdsNul(idOrAlias)) return Promise.resolve(null);
    return readIncident(this.pool, idOrAlias);
  }

  getIncidentWorkflow(incidentId: string): Promise<WorkflowRecord | null> {
    if (holdsNul(incidentId)) return Promise.resolve(null);
    return readIncidentWorkflow(this.pool, incidentId);
  }

  listOpenReplyIncidents(): Promise<string[]> {
    return readOpenReplyIncidents(this.pool);
  }

  listDeclarations(q: DeclarationQuery): Promise<StoredDeclaration[]> {
    return readDeclarations(this.pool, q);
  }

  getDeclaration(id: string): Promise<StoredDeclaration | null> {
    if (holdsNul(id)) return Promise.resolve(null);
    return readDeclaration(this.pool, id);
  }

  listNotices(q: NoticeQuery): Promise<StoredNotice[]> {
    return readNotices(this.pool, q);
  }

  getNotice(id: string): Promise<StoredNotice | null> {
    if (holdsNul(id)) return Promise.resolve(null);
    return readNotice(this.pool, id);
  }

  listSilences(): Promise<StoredSilence[]> {
    return readSilences(this.pool);
  }

  getSilence(id: string): Promise<StoredSilence | null> {
    if (holdsNul(id)) return Promise.resolve(null);
    return readSilence(this.pool, id);
  }

  /** Alerts, deliveries, alert events and consultations (src/store/postgres/alerts-reader.ts). */
  async listAlerts(): Promise<unknown[]> {
    return readAlerts(this.pool);
  }

  async getAlert(id: string): Promise<unknown | null> {
    if (holdsNul(id)) return Promise.resolve(null);
    return readAlert(this.pool, id);
  }

  async listAlertDeliveries(alertId?: string): Promise<unknown[]> {
    return readAlertDeliveries(this.pool, alertId);
  }

  async listAlertEvents(alertId?: string): Promise<unknown[]> {
    return readAlertEvents(this.pool, alertId);
  }

  async listConsultations(): Promise<unknown[]> {
    return readConsultations(this.pool);
  }

  async getConsultation(id: string): Promise<unknown | null> {
    if (holdsNul(id)) return Promise.resolve(null);
    return readConsultation(this.pool, id);
  }

  /** Evidence custody (src/store/postgres/evidence-reader.ts). */
  getEvidence(sha256: string): Promise<StoredEvidence | null> {
    if (holdsNul(sha256)) return Promise.resolve(null);
    return readEvidence(this.pool, sha256);
  }

  evidenceAttachedTo(q: EvidenceQuery): Promise<string[]> {
    return evidenceAttachedTo(this.pool, q);
  }

  sealedEntry(index: number): Promise<{ salt: Uint8Array; content: string } | null> {
    return readSealedEntry(this.pool, index);
  }

  /** Published reports (src/store/postgres/reports-reader.ts). */
  listPublishedReports(): Promise<StoredReport[]> {
    return readPublishedReports(this.pool);
  }

  getPublishedReport(kind: string, date: string): Promise<StoredReport | null> {
    if (holdsNul(kind, date)) return Promise.resolve(null);
    return readPublishedReport(this.pool, kind, date);
  }

  async rebuild(onProgress?: (done: number, total: number) => void): Promise<number> {
    return this.transaction((tx) => tx.rebuild(onProgress));
  }

  /** Raw ledger entries, kept seals and documents in and out, for `truceline copy` only (ledger-import.ts). */
  ledgerTransfer(): LedgerTransfer {
    return postgresLedgerTransfer(this.pool, this.schema, POSTGRES_STATE_AREAS);
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
