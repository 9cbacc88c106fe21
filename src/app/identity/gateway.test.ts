import { generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sampleObservation } from '../../server/test-harness.js';
import { rawPublicKeyBase64, signBatch } from '../../ingest/gateway.js';
import { fileObservations } from '../file-observations.js';
import { openMission, type Mission } from '../mission.js';
import type { IdentityDeps } from './context.js';
import { addDevice } from './devices.js';
import { fileGatewayBatch, GATEWAY_WINDOW_MS, gatewaySignedBytes, type GatewayEnvelope } from './gateway.js';
import { openIdentity } from './open.js';
import type { Store } from '../../store/port.js';
import { SqliteStore } from '../../store/sqlite/store.js';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
let dir: string;
let mission: Mission;
let deps: IdentityDeps;
let n = 0;
const batch = (k: number): GatewayEnvelope =>
  signBatch(
    'gw-1',
    privateKey,
    Array.from({ length: k }, () =>
      sampleObservation(n, { id: `g-${n++}`, source: { kind: 'sensor', id: 'gw-1/a' } }),
    ),
    Date.now(),
  );
const file = (e: GatewayEnvelope) =>
  fileGatewayBatch(deps, e, Date.now(), GATEWAY_WINDOW_MS, (opening) =>
    fileObservations(mission.store, e.observations, { actor: 'device:gw-1', nowMs: Date.now(), opening }),
  );

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'truceline-gateway-'));
  mission = await openMission(dir, { synchronous: 'NORMAL' });
  deps = openIdentity(mission);
  await addDevice(deps, { name: 'gw-1', publicKey: rawPublicKeyBase64(publicKey) }, { actor: 'test', nowMs: Date.now() });
});
afterAll(async () => {
  deps.reader.close();
  await mission.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('fileGatewayBatch', () => {
  it('records the acceptance in the filing transaction, just before the observations that keep it', async () => {
    const e = batch(2);
    const filed = await file(e);
    expect(filed.resent).toBe(false);
    expect(filed.result.map((r) => r.status)).toEqual(['stored', 'stored']);
    expect(filed.result.map((r) => r.ledgerIndex)).toEqual([filed.provenance.gateway.ledgerIndex + 1, filed.provenance.gateway.ledgerIndex + 2]);
  });

  it('spends no nonce when the filing fails after the acceptance was recorded in its transaction', async () => {
    const e = batch(1);
    const size = await mission.store.ledger.size();
    await expect(
      fileGatewayBatch(deps, e, Date.now(), GATEWAY_WINDOW_MS, (opening) =>
        mission.store.write(async (tx) => {
          await opening(tx);
          throw new Error('the disk is full');
        }),
      ),
    ).rejects.toThrow(/disk is full/);
    expect(await deps.reader.nonceAcceptance('gw-1', e.nonce)).toBeNull();
    expect(await mission.store.ledger.size()).toBe(size);
    expect((await file(e)).resent).toBe(false);
  });

  it('answers identical signed bytes sent again under the first acceptance, and refuses the nonce for other bytes', async () => {
    const e = batch(1);
    const first = await file(e);
    const again = await file(e);
    expect(again.resent).toBe(true);
    expect(again.provenance).toEqual(first.provenance);
    expect(again.result.map((r) => r.status)).toEqual(['duplicate']);
    // The device's key signing other observations under the same nonce.
    const other = { ...batch(1), nonce: e.nonce };
    const reused = { ...other, signature: sign(null, gatewaySignedBytes(other), privateKey).toString('base64') };
    await expect(file(reused)).rejects.toMatchObject({ code: 'ID_CONFLICT', message: expect.stringMatching(/for a different batch/) });
    expect(await mission.store.getObservation((other.observations[0] as { id: string }).id)).toBeNull();
  });

  it('refuses a filing that does not open with the acceptance', async () => {
    await expect(fileGatewayBatch(deps, batch(1), Date.now(), GATEWAY_WINDOW_MS, async () => [])).rejects.toThrow(/did not open/);
  });
});

describe('a batch sent again long after its acceptance', () => {
  /** Records `n` entries that change no state, in one transaction: a long ledger, cheaply. */
  const pad = (store: Store, n: number) =>
    store.write((tx) =>
      tx.record(Array.from({ length: n }, (_, k) => ({ event: { v: 1 as const, type: 'auth.login_failed', at: new Date().toISOString(), actor: 'test', data: { name: `x${k}` } } }))),
    );
  /** The device's key signing other observations under `nonce`. */
  const reusing = (nonce: string): GatewayEnvelope => {
    const other = { ...batch(1), nonce };
    return { ...other, signature: sign(null, gatewaySignedBytes(other), privateKey).toString('base64') };
  };
  /** Takes the store file back to before identity v2: no ledger index kept with the nonces. */
  const downgrade = (file: string) => {
    const db = new Database(file);
    db.exec("ALTER TABLE gateway_nonces DROP COLUMN ledger_idx; DELETE FROM schema_migrations WHERE area = 'identity' AND version = 2");
    db.close();
  };

  it('is answered as already filed after more than 50,000 later entries, reading one ledger entry; other bytes under its nonce are ID_CONFLICT', async () => {
    const e = batch(2);
    const first = await file(e);
    await pad(mission.store, 50_001);
    expect(await mission.store.ledger.size()).toBeGreaterThan(first.provenance.gateway.ledgerIndex + 50_001);
    const reads = vi.spyOn(mission.store.ledger, 'entry');
    try {
      const again = await file(e);
      expect(again.resent).toBe(true);
      expect(again.provenance).toEqual(first.provenance);
      expect(again.result.map((r) => r.status)).toEqual(['duplicate', 'duplicate']);
      expect(reads.mock.calls).toEqual([[first.provenance.gateway.ledgerIndex]]);
    } finally {
      reads.mockRestore();
    }
    await expect(file(reusing(e.nonce))).rejects.toMatchObject({ code: 'ID_CONFLICT', message: expect.stringMatching(/for a different batch/) });
  });

  it('is answered as already filed by a store upgraded from before nonces kept their acceptance', async () => {
    const old = mkdtempSync(join(tmpdir(), 'truceline-gateway-old-'));
    const open = async () => {
      const m = await openMission(old, { synchronous: 'NORMAL' });
      return { m, d: openIdentity(m) };
    };
    const fileIn = (x: { m: Mission; d: IdentityDeps }, e: GatewayEnvelope) =>
      fileGatewayBatch(x.d, e, Date.now(), GATEWAY_WINDOW_MS, (opening) => fileObservations(x.m.store, e.observations, { actor: 'device:gw-1', nowMs: Date.now(), opening }));
    const close = async (x: { m: Mission; d: IdentityDeps }) => {
      x.d.reader.close();
      await x.m.close();
    };
    try {
      let x = await open();
      await addDevice(x.d, { name: 'gw-1', publicKey: rawPublicKeyBase64(publicKey) }, { actor: 'test', nowMs: Date.now() });
      const early = batch(1);
      const firstEarly = await fileIn(x, early);
      await pad(x.m.store, 25_000);
      const late = batch(1);
      const firstLate = await fileIn(x, late);
      const file = (x.m.store as SqliteStore).file;
      await close(x);
      downgrade(file);
      x = await open();
      try {
        expect(await x.d.reader.nonceAcceptance('gw-1', early.nonce)).toEqual({ ledgerIndex: firstEarly.provenance.gateway.ledgerIndex });
        expect(await x.d.reader.nonceAcceptance('gw-1', late.nonce)).toEqual({ ledgerIndex: firstLate.provenance.gateway.ledgerIndex });
        const again = await fileIn(x, early);
        expect(again).toMatchObject({ resent: true, provenance: firstEarly.provenance });
        expect(again.result.map((r) => r.status)).toEqual(['duplicate']);
        await expect(fileIn(x, reusing(late.nonce))).rejects.toMatchObject({ code: 'ID_CONFLICT' });
        expect((await fileIn(x, batch(1))).resent).toBe(false);
        expect((await x.m.store.auditState()).differences).toEqual([]);
      } finally {
        await close(x);
      }
    } finally {
      rmSync(old, { recursive: true, force: true });
    }
  });
});
