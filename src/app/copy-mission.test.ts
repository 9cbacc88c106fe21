import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { TrucelineError } from '../domain/errors.js';
import type { LedgerEvent } from './events/event.js';
import { SqliteStore } from '../store/sqlite/store.js';
import { copyMission } from './copy-mission.js';
import { checkStoredLog } from './stored-log-check.js';

const event = (type: string, data: Record<string, unknown>, at = '2026-03-01T10:00:00.000Z'): LedgerEvent => ({ v: 1, type, at, actor: 'test', data });
const dirs: string[] = [];
const tempFile = () => {
  const d = mkdtempSync(join(tmpdir(), 'truceline-copy-'));
  dirs.push(d);
  return join(d, 'truceline.db');
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A small mission: a document, plain and sealed identity events over two transactions. */
async function mission(file: string): Promise<SqliteStore> {
  const store = SqliteStore.open(file);
  await store.write(async (tx) => {
    await tx.putDocument(new TextEncoder().encode('{"report":1}'), 'application/json');
    await tx.record([{ event: event('mission.created', { origin: 'truceline.test/m', publicKey: 'AAAA' }) }]);
  });
  await store.write((tx) =>
    tx.record([
      { event: event('user.created', { name: 'ana', role: 'analyst', passwordHash: 'scrypt$a', mustChangePassword: true }), confidential: true },
      { event: event('device.added', { id: 'gw-1', name: 'gateway one', publicKey: 'AAAA' }) },
    ]),
  );
  return store;
}

describe('copyMission', () => {
  it('copies entries, seals and documents exactly, then rebuilds and audits the target', async () => {
    const source = await mission(tempFile());
    const target = SqliteStore.open(tempFile());
    const stages = new Set<string>();
    const r = await copyMission(source, target, (stage) => stages.add(stage));
    expect(r).toMatchObject({ size: 3, documents: 1, sealed: 1, rebuilt: 3 });
    expect(r.root).toBe(Buffer.from(await source.ledger.root()).toString('base64'));
    expect([...stages]).toEqual(['verify-source', 'documents', 'entries', 'rebuild', 'verify-target', 'audit']);
    const from = source.ledgerTransfer();
    const into = target.ledgerTransfer();
    expect(await into.exportEntries(0, 3)).toEqual(await from.exportEntries(0, 3));
    expect(await into.exportDocuments(null, 10)).toEqual(await from.exportDocuments(null, 10));
    expect(await target.getMeta('origin')).toBe('truceline.test/m');
    await source.close();
    await target.close();
  });

  it('refuses a target that holds a ledger, and one whose adapter lacks an event type, writing nothing', async () => {
    const source = await mission(tempFile());
    const full = await mission(tempFile());
    await expect(copyMission(source, full)).rejects.toThrow(/^the target already holds a ledger of 3 entries; copy only into an empty store$/);
    const empty = SqliteStore.open(tempFile());
    const lacking = Object.assign(Object.create(empty) as SqliteStore, {
      ledgerTransfer: () => ({ ...empty.ledgerTransfer(), eventTypes: new Set(['mission.created', 'device.added']) }),
    });
    const err = await copyMission(source, lacking).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TrucelineError);
    expect((err as Error).message).toBe("the target's sqlite adapter has no state area for user.created (first at entry 1); nothing was copied");
    expect(await empty.ledger.size()).toBe(0);
    for (const s of [source, full, empty]) await s.close();
  });

  it('refuses a source whose sealed content no longer matches its commitment', async () => {
    const file = tempFile();
    await (await mission(file)).close();
    const raw = new Database(file);
    raw.prepare("UPDATE sealed_events SET content = replace(content, 'analyst', 'admin') WHERE idx = 1").run();
    raw.close();
    const source = SqliteStore.open(file);
    const target = SqliteStore.open(tempFile());
    await expect(copyMission(source, target)).rejects.toThrow(/the source does not verify, nothing was copied: sealed ledger entry 1: kept content does not match its commitment/);
    expect(await target.ledger.size()).toBe(0);
    await source.close();
    await target.close();
  });
});

describe('checkStoredLog', () => {
  it('names an entry whose leaf no longer hashes to its tile', async () => {
    const file = tempFile();
    await (await mission(file)).close();
    const raw = new Database(file);
    raw.prepare("UPDATE ledger_entries SET leaf = CAST(replace(CAST(leaf AS TEXT), 'gateway one', 'gateway two') AS BLOB) WHERE idx = 2").run();
    raw.close();
    const store = SqliteStore.open(file);
    const check = await checkStoredLog(store);
    expect(check.problems).toEqual(["ledger entry 2: its content does not hash to the leaf hash the log's tiles hold for it"]);
    await store.close();
  });

  it('refuses an import that does not continue the log', async () => {
    const source = await mission(tempFile());
    const target = SqliteStore.open(tempFile());
    const entries = await source.ledgerTransfer().exportEntries(1, 3);
    await expect(target.ledgerTransfer().importEntries(entries)).rejects.toThrow('ledger import: entry 1 given where the log expects entry 0');
    await source.close();
    await target.close();
  });
});
