/**
 * `truceline backup` and `truceline restore` through the real command: SQLite (online backup,
 * also while another process writes), PostgreSQL (pg_dump/pg_restore), the mission key only with
 * --with-keys, the restored ledger checked against the root the backup recorded, and one-line
 * refusals of everything a user can get wrong. The PostgreSQL cases skip only when no server
 * answers.
 */
import { readFileSync, statSync, writeFileSync, mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTar } from '../src/app/evidence/tar.js';
import { createScratchDatabase, probeServer, testServerUrl, type ScratchDatabase } from '../src/store/postgres/scratch-database.js';
import { SqliteStore } from '../src/store/sqlite/store.js';
import { runCli, startCli } from './support/cli.js';
import { countRows, dumpSqlite, makeMission, ok, printedRoot } from './support/ops-mission.js';

const SERVER = testServerUrl();
const probe = await probeServer(SERVER);
if (!probe.ok && probe.answered) throw new Error(`the PostgreSQL server at ${SERVER} answered but refused the tests: ${probe.reason}`);
const pgSkip = probe.ok ? null : `no PostgreSQL server answers at ${SERVER} (${probe.reason})`;
if (pgSkip) console.warn(`test/ops-backup.test.ts: PostgreSQL cases skipped, ${pgSkip}`);

let work: string;
const mission = () => join(work, 'mission');
const at = (name: string) => join(work, name);

function oneLineError(r: { code: number | null; stderr: string }, pattern: RegExp): void {
  expect(r.code).not.toBe(0);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(pattern);
}

