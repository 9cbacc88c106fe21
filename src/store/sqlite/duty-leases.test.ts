import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DUTY_LEASE_MIGRATION,
  processRuns,
  processStarted,
  SqliteDutyLeases,
  sqliteFileId,
} from './duty-leases.js';
import { SqliteStore } from './store.js';

const opened: SqliteStore[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

function storeFile(): string {
  return join(mkdtempSync(join(tmpdir(), 'truceline-duty-')), 'mission.sqlite');
}
function open(file: string, beatMs = 5000): SqliteStore {
  const store = SqliteStore.open(file, { duties: { beatMs, staleMs: 1000 } });
  opened.push(store);
  return store;
}
/** Writes the lease row as another process would have left it. */
function plant(
  file: string,
  row: { pid: number; started: string | null; host: string; beatAt: number },
): void {
  const db = new Database(file);
  db.prepare(
    'INSERT OR REPLACE INTO duty_leases (name, file_id, holder, pid, started, host, beat_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run('fusion', sqliteFileId(file), 'planted', row.pid, row.started, row.host, row.beatAt);
  db.close();
}
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  });
  return Number(child.stdout);
}

describe('duty leases on one SQLite file', () => {
  it('grant a duty to one store of those open on the file, and to the next once it is released', async () => {
    const file = storeFile();
    const a = open(file);
    const b = open(file);
    const lease = await a.tryDuty('fusion');
    expect(lease).not.toBeNull();
    expect(await b.tryDuty('fusion')).toBeNull();
    // Another duty is its own lease.
    const alerts = await b.tryDuty('alerts');
    expect(alerts).not.toBeNull();
    await lease!.release();
    const next = await b.tryDuty('fusion');
    expect(next).not.toBeNull();
    expect(await a.tryDuty('fusion')).toBeNull();
  });

  it('pass a duty on at once when the holding process no longer runs, or its id now names another process', async () => {
    const file = storeFile();
    const store = open(file);
    plant(file, { pid: deadPid(), started: null, host: hostname(), beatAt: Date.now() });
    expect(await store.tryDuty('fusion')).not.toBeNull();

    const other = storeFile();
    const second = open(other);
    // This process's id with another start time: the holder died and its id was reused.
    plant(other, { pid: process.pid, started: '1', host: hostname(), beatAt: Date.now() });
    expect(await second.tryDuty('fusion')).not.toBeNull();
  });

  it('keep a live local holder however long since its beat, and wait out a holder on another host', async () => {
    const file = storeFile();
    const store = open(file);
    plant(file, {
      pid: process.ppid,
      started: processStarted(process.ppid),
      host: hostname(),
      beatAt: 0,
    });
    expect(await store.tryDuty('fusion')).toBeNull();

    plant(file, { pid: 1, started: null, host: 'another-host', beatAt: Date.now() });
    expect(await store.tryDuty('fusion')).toBeNull();
    plant(file, { pid: 1, started: null, host: 'another-host', beatAt: Date.now() - 1500 });
    expect(await store.tryDuty('fusion')).not.toBeNull();
  });

  it('tell the holder it lost the duty when its row was taken, and beat while it holds', async () => {
    const file = storeFile();
    const store = open(file, 50);
    const lease = await store.tryDuty('fusion');
    const db = new Database(file);
    const beatAt = () =>
      (db.prepare('SELECT beat_at FROM duty_leases').pluck().get() as number | undefined) ?? 0;
    const first = beatAt();
    await new Promise((r) => setTimeout(r, 200));
    expect(beatAt()).toBeGreaterThan(first);
    let lost = false;
    void lease!.lost.then(() => (lost = true));
    db.prepare("UPDATE duty_leases SET holder = 'someone else'").run();
    db.close();
    await new Promise((r) => setTimeout(r, 200));
    expect(lost).toBe(true);
  });

  it('pass a duty on at once when its row came with a copy of the file (a backup restored beside its mission)', async () => {
    const original = storeFile();
    const live = open(original);
    expect(await live.tryDuty('fusion')).not.toBeNull();
    const copy = storeFile();
    const source = new Database(original, { readonly: true });
    await source.backup(copy);
    source.close();
    const restored = open(copy);
    expect(await restored.tryDuty('fusion')).not.toBeNull();
    // The original still holds its own.
    expect(await open(original).tryDuty('fusion')).toBeNull();
  });

  it('keep the duty through beats that fail (the file busy under another writer), and lose it only to another holder', async () => {
    const db = new Database(':memory:');
    db.exec(DUTY_LEASE_MIGRATION.sql);
    let busy = false;
    const exclusive = async <T>(fn: () => T): Promise<T> => {
      if (busy) throw new Error('SQLITE_BUSY: database is locked');
      return fn();
    };
    const leases = new SqliteDutyLeases(db, exclusive, 'test-file', { beatMs: 20 });
    const lease = (await leases.take('fusion'))!;
    let lost = false;
    void lease.lost.then(() => (lost = true));
    busy = true;
    await new Promise((r) => setTimeout(r, 120));
    expect(lost).toBe(false);
    busy = false;
    db.prepare("UPDATE duty_leases SET holder = 'someone else'").run();
    await new Promise((r) => setTimeout(r, 120));
    expect(lost).toBe(true);
    await lease.release();
    db.close();
  });

  it('release what a store holds when it closes', async () => {
    const file = storeFile();
    const a = SqliteStore.open(file);
    expect(await a.tryDuty('fusion')).not.toBeNull();
    await a.close();
    const db = new Database(file, { readonly: true });
    expect(db.prepare('SELECT COUNT(*) FROM duty_leases').pluck().get()).toBe(0);
    db.close();
  });
});

describe('process liveness', () => {
  it('knows this process and its start time, and a process that has exited', () => {
    expect(processRuns(process.pid, processStarted(process.pid))).toBe(true);
    expect(processRuns(deadPid(), null)).toBe(false);
  });
});
