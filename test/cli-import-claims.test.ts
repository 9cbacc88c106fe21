/**
 * `truceline import --fuse` and party claims at the end of the data: with no report after them,
 * the import settles them once their allowance has run since it read them (at once with
 * --claim-allowance 0, by waiting with --settle-wait), records the settle on the ledger like any
 * other fusion change, and a rerun records nothing twice.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { onLine } from '../src/domain/assessment/test-support/agreement.js';
import { iso, obs, offset, pointAt } from '../src/domain/fusion/test-support/scenario.js';
import type { Observation } from '../src/domain/observation/types.js';
import { runCli, startCli } from './support/cli.js';

const MIN = 60_000;
let work: string;

/**
 * A party's claim of a half hour, then two shots within it (the first 1.2 km off the claimed
 * place, the second on it), starting at `t0`; nothing after them.
 */
function reports(t0: number): Observation[] {
  const at = (m: number) => iso(t0 + m * MIN);
  const barrage = offset(onLine(), 90, 5);
  return [
    obs('claim', { ...pointAt(barrage, 1500), source: { kind: 'party', id: 'hq-east', party: 'east' }, observedAt: { from: at(-10), to: at(20) } }),
    obs('first', { ...pointAt(offset(barrage, 90, 1.2), 300), observedAt: at(0) }),
    obs('second', { ...pointAt(barrage, 300), observedAt: at(8) }),
  ];
}

function file(name: string, items: readonly Observation[]): string {
  const f = join(work, name);
  writeFileSync(f, items.map((o) => JSON.stringify(o)).join('\n') + '\n');
  return f;
}

function query<T>(dir: string, sql: string, ...params: unknown[]): T {
  const db = new Database(join(dir, 'truceline.db'), { readonly: true });
  try {
    return db.prepare(sql).pluck().get(...params) as T;
  } finally {
    db.close();
  }
}

const ledgerSize = (dir: string) => query<number>(dir, 'SELECT COUNT(*) FROM ledger_entries');
const members = (dir: string, id: string): string[] | undefined => {
  const snapshot = query<string | undefined>(dir, 'SELECT snapshot FROM incidents WHERE id = ?', id);
  return snapshot ? [...(JSON.parse(snapshot) as { incident: { observationIds: string[] } }).incident.observationIds].sort() : undefined;
};

/** Every incident's members, as sorted id lists in sorted order. */
function grouping(dir: string): string[] {
  const db = new Database(join(dir, 'truceline.db'), { readonly: true });
  try {
    const snapshots = db.prepare('SELECT snapshot FROM incidents').pluck().all() as string[];
    return snapshots.map((s) => [...(JSON.parse(s) as { incident: { observationIds: string[] } }).incident.observationIds].sort().join(' ')).sort();
  } finally {
    db.close();
  }
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'truceline-import-claims-'));
});

