/**
 * `truceline copy` and `truceline migrate` through the real command: a mission moves from SQLite
 * to PostgreSQL and back with the same ledger bytes, seals, documents and state (so the same
 * root); a non-empty target, a source that does not verify and a log the target cannot hold are
 * refused in one line with nothing copied. Runs against a database created for the run; skips
 * only when no PostgreSQL server answers.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POSTGRES_STATE_AREAS } from '../src/store/postgres/areas/index.js';
import { createScratchDatabase, probeServer, testServerUrl, type ScratchDatabase } from '../src/store/postgres/scratch-database.js';
import { PostgresStore } from '../src/store/postgres/store.js';
import { runCli } from './support/cli.js';
import { countRows, dumpSqlite, makeMission, ok, printedRoot } from './support/ops-mission.js';

const SERVER = testServerUrl();
const probe = await probeServer(SERVER);
if (!probe.ok && probe.answered) throw new Error(`the PostgreSQL server at ${SERVER} answered but refused the tests: ${probe.reason}`);
const skipReason = probe.ok ? null : `no PostgreSQL server answers at ${SERVER} (${probe.reason})`;
if (skipReason) {
  console.warn(`test/ops-copy.test.ts: skipped, ${skipReason}`);
  it.skip(`truceline copy: ${skipReason}`, () => undefined);
}

const HAS_INCIDENTS = POSTGRES_STATE_AREAS.some((a) => a.name === 'incidents');
if (!HAS_INCIDENTS) console.warn('test/ops-copy.test.ts: the fused-mission case is skipped: the PostgreSQL adapter has no incidents area yet (POSTGRES_STATE_AREAS)');

let work: string;
let db: ScratchDatabase;
const source = () => join(work, 'mission');

function oneLineError(r: { code: number | null; stderr: string }, pattern: RegExp): void {
  expect(r.code).not.toBe(0);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(pattern);
}

describe.skipIf(skipReason !== null)('truceline copy', () => {
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'truceline-ops-copy-'));
    db = await createScratchDatabase(SERVER);
    makeMission(source(), work, 'm');
  }, 120_000);

  afterAll(async () => {
    await db?.drop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('moves a mission SQLite -> PostgreSQL -> SQLite keeping every ledger byte, seal, document and state row', async () => {
    const there = ok(runCli(['copy', '--from', `sqlite:${source()}`, '--to', db.url, '--schema', 'm1']));
    expect(there.stdout).toMatch(/copied \d+ ledger entries \(3 sealed\) and 1 documents/);
    const { size, root } = printedRoot(there.stdout);
    const pg = await PostgresStore.open(db.url, { schema: 'm1' });
    try {
      expect(await pg.ledger.size()).toBe(size);
      expect(Buffer.from(await pg.ledger.root()).toString('base64')).toBe(root);
      expect((await pg.auditState()).differences).toEqual([]);
      expect((await pg.getObservation('m-3'))?.observation.visibility).toBe('party-confidential');
      expect(await pg.countObservations()).toBe(3);
    } finally {
      await pg.close();
    }

    const back = join(work, 'back');
    const home = ok(runCli(['copy', '--from', db.url, '--from-schema', 'm1', '--to', `sqlite:${back}/`]));
    expect(printedRoot(home.stdout)).toEqual({ size, root });
    expect(dumpSqlite(join(back, 'truceline.db'))).toEqual(dumpSqlite(join(source(), 'truceline.db')));
    // With the mission key beside it (copy leaves keys to the operator), the copy is a working
    // mission: verify checks its log and state in place.
    mkdirSync(join(back, 'keys'), { mode: 0o700 });
    copyFileSync(join(source(), 'keys', 'mission.ed25519.pem'), join(back, 'keys', 'mission.ed25519.pem'));
    const v = runCli(['verify', '--data', back]);
    expect(v.code, v.stdout + v.stderr).toBe(0);
  }, 120_000);

  it('refuses a target that is not empty, in one line', () => {
    ok(runCli(['copy', '--from', `sqlite:${source()}`, '--to', db.url, '--schema', 'm2']));
    const again = runCli(['copy', '--from', `sqlite:${source()}`, '--to', db.url, '--schema', 'm2']);
    oneLineError(again, /^truceline: the target already holds a ledger of \d+ entries; copy only into an empty store$/m);
    const intoSqlite = runCli(['copy', '--from', db.url, '--from-schema', 'm2', '--to', `sqlite:${source()}`]);
    oneLineError(intoSqlite, /already holds a ledger/);
  }, 120_000);

  it('refuses a source whose log does not verify, and copies nothing', async () => {
    const damaged = join(work, 'damaged');
    mkdirSync(damaged);
    copyFileSync(join(source(), 'truceline.db'), join(damaged, 'truceline.db'));
    const raw = new Database(join(damaged, 'truceline.db'));
    raw.prepare("UPDATE ledger_entries SET leaf = CAST(replace(CAST(leaf AS TEXT), 'patrol-3', 'patrol-4') AS BLOB) WHERE idx = 2").run();
    raw.close();
    const r = runCli(['copy', '--from', `sqlite:${damaged}`, '--to', db.url, '--schema', 'm3']);
    oneLineError(r, /the source does not verify, nothing was copied: ledger entry 2: its content does not hash/);
    const pg = await PostgresStore.open(db.url, { schema: 'm3' });
    try {
      expect(await pg.ledger.size()).toBe(0);
    } finally {
      await pg.close();
    }
  }, 120_000);

  it.each([
    [['--from', 'mysql://x/y', '--to', 'sqlite:/tmp/x'], /'mysql:\/\/x\/y' names no store: write sqlite:PATH or postgres:\/\/HOST\/DATABASE/],
    [['--from', 'sqlite:/nonexistent/truceline-ops', '--to', 'sqlite:/tmp/x'], /no mission store at \/nonexistent\/truceline-ops/],
    [['--from', 'postgres://u:secret@127.0.0.1:1/db', '--to', 'sqlite:/tmp/x'], /^truceline: cannot open postgres:\/\/u:…@127\.0\.0\.1:1\/db \(schema public\): /],
    [['--from', 'postgres://127.0.0.1/x', '--to', 'sqlite:/tmp/x', '--schema', 'Bad-Name'], /schema 'Bad-Name' must match/],
  ])('says in one line what is wrong with %j', (args, pattern) => {
    const r = runCli(['copy', ...args]);
    oneLineError(r, pattern);
    expect(r.stderr).not.toContain('secret');
  });

  it.skipIf(!HAS_INCIDENTS)('moves a fused mission (incidents) to PostgreSQL and back with the same root and incident rows', async () => {
    const fused = join(work, 'fused');
    ok(runCli(['sim', '--seed', '7', '--days', '1', '--tempo', 'low', '--out', join(work, 'sim')]));
    ok(runCli(['import', join(work, 'sim', 'observations.ndjson'), '--data', fused, '--fuse', '--quiet']));
    expect(countRows(join(fused, 'truceline.db'), 'SELECT COUNT(*) FROM incidents')).toBeGreaterThan(0);
    const there = ok(runCli(['copy', '--from', `sqlite:${fused}`, '--to', db.url, '--schema', 'f1']));
    const back = join(work, 'fused-back');
    const home = ok(runCli(['copy', '--from', db.url, '--from-schema', 'f1', '--to', `sqlite:${back}/`]));
    expect(printedRoot(home.stdout)).toEqual(printedRoot(there.stdout));
    expect(dumpSqlite(join(back, 'truceline.db'))).toEqual(dumpSqlite(join(fused, 'truceline.db')));
  }, 300_000);
});

describe.skipIf(skipReason !== null)('truceline migrate', () => {
  it('lists pending migrations without applying them, applies them once, then finds nothing to do (SQLite)', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'truceline-ops-migrate-')), 'data');
    const before = ok(runCli(['migrate', '--status', '--data', dir]));
    expect(before.stdout).toMatch(/no store yet, every migration is pending/);
    expect(before.stdout).toMatch(/applied: 0\n/);
    const pending = Number(/pending: (\d+)/.exec(before.stdout)![1]);
    expect(pending).toBeGreaterThan(5);
    expect(before.stdout).toMatch(/^ {2}ledger +v1 {2}entries and tiles$/m);
    const applied = ok(runCli(['migrate', '--data', dir]));
    expect(applied.stdout).toContain(`applied ${pending} migrations`);
    expect(applied.stdout).toMatch(/^schema: ledger v1, core v1, identity v2/m);
    const after = ok(runCli(['migrate', '--status', '--data', dir]));
    expect(after.stdout).toContain(`applied: ${pending}\n`);
    expect(after.stdout).toContain('pending: 0\n');
    expect(ok(runCli(['migrate', '--data', dir])).stdout).toMatch(/already up to date/);
    rmSync(join(dir, '..'), { recursive: true, force: true });
  }, 60_000);

  it('does the same for a PostgreSQL schema named by --database-url and DATABASE_URL', async () => {
    const scratch = await createScratchDatabase(SERVER);
    try {
      const status = ok(runCli(['migrate', '--status', '--database-url', scratch.url, '--schema', 'mig']));
      expect(status.stdout).toMatch(/applied: 0\n/);
      const pending = Number(/pending: (\d+)/.exec(status.stdout)![1]);
      expect(pending).toBe(POSTGRES_STATE_AREAS.reduce((n, a) => n + a.migrations.length, 1));
      const run = ok(runCli(['migrate', '--schema', 'mig'], { env: { DATABASE_URL: scratch.url } }));
      expect(run.stdout).toContain(`applied ${pending} migrations`);
      const after = ok(runCli(['migrate', '--status', '--database-url', scratch.url, '--schema', 'mig']));
      expect(after.stdout).toContain('pending: 0\n');
      const bad = runCli(['migrate', '--database-url', 'mysql://x']);
      oneLineError(bad, /must start with postgres:\/\/ or postgresql:\/\//);
    } finally {
      await scratch.drop();
    }
  }, 60_000);
});
