/**
 * Two witnesses, each its own process (`node dist/witness/main.js`, built by `npm test`'s build
 * step), cosign a log's checkpoint; afterwards both refuse a forked history: another checkpoint of
 * the same size (409) and a larger checkpoint that does not extend the one they cosigned (422),
 * also after one is killed and restarted. Issue 3.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWitness, stopWitness as stop, type RunningWitness as Running } from './support/witness.js';
import { addSignatures, formatCheckpoint, MemoryTiledTree, newSigner, parseSignatureLine, signNote, verifyCheckpoint } from '../src/ledger/index.js';
import { formatAddCheckpointBody } from '../src/witness/add-checkpoint.js';
import { generateNoteKey } from '../src/witness/keys.js';

const ORIGIN = 'truceline.example/mission-log';
const log = generateNoteKey(ORIGIN, 'log');

// The honest history, and a fork that rewrote entry 2 and went on growing.
const event = (i: number, forged = false) => new TextEncoder().encode(JSON.stringify({ i, type: forged ? 'incident.deleted' : 'observation.stored', v: 1 }));
const honest = new MemoryTiledTree();
honest.appendLeaves(Array.from({ length: 12 }, (_, i) => event(i)));
const fork = new MemoryTiledTree();
fork.appendLeaves(Array.from({ length: 12 }, (_, i) => event(i, i === 2)));
const checkpoint = (tree: MemoryTiledTree, size: number) => signNote(formatCheckpoint({ origin: ORIGIN, size, root: tree.root(size) }), [newSigner(log.skey)]);


async function submit(w: Running, oldSize: number, proof: Uint8Array[], note: string) {
  const res = await fetch(`${w.url}/add-checkpoint`, { method: 'POST', body: formatAddCheckpointBody({ oldSize, proof, note }) });
  return { status: res.status, type: res.headers.get('content-type'), body: await res.text() };
}

describe('two witness processes refuse a forked history', () => {
  let root: string;
  const witnesses: Running[] = [];

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'witness-fork-'));
    witnesses.push(await startWitness(join(root, 'w1'), 'witness.example/w1', ORIGIN, log.vkey), await startWitness(join(root, 'w2'), 'witness.example/w2', ORIGIN, log.vkey));
  });

  afterAll(async () => {
    await Promise.all(witnesses.map((w) => stop(w)));
    rmSync(root, { recursive: true, force: true });
  });

  it('both cosign the honest checkpoint of size 8, satisfying a 2-of-2 policy', async () => {
    const note = checkpoint(honest, 8);
    const answers = await Promise.all(witnesses.map((w) => submit(w, 0, [], note)));
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    const cosigned = addSignatures(note, answers.map((a) => parseSignatureLine(a.body.trimEnd())));
    const v = verifyCheckpoint(cosigned, { logKeys: [log.vkey], witnessKeys: witnesses.map((w) => w.vkey), minWitnesses: 2 });
    expect(v.witnesses.map((w) => w.name)).toEqual(['witness.example/w1', 'witness.example/w2']);
  });

  it('both refuse another checkpoint of the same size (a fork) with 409 and their size', async () => {
    expect(fork.root(8)).not.toEqual(honest.root(8));
    for (const w of witnesses) {
      expect(await submit(w, 8, [], checkpoint(fork, 8))).toEqual({ status: 409, type: 'text/x.tlog.size', body: '8\n' });
      // Pretending to be new to the witness does not help either.
      expect(await submit(w, 0, [], checkpoint(fork, 8))).toEqual({ status: 409, type: 'text/x.tlog.size', body: '8\n' });
    }
  });

  it('both refuse a larger forked checkpoint that does not extend the cosigned one (422)', async () => {
    for (const w of witnesses) {
      const answer = await submit(w, 8, fork.consistencyProof(8, 12), checkpoint(fork, 12));
      expect(answer.status).toBe(422);
      expect(answer.body).toMatch(/consistency proof from 8 to 12 does not verify/);
    }
  });

  it('still cosign the honest extension, and refuse the fork after a crash and restart', async () => {
    for (const w of witnesses) expect((await submit(w, 8, honest.consistencyProof(8, 12), checkpoint(honest, 12))).status).toBe(200);
    // w1 is killed hard (no clean shutdown); its state was persisted before it answered.
    await stop(witnesses[0]!, 'SIGKILL');
    witnesses[0] = await startWitness(join(root, 'w1'), 'witness.example/w1', ORIGIN, log.vkey);
    for (const w of witnesses) {
      expect(await submit(w, 12, [], checkpoint(fork, 12))).toEqual({ status: 409, type: 'text/x.tlog.size', body: '12\n' });
    }
  });

  it('answer 403 to a checkpoint not signed by the log and 404 to an unknown log', async () => {
    const impostor = generateNoteKey(ORIGIN, 'log');
    const forged = signNote(formatCheckpoint({ origin: ORIGIN, size: 12, root: fork.root(12) }), [newSigner(impostor.skey)]);
    const other = generateNoteKey('other.example/log', 'log');
    const unknown = signNote(formatCheckpoint({ origin: 'other.example/log', size: 1, root: honest.root(1) }), [newSigner(other.skey)]);
    for (const w of witnesses) {
      expect((await submit(w, 12, [], forged)).status).toBe(403);
      expect((await submit(w, 0, [], unknown)).status).toBe(404);
    }
  });
});
