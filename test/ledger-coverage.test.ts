/**
 * Every state change goes through the ledger: the only code allowed to write a state table is an
 * area's appliers (src/store/{sqlite,postgres}/areas/) and the rebuild's clear. This test reads every source
 * file and fails when SQL that inserts, updates, deletes or replaces rows of a state table appears
 * anywhere else.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STATE_AREAS } from '../src/store/sqlite/areas/index.js';

const ROOT = join(import.meta.dirname, '..');
const ALLOWED = [/^src\/store\/(sqlite|postgres)\/areas\//, /^src\/store\/(sqlite|postgres)\/state-writer\.ts$/];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return /\.ts$/.test(name) && !/\.test\.ts$|\.contract\.ts$/.test(name) ? [p] : [];
  });
}

const stateTables = STATE_AREAS.flatMap((a) => a.tables);
const write = new RegExp(String.raw`\b(INSERT\s+(OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM|REPLACE\s+INTO)\s+["\x60]?(${stateTables.join('|')})\b`, 'gi');

describe('ledger coverage', () => {
  it('knows the state tables of every area', () => {
    expect(stateTables).toContain('observations');
    expect(stateTables).toContain('meta');
  });

  it('finds no SQL that writes a state table outside the appliers', () => {
    const offenders: string[] = [];
    for (const file of sourceFiles(join(ROOT, 'src'))) {
      const rel = relative(ROOT, file);
      if (ALLOWED.some((re) => re.test(rel))) continue;
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(write)) offenders.push(`${rel}: ${m[0]}`);
    }
    expect(offenders).toEqual([]);
  });

  it('detects a write that bypasses the appliers (the check itself works)', () => {
    write.lastIndex = 0;
    expect('db.prepare("UPDATE observations SET count = 2")'.match(write)).not.toBeNull();
    expect('insert into meta (key) values (1)'.match(write)).not.toBeNull();
    expect('SELECT * FROM observations'.match(write)).toBeNull();
  });
});
