import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeLeaf, type LedgerEvent } from '../src/app/events/event.js';
import { addDevice, revokeDevice } from '../src/app/identity/devices.js';
import { gatewayKeys, sampleObservation, startTestServer, type TestServer } from '../src/server/test-harness.js';
import { json } from '../src/server/test-harness.js';

/** Signed sensor-gateway batches against the real server: good, bad, replayed, stale, revoked, unknown. */
let s: TestServer;
const gw = gatewayKeys();
const other = gatewayKeys();
const ctx = () => ({ actor: 'system', nowMs: Date.now() });
const sensor = (i: number) => sampleObservation(i, { id: `sensor-${i}`, source: { kind: 'sensor', id: 'gw-1/acoustic-3' } });
const send = (envelope: Record<string, unknown>) => s.fetch('/api/v1/gateway/batches', { method: 'POST', json: envelope });
async function ledgerEvents(): Promise<LedgerEvent[]> {
  const out: LedgerEvent[] = [];
  const size = await s.mission.store.ledger.size();
  for (let i = 0; i < size; i++) out.push(decodeLeaf((await s.mission.store.ledger.entry(i))!) as LedgerEvent);
  return out;
}

beforeAll(async () => {
  s = await startTestServer({ gatewayWindowS: 300 });
  await addDevice(s.app.identity, { name: 'gw-1', publicKey: gw.publicKey }, ctx());
  await addDevice(s.app.identity, { name: 'gw-2', publicKey: other.publicKey }, ctx());
});
afterAll(() => s.close());

describe('POST /api/v1/gateway/batches', () => {
  it('stores a good batch and keeps the signature with each observation as provenance', async () => {
    const envelope = { deviceId: 'gw-1', ...gw.sign([sensor(1), sensor(2)]) };
    const res = await send(envelope);
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.summary.stored).toBe(2);
    const leaf = await s.mission.store.ledger.entry(body.results[0].ledgerIndex);
    const event = decodeLeaf(leaf!) as LedgerEvent;
    expect(event.actor).toBe('device:gw-1');
    expect(event.data.provenance).toMatchObject({ gateway: { deviceId: 'gw-1', signature: envelope.signature, nonce: envelope.nonce } });
  });

  it('refuses a bad signature with 401 and stores nothing', async () => {
    const envelope = { deviceId: 'gw-1', ...gw.sign([sensor(3)]) };
    const tampered = { ...envelope, observations: [sensor(4)] };
    const res = await send(tampered);
    expect(res.status).toBe(401);
    expect((await json(res)).errors[0].path).toBe('signature');
    expect(await s.mission.store.getObservation('sensor-4')).toBeNull();
  });

  it("refuses a batch signed with another device's key", async () => {
    expect((await send({ deviceId: 'gw-1', ...other.sign([sensor(5)]) })).status).toBe(401);
  });

  it('answers the same signed batch sent again 200 as already filed: its items duplicate, nothing accepted or stored twice', async () => {
    const envelope = { deviceId: 'gw-1', ...gw.sign([sensor(6), sensor(60)]) };
    expect((await send(envelope)).status).toBe(200);
    const again = await send(envelope);
    expect(again.status).toBe(200);
    const body = await json(again);
    expect(body.summary).toMatchObject({ stored: 0, duplicate: 2 });
    expect(await s.app.identity.reader.nonceAcceptance('gw-1', envelope.nonce as string)).not.toBeNull();
    const events = await ledgerEvents();
    expect(events.filter((e) => e.type === 'gateway.batch_accepted' && e.data.nonce === envelope.nonce)).toHaveLength(1);
    expect(events.filter((e) => e.type === 'observation.stored' && (e.data.observation as { id: string }).id === 'sensor-6')).toHaveLength(1);
  });

  it('refuses a nonce already used for other bytes with 409 and stores nothing of them', async () => {
    const first = { deviceId: 'gw-1', ...gw.sign([sensor(61)]) };
    expect((await send(first)).status).toBe(200);
    const reused = { deviceId: 'gw-1', ...gw.sign([sensor(62)], { nonce: first.nonce }) };
    const res = await send(reused);
    expect(res.status).toBe(409);
    expect((await json(res)).errors[0].path).toBe('nonce');
    expect(await s.mission.store.getObservation('sensor-62')).toBeNull();
  });

  it('refuses a stale timestamp (older or newer than ±5 minutes) with 400', async () => {
    const old = new Date(Date.now() - 6 * 60_000).toISOString();
    const future = new Date(Date.now() + 6 * 60_000).toISOString();
    for (const timestamp of [old, future]) {
      const res = await send({ deviceId: 'gw-1', ...gw.sign([sensor(7)], { timestamp }) });
      expect(res.status).toBe(400);
      expect((await json(res)).errors[0].path).toBe('timestamp');
    }
  });

  it('refuses an unknown device and a revoked one with 401', async () => {
    expect((await send({ deviceId: 'gw-9', ...gw.sign([sensor(8)]) })).status).toBe(401);
    await revokeDevice(s.app.identity, 'gw-2', ctx());
    const res = await send({ deviceId: 'gw-2', ...other.sign([sensor(9)]) });
    expect(res.status).toBe(401);
    expect((await json(res)).detail).toMatch(/revoked/);
  });

  it('refuses a malformed envelope with 400 naming the field', async () => {
    const res = await send({ deviceId: 'gw-1', timestamp: new Date().toISOString(), nonce: 'short', signature: 'x', observations: [] });
    expect(res.status).toBe(400);
    const paths = (await json(res)).errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['nonce', 'signature', 'observations']));
  });
});