async function members(file: string): Promise<string[]> {
  return (await readTar(file, () => false)).map((m) => m.name);
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'truceline-ops-backup-'));
  makeMission(mission(), work, 'b');
}, 120_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('truceline backup and restore (SQLite)', () => {
  it('restores a backup without the key into an empty directory with the same log, seals and state', async () => {
    const b = ok(runCli(['backup', '--to', at('plain.tar'), '--data', mission()]));
    expect(b.stderr).toMatch(/the mission signing key \(keys\/\) is not in the backup: keep one copy of it offline/);
    expect(await members(at('plain.tar'))).toEqual(['manifest.json', 'store.sqlite']);
    const r = ok(runCli(['restore', '--from', at('plain.tar'), '--data', at('restored')]));
    expect(printedRoot(r.stdout)).toEqual(printedRoot(b.stdout));
    expect(r.stderr).toMatch(/holds no mission signing key/);
    expect(existsSync(join(at('restored'), 'keys'))).toBe(false);
    expect(dumpSqlite(join(at('restored'), 'truceline.db'))).toEqual(dumpSqlite(join(mission(), 'truceline.db')));
    const store = SqliteStore.open(join(mission(), 'truceline.db'));
    try {
      expect(printedRoot(r.stdout).root).toBe(Buffer.from(await store.ledger.root()).toString('base64'));
    } finally {
      await store.close();
    }
  }, 60_000);

  it('puts the key in the backup only with --with-keys, and restores it owner-only', async () => {
    ok(runCli(['backup', '--to', at('keys.tar'), '--data', mission(), '--with-keys']));
    expect(await members(at('keys.tar'))).toEqual(['manifest.json', 'store.sqlite', 'keys/mission.ed25519.pem']);
    const r = ok(runCli(['restore', '--from', at('keys.tar'), '--data', at('with-keys')]));
    const key = join(at('with-keys'), 'keys', 'mission.ed25519.pem');
    expect(r.stdout).toContain(`wrote ${key}`);
    expect(readFileSync(key)).toEqual(readFileSync(join(mission(), 'keys', 'mission.ed25519.pem')));
    expect(statSync(key).mode & 0o777).toBe(0o600);
    // The restored directory signs with the same key: the same verifier key.
    expect(ok(runCli(['ledger', 'key', '--data', at('with-keys')])).stdout).toBe(ok(runCli(['ledger', 'key', '--data', mission()])).stdout);
  }, 60_000);

  it('takes a consistent backup while another process writes to the store', async () => {
    const busy = at('busy');
    ok(runCli(['sim', '--seed', '3', '--days', '2', '--out', at('sim')]));
    const writer = startCli(['import', join(at('sim'), 'observations.ndjson'), '--data', busy, '--batch', '5', '--quiet']);
    const exited = new Promise<number | null>((resolve) => writer.on('exit', (code) => resolve(code)));
    for (let i = 0; i < 600; i++) {
      await new Promise((r) => setTimeout(r, 25));
      try {
        if (countRows(join(busy, 'truceline.db'), 'SELECT COUNT(*) FROM observations') >= 200) break;
      } catch {
        /* not created yet */
      }
    }
    const b = ok(runCli(['backup', '--to', at('busy.tar'), '--data', busy]));
    const stillWriting = writer.exitCode === null;
    expect(await exited).toBe(0);
    expect(stillWriting).toBe(true);
    const taken = printedRoot(b.stdout);
    const r = ok(runCli(['restore', '--from', at('busy.tar'), '--data', at('busy-restored')]));
    expect(printedRoot(r.stdout)).toEqual(taken);
    // The backup is a prefix of the log the writer went on to finish.
    const store = SqliteStore.open(join(busy, 'truceline.db'));
    try {
      // Usually larger (the writer went on); equal only when the backup caught its last commit.
      expect(await store.ledger.size()).toBeGreaterThanOrEqual(taken.size);
      expect(Buffer.from(await store.ledger.root(taken.size)).toString('base64')).toBe(taken.root);
    } finally {
      await store.close();
    }
  }, 240_000);

  it('refuses, in one line, to overwrite a backup or a store, a damaged archive and a file that is no backup', async () => {
    ok(runCli(['backup', '--to', at('once.tar'), '--data', mission()]));
    oneLineError(runCli(['backup', '--to', at('once.tar'), '--data', mission()]), /once\.tar already exists; choose a new file for the backup/);
    oneLineError(runCli(['restore', '--from', at('once.tar'), '--data', mission()]), /truceline\.db already exists; restore into an empty data directory/);
    oneLineError(runCli(['backup', '--to', at('none.tar'), '--data', at('no-mission')]), /no mission store at .*no-mission\/truceline\.db/);
    oneLineError(runCli(['backup', '--to', at('nokey.tar'), '--data', at('restored'), '--with-keys']), /--with-keys: .*keys holds no key files/);

    const bytes = readFileSync(at('once.tar'));
    const store = (await readTar(at('once.tar'), () => false)).find((m) => m.name === 'store.sqlite')!;
    bytes[store.offset + 5000] = bytes[store.offset + 5000]! ^ 0xff;
    writeFileSync(at('damaged.tar'), bytes);
    oneLineError(runCli(['restore', '--from', at('damaged.tar'), '--data', at('from-damaged')]), /damaged\.tar: store\.sqlite is damaged \(its SHA-256 differs from the manifest's\)/);
    expect(existsSync(at('from-damaged'))).toBe(false);

    writeFileSync(at('notes.txt'), 'not an archive\n'.repeat(100));
    oneLineError(runCli(['restore', '--from', at('notes.txt'), '--data', at('from-notes')]), /notes\.txt is not a truceline backup/);
    oneLineError(runCli(['restore', '--from', at('missing.tar'), '--data', at('from-missing')]), /missing\.tar: no such file or directory/);
  }, 60_000);
});

describe.skipIf(pgSkip !== null)('truceline backup and restore (PostgreSQL)', () => {
  let db: ScratchDatabase;
  let into: ScratchDatabase;
  beforeAll(async () => {
    db = await createScratchDatabase(SERVER);
    into = await createScratchDatabase(SERVER);
  });
  afterAll(async () => {
    await db?.drop();
    await into?.drop();
  });

  it('round-trips SQLite -> PostgreSQL -> pg_dump -> pg_restore -> SQLite with the same root and state', async () => {
    const copied = ok(runCli(['copy', '--from', `sqlite:${mission()}`, '--to', db.url, '--schema', 'ops']));
    const b = ok(runCli(['backup', '--to', at('pg.tar'), '--database-url', db.url, '--schema', 'ops', '--data', mission()]));
    expect(printedRoot(b.stdout)).toEqual(printedRoot(copied.stdout));
    expect(await members(at('pg.tar'))).toEqual(['manifest.json', 'store.pgdump']);

    oneLineError(runCli(['restore', '--from', at('pg.tar'), '--data', at('pg-into-sqlite')]), /holds a postgres store: restore it with --database-url URL/);
    oneLineError(runCli(['restore', '--from', at('pg.tar'), '--database-url', into.url, '--schema', 'other']), /holds schema 'ops': restore it with --schema ops/);
    const r = ok(runCli(['restore', '--from', at('pg.tar')], { env: { DATABASE_URL: into.url } }));
    expect(printedRoot(r.stdout)).toEqual(printedRoot(copied.stdout));
    oneLineError(runCli(['restore', '--from', at('pg.tar'), '--database-url', into.url]), /schema ops of .* is not empty; restore into an empty database or schema/);

    const home = ok(runCli(['copy', '--from', into.url, '--from-schema', 'ops', '--to', `sqlite:${at('pg-home')}/`]));
    expect(printedRoot(home.stdout)).toEqual(printedRoot(copied.stdout));
    expect(dumpSqlite(join(at('pg-home'), 'truceline.db'))).toEqual(dumpSqlite(join(mission(), 'truceline.db')));
  }, 180_000);

  it('restores a dump of the public schema into a fresh database, whose public schema already exists', async () => {
    const fresh = await createScratchDatabase(SERVER);
    const target = await createScratchDatabase(SERVER);
    try {
      const copied = ok(runCli(['copy', '--from', `sqlite:${mission()}`, '--to', fresh.url]));
      ok(runCli(['backup', '--to', at('public.tar'), '--database-url', fresh.url, '--data', at('pg-data')]));
      const r = ok(runCli(['restore', '--from', at('public.tar'), '--database-url', target.url]));
      expect(printedRoot(r.stdout)).toEqual(printedRoot(copied.stdout));
    } finally {
      await fresh.drop();
      await target.drop();
    }
  }, 180_000);
});
