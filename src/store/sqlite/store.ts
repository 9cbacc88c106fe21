import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { decodeLeaf, isSealed, leavesFor, commitmentOf, type LedgerEvent } from '../../app/events/event.js';
import type { Observation } from '../../domain/observation/types.js';
import type { StoredEvidence } from '../../domain/evidence/records.js';
import type {
  EvidenceQuery,
  IncidentColumnsPage,
  IncidentQuery,
  LedgerView,
  ObservationColumnsRow,
  ObservationQuery,
  Page,
  RecordInput,
  RecordResult,
  StateAudit,
  Store,
  StoredIncident,
  StoredObservation,
  DutyLease,
  WriteTx,
} from '../port.js';
import { SqliteLedger } from './ledger-tiles.js';
import { MINUTE_MS } from './areas/core.js';
import { STATE_AREAS } from './areas/index.js';
import { auditSqliteState } from './audit.js';
import { readAlert, readAlertDeliveries, readAlertEvents, readAlerts, readConsultation, readConsultations } from './alerts-reader.js';
import { evidenceAttachedTo, readEvidence, readSealedEntry } from './evidence-reader.js';
import { readDeclaration, readDeclarations, readNotice, readNotices, readOpenReplyIncidents, readSilence, readSilences } from './deconfliction-read.js';
import type { DeclarationQuery, NoticeQuery, StoredDeclaration, StoredNotice, StoredSilence } from '../deconfliction-records.js';
import { migrate } from './migrations.js';
import { readObservationColumns } from './observation-columns.js';
import { readIncidentColumns } from './incident-columns.js';
import { StateWriter } from './state-writer.js';
import { readPublishedReport, readPublishedReports } from './reports-reader.js';
import { queryIncidents, readIncident } from './incidents-reader.js';
import type { StoredReport } from '../port.js';
import type { LedgerTransfer } from '../ledger-transfer.js';
import { sqliteLedgerTransfer } from './ledger-import.js';
import { SqliteDutyLeases, sqliteFileId, type DutyLeaseOptions } from './duty-leases.js';
import { SQLITE_MIGRATIONS } from './migration-status.js';

export interface SqliteStoreOptions {
  /**
   * `FULL` (default) makes every commit durable before it returns, as acknowledged intake needs;
   * `NORMAL` is WAL's faster setting that can lose the last commits on power loss (never on a
   * process crash).
   */
  readonly synchronous?: 'FULL' | 'NORMAL';
  /** How duty leases beat and when another host's are stale (tests shorten them). */
  readonly duties?: DutyLeaseOptions;
}

interface ObservationRow {
  rid: number;
  /** The `observation.stored` event: the ledger leaf, or a sealed event's kept content. */
  event: Buffer | string;
  digest: string;
  received_at: string;
  ledger_idx: number;
}

/**
 * The embedded default adapter: one SQLite file in WAL mode. One connection writes (writes are
 * serialised through a queue, as SQLite allows one writer); a second connection reads, so reads
 * never see a write transaction's uncommitted rows.
 */
