/**
 * Tamper tests (ledger issue, item 8): change, delete, reorder or insert rows by hand in every
 * table the ledger covers, and `truceline verify` must catch it, naming the index.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/cli.js';

let base: string;
let vkey: string;
let saved: string;
let work: string;

function observationsNdjson(n: number): string {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const party = i % 10 === 3;
    lines.push(
      JSON.stringify({
        id: `tamper-${i}`,
        source: party ? { kind: 'party', id: 'liaison-ua', party: 'UA' } : { kind: 'monitor', id: 'patrol-1' },
        observedAt: '2026-03-01T10:00:00Z',
        location: { lat: 48 + i / 1000, lon: 37.5 + i / 1000, radiusM: 300 },
        event: 'explosion',
        count: 1 + (i % 4),
        weapon: 'undetermined',
        direction: 'impact',
        ...(party ? { visibility: 'party-confidential' } : {}),
      }),
    );
  }
  return lines.join('\n') + '\n';
}

/** A copy of the clean mission, tampered with by `sql`. */
function tampered(name: string, sql: (db: Database.Database) => void): string {
  const dir = join(work, name);
  cpSync(base, dir, { recursive: true });
  const db = new Database(join(dir, 'truceline.db'));
  sql(db);
  db.close();
  return dir;
}

function verifyData(dir: string) {
  return runCli(['verify', '--data', dir, '--key', vkey, '--checkpoint', saved]);
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'truceline-tamper-'));
  base = join(work, 'clean');
  const file = join(work, 'obs.ndjson');
  writeFileSync(file, observationsNdjson(600));
  const imported = runCli(['import', file, '--data', base]);
  expect(imported.code, imported.stderr).toBe(0);
  vkey = runCli(['ledger', 'key', '--data', base]).stdout.trim();
  saved = join(work, 'saved-checkpoint');
  writeFileSync(saved, runCli(['ledger', 'checkpoint', '--data', base]).stdout);
});

