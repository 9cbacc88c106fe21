import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { decodeLeaf, isSealed, commitmentOf, type LedgerEvent } from '../../app/events/event.js';
import type { StateAudit, StateDifference } from '../port.js';
import type { StateArea } from './areas/area.js';
import { LEDGER_SQLITE_SCHEMA, SqliteLedger } from './ledger-tiles.js';
import { migrate } from './migrations.js';
import { StateWriter } from './state-writer.js';

const MAX_DIFFERENCES = 100;

type Row = Record<string, unknown>;

/**
 * Audits the state tables against the log: replays every event into a scratch database through
 * the same appliers, then merges each state table of both, ordered by its key, row by row. A row
 * that differs, is missing or should not be there is reported with the ledger index behind it
 * where the table records one. Sealed events are opened with their kept salt and checked against
 * their commitment first. The live database is only read.
 */
export function auditSqliteState(live: Database.Database, areas: readonly StateArea[], onProgress?: (done: number, total: number) => void): StateAudit {
  const dir = mkdtempSync(join(tmpdir(), 'truceline-audit-'));
  const scratch = new Database(join(dir, 'replay.db'));
  try {
    scratch.pragma('journal_mode = OFF');
    scratch.pragma('synchronous = OFF');
    migrate(scratch, [{ area: 'ledger', version: 1, name: 'entries and tiles', sql: LEDGER_SQLITE_SCHEMA }, ...areas.flatMap((a) => a.migrations)]);
    const copyDocuments = scratch.prepare('INSERT INTO documents (sha256, media_type, body) VALUES (?, ?, ?)');
    for (const d of live.prepare('SELECT sha256, media_type, body FROM documents').iterate() as IterableIterator<{ sha256: string; media_type: string; body: Buffer }>) {
      copyDocuments.run(d.sha256, d.media_type, d.body);
    }
    const differences: StateDifference[] = [];
    const log = new SqliteLedger(live);
    const sealed = live.prepare('SELECT salt, content FROM sealed_events WHERE idx = ?');
    const state = new StateWriter(scratch, areas);
    const total = log.size();
    scratch.exec('BEGIN');
    for (let i = 0; i < total; i++) {
      const leaf = log.entry(i);
      if (!leaf) {
        differences.push({ table: 'ledger_entries', key: String(i), ledgerIndex: i, what: 'missing', detail: 'the log has no entry at this index' });
        break;
      }
      let event: LedgerEvent;
      const decoded = decodeLeaf(leaf);
      if (isSealed(decoded)) {
        const kept = sealed.get(i) as { salt: Buffer; content: string } | undefined;
        if (!kept || commitmentOf(JSON.parse(kept.content) as LedgerEvent, kept.salt) !== decoded.commitment) {
          differences.push({ table: 'sealed_events', key: String(i), ledgerIndex: i, what: kept ? 'changed' : 'missing', detail: 'kept content does not match the commitment in the log' });
          continue;
        }
        event = JSON.parse(kept.content) as LedgerEvent;
      } else {
        event = decoded;
      }
      try {
        state.apply(event, i);
      } catch (err) {
        // The log itself is inconsistent (an event that cannot follow the ones before it): the
        // replayed state after this point means nothing, so stop here and name the entry.
        scratch.exec('ROLLBACK');
        differences.push({ table: 'ledger_entries', key: String(i), ledgerIndex: i, what: 'changed', detail: `the event cannot be applied after the ones before it: ${(err as Error).message}` });
        return { events: i, differences };
      }
      if (onProgress && (i % 10_000 === 0 || i === total - 1)) onProgress(i + 1, total);
    }
    scratch.exec('COMMIT');
    for (const area of areas) {
      for (const table of area.tables) {
        compareTable(live, scratch, table, area.keys[table] ?? 'rowid', differences);
        if (differences.length >= MAX_DIFFERENCES) break;
      }
    }
    return { events: total, differences: differences.slice(0, MAX_DIFFERENCES) };
  } finally {
    scratch.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function compareTable(live: Database.Database, replay: Database.Database, table: string, key: string, out: StateDifference[]): void {
  const sql = `SELECT ${key} AS audit_key, * FROM ${table} ORDER BY ${key}`;
  const a = live.prepare(sql).iterate() as IterableIterator<Row>;
  const b = replay.prepare(sql).iterate() as IterableIterator<Row>;
  let x = a.next();
  let y = b.next();
  const index = (r: Row) => (typeof r.ledger_idx === 'number' ? r.ledger_idx : null);
  while (!x.done || !y.done) {
    if (out.length >= MAX_DIFFERENCES) {
      a.return?.();
      b.return?.();
      return;
    }
    const kx = x.done ? null : String(x.value.audit_key);
    const ky = y.done ? null : String(y.value.audit_key);
    if (kx !== null && (ky === null || kx < ky)) {
      out.push({ table, key: kx, ledgerIndex: index(x.value), what: 'unexpected', detail: 'the row is in the store but no ledger event put it there' });
      x = a.next();
    } else if (ky !== null && (kx === null || ky < kx)) {
      out.push({ table, key: ky, ledgerIndex: index(y.value), what: 'missing', detail: 'a ledger event put this row there, but the store lacks it' });
      y = b.next();
    } else {
      const changed = Object.keys(y.value).filter((c) => !sameCell(x.value![c], y.value![c]));
      if (changed.length > 0) {
        out.push({ table, key: kx!, ledgerIndex: index(y.value!), what: 'changed', detail: `columns ${changed.join(', ')} differ from what the log says` });
      }
      x = a.next();
      y = b.next();
    }
  }
}

function sameCell(a: unknown, b: unknown): boolean {
  if (Buffer.isBuffer(a) && Buffer.isBuffer(b)) return a.equals(b);
  return a === b;
}
