/**
 * Duties on an embedded store. Several processes may open one SQLite file (a `serve`, and an
 * `import --fuse` or a second `serve` beside it), and each duty must still be done by one of
 * them: a row per duty names its holder (a token of the lease, the process id, the process's
 * start time and the host), the file it holds the duty on, and when the holder last beat. A
 * process asking for a held duty gets it only when the holder is gone: on the same host, when its
 * process no longer runs (at once, so a crashed serve's duty passes on the next try); from
 * another host, when it has not beaten for `staleMs`; and at once when the row names another file
 * (it came with a copy: a backup restored beside the mission it was taken from). A holder that
 * finds its row taken has lost the duty.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { hostname } from 'node:os';
import type Database from 'better-sqlite3';
import type { DutyLease } from '../port.js';
import type { Migration } from './migrations.js';

export const DUTY_LEASE_MIGRATION: Migration = {
  area: 'duties',
  version: 1,
  name: 'duty leases',
  sql: `CREATE TABLE duty_leases (
    name TEXT PRIMARY KEY,
    file_id TEXT NOT NULL,
    holder TEXT NOT NULL,
    pid INTEGER NOT NULL,
    started TEXT,
    host TEXT NOT NULL,
    beat_at INTEGER NOT NULL)`,
};

interface LeaseRow {
  file_id: string;
  holder: string;
  pid: number;
  started: string | null;
  host: string;
  beat_at: number;
}

export interface DutyLeaseOptions {
  /** How often a holder writes its beat (ms). */
  readonly beatMs?: number;
  /** How long a holder on another host may go without a beat before its duty is taken (ms). */
  readonly staleMs?: number;
}

/**
 * A process's start time in clock ticks since boot (field 22 of /proc/PID/stat), so that a
 * process id reused after the holder died is not taken for the holder; null where /proc is not.
 */
export function processStarted(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is parenthesised and may hold spaces: count from after it.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

/** Whether the process `pid` on this host runs and, when its start time was recorded, is the same process. */
export function processRuns(pid: number, started: string | null): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  return started === null || processStarted(pid) === started;
}

export class SqliteDutyLeases {
  private readonly held = new Map<string, { release(): Promise<void> }>();
  private readonly host = hostname();
  private readonly started = processStarted(process.pid);
  private readonly beatMs: number;
  private readonly staleMs: number;
  private readonly stmts;

  /**
   * `exclusive` runs its function inside the store's write transaction, serialised with every
   * other write. `fileId` names the database file itself (device and inode), so that a row copied
   * with the file (a backup restored beside the mission it came from) names no holder of the copy.
   */
  constructor(
    db: Database.Database,
    private readonly exclusive: <T>(fn: () => T) => Promise<T>,
    private readonly fileId: string,
    opts: DutyLeaseOptions = {},
  ) {
    this.beatMs = opts.beatMs ?? 5000;
    this.staleMs = opts.staleMs ?? 30_000;
    this.stmts = {
      get: db.prepare(
        'SELECT file_id, holder, pid, started, host, beat_at FROM duty_leases WHERE name = ?',
      ),
      put: db.prepare(
        `INSERT INTO duty_leases (name, file_id, holder, pid, started, host, beat_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET file_id = excluded.file_id, holder = excluded.holder, pid = excluded.pid,
           started = excluded.started, host = excluded.host, beat_at = excluded.beat_at`,
      ),
      beat: db.prepare('UPDATE duty_leases SET beat_at = ? WHERE name = ? AND holder = ?'),
      drop: db.prepare('DELETE FROM duty_leases WHERE name = ? AND holder = ?'),
    };
  }

  /** Whether the holder in `row` still holds its duty, seen from this process. */
  private holderLives(row: LeaseRow): boolean {
    if (row.file_id !== this.fileId) return false;
    if (row.host === this.host) return processRuns(row.pid, row.started);
    return Date.now() - row.beat_at < this.staleMs;
  }

  async take(name: string): Promise<DutyLease | null> {
    const holder = randomUUID();
    const taken = await this.exclusive(() => {
      const row = this.stmts.get.get(name) as LeaseRow | undefined;
      if (row && this.holderLives(row)) return false;
      this.stmts.put.run(
        name,
        this.fileId,
        holder,
        process.pid,
        this.started,
        this.host,
        Date.now(),
      );
      return true;
    });
    if (!taken) return null;

    let lostResolve!: () => void;
    const lost = new Promise<void>((r) => (lostResolve = r));
    // The duty is lost when the row names another holder. A beat that could not be written (the
    // file busy past its timeout under another process's long write) is tried again at the next:
    // no process on this host takes a live holder's duty, and another host waits `staleMs`.
    const beat = setInterval(() => {
      this.exclusive(() => this.stmts.beat.run(Date.now(), name, holder).changes)
        .then((changes) => {
          if (changes === 0) lostResolve();
        })
        .catch(() => undefined);
    }, this.beatMs);
    beat.unref();
    void lost.then(() => clearInterval(beat));
    let released: Promise<void> | null = null;
    const lease = {
      lost,
      release: () =>
        (released ??= (async () => {
          clearInterval(beat);
          this.held.delete(`${name}\0${holder}`);
          await this.exclusive(() => this.stmts.drop.run(name, holder)).catch(() => undefined);
        })()),
    };
    this.held.set(`${name}\0${holder}`, lease);
    return lease;
  }

  /** Gives up every duty this store holds (before it closes). */
  async releaseAll(): Promise<void> {
    await Promise.all([...this.held.values()].map((l) => l.release()));
  }
}

/** The identity of a database file: its device and inode (a copy is another file); ':memory:' as is. */
export function sqliteFileId(file: string): string {
  if (file === ':memory:') return file;
  const st = statSync(file);
  return `${st.dev}:${st.ino}`;
}
