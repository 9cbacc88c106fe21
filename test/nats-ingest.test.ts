import { generateKeyPairSync, sign } from 'node:crypto';
import { join } from 'node:path';
import { headers as natsHeaders } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatewaySignedBytes } from '../src/app/identity/gateway.js';
import { batchDigest, readGatewayKey, signBatch } from '../src/ingest/gateway.js';
import { runCli } from './support/cli.js';
import {
  deleteStreams,
  missionWithGateway,
  natsReachable,
  NATS_URL,
  sensorObservation,
  storedCounts,
  uniqueLayout,
  withNats,
  writeNdjson,
} from './support/nats.js';

/**
 * `truceline gateway publish` → NATS JetStream → `truceline ingest`, with the real commands and
 * the real server: every batch stored once, republishing harmless, poison parked with its reason.
 */
const reachable = await natsReachable();
if (!reachable)
  console.warn(
    `nats-ingest: skipped: no NATS server at ${NATS_URL} (.ci/run starts nats-server -js)`,
  );

describe.skipIf(!reachable)('ingest over NATS JetStream', () => {
  const layout = uniqueLayout('ingest');
  let m: Awaited<ReturnType<typeof missionWithGateway>>;
  const ingest = (...extra: string[]) =>
    runCli([
      'ingest',
      '--data',
      m.data,
      ...layout.flags,
      '--until-idle',
      '--ack-wait',
      '5',
      ...extra,
    ]);
  const publish = (file: string, ...extra: string[]) =>
    runCli([
      'gateway',
      'publish',
      file,
      '--device',
      'gw-1',
      '--key',
      m.keyFile,
      ...layout.flags,
      ...extra,
    ]);

  beforeAll(async () => {
    m = await missionWithGateway('nats');
  });
  afterAll(async () => {
    await deleteStreams(layout.stream);
  });

  it('stores every published batch exactly once, and the ledger verifies', async () => {
    const file = writeNdjson(
      join(m.dir, 'a.ndjson'),
      Array.from({ length: 300 }, (_, i) => sensorObservation('a', i)),
    );
    const pub = publish(file, '--batch', '25');
    expect(pub.stderr).toContain('publishing to');
    expect(pub.code, pub.stderr).toBe(0);
    expect(pub.stdout).toMatch(
      /^300 lines: 12 batches \(300 observations\) acknowledged by the stream, 12 new, 0 already on the stream/,
    );

    const run = ingest();
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(
      /^12 batches: 300 observations stored, 0 duplicate, 0 conflicting, 0 rejected; 0 batches parked/,
    );
    const counts = await storedCounts(m.data);
    expect(counts.size).toBe(300);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    const verify = runCli(['verify', '--data', m.data]);
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
  });

  it('republishing the same batches stores nothing new (the duplicate window drops them; re-batched, the ingest answers duplicate)', async () => {
    const file = join(m.dir, 'a.ndjson');
    const again = publish(file, '--batch', '25');
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain(
      '12 batches (300 observations) acknowledged by the stream, 0 new, 12 already on the stream',
    );
    // Different batch boundaries: new digests, so new messages; every observation is known.
    const rebatched = publish(file, '--batch', '100');
    expect(rebatched.stdout).toContain(
      '3 batches (300 observations) acknowledged by the stream, 3 new',
    );
    const run = ingest();
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^3 batches: 0 observations stored, 300 duplicate/);
    const counts = await storedCounts(m.data);
    expect(counts.size).toBe(300);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
  });

  it('parks each poison message with its reason and keeps consuming the good ones behind it', async () => {
    const { privateKey } = readGatewayKey(m.keyFile);
    const stranger = generateKeyPairSync('ed25519').privateKey;
    const subject = `${layout.subjectPrefix}.gw-1`;
    const good = signBatch('gw-1', privateKey, [sensorObservation('p', 0)], Date.now());
    // The device's key signing other observations under the good batch's nonce.
    const reused = { ...good, observations: [sensorObservation('p', 4)] };
    reused.signature = sign(null, gatewaySignedBytes(reused), privateKey).toString('base64');
    const poison: [string, unknown][] = [
      ['UNPARSEABLE', '{"deviceId": "gw-1", trunc'],
      ['BAD_SIGNATURE', signBatch('gw-1', stranger, [sensorObservation('p', 1)], Date.now())],
      [
        'VALIDATION: stale',
        signBatch('gw-1', privateKey, [sensorObservation('p', 2)], Date.now() - 10 * 60_000),
      ],
      [
        'NOTHING_STORABLE',
        signBatch('gw-1', privateKey, [{ id: 'p-bad', event: 'explosion' }], Date.now()),
      ],
      [
        'UNAUTHENTICATED',
        { ...signBatch('gw-9', privateKey, [sensorObservation('p', 3)], Date.now()) },
      ],
      ['REPLAYED', reused],
    ];
    await withNats(async (nc) => {
      const js = nc.jetstream();
      // The good batch first, so its nonce is spent when the batch reusing it arrives; its
      // identical copy (another message id, past the duplicate window) is answered as filed.
      await js.publish(subject, Buffer.from(JSON.stringify(good)), {
        msgID: batchDigest(good.observations),
      });
      await js.publish(subject, Buffer.from(JSON.stringify(good)), { msgID: 'copy-of-good' });
      for (const [label, body] of poison) {
        const h = natsHeaders();
        h.set('Test-Label', label);
        const bytes = typeof body === 'string' ? body : JSON.stringify(body);
        const target = label === 'UNAUTHENTICATED' ? `${layout.subjectPrefix}.gw-9` : subject;
        await js.publish(target, Buffer.from(bytes), { msgID: `poison-${label}`, headers: h });
      }
    });
    const later = writeNdjson(
      join(m.dir, 'later.ndjson'),
      Array.from({ length: 40 }, (_, i) => sensorObservation('later', i)),
    );
    expect(publish(later, '--batch', '20').code).toBe(0);

    const run = ingest();
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(
      /^10 batches: 41 observations stored, 1 duplicate, 0 conflicting, 0 rejected; 6 batches parked/,
    );
    for (const label of [
      'UNPARSEABLE',
      'BAD_SIGNATURE',
      'VALIDATION',
      'NOTHING_STORABLE',
      'UNAUTHENTICATED',
      'REPLAYED',
    ]) {
      expect(run.stderr).toMatch(new RegExp(`parked batch #\\d+: ${label}`));
    }

    const parked = await withNats(async (nc) => {
      const jsm = await nc.jetstreamManager();
      const info = await jsm.streams.info(`${layout.stream}_PARKED`);
      const out: { label: string; reason: string; body: string }[] = [];
      for (let seq = info.state.first_seq; seq <= info.state.last_seq; seq++) {
        const msg = await jsm.streams.getMessage(`${layout.stream}_PARKED`, { seq });
        out.push({
          label: msg.header.get('Test-Label'),
          reason: msg.header.get('Truceline-Parked-Reason'),
          body: Buffer.from(msg.data).toString('utf8'),
        });
      }
      return out;
    });
    expect(parked).toHaveLength(6);
    for (const p of parked) {
      const [code, detail] = p.label.split(': ');
      expect(p.reason.startsWith(code!), `${p.label} parked as ${p.reason}`).toBe(true);
      if (detail) expect(p.reason).toContain(detail);
    }
    expect(parked.find((p) => p.label === 'UNPARSEABLE')!.body).toBe('{"deviceId": "gw-1", trunc');
    expect(parked.find((p) => p.label === 'NOTHING_STORABLE')!.reason).toMatch(/1 rejected.*p-bad/);

    const counts = await storedCounts(m.data);
    expect(counts.get('p-0')).toBe(1);
    for (const id of ['p-1', 'p-2', 'p-3', 'p-4', 'p-bad']) expect(counts.has(id)).toBe(false);
    expect(Array.from({ length: 40 }, (_, i) => counts.get(`later-${i}`))).toEqual(
      Array(40).fill(1),
    );
    expect(runCli(['verify', '--data', m.data]).code).toBe(0);
  });
});
