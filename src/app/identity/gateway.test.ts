import { generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleObservation } from '../../server/test-harness.js';
import { rawPublicKeyBase64, signBatch } from '../../ingest/gateway.js';
import { fileObservations } from '../file-observations.js';
import { openMission, type Mission } from '../mission.js';
import type { IdentityDeps } from './context.js';
import { addDevice } from './devices.js';
import { fileGatewayBatch, GATEWAY_WINDOW_MS, gatewaySignedBytes, type GatewayEnvelope } from './gateway.js';
import { openIdentity } from './open.js';

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
    expect(await deps.reader.nonceSeen('gw-1', e.nonce)).toBe(false);
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
