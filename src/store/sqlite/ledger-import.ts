/**
 * The SQLite side of moving a log between stores (src/store/ledger-transfer.ts): raw entries,
 * their kept seals and the documents, out of one store and into an empty one.
 */
import type Database from 'better-sqlite3';
import { checkContinues, runsByCreatedAt, type LedgerTransfer, type TransferDocument, type TransferEntry } from '../ledger-transfer.js';
import type { StateArea } from './areas/area.js';
import type { SqliteLedger } from './ledger-tiles.js';

export interface SqliteTransferParts {
  /** The writer connection (appends). */
  readonly db: Database.Database;
  /** The reader connection (exports). */
  readonly reader: Database.Database;
  readonly log: SqliteLedger;
  readonly areas: readonly StateArea[];
  /** The store's serialised write transaction. */
  write<T>(fn: () => Promise<T>): Promise<T>;
}

const bytes = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

export function sqliteLedgerTransfer(parts: SqliteTransferParts): LedgerTransfer {
  const { db, reader, log } = parts;
  const entries = reader.prepare(
    `SELECT e.idx, e.leaf, e.created_at, s.salt, s.content FROM ledger_entries e
     LEFT JOIN sealed_events s ON s.idx = e.idx WHERE e.idx >= ? AND e.idx < ? ORDER BY e.idx`,
  );
  const documents = reader.prepare('SELECT sha256, media_type, body FROM documents WHERE sha256 > ? ORDER BY sha256 LIMIT ?');
  const countDocuments = reader.prepare('SELECT COUNT(*) FROM documents').pluck();
  const putSealed = db.prepare('INSERT INTO sealed_events (idx, salt, content) VALUES (?, ?, ?)');
  const eventTypes = new Set<string>();
  for (const area of parts.areas) {
    for (const type of Object.keys(area.appliers(db))) eventTypes.add(type);
    for (const type of area.auditOnly ?? []) eventTypes.add(type);
  }

  return {
    eventTypes,
    async exportEntries(start, end) {
      const rows = entries.all(start, end) as { idx: number; leaf: Buffer; created_at: string | null; salt: Buffer | null; content: string | null }[];
      return rows.map((r) => ({
        index: r.idx,
        leaf: bytes(r.leaf),
        createdAt: r.created_at,
        sealed: r.salt && r.content !== null ? { salt: bytes(r.salt), content: r.content } : null,
      }));
    },
    importEntries(batch: readonly TransferEntry[]) {
      return parts.write(async () => {
        checkContinues(batch, log.size());
        for (const run of runsByCreatedAt(batch)) log.append(run.map((e) => e.leaf), run[0]!.createdAt);
        for (const e of batch) if (e.sealed) putSealed.run(e.index, Buffer.from(e.sealed.salt), e.sealed.content);
        return log.size();
      });
    },
    async exportDocuments(after, limit) {
      const rows = documents.all(after ?? '', limit) as { sha256: string; media_type: string; body: Buffer }[];
      return rows.map((r): TransferDocument => ({ sha256: r.sha256, mediaType: r.media_type, body: bytes(r.body) }));
    },
    async countDocuments() {
      return countDocuments.get() as number;
    },
  };
}

