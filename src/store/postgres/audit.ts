import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { isSealed, type LedgerEvent } from '../../app/events/event.js';
import type { StateAudit, StateDifference } from '../port.js';
import type { PostgresStateArea } from './areas/area.js';
import { checkIdentifier } from './connection.js';
import { LEDGER_MIGRATIONS } from './ledger.js';
import { runMigrations } from './migrations.js';
import { logSize, readLog, unseal } from './replay.js';
import { PostgresStateWriter } from './state-writer.js';

const MAX_DIFFERENCES = 100;
const FETCH = 500;

type Row = Record<string, unknown>;

/**
 * Audits the state tables of `live` (a schema) against its log, the twin of
 * src/store/sqlite/audit.ts: replays every event through the same appliers into a scratch schema,
 * then merges each state table of both, ordered by its key, row by row. A row that differs, is
 * missing or should not be there is reported with the ledger index behind it where the table
 * records one. Sealed events are opened with their kept salt and checked against their commitment
 * first.
 *
 * Everything runs in one REPEATABLE READ transaction on `client`: the log and the state tables are
 * read from one snapshot, and the scratch schema, created inside the transaction, disappears with
 * its rollback, even if the process dies half-way. The live schema is only read.
 */
export async function auditPostgresState(
  client: pg.ClientBase,
  live: string,
  areas: readonly PostgresStateArea[],
  onProgress?: (done: number, total: number) => void,
): Promise<StateAudit> {
  checkIdentifier(live, 'schema');
  const scratch = `truceline_audit_${randomBytes(8).toString('hex')}`;
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
  try {
    // Sets the transaction's search path to the scratch schema: the appliers write there.
    await runMigrations(client, scratch, [...LEDGER_MIGRATIONS, ...areas.flatMap((a) => a.migrations)]);
    await client.query(`INSERT INTO ${scratch}.documents (sha256, media_type, body) SELECT sha256, media_type, body FROM ${live}.documents`);
    const differences: StateDifference[] = [];
    const state = new PostgresStateWriter(client, areas);
    const total = await logSize(client, live);
    for await (const { index: i, leaf, kept } of readLog(client, live, total)) {
      if (!leaf) {
        differences.push({ table: 'ledger_entries', key: String(i), ledgerIndex: i, what: 'missing', detail: 'the log has no entry at this index' });
        break;
      }
      let event: LedgerEvent;
      if (isSealed(leaf)) {
        try {
          event = unseal(i, leaf, kept);
        } catch {
          differences.push({ table: 'sealed_events', key: String(i), ledgerIndex: i, what: kept ? 'changed' : 'missing', detail: 'kept content does not match the commitment in the log' });
          continue;
        }
      } else {
        event = leaf;
      }
      try {
        await state.apply(event, i);
      } catch (err) {
        // The log itself is inconsistent (an event that cannot follow the ones before it): the
        // replayed state after this point means nothing, so stop here and name the entry.
        differences.push({ table: 'ledger_entries', key: String(i), ledgerIndex: i, what: 'changed', detail: `the event cannot be applied after the ones before it: ${(err as Error).message}` });
        return { events: i, differences };
      }
      if (onProgress && (i % 10_000 === 0 || i === total - 1)) onProgress(i + 1, total);
    }
    for (const area of areas) {
      for (const table of area.tables) {
        const key = area.keys[table];
        if (!key) throw new Error(`state area '${area.name}' names no audit key for table ${table}`);
        await compareTable(client, live, scratch, table, key, differences);
        if (differences.length >= MAX_DIFFERENCES) break;
      }
    }
    return { events: total, differences: differences.slice(0, MAX_DIFFERENCES) };
  } finally {
    await client.query('ROLLBACK');
  }
}

/** Rows of `schema.table` in key order (byte order of the key's UTF-8, COLLATE "C"), a batch at a time. */
async function* rowsByKey(client: pg.ClientBase, cursor: string, schema: string, table: string, key: string): AsyncGenerator<Row> {
  await client.query(`DECLARE ${cursor} NO SCROLL CURSOR FOR SELECT (${key})::text AS audit_key, * FROM ${schema}.${table} ORDER BY (${key})::text COLLATE "C"`);
  try {
    for (;;) {
      const { rows } = await client.query<Row>(`FETCH ${FETCH} FROM ${cursor}`);
      yield* rows;
      if (rows.length < FETCH) return;
    }
  } finally {
    await client.query(`CLOSE ${cursor}`);
  }
}

async function compareTable(client: pg.ClientBase, live: string, replay: string, table: string, key: string, out: StateDifference[]): Promise<void> {
  const a = rowsByKey(client, 'audit_live', live, table, key);
  const b = rowsByKey(client, 'audit_replay', replay, table, key);
  const index = (r: Row) => (typeof r.ledger_idx === 'number' ? r.ledger_idx : null);
  try {
    let x = await a.next();
    let y = await b.next();
    while (!x.done || !y.done) {
      if (out.length >= MAX_DIFFERENCES) return;
      const kx = x.done ? null : String(x.value.audit_key);
      const ky = y.done ? null : String(y.value.audit_key);
      if (kx !== null && (ky === null || byteOrder(kx, ky) < 0)) {
        out.push({ table, key: kx, ledgerIndex: index(x.value), what: 'unexpected', detail: 'the row is in the store but no ledger event put it there' });
        x = await a.next();
      } else if (ky !== null && (kx === null || byteOrder(ky, kx) < 0)) {
        out.push({ table, key: ky, ledgerIndex: index(y.value), what: 'missing', detail: 'a ledger event put this row there, but the store lacks it' });
        y = await b.next();
      } else {
        const changed = Object.keys(y.value!).filter((c) => !sameCell(x.value![c], y.value![c]));
        if (changed.length > 0) {
          out.push({ table, key: kx!, ledgerIndex: index(y.value!), what: 'changed', detail: `columns ${changed.join(', ')} differ from what the log says` });
        }
        x = await a.next();
        y = await b.next();
      }
    }
  } finally {
    await a.return(undefined);
    await b.return(undefined);
  }
}

/** The order of COLLATE "C" on UTF-8: bytewise. */
function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

function sameCell(a: unknown, b: unknown): boolean {
  if (Buffer.isBuffer(a) && Buffer.isBuffer(b)) return a.equals(b);
  return a === b;
}
