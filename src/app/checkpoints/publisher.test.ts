import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { formatCheckpoint, formatSignatureLine, newSigner, parseVerifierKey, signNote, verifyCheckpoint } from '../../ledger/index.js';
import { sampleObservation } from '../../store/port.contract.js';
import { generateNoteKey } from '../../witness/keys.js';
import { createWitnessServer, type WitnessServer } from '../../witness/server.js';
import { fileObservations } from '../file-observations.js';
import { missionVerifierKey, openMission, type Mission } from '../mission.js';
import { appendPublished, checkpointsFile } from './published-file.js';
import { startCheckpointPublisher, type CheckpointPublisher, type CheckpointPublisherOptions } from './publisher.js';
import { missionNoteSigner, signCheckpoint } from './sign.js';

const NOW = Date.parse('2026-03-02T00:00:00Z');
const tmp = (what: string) => mkdtempSync(join(tmpdir(), `truceline-${what}-`));

let next = 1;
async function fileEvents(mission: Mission, n: number): Promise<void> {
  await fileObservations(mission.store, Array.from({ length: n }, () => sampleObservation(next++)), { actor: 'user:test', nowMs: NOW });
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('startCheckpointPublisher', () => {
  let mission: Mission;
  let witness: WitnessServer;
  let witnessUrl: string;
  const servers: Server[] = [];
  const publishers: CheckpointPublisher[] = [];
  const lines: string[] = [];
  const start = (over: Partial<CheckpointPublisherOptions> = {}) => {
    const p = startCheckpointPublisher({ mission, intervalMs: 0, witnesses: [{ url: witnessUrl, vkey: witness.vkey }], minWitnesses: 1, log: (l) => lines.push(l), ...over });
    publishers.push(p);
    return p;
  };

  beforeAll(async () => {
    mission = await openMission(tmp('publisher'), { synchronous: 'NORMAL' });
    await fileEvents(mission, 3);
    witness = createWitnessServer({ dataDir: tmp('witness'), name: 'witness.example/a', logs: [{ origin: mission.origin, keys: [missionVerifierKey(mission)] }] });
    witnessUrl = (await witness.listen(0)).url;
  });

  afterEach(async () => {
    await Promise.all(publishers.splice(0).map((p) => p.stop()));
    lines.length = 0;
  });

  afterAll(async () => {
    for (const s of servers) {
      s.closeAllConnections();
      s.close();
    }
    await witness.close();
    await mission.close();
  });

  it.each([
    ['minWitnesses above the number of witnesses', { minWitnesses: 2 }, /minWitnesses must be 0\.\.1/],
    ['a negative minWitnesses', { minWitnesses: -1 }, /minWitnesses must be 0\.\.1/],
    ['a log key where a witness key belongs', { witnesses: [{ url: 'http://127.0.0.1:1', vkey: generateNoteKey('w.example', 'log').vkey }] }, /type 0x01, a witness cosigns with type 0x04/],
    ['a malformed vkey', { witnesses: [{ url: 'http://127.0.0.1:1', vkey: 'nope' }] }, /witnesses\[0\] \(http:\/\/127\.0\.0\.1:1\): vkey/],
    ['a URL that is not http(s)', { witnesses: [{ url: 'ftp://x', vkey: generateNoteKey('w.example', 'cosigner').vkey }] }, /url must be an http\(s\) URL/],
  ])('refuses %s', (_, over, message) => {
    expect(() => start(over as Partial<CheckpointPublisherOptions>)).toThrow(message);
  });

  it('refuses two witnesses with one key name (a policy counts distinct witnesses)', () => {
    const k = generateNoteKey('w.example', 'cosigner').vkey;
    expect(() => start({ witnesses: [{ url: 'http://a.example', vkey: k }, { url: 'http://b.example', vkey: k }] })).toThrow(/share the key name w\.example/);
  });

  it('signs checkpoints the way the server does: origin as key name, the mission key', async () => {
    const signed = await signCheckpoint(mission);
    expect(signed.size).toBe(await mission.store.ledger.size());
    const v = verifyCheckpoint(signed.note, { logKeys: [missionVerifierKey(mission)], origin: mission.origin });
    expect(v.logSignatures[0]!.keyId).toBe(parseVerifierKey(missionVerifierKey(mission)).keyId);
  });

  it('with no witnesses and minWitnesses 0, publishes the log-signed checkpoint alone', async () => {
    const note = await start({ witnesses: [], minWitnesses: 0 }).publishNow();
    expect(verifyCheckpoint(note, { logKeys: [missionVerifierKey(mission)] }).witnesses).toEqual([]);
  });

  it('does not wait for a witness that never answers: it times out, is logged, and the others still count', async () => {
    const hung = createServer(() => {}); // accepts, never answers
    servers.push(hung);
    const hungUrl = await listen(hung);
    await fileEvents(mission, 1);
    const began = Date.now();
    const p = start({ witnesses: [{ url: hungUrl, vkey: generateNoteKey('witness.example/hung', 'cosigner').vkey }, { url: witnessUrl, vkey: witness.vkey }], minWitnesses: 1, witnessTimeoutMs: 300 });
    const note = await p.publishNow();
    expect(Date.now() - began).toBeLessThan(5_000);
    expect(verifyCheckpoint(note, { logKeys: [missionVerifierKey(mission)], witnessKeys: [witness.vkey], minWitnesses: 1 }).witnesses.map((w) => w.name)).toEqual(['witness.example/a']);
    expect(lines.join('\n')).toContain(`not cosigned by witness ${hungUrl}: no answer within 300 ms`);
  });

  it('does not count a cosignature that fails under the configured witness key', async () => {
    const liar = generateNoteKey('witness.example/liar', 'cosigner');
    const bogus = formatSignatureLine({ name: 'witness.example/liar', keyId: parseVerifierKey(liar.vkey).keyId, signature: new Uint8Array(72) });
    const server = createServer((_, res) => res.end(bogus));
    servers.push(server);
    const url = await listen(server);
    await fileEvents(mission, 1);
    const p = start({ witnesses: [{ url, vkey: liar.vkey }], minWitnesses: 1 });
    await expect(p.publishNow()).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    expect(lines.join('\n')).toContain(`not cosigned by witness ${url}: its cosignature does not verify under the configured key of witness.example/liar`);
  });

  it('refuses to publish when the log does not extend the last published checkpoint (a rewritten database)', async () => {
    const dir = tmp('rewritten');
    const m = await openMission(dir, { synchronous: 'NORMAL' });
    try {
      await fileEvents(m, 2);
      const size = await m.store.ledger.size();
      // A checkpoint the mission published of this size, with a root the database no longer has.
      const forged = signNote(formatCheckpoint({ origin: m.origin, size, root: new Uint8Array(32).fill(7) }), [missionNoteSigner(m)]);
      appendPublished(checkpointsFile(dir), { size, root: Buffer.alloc(32, 7).toString('base64'), note: forged, publishedAt: new Date(NOW).toISOString(), witnesses: [] });
      const p = startCheckpointPublisher({ mission: m, intervalMs: 0, minWitnesses: 0, log: (l) => lines.push(l) });
      publishers.push(p);
      expect(p.latest()).toBe(forged);
      await fileEvents(m, 1);
      await expect(p.publishNow()).rejects.toMatchObject({ code: 'INCONSISTENT', message: expect.stringMatching(/does not extend the last published checkpoint/) });
      expect(p.latest()).toBe(forged);
      expect(readFileSync(checkpointsFile(dir), 'utf8').trim().split('\n')).toHaveLength(1);
    } finally {
      await m.close();
    }
  });

  it('on restart ignores a stored record not signed by the mission key, and logs it', async () => {
    const dir = tmp('foreign');
    const m = await openMission(dir, { synchronous: 'NORMAL' });
    try {
      const p1 = startCheckpointPublisher({ mission: m, intervalMs: 0, minWitnesses: 0, log: (l) => lines.push(l) });
      const good = await p1.publishNow();
      await p1.stop();
      const impostor = generateNoteKey(m.origin, 'log');
      const size = await m.store.ledger.size();
      const other = signNote(formatCheckpoint({ origin: m.origin, size: size + 1, root: new Uint8Array(32) }), [newSigner(impostor.skey)]);
      appendPublished(checkpointsFile(dir), { size: size + 1, root: Buffer.alloc(32).toString('base64'), note: other, publishedAt: new Date(NOW).toISOString(), witnesses: [] });
      const p2 = startCheckpointPublisher({ mission: m, intervalMs: 0, minWitnesses: 0, log: (l) => lines.push(l) });
      publishers.push(p2);
      expect(p2.latest()).toBe(good);
      expect(lines.join('\n')).toMatch(/skipped a record: no signature from a trusted key/);
    } finally {
      await m.close();
    }
  });
});
