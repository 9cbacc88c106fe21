/**
 * The witness over real HTTP in this process: statuses, content types, durable state across a
 * restart, the data-directory lock, and the client's 409 retry.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addSignatures, formatCheckpoint, MemoryTiledTree, newSigner, signNote, verifyCheckpoint } from '../ledger/index.js';
import { formatAddCheckpointBody } from './add-checkpoint.js';
import { requestCosignature, WitnessRefusal } from './client.js';
import { generateNoteKey } from './keys.js';
import { createWitnessServer, type WitnessServer } from './server.js';

const ORIGIN = 'truceline.example/log';
const log = generateNoteKey(ORIGIN, 'log');
const tree = new MemoryTiledTree();
tree.appendLeaves(Array.from({ length: 40 }, (_, i) => new Uint8Array([i, 1])));
const note = (size: number) => signNote(formatCheckpoint({ origin: ORIGIN, size, root: tree.root(size) }), [newSigner(log.skey)]);

let dir: string;
let witness: WitnessServer;
let url: string;

const start = async () => {
  witness = createWitnessServer({ dataDir: dir, name: 'witness.example/w1', logs: [{ origin: ORIGIN, keys: [log.vkey] }], clock: () => 1_760_000_000 });
  url = (await witness.listen(0)).url;
};

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'witness-'));
  await start();
});

afterEach(async () => {
  await witness.close();
  rmSync(dir, { recursive: true, force: true });
});

const post = (body: string) => fetch(`${url}/add-checkpoint`, { method: 'POST', body });

describe('witness HTTP server', () => {
  it('cosigns, then answers 409 text/x.tlog.size to a stale client', async () => {
    const ok = await post(formatAddCheckpointBody({ oldSize: 0, proof: [], note: note(10) }));
    expect(ok.status).toBe(200);
    const cosigned = addSignatures(note(10), []) + (await ok.text());
    expect(verifyCheckpoint(cosigned, { logKeys: [log.vkey], witnessKeys: [witness.vkey], minWitnesses: 1 }).witnesses[0]!.timestamp).toBe(1_760_000_000);
    const stale = await post(formatAddCheckpointBody({ oldSize: 0, proof: [], note: note(20) }));
    expect(stale.status).toBe(409);
    expect(stale.headers.get('content-type')).toBe('text/x.tlog.size');
    expect(await stale.text()).toBe('10\n');
  });

  it('keeps its state across a restart and keeps its key', async () => {
    await requestCosignature(url, note(10), () => []);
    const vkey = witness.vkey;
    await witness.close();
    await start();
    expect(witness.vkey).toBe(vkey);
    const stale = await post(formatAddCheckpointBody({ oldSize: 0, proof: [], note: note(20) }));
    expect(await stale.text()).toBe('10\n');
    expect(JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')).logs[ORIGIN].size).toBe(10);
  });

  it('lets the client recover from 409 by fetching a proof from the witness size', async () => {
    await requestCosignature(url, note(10), () => []);
    const sigs = await requestCosignature(url, note(25), (old) => tree.consistencyProof(old, 25));
    expect(sigs).toHaveLength(1);
    expect(sigs[0]!.name).toBe('witness.example/w1');
  });

  it('refuses an inconsistent proof with 422 and keeps it as evidence', async () => {
    await requestCosignature(url, note(10), () => []);
    await expect(requestCosignature(url, note(25), () => tree.consistencyProof(11, 25), 10)).rejects.toMatchObject({ status: 422 });
    expect(readFileSync(join(dir, 'evidence.jsonl'), 'utf8')).toContain('"status":422');
    expect(new WitnessRefusal(1, 'x').name).toBe('WitnessRefusal');
  });

  it('answers 404 to other paths, 405 to GET, 413 to huge bodies', async () => {
    expect((await fetch(`${url}/other`)).status).toBe(404);
    expect((await fetch(`${url}/add-checkpoint`)).status).toBe(405);
    expect((await post('x'.repeat(300 * 1024))).status).toBe(413);
  });

  it('refuses to start a second witness on the same directory', () => {
    expect(() => createWitnessServer({ dataDir: dir, name: 'witness.example/w1', logs: [{ origin: ORIGIN, keys: [log.vkey] }] })).toThrow(/in use by witness process/);
  });
});
