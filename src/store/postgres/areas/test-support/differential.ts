/**
 * Differential tests of a PostgreSQL state area against its SQLite twin: one SqliteStore (a file,
 * so reads use their own connection as in production) and one PostgresStore (a schema of a scratch
 * database) fed the same use cases, so every read can be compared deep-equal.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { decodeLeaf, isSealed } from '../../../../app/events/event.js';
import { DEMO_AGREEMENT_FILE, readAgreementFile } from '../../../../app/mission.js';
import type { Agreement } from '../../../../domain/agreement/index.js';
import { distanceToLine, sideOfLine } from '../../../../domain/geo/index.js';
import { offset } from '../../../../domain/fusion/test-support/scenario.js';
import type { LonLat } from '../../../../domain/units.js';
import { SqliteStore } from '../../../sqlite/store.js';
import {
  createScratchDatabase,
  probeServer,
  testServerUrl,
  type ScratchDatabase,
} from '../../scratch-database.js';
import { PostgresStore } from '../../store.js';

/** Why the PostgreSQL tests are skipped (no server answers), or null; a server that refuses us throws. */
export async function postgresSkipReason(): Promise<string | null> {
  const server = testServerUrl();
  const probe = await probeServer(server);
  if (!probe.ok && probe.answered)
    throw new Error(
      `the PostgreSQL server at ${server} answered but refused the tests: ${probe.reason}`,
    );
  return probe.ok ? null : `no PostgreSQL server answers at ${server} (${probe.reason})`;
}

export interface StorePair {
  readonly sqlite: SqliteStore;
  readonly pg: PostgresStore;
  readonly db: ScratchDatabase;
  /** Runs SQL in the PostgreSQL store's schema (tampering, inspection); BIGINT comes back as text. */
  sql<R extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<R[]>;
  close(): Promise<void>;
}

export async function openStorePair(): Promise<StorePair> {
  const dir = mkdtempSync(join(tmpdir(), 'truceline-differential-'));
  const sqlite = SqliteStore.open(join(dir, 'truceline.db'), { synchronous: 'NORMAL' });
  const db = await createScratchDatabase(testServerUrl());
  const schema = 'differential';
  const store = await PostgresStore.open(db.url, { schema, maxConnections: 4 });
  return {
    sqlite,
    pg: store,
    db,
    async sql(text, values = []) {
      const client = new pg.Client({
        connectionString: db.url,
        options: `-c search_path=${schema}`,
      });
      await client.connect();
      try {
        return (await client.query(text, values)).rows;
      } finally {
        await client.end();
      }
    },
    async close() {
      await store.close();
      await sqlite.close();
      await db.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type Outcome<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly code: string | undefined; readonly message: string };

async function outcome<T>(run: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (err) {
    const e = err as Error & { code?: string };
    return { ok: false, code: e.code, message: e.message };
  }
}

/**
 * Runs the same use case on both stores, SQLite first, and returns what each answered (a value,
 * or the error's code and message), for the caller to compare.
 */
export async function onBoth<T>(
  pair: StorePair,
  run: (store: SqliteStore | PostgresStore) => Promise<T>,
): Promise<[Outcome<T>, Outcome<T>]> {
  const a = await outcome(() => run(pair.sqlite));
  const b = await outcome(() => run(pair.pg));
  return [a, b];
}

/**
 * The two logs, entry by entry: plain leaves byte for byte, sealed leaves by their kept content
 * (the salts differ). Returns the indexes that differ.
 */
export async function differingLogEntries(pair: StorePair): Promise<number[]> {
  const size = await pair.sqlite.ledger.size();
  if ((await pair.pg.ledger.size()) !== size) return [-1];
  const kept = new Map(
    (
      await pair.sql<{ idx: number; content: string }>(
        'SELECT idx::integer AS idx, content FROM sealed_events',
      )
    ).map((r) => [r.idx, r.content]),
  );
  const out: number[] = [];
  for (let i = 0; i < size; i++) {
    const a = (await pair.sqlite.ledger.entry(i))!;
    const b = (await pair.pg.ledger.entry(i))!;
    const la = decodeLeaf(a);
    if (isSealed(la)) {
      const sealedB = isSealed(decodeLeaf(b));
      if (!sealedB || (await pair.sqlite.sealedEntry!(i))?.content !== kept.get(i)) out.push(i);
    } else if (Buffer.compare(Buffer.from(a), Buffer.from(b)) !== 0) out.push(i);
  }
  return out;
}

export const demoAgreement = (): Agreement => readAgreementFile(DEMO_AGREEMENT_FILE).agreement;

/**
 * A function giving the first point `km` inside `party`'s side, on the perpendicular from the
 * middle of the line of contact that goes deepest into that side.
 */
export function inlandOf(agreement: Agreement, party: string): (km: number) => LonLat {
  const line = agreement.lineOfContact as readonly LonLat[];
  const mid = line[Math.floor(line.length / 2)]!;
  const side = agreement.parties.find((p) => p.id === party)!.side;
  const deep = (az: number) =>
    sideOfLine(offset(mid, az, 100), line) === side
      ? distanceToLine(offset(mid, az, 100), line).distanceM
      : 0;
  const az = Array.from({ length: 24 }, (_, i) => i * 15).sort((x, y) => deep(y) - deep(x))[0]!;
  return (km) => {
    for (let d = 0.5; d < 400; d += 0.5) {
      const p = offset(mid, az, d);
      if (sideOfLine(p, line) === side && distanceToLine(p, line).distanceM >= km * 1000) return p;
    }
    throw new Error(`no point ${km} km inside ${party}'s side`);
  };
}