describe('truceline verify on a mission it did not tamper with', () => {
  it('says all holds, in place and from an export', () => {
    const r = verifyData(base);
    expect(r.stdout).toMatch(/ok {3}every stored entry matches the log's tiles, and the state tables equal the fold of all \d+ ledger events/);
    expect(r.code, r.stdout).toBe(0);
    const out = join(work, 'export');
    expect(runCli(['ledger', 'export', out, '--data', base]).code).toBe(0);
    const fromExport = runCli(['verify', '--dir', out, '--key', vkey, '--checkpoint', saved]);
    expect(fromExport.stdout).toMatch(/verified: everything above holds/);
    expect(fromExport.code).toBe(0);
  });
});

// Ledger index 0 is the agreement binding and 1 the mission key; the observations follow.
const LEAF = 150;
const flip = (b: Buffer) => {
  const c = Buffer.from(b);
  c[c.indexOf("\"count\":") + 8]! ^= 0x01;
  return c;
};

describe.each([
  ['a changed ledger entry', (db: Database.Database) => {
    const leaf = db.prepare('SELECT leaf FROM ledger_entries WHERE idx = ?').pluck().get(LEAF) as Buffer;
    db.prepare('UPDATE ledger_entries SET leaf = ? WHERE idx = ?').run(flip(leaf), LEAF);
  }, new RegExp(`(index|entry):? ${LEAF}\\b`)],
  ['a deleted ledger entry', (db: Database.Database) => db.prepare('DELETE FROM ledger_entries WHERE idx = ?').run(LEAF), new RegExp(`\\b${LEAF}\\b`)],
  ['two ledger entries swapped', (db: Database.Database) => {
    const get = db.prepare('SELECT leaf, leaf_key FROM ledger_entries WHERE idx = ?');
    const a = get.get(LEAF) as { leaf: Buffer; leaf_key: number };
    const b = get.get(LEAF + 1) as { leaf: Buffer; leaf_key: number };
    const put = db.prepare('UPDATE ledger_entries SET leaf = ?, leaf_key = ? WHERE idx = ?');
    put.run(b.leaf, b.leaf_key, LEAF);
    put.run(a.leaf, a.leaf_key, LEAF + 1);
  }, new RegExp(`(index|entry):? ${LEAF}\\b`)],
  ['an entry inserted in the middle', (db: Database.Database) => {
    const size = db.prepare('SELECT COUNT(*) FROM ledger_entries').pluck().get() as number;
    const row = db.prepare('SELECT leaf, leaf_key FROM ledger_entries WHERE idx = ?').get(LEAF) as { leaf: Buffer; leaf_key: number };
    for (let i = size - 1; i >= LEAF; i--) db.prepare('UPDATE ledger_entries SET idx = idx + 1 WHERE idx = ?').run(i);
    db.prepare('INSERT INTO ledger_entries (idx, leaf, leaf_key) VALUES (?, ?, ?)').run(LEAF, flip(row.leaf), row.leaf_key);
  }, new RegExp(`(index|entry):? ${LEAF}\\b`)],
  ['a changed hash tile', (db: Database.Database) => {
    const t = db.prepare('SELECT hashes FROM ledger_tiles WHERE level = 0 AND idx = 0').pluck().get() as Buffer;
    const c = Buffer.from(t);
    c[LEAF * 32]! ^= 0x80;
    db.prepare('UPDATE ledger_tiles SET hashes = ? WHERE level = 0 AND idx = 0').run(c);
  }, new RegExp(`\\b${LEAF}\\b`)],
  ['a changed observation row', (db: Database.Database) => db.prepare("UPDATE observations SET weapon = 'artillery' WHERE id = 'tamper-149'").run(), /observations row tamper-149: changed \(ledger index \d+\)/],
  ['an observation row pointed at another ledger entry', (db: Database.Database) => db.prepare("UPDATE observations SET ledger_idx = ledger_idx + 1 WHERE id = 'tamper-149'").run(), /observations row tamper-149: changed/],
  ['a deleted observation row', (db: Database.Database) => db.prepare("DELETE FROM observations WHERE id = 'tamper-200'").run(), /observations row tamper-200: missing \(ledger index \d+\)/],
  ['an observation row inserted by hand', (db: Database.Database) => db.prepare("INSERT INTO observations SELECT NULL, 'forged-1', digest, event, weapon, source_kind, source_id, party, visibility, t_from, t_to, lon, lat, received_at, ledger_idx FROM observations WHERE id = 'tamper-5'").run(), /observations row forged-1: unexpected/],
  ['two observation rows swapped', (db: Database.Database) => {
    db.prepare("UPDATE observations SET id = 'swap' WHERE id = 'tamper-10'").run();
    db.prepare("UPDATE observations SET id = 'tamper-10' WHERE id = 'tamper-11'").run();
    db.prepare("UPDATE observations SET id = 'tamper-11' WHERE id = 'swap'").run();
  }, /observations row tamper-10: changed \(ledger index \d+\)/],
  ['a changed sealed confidential filing', (db: Database.Database) => db.prepare("UPDATE sealed_events SET content = replace(content, 'liaison-ua', 'liaison-xx') WHERE idx = (SELECT MIN(idx) FROM sealed_events)").run(), /sealed_events row \d+: changed \(ledger index \d+\)/],
  ['a changed agreement binding', (db: Database.Database) => db.prepare("UPDATE meta SET value = 'x' WHERE key = 'agreement_digest'").run(), /meta row agreement_digest: changed/],
])('truceline verify on %s', (_name, sql, names) => {
  it('fails, exit code 1, naming the index', () => {
    const dir = tampered(String(_name).replace(/\W+/g, '-'), sql);
    const r = verifyData(dir);
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stdout).toMatch(/NOT verified/);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('FAIL')).join('\n')).toMatch(names);
  });
});

describe('truceline verify from an export of a tampered mission', () => {
  it('names the first bad index when an entry was changed and the export carries it', () => {
    const dir = tampered('export-changed', (db) => {
      const leaf = db.prepare('SELECT leaf FROM ledger_entries WHERE idx = ?').pluck().get(LEAF) as Buffer;
      db.prepare('UPDATE ledger_entries SET leaf = ? WHERE idx = ?').run(flip(leaf), LEAF);
    });
    const out = join(work, 'export-tampered');
    expect(runCli(['ledger', 'export', out, '--data', dir]).code).toBe(0);
    const r = runCli(['verify', '--dir', out, '--key', vkey, '--checkpoint', saved]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(new RegExp(`first bad index: ${LEAF}\\b`));
    expect(readFileSync(saved, 'utf8')).toMatch(/^truceline\.local\//);
  });
});
