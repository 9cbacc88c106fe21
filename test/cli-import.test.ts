/**
 * `truceline import` end to end, through the real command: exit codes, line-numbered errors,
 * standard input, stop-on-error, and a crash or Ctrl-C mid-import that keeps every committed line
 * and nothing half-written.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, startCli } from './support/cli.js';

let work: string;
let simFile: string;
let simLines: number;

const obs = (i: number, over: Record<string, unknown> = {}) =>
  JSON.stringify({
    id: `cli-${i}`,
    source: { kind: 'monitor', id: 'patrol-3' },
    observedAt: { from: '2026-03-01T18:40:00Z', to: '2026-03-01T18:45:00Z' },
    observer: { lat: 48.0123, lon: 37.8021, accuracyM: 15 },
    event: 'explosion',
    count: 12,
    weapon: 'undetermined',
    direction: 'impact',
    bearing: { fromDeg: 146.25, toDeg: 168.75 },
    distanceKm: { min: 3, max: 5 },
    ...over,
  });

function file(name: string, lines: string[]): string {
  const f = join(work, name);
  writeFileSync(f, lines.join('\n') + '\n');
  return f;
}

const dataDir = (name: string) => join(work, name);
const count = (dir: string, sql: string) => {
  const db = new Database(join(dir, 'truceline.db'), { readonly: true });
  try {
    return db.prepare(sql).pluck().get() as number;
  } finally {
    db.close();
  }
};

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'truceline-cli-import-'));
  const sim = runCli(['sim', '--seed', '11', '--days', '3', '--tempo', 'high', '--out', join(work, 'sim')]);
  expect(sim.code, sim.stderr).toBe(0);
  simFile = join(work, 'sim', 'observations.ndjson');
  simLines = Number(/(\d+) observations/.exec(sim.stdout)?.[1] ?? '0');
  expect(simLines).toBeGreaterThan(5000);
});

describe('truceline import', () => {
  it('stores a simulated scenario, then finds every line a duplicate the second time', () => {
    const dir = dataDir('sim');
    const first = runCli(['import', simFile, '--data', dir]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain(`${simLines} lines: ${simLines} stored, 0 duplicate, 0 conflicting, 0 rejected`);
    expect(first.stderr).toMatch(/bound the demo agreement/);
    const second = runCli(['import', simFile, '--data', dir]);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(`${simLines} lines: 0 stored, ${simLines} duplicate`);
    expect(count(dir, 'SELECT COUNT(*) FROM observations')).toBe(simLines);
  });

  it.each([
    ['rejected lines', [obs(1), obs(2, { count: 0 }), obs(3, { bearing: { fromDeg: 400, toDeg: 10 } })], 2, /line 2: rejected: count: .*\nline 3: rejected: bearing\.fromDeg: /],
    ['a conflicting line', [obs(1, { count: 13 })], 3, /line 1: conflict: id: observation 'cli-1' is already stored with a different body/],
    ['both', [obs(1, { count: 13 }), '{"id": "x",'], 4, /line 2: rejected: not valid JSON/],
  ])('exits with a code that tells %s apart, naming each line', (_name, lines, code, stderr) => {
    const dir = dataDir(`codes-${code}`);
    expect(runCli(['import', file('base.ndjson', [obs(1)]), '--data', dir]).code).toBe(0);
    const r = runCli(['import', file(`codes-${code}.ndjson`, lines as string[]), '--data', dir]);
    expect(r.code, r.stderr).toBe(code);
    expect(r.stderr).toMatch(stderr);
  });

  it('reads standard input with -', () => {
    const r = runCli(['import', '-', '--data', dataDir('stdin')], { input: [obs(1), obs(2)].join('\n') + '\n' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('2 lines: 2 stored');
  });

  it('with --stop-on-error stores the lines before the first bad one only', () => {
    const dir = dataDir('stop');
    const r = runCli(['import', file('stop.ndjson', [obs(1), obs(2), obs(3, { weapon: 'catapult' }), obs(4)]), '--data', dir, '--stop-on-error']);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/2 stored, 0 duplicate, 0 conflicting, 1 rejected, 1 skipped \(stopped at the first error\)/);
    expect(r.stderr).toMatch(/line 3: rejected: weapon: unknown weapon 'catapult'/);
    expect(count(dir, 'SELECT COUNT(*) FROM observations')).toBe(2);
  });

  it('says in one line what is wrong when the file cannot be read', () => {
    const r = runCli(['import', join(work, 'no-such.ndjson'), '--data', dataDir('missing')]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^truceline: .*no-such\.ndjson/);
  });

  it('rejects a bad option value with a usage error', () => {
    const r = runCli(['import', simFile, '--batch', 'lots', '--data', dataDir('usage')]);
    expect(r.code).toBe(64);
    expect(r.stderr).toMatch(/--batch must be a positive whole number, got 'lots'/);
  });

  it.each([
    ['killed (kill -9)', 'SIGKILL'],
    ['interrupted (Ctrl-C)', 'SIGINT'],
  ] as const)('keeps every committed batch and nothing half-written when %s, and a rerun completes it', async (_name, signal) => {
    const dir = dataDir(`crash-${signal}`);
    const child = startCli(['import', simFile, '--data', dir, '--batch', '250']);
    const stderr: string[] = [];
    child.stderr.on('data', (b) => stderr.push(String(b)));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // Wait until some batches are committed, then stop it mid-stream.
    for (let i = 0; i < 400; i++) {
      await new Promise((r) => setTimeout(r, 25));
      try {
        if (count(dir, 'SELECT COUNT(*) FROM observations') >= 1000) break;
      } catch {
        /* the database is not created yet */
      }
    }
    child.kill(signal);
    const code = await exited;
    if (signal === 'SIGINT') expect(code, stderr.join('')).toBe(130);
    const stored = count(dir, 'SELECT COUNT(*) FROM observations');
    expect(stored).toBeGreaterThan(0);
    expect(stored).toBeLessThan(simLines);
    expect(stored % 250).toBe(0);
    // Two ledger entries bind the agreement and the key; one per observation follows.
    expect(count(dir, 'SELECT COUNT(*) FROM ledger_entries')).toBe(stored + 2);
    const rerun = runCli(['import', simFile, '--data', dir]);
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(rerun.stdout).toContain(`${simLines - stored} stored, ${stored} duplicate`);
    expect(count(dir, 'SELECT COUNT(*) FROM observations')).toBe(simLines);
    const verify = runCli(['verify', '--data', dir]);
    expect(verify.code, verify.stdout).toBe(0);
  });
});
