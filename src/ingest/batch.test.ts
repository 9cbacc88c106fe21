import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDevice } from '../app/identity/devices.js';
import { acceptGatewayBatch, GATEWAY_WINDOW_MS } from '../app/identity/gateway.js';
import { openIdentity } from '../app/identity/open.js';
import { openMission, type Mission } from '../app/mission.js';
import { sampleObservation } from '../server/test-harness.js';
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

  it('files a redelivered batch whose nonce it spent before a crash, under the first acceptance', async () => {
    const e = signBatch('gw-1', privateKey, observations(2), Date.now());
    // The first delivery got as far as the acceptance, then the worker died.
    const first = await acceptGatewayBatch(deps.identity, e, Date.now());
    const out = await ingestBatch(deps, delivery(e, { deliveryCount: 2 }));
    expect(out).toMatchObject({ kind: 'filed', counts: { stored: 2 }, redelivery: true });
    const again = await ingestBatch(deps, delivery(e, { deliveryCount: 3 }));
    expect(again).toMatchObject({
      kind: 'filed',
      counts: { stored: 0, duplicate: 2 },
      redelivery: true,
    });
    expect(first.gateway.ledgerIndex).toBeGreaterThanOrEqual(0);
  });

  it('parks a copy of an accepted batch that JetStream delivers for the first time (a replay)', async () => {
    const e = signBatch('gw-1', privateKey, observations(1), Date.now());
    expect((await ingestBatch(deps, delivery(e))).kind).toBe('filed');
    const replay = await ingestBatch(deps, delivery(e));
    expect(replay).toMatchObject({
      kind: 'park',
      reason: expect.stringMatching(/^REPLAYED: nonce already used/),
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
