import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeLeaf } from '../app/events/event.js';
import { eventOf } from '../app/identity/context.js';
import { addDevice } from '../app/identity/devices.js';
import {
  GATEWAY_WINDOW_MS,
  gatewaySignedBytes,
  type GatewayEnvelope,
} from '../app/identity/gateway.js';
import { openIdentity } from '../app/identity/open.js';
import { openMission, type Mission } from '../app/mission.js';
import { sampleObservation } from '../server/test-harness.js';
import type { Store, WriteTx } from '../store/port.js';
import { ingestBatch, type Delivery, type IngestDeps } from './batch.js';
import { rawPublicKeyBase64, signBatch } from './gateway.js';

const layout = { stream: 'T', subjectPrefix: 't.obs' };
const { privateKey, publicKey } = generateKeyPairSync('ed25519');
let mission: Mission;
let deps: IngestDeps;
let n = 0;
const observations = (k: number) =>
  Array.from({ length: k }, () =>
    sampleObservation(n, { id: `b-${n++}`, source: { kind: 'sensor', id: 'gw-1/a' } }),
  );
const delivery = (body: unknown, over: Partial<Delivery> = {}): Delivery => ({
  subject: 't.obs.gw-1',
  data: Buffer.from(JSON.stringify(body)),
  publishedMs: Date.now(),
  deliveryCount: 1,
  ...over,
});

/** An envelope signed by gw-1's key with a chosen nonce (a gateway that reused one). */
function signWithNonce(obs: unknown[], nonce: string): GatewayEnvelope {
  const timestamp = new Date().toISOString();
  const signed = gatewaySignedBytes({ observations: obs, timestamp, nonce });
  const signature = sign(null, signed, privateKey).toString('base64');
  return { deviceId: 'gw-1', timestamp, nonce, signature, observations: obs };
}

/** The ledger's events of one type, with their index. */
async function events(type: string): Promise<{ index: number; data: Record<string, unknown> }[]> {
  const out: { index: number; data: Record<string, unknown> }[] = [];
  const size = await mission.store.ledger.size();
  for (let i = 0; i < size; i++) {
    const e = decodeLeaf((await mission.store.ledger.entry(i))!);
    if (e.type === type && 'data' in e) out.push({ index: i, data: e.data as Record<string, unknown> });
  }
  return out;
}
const acceptancesOf = async (nonce: string) =>
  (await events('gateway.batch_accepted')).filter((e) => e.data.nonce === nonce).map((e) => e.index);
const storedEvents = async (id: string) =>
  (await events('observation.stored')).filter(
    (e) => (e.data.observation as { id: string }).id === id,
  );
const storedTimes = async (id: string) => (await storedEvents(id)).length;
const provenanceOf = async (id: string) => (await storedEvents(id))[0]?.data.provenance;