export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  readonly ledger: LedgerView;
  private readonly db: Database.Database;
  private readonly reader: Database.Database;
  private readonly state: StateWriter;
  private readonly log: SqliteLedger;
  private readonly readerLog: SqliteLedger;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly stmts;
  private readonly duties: SqliteDutyLeases;

  static open(file: string, options: SqliteStoreOptions = {}): SqliteStore {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    return new SqliteStore(file, options);
  }

  private constructor(readonly file: string, options: SqliteStoreOptions) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    // 64 MiB of page cache: intake inserts into several indexes with random keys (ids, leaf
    // hashes), and the default 2 MiB cache turns each of those into a read from disk.
    this.db.pragma('cache_size = -65536');
    // Checkpoint the WAL into the database every 64 MiB rather than every 4 MiB: intake batches
    // rewrite the same index and tile pages, which a longer interval copies once instead of often.
    this.db.pragma('wal_autocheckpoint = 16384');
    migrate(this.db, SQLITE_MIGRATIONS);
    this.reader = file === ':memory:' ? this.db : new Database(file, { readonly: true });
    this.reader.pragma('busy_timeout = 5000');
    this.state = new StateWriter(this.db);
    this.log = new SqliteLedger(this.db);
    this.readerLog = this.reader === this.db ? this.log : new SqliteLedger(this.reader);
    this.stmts = {
      digest: this.db.prepare('SELECT digest FROM observations WHERE id = ?').pluck(),
      putDocument: this.db.prepare('INSERT INTO documents (sha256, media_type, body) VALUES (?, ?, ?) ON CONFLICT (sha256) DO NOTHING'),
      getDocument: this.reader.prepare('SELECT media_type, body FROM documents WHERE sha256 = ?'),
      putSealed: this.db.prepare('INSERT INTO sealed_events (idx, salt, content) VALUES (?, ?, ?)'),
      getSealed: this.reader.prepare('SELECT salt, content FROM sealed_events WHERE idx = ?'),
      meta: this.reader.prepare('SELECT value FROM meta WHERE key = ?').pluck(),
      getObs: this.reader.prepare(`SELECT ${OBSERVATION_COLUMNS} FROM ${OBSERVATION_FROM} WHERE o.id = ?`),
      countObs: this.reader.prepare('SELECT COUNT(*) FROM observations').pluck(),
      streamObs: this.reader.prepare(`SELECT ${OBSERVATION_COLUMNS} FROM ${OBSERVATION_FROM} WHERE o.rid > ? ORDER BY o.rid LIMIT 1000`),
      lastRid: this.reader.prepare('SELECT MAX(rid) FROM observations').pluck(),
      obsAfter: this.reader.prepare(`SELECT ${OBSERVATION_COLUMNS} FROM ${OBSERVATION_FROM} WHERE o.rid > ? ORDER BY o.rid LIMIT ?`),
    };
    this.ledger = this.readerLog;
    this.duties = new SqliteDutyLeases(this.db, (fn) => this.write(async () => fn()), sqliteFileId(file), options.duties);
  }



  write<T>(fn: (tx: WriteTx) => Promise<T>): Promise<T> {
    const run = this.queue.then(async () => {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const result = await fn(this.tx);
        this.db.exec('COMMIT');
        return result;
      } catch (err) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw err;
      }
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private readonly tx: WriteTx = {
    observationDigest: async (id) => (this.stmts.digest.get(id) as string | undefined) ?? null,
    record: async (inputs) => this.recordNow(inputs),
    putDocument: async (body, mediaType) => {
      const sha256 = createHash('sha256').update(body).digest('hex');
      this.stmts.putDocument.run(sha256, mediaType, Buffer.from(body));
      return sha256;
    },
  };

  private recordNow(inputs: readonly RecordInput[]): RecordResult {
    const { leaves, sealed } = leavesFor(inputs);
    const { firstIndex, size } = this.log.append(leaves);
    for (const s of sealed) this.stmts.putSealed.run(firstIndex + s.offset, Buffer.from(s.salt), s.content);
    inputs.forEach((input, offset) => this.state.apply(input.event, firstIndex + offset));
    return { firstIndex, size };
  }

  async getMeta(key: string): Promise<string | null> {
    return (this.stmts.meta.get(key) as string | undefined) ?? null;
  }

  async getDocument(sha256: string): Promise<{ body: Uint8Array; mediaType: string } | null> {
    const row = this.stmts.getDocument.get(sha256) as { media_type: string; body: Buffer } | undefined;
    return row ? { body: new Uint8Array(row.body), mediaType: row.media_type } : null;
  }

  async getObservation(id: string): Promise<StoredObservation | null> {
    const row = this.stmts.getObs.get(id) as ObservationRow | undefined;
    return row ? toStored(row) : null;
  }

  async observationsAfter(afterRid: number, limit: number): Promise<StoredObservation[]> {
    return (this.stmts.obsAfter.all(afterRid, limit) as ObservationRow[]).map(toStored);
  }

  async lastObservationRid(): Promise<number> {
    return (this.stmts.lastRid.get() as number | null) ?? 0;
  }

  /** A lease row in the file, held by one process of those that open it (duty-leases.ts). */
  async tryDuty(name: string): Promise<DutyLease | null> {
    return this.duties.take(name);
  }

  async countObservations(): Promise<number> {
    return this.stmts.countObs.get() as number;
  }

  async observationColumns(afterRid: number, limit: number): Promise<readonly ObservationColumnsRow[]> {
    return readObservationColumns(this.reader, afterRid, limit);
  }

  async incidentColumns(afterLedgerIndex: number, limit: number): Promise<IncidentColumnsPage> {
    return readIncidentColumns(this.reader, afterLedgerIndex, limit);
  }

  async *streamObservations(): AsyncIterable<StoredObservation> {
    let after = 0;
    for (;;) {
      const rows = this.stmts.streamObs.all(after) as ObservationRow[];
      if (rows.length === 0) return;
      for (const row of rows) yield toStored(row);
      after = rows[rows.length - 1]!.rid;
    }
  }

  async queryObservations(q: ObservationQuery): Promise<Page<StoredObservation>> {
    const where: string[] = [];
    const params: unknown[] = [];
    let from = OBSERVATION_FROM;
    if (q.bbox || q.from || q.to) {
      // One R*Tree range over place and time narrows the candidates; the exact time test follows.
      from += ' JOIN observations_rtree r ON r.rid = o.rid';
      const [west, south, east, north] = q.bbox ?? [-180, -90, 180, 90];
      where.push('r.max_lon >= ? AND r.min_lon <= ? AND r.max_lat >= ? AND r.min_lat <= ?');
      params.push(west, east, south, north);
      if (q.from) {
        where.push('r.max_t >= ?');
        params.push(Math.floor(Date.parse(q.from) / MINUTE_MS));
      }
      if (q.to) {
        where.push('r.min_t <= ?');
        params.push(Math.ceil(Date.parse(q.to) / MINUTE_MS));
      }
    }
    if (q.from) {
      where.push('o.t_to >= ?');
      params.push(Date.parse(q.from));
    }
    if (q.to) {
      where.push('o.t_from <= ?');
      params.push(Date.parse(q.to));
    }
    const inList = (column: string, values: readonly string[] | undefined) => {
      if (!values || values.length === 0) return;
      where.push(`${column} IN (${values.map(() => '?').join(', ')})`);
      params.push(...values);
    };
    inList('o.event', q.events);
    inList('o.weapon', q.weapons);
    inList('o.source_kind', q.sourceKinds);
    if (q.visibleTo && !q.visibleTo.mission) {
      if (q.visibleTo.party) {
        where.push("(o.visibility = 'public' OR o.party = ?)");
        params.push(q.visibleTo.party);
      } else {
        where.push("o.visibility = 'public'");
      }
    }
    if (q.cursor) {
      where.push('o.rid > ?');
      params.push(decodeCursor(q.cursor));
    }
    const sql = `SELECT ${OBSERVATION_COLUMNS} FROM ${from}
      ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY o.rid LIMIT ?`;
    params.push(q.limit + 1);
    const rows = this.reader.prepare(sql).all(...params) as ObservationRow[];
    const page = rows.slice(0, q.limit);
    const last = page[page.length - 1];
    return { items: page.map(toStored), nextCursor: rows.length > q.limit && last ? encodeCursor(last.rid) : null };
  }

  async getIncident(idOrAlias: string): Promise<StoredIncident | null> {
    return readIncident(this.reader, idOrAlias);
  }


  async getIncidentWorkflow(incidentId: string): Promise<{ state: unknown; updatedLedgerIndex: number; events: { ledgerIndex: number; event: unknown }[] } | null> {
    const row = this.reader.prepare('SELECT state, updated_ledger_idx FROM incident_workflows WHERE incident_id = ?').get(incidentId) as { state: string; updated_ledger_idx: number } | undefined;
    if (!row) return null;
    const events = this.reader.prepare('SELECT event, ledger_idx FROM incident_workflow_events WHERE incident_id = ? ORDER BY seq').all(incidentId) as { event: string; ledger_idx: number }[];
    return { state: JSON.parse(row.state), updatedLedgerIndex: row.updated_ledger_idx, events: events.map((e) => ({ ledgerIndex: e.ledger_idx, event: JSON.parse(e.event) })) };
  }

  async listOpenReplyIncidents(): Promise<string[]> {
    return readOpenReplyIncidents(this.reader);
  }

  async listDeclarations(q: DeclarationQuery): Promise<StoredDeclaration[]> {
    return readDeclarations(this.reader, q);
  }

  async getDeclaration(id: string): Promise<StoredDeclaration | null> {
    return readDeclaration(this.reader, id);
  }

  async listNotices(q: NoticeQuery): Promise<StoredNotice[]> {
    return readNotices(this.reader, q);
  }

  async getNotice(id: string): Promise<StoredNotice | null> {
    return readNotice(this.reader, id);
  }

  async listSilences(): Promise<StoredSilence[]> {
    return readSilences(this.reader);
  }

  async getSilence(id: string): Promise<StoredSilence | null> {
    return readSilence(this.reader, id);
  }

  async listAlerts(): Promise<unknown[]> {
    return readAlerts(this.reader);
  }

  async getAlert(id: string): Promise<unknown | null> {
    return readAlert(this.reader, id);
  }

  async listAlertDeliveries(alertId?: string): Promise<unknown[]> {
    return readAlertDeliveries(this.reader, alertId);
  }

  async listAlertEvents(alertId?: string): Promise<unknown[]> {
    return readAlertEvents(this.reader, alertId);
  }

  async listConsultations(): Promise<unknown[]> {
    return readConsultations(this.reader);
  }

  async getConsultation(id: string): Promise<unknown | null> {
    return readConsultation(this.reader, id);
  }

  async getEvidence(sha256: string): Promise<StoredEvidence | null> {
    return readEvidence(this.reader, sha256);
  }

  async evidenceAttachedTo(q: EvidenceQuery): Promise<string[]> {
    return evidenceAttachedTo(this.reader, q);
  }

  async sealedEntry(index: number): Promise<{ salt: Uint8Array; content: string } | null> {
    return readSealedEntry(this.reader, index);
  }

  async listPublishedReports(): Promise<StoredReport[]> {
    return readPublishedReports(this.reader);
  }

  async getPublishedReport(kind: string, date: string): Promise<StoredReport | null> {
    return readPublishedReport(this.reader, kind, date);
  }

  async queryIncidents(q: IncidentQuery): Promise<Page<StoredIncident>> {
    return queryIncidents(this.reader, q);
  }


  async rebuild(onProgress?: (done: number, total: number) => void): Promise<number> {
    return this.write(async () => {
      this.state.clear();
      const total = this.log.size();
      for (let i = 0; i < total; i++) {
        const leaf = this.log.entry(i);
        if (!leaf) throw new Error(`ledger entry ${i} is missing`);
        const decoded = decodeLeaf(leaf);
        const event = isSealed(decoded) ? this.unseal(i, decoded.commitment) : decoded;
        this.state.apply(event, i);
        if (onProgress && (i % 10_000 === 0 || i === total - 1)) onProgress(i + 1, total);
      }
      return total;
    });
  }

  /** Raw ledger entries, kept seals and documents in and out, for `truceline copy` only (ledger-import.ts). */
  ledgerTransfer(): LedgerTransfer {
    return sqliteLedgerTransfer({ db: this.db, reader: this.reader, log: this.log, areas: STATE_AREAS, write: (fn) => this.write(fn) });
  }

  async auditState(onProgress?: (done: number, total: number) => void): Promise<StateAudit> {
    return auditSqliteState(this.reader, STATE_AREAS, onProgress);
  }

  private unseal(index: number, commitment: string): LedgerEvent {
    const kept = this.stmts.getSealed.get(index) as { salt: Buffer; content: string } | undefined;
    if (!kept) throw new Error(`sealed ledger entry ${index} has no kept content`);
    const event = JSON.parse(kept.content) as LedgerEvent;
    if (commitmentOf(event, kept.salt) !== commitment) {
      throw new Error(`sealed ledger entry ${index}: kept content does not match its commitment`);
    }
    return event;
  }

  async close(): Promise<void> {
    await this.duties.releaseAll();
    await this.queue;
    if (this.reader !== this.db) this.reader.close();
    this.db.close();
  }
}

function toStored(row: ObservationRow): StoredObservation {
  return {
    observation: (JSON.parse(typeof row.event === 'string' ? row.event : row.event.toString('utf8')) as { data: { observation: Observation } }).data.observation,
    digest: row.digest,
    receivedAt: row.received_at,
    ledgerIndex: row.ledger_idx,
    rid: row.rid,
  };
}

/** An observation row with the event that stored it: its ledger leaf, or its sealed content. */
const OBSERVATION_FROM = `observations o
  JOIN ledger_entries e ON e.idx = o.ledger_idx
  LEFT JOIN sealed_events s ON s.idx = o.ledger_idx`;
const OBSERVATION_COLUMNS = 'o.rid, COALESCE(s.content, e.leaf) AS event, o.digest, o.received_at, o.ledger_idx';

function encodeCursor(rid: number): string {
  return Buffer.from(`o:${rid}`).toString('base64url');
}

function decodeCursor(cursor: string): number {
  const text = Buffer.from(cursor, 'base64url').toString();
  const m = /^o:(\d{1,15})$/.exec(text);
  if (!m) throw new Error(`cursor '${cursor}' is not one this server issued`);
  return Number(m[1]);
}
