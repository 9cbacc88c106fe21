/**
 * The PostgreSQL side of moving a log between stores (src/store/ledger-transfer.ts): raw entries,
 * their kept seals and the documents, out of one store and into an empty one. An import is one
 * transaction holding the ledger lock, as every write does, so it appends where the log ends.
 */
import type pg from 'pg';
import { checkContinues, runsByCreatedAt, type LedgerTransfer, type TransferDocument, type TransferEntry } from '../ledger-transfer.js';
import type { PostgresStateArea } from './areas/area.js';
import { LOCK_CLASS, lockKey } from './connection.js';
import { PostgresLedger } from './ledger.js';

const bytes = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
const blob = (u: Uint8Array): Buffer => Buffer.from(u.buffer, u.byteOffset, u.byteLength);

export function postgresLedgerTransfer(pool: pg.Pool, schema: string, areas: readonly PostgresStateArea[]): LedgerTransfer {
  const eventTypes = new Set<string>();
  for (const area of areas) {
    // Appliers only close over the connection; building them runs no query.
    for (const type of Object.keys(area.appliers(pool))) eventTypes.add(type);
    for (const type of area.auditOnly ?? []) eventTypes.add(type);
  }

  return {
    eventTypes,
    async exportEntries(start, end) {
      const { rows } = await pool.query<{ idx: number; leaf: Buffer; created_at: string | null; salt: Buffer | null; content: string | null }>(
        `SELECT e.idx, e.leaf, e.created_at, s.salt, s.content FROM ledger_entries e
         LEFT JOIN sealed_events s ON s.idx = e.idx WHERE e.idx >= $1 AND e.idx < $2 ORDER BY e.idx`,
        [start, end],
      );
      return rows.map((r) => ({
        index: r.idx,
        leaf: bytes(r.leaf),
        createdAt: r.created_at,
        sealed: r.salt && r.content !== null ? { salt: bytes(r.salt), content: r.content } : null,
      }));
    },
    importEntries: (batch) => importEntries(pool, schema, batch),
    async exportDocuments(after, limit) {
      const { rows } = await pool.query<{ sha256: string; media_type: string; body: Buffer }>(
        'SELECT sha256, media_type, body FROM documents WHERE sha256 > $1 ORDER BY sha256 LIMIT $2',
        [after ?? '', limit],
      );
      return rows.map((r): TransferDocument => ({ sha256: r.sha256, mediaType: r.media_type, body: bytes(r.body) }));
    },
    async countDocuments() {
      const { rows } = await pool.query<{ n: number }>('SELECT COUNT(*) AS n FROM documents');
      return rows[0]!.n;
    },
  };
}

async function importEntries(pool: pg.Pool, schema: string, batch: readonly TransferEntry[]): Promise<number> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1, $2)', [LOCK_CLASS.ledger, lockKey(schema)]);
    const log = new PostgresLedger(client);
    checkContinues(batch, await log.size());
    let size = 0;
    for (const run of runsByCreatedAt(batch)) size = (await log.append(run.map((e) => e.leaf), run[0]!.createdAt)).size;
    const sealed = batch.filter((e) => e.sealed);
    if (sealed.length > 0) {
      await client.query('INSERT INTO sealed_events (idx, salt, content) SELECT * FROM unnest($1::bigint[], $2::bytea[], $3::text[])', [
        sealed.map((e) => e.index),
        sealed.map((e) => blob(e.sealed!.salt)),
        sealed.map((e) => e.sealed!.content),
      ]);
    }
    await client.query('COMMIT');
    return size || (await log.size());
  } catch (err) {
    await client.query('ROLLBACK').catch((e: Error) => (broken = e));
    throw err;
  } finally {
    client.release(broken);
  }
}
