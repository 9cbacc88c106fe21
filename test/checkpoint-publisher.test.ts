/**
 * The checkpoint publisher against a real mission and two witnesses running as their own
 * processes (`node dist/witness/main.js`, built by `npm test`'s build step), under a policy that
 * needs both: it publishes only cosigned checkpoints that verify, each consistent with the one
 * before; with a witness killed it publishes nothing until the policy is relaxed; what it
 * published survives a restart. Issue 3, items 4 and 5.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWitness, stopWitness as stop, type RunningWitness as Running } from './support/witness.js';
import { startCheckpointPublisher, type CheckpointPublisher } from '../src/app/checkpoints/index.js';
import { fileObservations } from '../src/app/file-observations.js';
import { missionVerifierKey, openMission, type Mission } from '../src/app/mission.js';
import { verifyCheckpoint, verifyCheckpointConsistency } from '../src/ledger/index.js';
import { sampleObservation } from '../src/store/port.contract.js';

const NOW = Date.parse('2026-03-02T00:00:00Z');


describe('checkpoint publisher with two witness processes and a 2-of-2 policy', () => {
  let root: string;
  let mission: Mission;
  let logKey: string;
  const witnesses: Running[] = [];
  const lines: string[] = [];
  let publisher: CheckpointPublisher;
  let next = 1;

  const fileEvents = async (n: number) => {
    const items = Array.from({ length: n }, () => sampleObservation(next++));
    const results = await fileObservations(mission.store, items, { actor: 'user:test', nowMs: NOW });
    expect(results.map((r) => r.status)).toEqual(items.map(() => 'stored'));
  };
  const policy = (minWitnesses: number, ws = witnesses) => ({ logKeys: [logKey], witnessKeys: ws.map((w) => w.vkey), minWitnesses, origin: mission.origin });
  const start = (minWitnesses: number) =>
    startCheckpointPublisher({ mission, intervalMs: 0, witnesses: witnesses.map((w) => ({ url: w.url, vkey: w.vkey })), minWitnesses, log: (l) => lines.push(l), witnessTimeoutMs: 5_000 });

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'checkpoint-publisher-'));
    mission = await openMission(join(root, 'mission'), { synchronous: 'NORMAL' });
    logKey = missionVerifierKey(mission);
    witnesses.push(
      await startWitness(join(root, 'w1'), 'witness.example/w1', mission.origin, logKey),
      await startWitness(join(root, 'w2'), 'witness.example/w2', mission.origin, logKey),
    );
    await fileEvents(5);
    publisher = start(2);
  });

  afterAll(async () => {
    await publisher?.stop();
    await Promise.all(witnesses.map((w) => stop(w)));
    await mission?.close();
    rmSync(root, { recursive: true, force: true });
  });

  let first: string;
  let second: string;

  it('publishes a checkpoint of the whole log that verifies with both witness keys and minWitnesses 2', async () => {
    expect(publisher.latest()).toBeNull();
    first = await publisher.publishNow();
    const v = verifyCheckpoint(first, policy(2));
    expect(v.checkpoint.size).toBe(await mission.store.ledger.size());
    expect(v.checkpoint.root).toEqual(await mission.store.ledger.root());
    expect(v.witnesses.map((w) => w.name).sort()).toEqual(['witness.example/w1', 'witness.example/w2']);
    expect(publisher.latest()).toBe(first);
  });

  it('returns the same note while the log has not grown', async () => {
    expect(await publisher.publishNow()).toBe(first);
  });

  it('after more events, publishes a larger checkpoint consistent with the first, cosigned again by both', async () => {
    await fileEvents(7);
    second = await publisher.publishNow();
    const a = verifyCheckpoint(first, policy(2)).checkpoint;
    const b = verifyCheckpoint(second, policy(2)).checkpoint;
    expect(b.size).toBe(a.size + 7);
    verifyCheckpointConsistency(a, b, await mission.store.ledger.consistencyProof(a.size, b.size));
  });

  it('with one witness killed and minWitnesses 2, publishes nothing and logs the dead witness with the reason', async () => {
    await stop(witnesses[1]!, 'SIGKILL');
    await fileEvents(3);
    lines.length = 0;
    await expect(publisher.publishNow()).rejects.toMatchObject({ code: 'UNAVAILABLE', message: expect.stringMatching(/1 of the 2 witness cosignatures/) });
    expect(publisher.latest()).toBe(second);
    expect(lines.join('\n')).toContain(`witness ${witnesses[1]!.url}: fetch failed: ECONNREFUSED`);
  });

  it('a restarted publisher keeps latest(); with minWitnesses 1 it publishes with the live witness', async () => {
    await publisher.stop();
    publisher = start(1);
    expect(publisher.latest()).toBe(second);
    // w1 cosigned the unpublished checkpoint above, so the publisher's idea of its size is stale:
    // the witness answers 409 with its size and the retry carries a proof from there.
    await fileEvents(2);
    const third = await publisher.publishNow();
    const v = verifyCheckpoint(third, policy(1));
    expect(v.checkpoint.size).toBe(verifyCheckpoint(second, policy(2)).checkpoint.size + 5);
    expect(v.witnesses.map((w) => w.name)).toEqual(['witness.example/w1']);
    expect(() => verifyCheckpoint(third, policy(2))).toThrow(/1 of 2 required witness cosignatures/);
    await publisher.stop();
    publisher = start(1);
    expect(publisher.latest()).toBe(third);
  });

  it('publishes on its schedule when the log grew', async () => {
    await publisher.stop();
    const before = publisher.latest();
    publisher = startCheckpointPublisher({
      mission,
      intervalMs: 100,
      witnesses: [{ url: witnesses[0]!.url, vkey: witnesses[0]!.vkey }],
      minWitnesses: 1,
      log: (l) => lines.push(l),
    });
    await fileEvents(1);
    const size = await mission.store.ledger.size();
    await expect.poll(() => publisher.latest(), { timeout: 10_000, interval: 50 }).not.toBe(before);
    expect(verifyCheckpoint(publisher.latest()!, policy(1, [witnesses[0]!])).checkpoint.size).toBe(size);
  });
});