/** The store, except that recording observations fails (a full disk) inside the filing's transaction. */
function failingFiling(store: Store): Store {
  const failingTx = (tx: WriteTx): WriteTx => ({
    observationDigest: (id) => tx.observationDigest(id),
    putDocument: (body, mediaType) => tx.putDocument(body, mediaType),
    record: async (inputs) => {
      if (inputs.some((i) => i.event.type === 'observation.stored')) throw new Error('disk full');
      return tx.record(inputs);
    },
  });
  return new Proxy(store, {
    get(target, key) {
      if (key === 'write')
        return <T>(fn: (tx: WriteTx) => Promise<T>) => target.write((tx) => fn(failingTx(tx)));
      const v: unknown = Reflect.get(target, key, target);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

beforeAll(async () => {
  mission = await openMission(mkdtempSync(join(tmpdir(), 'truceline-ingest-batch-')));
  const identity = openIdentity(mission);
  await addDevice(
    identity,
    { name: 'gw-1', publicKey: rawPublicKeyBase64(publicKey) },
    { actor: 'system', nowMs: Date.now() },
  );
  deps = {
    store: mission.store,
    identity,
    fuser: null,
    layout,
    windowMs: GATEWAY_WINDOW_MS,
    now: Date.now,
  };
});
afterAll(async () => {
  deps.identity.reader.close();
  await mission.close();
});

describe('ingestBatch', () => {
  it('files a good batch and keeps the gateway signature as provenance', async () => {
    const e = signBatch('gw-1', privateKey, observations(3), Date.now());
    const out = await ingestBatch(deps, delivery(e));
    expect(out).toEqual({
      kind: 'filed',
      deviceId: 'gw-1',
      counts: { stored: 3, duplicate: 0, conflict: 0, rejected: 0 },
      redelivery: false,
    });
    const stored = await mission.store.getObservation((e.observations[0] as { id: string }).id);
    expect(stored).not.toBeNull();
  });

  it('answers the same signed batch delivered again as filed, whatever its delivery count says', async () => {
    const e = signBatch('gw-1', privateKey, observations(2), Date.now());
    expect(await ingestBatch(deps, delivery(e))).toMatchObject({
      kind: 'filed',
      counts: { stored: 2 },
      redelivery: false,
    });
    const acceptances = await acceptancesOf(e.nonce);
    expect(acceptances).toHaveLength(1);
    // A JetStream server may hand an acknowledged message out again as a first delivery.
    for (const deliveryCount of [1, 2]) {
      expect(await ingestBatch(deps, delivery(e, { deliveryCount }))).toEqual({
        kind: 'filed',
        deviceId: 'gw-1',
        counts: { stored: 0, duplicate: 2, conflict: 0, rejected: 0 },
        redelivery: true,
      });
    }
    expect(await acceptancesOf(e.nonce)).toEqual(acceptances);
    for (const o of e.observations) expect(await storedTimes((o as { id: string }).id)).toBe(1);
  });

  it('parks a batch that reuses a spent nonce for other bytes (a replay), storing nothing', async () => {
    const e = signBatch('gw-1', privateKey, observations(1), Date.now());
    expect((await ingestBatch(deps, delivery(e))).kind).toBe('filed');
    const other = signWithNonce(observations(1), e.nonce);
    expect(await ingestBatch(deps, delivery(other))).toMatchObject({
      kind: 'park',
      reason: expect.stringMatching(/^REPLAYED: nonce already used .* for a different batch/),
    });
    expect(await storedTimes((other.observations[0] as { id: string }).id)).toBe(0);
    expect(await acceptancesOf(e.nonce)).toHaveLength(1);
  });

  it('spends nothing when the filing fails before its commit; the batch delivered again is filed whole', async () => {
    const e = signBatch('gw-1', privateKey, observations(3), Date.now());
    const failing = { ...deps, store: failingFiling(mission.store) };
    await expect(ingestBatch(failing, delivery(e))).rejects.toThrow(/disk full/);
    expect(await deps.identity.reader.nonceAcceptance('gw-1', e.nonce)).toBeNull();
    expect(await acceptancesOf(e.nonce)).toEqual([]);
    expect(await ingestBatch(deps, delivery(e, { deliveryCount: 2 }))).toMatchObject({
      kind: 'filed',
      counts: { stored: 3, duplicate: 0 },
      redelivery: false,
    });
  });

  it('files a batch whose nonce an acceptance alone spent (a mission written when the two were apart), under that acceptance', async () => {
    const e = signBatch('gw-1', privateKey, observations(2), Date.now());
    const batchSha256 = createHash('sha256').update(gatewaySignedBytes(e)).digest('hex');
    const data = { deviceId: 'gw-1', nonce: e.nonce, timestamp: e.timestamp, signature: e.signature, batchSha256, count: 2 };
    const ledgerIndex = await mission.store.write(async (tx) => {
      const at = { actor: 'device:gw-1', nowMs: Date.now() };
      return (await tx.record([{ event: eventOf('gateway.batch_accepted', at, data) }])).firstIndex;
    });
    expect(await ingestBatch(deps, delivery(e))).toMatchObject({
      kind: 'filed',
      counts: { stored: 2 },
      redelivery: true,
    });
    expect(await provenanceOf((e.observations[0] as { id: string }).id)).toMatchObject({
      gateway: { nonce: e.nonce, batchSha256, ledgerIndex },
    });
  });

  it('judges freshness against the publish time, not the clock at consumption', async () => {
    const signedAt = Date.now() - 3600_000;
    const waited = signBatch('gw-1', privateKey, observations(1), signedAt);
    expect(
      await ingestBatch(deps, delivery(waited, { publishedMs: signedAt + 1000 })),
    ).toMatchObject({ kind: 'filed', counts: { stored: 1 } });
    const stale = signBatch('gw-1', privateKey, observations(1), signedAt);
    expect(await ingestBatch(deps, delivery(stale))).toMatchObject({
      kind: 'park',
      reason: expect.stringMatching(/^VALIDATION: stale/),
    });
  });

  it.each([
    ['not JSON', Buffer.from('{nope'), /^UNPARSEABLE/],
    [
      'a wrong envelope',
      Buffer.from(JSON.stringify({ deviceId: 'gw-1', observations: [] })),
      /^INVALID_ENVELOPE: .*timestamp/,
    ],
  ])('parks %s', async (_label, data, reason) => {
    expect(await ingestBatch(deps, { ...delivery(null), data })).toMatchObject({
      kind: 'park',
      reason: expect.stringMatching(reason),
    });
  });

  it("parks a batch published on another device's subject", async () => {
    const e = signBatch('gw-1', privateKey, observations(1), Date.now());
    expect(await ingestBatch(deps, delivery(e, { subject: 't.obs.gw-2' }))).toMatchObject({
      kind: 'park',
      reason: expect.stringMatching(/^WRONG_SUBJECT/),
    });
  });
});
