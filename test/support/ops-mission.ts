/**
 * Missions for the operations tests (copy, backup, restore), made through the real CLI, and ways
 * to compare two SQLite stores table by table.
 */
import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect } from 'vitest';
import { STATE_AREAS } from '../../src/store/sqlite/areas/index.js';
import { runCli, type CliResult } from './cli.js';

const observation = (id: string, over: Record<string, unknown> = {}) => ({
  id,
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

/** A party's confidential filing: recorded as a sealed leaf. */
const confidential = (id: string) =>
  observation(id, {
    source: { kind: 'party', id: 'ua-liaison', party: 'ua' },
    visibility: 'party-confidential',
    observer: undefined,
    bearing: undefined,
    distanceKm: undefined,
    location: { lat: 48.0, lon: 37.8, radiusM: 500 },
    count: 3,
  });

export function ok(r: CliResult): CliResult {
  expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
  return r;
}

/**
 * A mission in `dir` (SQLite) with observations, a sealed confidential filing, a user (sealed
 * password hash), an API token (sealed digest) and a gateway device.
 */
export function makeMission(dir: string, work: string, tag: string): void {
  const file = join(work, `${tag}.ndjson`);
  const lines = [observation(`${tag}-1`), observation(`${tag}-2`, { count: 4, weapon: 'mortar' }), confidential(`${tag}-3`)];
  writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  ok(runCli(['import', file, '--data', dir]));
  ok(runCli(['user', 'add', 'ana', '--role', 'analyst', '--password-stdin', '--data', dir], { input: 'correct horse battery staple 42\n' }));
  ok(runCli(['token', 'create', '--user', 'ana', '--scope', 'observations:read', '--label', 'ops test', '--data', dir]));
  const key = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'der' }).subarray(-32).toString('base64');
  ok(runCli(['device', 'add', '--name', 'gw-1', '--public-key', key, '--data', dir]));
}

/** `root at size N: R` / `ledger size N, root R` as printed by copy, backup and restore. */
export function printedRoot(stdout: string): { size: number; root: string } {
  const m = /root at size (\d+): (\S+)/.exec(stdout) ?? /ledger size (\d+), root ([^\s:]+)/.exec(stdout);
  if (!m) throw new Error(`no root in: ${stdout}`);
  return { size: Number(m[1]), root: m[2]! };
}

/** Every row of the log, the kept seals, the documents and every state table of a SQLite store. */
export function dumpSqlite(file: string): Record<string, unknown[]> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const all = (sql: string) => db.prepare(sql).all();
    const out: Record<string, unknown[]> = {
      ledger_entries: all('SELECT idx, leaf FROM ledger_entries ORDER BY idx'),
      sealed_events: all('SELECT idx, salt, content FROM sealed_events ORDER BY idx'),
      documents: all('SELECT sha256, media_type, body FROM documents ORDER BY sha256'),
    };
    for (const area of STATE_AREAS) for (const t of area.tables) out[t] = all(`SELECT * FROM ${t} ORDER BY ${area.keys[t] ?? 'rowid'}`);
    return out;
  } finally {
    db.close();
  }
}

export function countRows(file: string, sql: string): number {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).pluck().get() as number;
  } finally {
    db.close();
  }
}
