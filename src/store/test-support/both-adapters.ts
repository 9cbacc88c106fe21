/**
 * A suite run on both store adapters: on SQLite (a fresh file each store), and on PostgreSQL (a
 * scratch database each store) when a server answers at TRUCELINE_TEST_PG or 127.0.0.1:5432. With
 * no server there, the PostgreSQL run is skipped and says so; a server that answers but refuses
 * the tests fails them, with its reason.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'vitest';
import type { Store } from '../port.js';
import { createScratchDatabase, probeServer, testServerUrl, type ScratchDatabase } from '../postgres/scratch-database.js';
import { PostgresStore } from '../postgres/store.js';
import { SqliteStore } from '../sqlite/store.js';

/** Declares a suite named `name` over stores `open` makes and `close` closes (and drops). */
export type AdapterSuite = (name: string, open: () => Promise<Store>, close: (s: Store) => Promise<void>) => void;

/** Declares `suite` as "`what` on SQLite" and "`what` on PostgreSQL". */
export async function onBothAdapters(what: string, suite: AdapterSuite): Promise<void> {
  suite(
    `${what} on SQLite`,
    async () => SqliteStore.open(join(mkdtempSync(join(tmpdir(), 'truceline-test-')), 'test.db'), { synchronous: 'NORMAL' }),
    (s) => s.close(),
  );
  const server = testServerUrl();
  const probe = await probeServer(server);
  if (!probe.ok && probe.answered) throw new Error(`the PostgreSQL server at ${server} answered but refused the tests: ${probe.reason}`);
  if (!probe.ok) {
    it.skip(`${what} on PostgreSQL: no server answers at ${server}`, () => undefined);
    return;
  }
  const dbs = new Map<Store, ScratchDatabase>();
  suite(
    `${what} on PostgreSQL`,
    async () => {
      const db = await createScratchDatabase(server);
      const store = await PostgresStore.open(db.url, { maxConnections: 4 });
      dbs.set(store, db);
      return store;
    },
    async (s) => {
      await s.close();
      await dbs.get(s)?.drop();
    },
  );
}