describe('truceline import --fuse settles party claims at the end of the data', () => {
  // A file of old data: months before the wall clock.
  const old = () => file('old.ndjson', reports(Date.parse('2026-03-01T18:40:00Z')));

  it('leaves a claim just read within its allowance, and says so', () => {
    const dir = join(work, 'default');
    const r = runCli(['import', old(), '--data', dir, '--fuse']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/1 party claim\(s\) not settled: within their allowance .*--settle-wait/);
    expect(members(dir, 'inc-claim')).toEqual(['claim']);
    expect(members(dir, 'inc-second')).toEqual(['second']);
  });

  it('with --claim-allowance 0 settles it at the end, on the ledger, and a rerun records nothing twice', () => {
    const dir = join(work, 'at-once');
    const r = runCli(['import', old(), '--data', dir, '--fuse', '--claim-allowance', '0']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/settled party claims: 1 incident event/);
    expect(r.stderr).not.toMatch(/not settled/);
    expect(members(dir, 'inc-second')).toEqual(['claim', 'second']);
    expect(members(dir, 'inc-claim')).toBeUndefined();
    const size = ledgerSize(dir);
    const again = runCli(['import', old(), '--data', dir, '--fuse', '--claim-allowance', '0']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('3 lines: 0 stored, 3 duplicate');
    expect(ledgerSize(dir)).toBe(size);
    const verify = runCli(['verify', '--data', dir]);
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
  });

  it('with --settle-wait waits for the allowance to run, then settles', () => {
    const dir = join(work, 'wait');
    const started = Date.now();
    // An allowance of three seconds.
    const r = runCli(['import', old(), '--data', dir, '--fuse', '--claim-allowance', '0.05', '--settle-wait']);
    expect(r.code, r.stderr).toBe(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(3000);
    expect(r.stderr).toMatch(/waiting for 1 party claim\(s\)/);
    expect(r.stderr).toMatch(/settled party claims: 1 incident event/);
    expect(members(dir, 'inc-second')).toEqual(['claim', 'second']);
  });

  it('does not record again, on a rerun, the settle of a recent file the fuser replays', () => {
    const dir = join(work, 'recent');
    // Reports of the last hour and a half: the rerun's fuser replays them from the store.
    const recent = file('recent.ndjson', reports(Date.now() - 90 * MIN));
    const r = runCli(['import', recent, '--data', dir, '--fuse', '--claim-allowance', '0']);
    expect(r.code, r.stderr).toBe(0);
    expect(members(dir, 'inc-second')).toEqual(['claim', 'second']);
    const size = ledgerSize(dir);
    const again = runCli(['import', recent, '--data', dir, '--fuse', '--claim-allowance', '0']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('3 lines: 0 stored, 3 duplicate');
    expect(again.stderr).not.toMatch(/settled party claims/);
    expect(ledgerSize(dir)).toBe(size);
    const verify = runCli(['verify', '--data', dir]);
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
  });
});

describe('truceline import --fuse interrupted', () => {
  it('on Ctrl-C stores and fuses the batch in hand, settles what is due, exits 130 with the store consistent; a rerun completes it', async () => {
    const sim = runCli(['sim', '--seed', '5', '--days', '0.2', '--tempo', 'high', '--out', join(work, 'sim')]);
    expect(sim.code, sim.stderr).toBe(0);
    const simFile = join(work, 'sim', 'observations.ndjson');
    const lines = Number(/(\d+) observations/.exec(sim.stdout)?.[1] ?? '0');
    expect(lines).toBeGreaterThan(200);
    const dir = join(work, 'interrupted');
    const child = startCli(['import', simFile, '--data', dir, '--fuse', '--batch', '25', '--settle-wait']);
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    for (let i = 0; i < 600; i++) {
      await new Promise((r) => setTimeout(r, 50));
      try {
        if (query<number>(dir, 'SELECT COUNT(*) FROM incidents') > 0) break;
      } catch {
        /* the database is not created yet */
      }
    }
    const sent = Date.now();
    child.kill('SIGINT');
    expect(await exited, stderr).toBe(130);
    expect(Date.now() - sent).toBeLessThan(10_000);
    const stored = query<number>(dir, 'SELECT COUNT(*) FROM observations');
    expect(stored).toBeLessThan(lines);
    expect(stored % 25).toBe(0);
    const verify = runCli(['verify', '--data', dir]);
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
    const rerun = runCli(['import', simFile, '--data', dir, '--fuse']);
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(rerun.stdout).toContain(`${lines - stored} stored, ${stored} duplicate`);
    const again = runCli(['verify', '--data', dir]);
    expect(again.code, again.stdout + again.stderr).toBe(0);
    // The rerun replayed the window of the data stored before the stop, so the rest of the file
    // joined those incidents: the same incidents as one import run through.
    const whole = join(work, 'whole');
    const once = runCli(['import', simFile, '--data', whole, '--fuse']);
    expect(once.code, once.stderr).toBe(0);
    expect(grouping(dir)).toEqual(grouping(whole));
  }, 120_000);
});
