/**
 * Gateway nonces keep the ledger index of the acceptance that spent them, written by the applier
 * and, for a store from before identity v2, found in the log when the store is upgraded.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LedgerEvent } from '../../../app/events/event.js';
import { SqliteStore } from '../store.js';
import { SqliteIdentityReader } from './identity.js';

const event = (type: string, data: Record<string, unknown>, at: string): LedgerEvent => ({ v: 1, type, at, actor: 'test', data });
const accepted = (nonce: string, at: string, deviceId = 'gw-1') => event('gateway.batch_accepted', { deviceId, nonce, batchSha256: nonce.repeat(2) }, at);
/** `n` entries that change no state. */
const filler = (n: number, at: string) => Array.from({ length: n }, (_, k) => ({ event: event('auth.login_failed', { name: `x${k}` }, at) }));

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'truceline-identity-area-'));
  file = join(dir, 'truceline.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Writes `inputs` to a new store, each in its own transaction; returns each one's ledger index. */
async function written(inputs: readonly { event: LedgerEvent }[][]): Promise<number[]> {
  const store = SqliteStore.open(file, { synchronous: 'NORMAL' });
  const firsts: number[] = [];
  for (const batch of inputs) firsts.push((await store.write((tx) => tx.record(batch))).firstIndex);
  await store.close();
  return firsts;
}

/** The nonces' rows as the store holds them. */
function nonceRows(): { device_id: string; nonce: string; ledger_idx: number | null }[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT device_id, nonce, ledger_idx FROM gateway_nonces ORDER BY device_id, nonce').all() as never;
  } finally {
    db.close();
  }
}

/** Takes the file back to before identity v2. */
function downgrade(): void {
  const db = new Database(file);
  db.exec("ALTER TABLE gateway_nonces DROP COLUMN ledger_idx; DELETE FROM schema_migrations WHERE area = 'identity' AND version = 2");
  db.close();
}

describe('gateway nonces', () => {
  const scenario = [
    [{ event: accepted('nonce-aaaaaaaaaaaaaaaa', '2026-03-01T10:00:00.000Z') }],
    filler(12_000, '2026-03-01T10:01:00.000Z'),
    // Re-accepted after the first acceptance left the window: the row is the second one.
    [{ event: accepted('nonce-bbbbbbbbbbbbbbbb', '2026-03-01T10:02:00.000Z') }],
    [{ event: accepted('nonce-cccccccccccccccc', '2026-03-01T10:20:00.000Z') }],
    [{ event: accepted('nonce-bbbbbbbbbbbbbbbb', '2026-03-01T10:21:00.000Z') }],
    filler(12_000, '2026-03-01T10:22:00.000Z'),
    [{ event: accepted('nonce-dddddddddddddddd', '2026-03-01T10:23:00.000Z', 'gw-2') }],
    filler(3, '2026-03-01T10:24:00.000Z'),
  ];

  it('keep the ledger index of the acceptance that spent them, through a rebuild', async () => {
    const at = await written(scenario);
    const expected = [
      { device_id: 'gw-1', nonce: 'nonce-bbbbbbbbbbbbbbbb', ledger_idx: at[4] },
      { device_id: 'gw-1', nonce: 'nonce-cccccccccccccccc', ledger_idx: at[3] },
      { device_id: 'gw-2', nonce: 'nonce-dddddddddddddddd', ledger_idx: at[6] },
    ];
    expect(nonceRows()).toEqual(expected);
    const reader = new SqliteIdentityReader(file);
    expect(reader.nonceAcceptance('gw-1', 'nonce-cccccccccccccccc')).toEqual({ ledgerIndex: at[3] });
    expect(reader.nonceAcceptance('gw-1', 'nonce-aaaaaaaaaaaaaaaa')).toBeNull(); // pruned
    expect(reader.nonceAcceptance('gw-2', 'nonce-cccccccccccccccc')).toBeNull();
    reader.close();
    const store = SqliteStore.open(file);
    await store.rebuild();
    await store.close();
    expect(nonceRows()).toEqual(expected);
  });

  it('of a store from before identity v2 find their acceptance in the log when it is opened', async () => {
    const at = await written(scenario);
    const expected = nonceRows();
    downgrade();
    expect(() => nonceRows()).toThrow(/no such column: ledger_idx/);
    const store = SqliteStore.open(file);
    try {
      expect(nonceRows()).toEqual(expected);
      expect(expected.map((r) => r.ledger_idx)).toEqual([at[4], at[3], at[6]]);
      expect((await store.auditState()).differences).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('of an upgraded store stay without an index when the log does not hold their acceptance', async () => {
    await written([[{ event: accepted('nonce-eeeeeeeeeeeeeeee', '2026-03-01T10:00:00.000Z') }]]);
    downgrade();
    const db = new Database(file);
    db.prepare("INSERT INTO gateway_nonces (device_id, nonce, at_ms) VALUES ('gw-9', 'nonce-ffffffffffffffff', ?)").run(Date.parse('2026-03-01T10:00:00Z'));
    db.close();
    await SqliteStore.open(file).close();
    const reader = new SqliteIdentityReader(file);
    expect(reader.nonceAcceptance('gw-9', 'nonce-ffffffffffffffff')).toEqual({ ledgerIndex: null });
    expect(reader.nonceAcceptance('gw-1', 'nonce-eeeeeeeeeeeeeeee')).toEqual({ ledgerIndex: 0 });
    reader.close();
  });
});
