/**
 * Each rule of c2sp.org/tlog-witness add-checkpoint, decided without HTTP or disk.
 */
import { describe, expect, it } from 'vitest';
import {
  formatCheckpoint,
  formatSignerKey,
  formatVerifierKey,
  MemoryTiledTree,
  newSigner,
  newVerifier,
  openNote,
  parseSignerKey,
  SIG_TYPE_COSIGNATURE_V1,
  SIG_TYPE_ED25519,
  signNote,
  toBase64,
} from '../ledger/index.js';
import { generateNoteKey } from './keys.js';
import { decideAddCheckpoint, formatAddCheckpointBody, logVerifiers, parseAddCheckpointBody } from './add-checkpoint.js';
import type { CosignedRecord } from './state.js';

const ORIGIN = 'truceline.example/log';
const logSkey = formatSignerKey(ORIGIN, SIG_TYPE_ED25519, new Uint8Array(32).fill(1));
const otherSkey = formatSignerKey(ORIGIN, SIG_TYPE_ED25519, new Uint8Array(32).fill(9));
const witnessSkey = formatSignerKey('witness.example/w1', SIG_TYPE_COSIGNATURE_V1, new Uint8Array(32).fill(2));
const logs = logVerifiers([{ origin: ORIGIN, keys: [formatVerifierKey(parseSignerKey(logSkey))] }]);
const cosigner = newSigner(witnessSkey, () => 1_760_000_000);

const honest = new MemoryTiledTree();
honest.appendLeaves(Array.from({ length: 20 }, (_, i) => new Uint8Array([i])));
// Two forks of the honest history: one rewrites leaf 3 (inside the cosigned size 8), one leaf 12.
const forked = new MemoryTiledTree();
forked.appendLeaves(Array.from({ length: 20 }, (_, i) => new Uint8Array([i === 3 ? 99 : i])));
const forkedLate = new MemoryTiledTree();
forkedLate.appendLeaves(Array.from({ length: 20 }, (_, i) => new Uint8Array([i === 12 ? 99 : i])));
const elsewhere = generateNoteKey('other.example/log', 'log');

const note = (tree: MemoryTiledTree, size: number, skey = logSkey, origin = ORIGIN) =>
  signNote(formatCheckpoint({ origin, size, root: tree.root(size) }), [newSigner(skey)]);

function decide(body: string, stored: CosignedRecord | null = null) {
  return decideAddCheckpoint(body, { logs, stored: () => stored, cosigner, now: () => 1_760_000_000 });
}

const record = (tree: MemoryTiledTree, size: number): CosignedRecord => ({ size, root: toBase64(tree.root(size)), checkpoint: note(tree, size), cosignedAt: 1 });

describe('add-checkpoint', () => {
  it('cosigns a first checkpoint (old 0, empty proof) with a cosignature/v1 line', () => {
    const n = note(honest, 8);
    const out = decide(formatAddCheckpointBody({ oldSize: 0, proof: [], note: n }));
    expect(out.status).toBe(200);
    if (out.status !== 200) return;
    expect(out.body).toMatch(/^— witness\.example\/w1 [A-Za-z0-9+/=]+\n$/);
    const cosigned = n + out.body;
    const opened = openNote(cosigned, [newVerifier(formatVerifierKey(parseSignerKey(witnessSkey)))]);
    expect(opened.verified[0]!.timestamp).toBe(1_760_000_000);
    expect(out.record.size).toBe(8);
  });

  it('cosigns a consistent extension from the size it last cosigned', () => {
    const out = decide(formatAddCheckpointBody({ oldSize: 8, proof: honest.consistencyProof(8, 20), note: note(honest, 20) }), record(honest, 8));
    expect(out.status).toBe(200);
  });

  it('cosigns the same checkpoint again (old == size, same root)', () => {
    expect(decide(formatAddCheckpointBody({ oldSize: 8, proof: [], note: note(honest, 8) }), record(honest, 8)).status).toBe(200);
  });

  it.each([
    ['a stale old size', () => decide(formatAddCheckpointBody({ oldSize: 0, proof: [], note: note(honest, 20) }), record(honest, 8)), 409, '8\n'],
    ['an old size ahead of the witness', () => decide(formatAddCheckpointBody({ oldSize: 12, proof: honest.consistencyProof(12, 20), note: note(honest, 20) }), record(honest, 8)), 409, '8\n'],
    ['a fork at the same size', () => decide(formatAddCheckpointBody({ oldSize: 8, proof: [], note: note(forked, 8) }), record(honest, 8)), 409, '8\n'],
  ])('answers 409 with the cosigned size for %s', (_name, call, status, body) => {
    const out = call();
    expect(out.status).toBe(status);
    expect(out.body).toBe(body);
    if (out.status !== 200) expect(out.contentType).toBe('text/x.tlog.size');
  });

  it.each([
    ['a forked larger tree (proof from the fork)', () => decide(formatAddCheckpointBody({ oldSize: 8, proof: forked.consistencyProof(8, 20), note: note(forked, 20) }), record(honest, 8))],
    ['an honest tree with a proof from another tree', () => decide(formatAddCheckpointBody({ oldSize: 8, proof: forkedLate.consistencyProof(8, 20), note: note(honest, 20) }), record(honest, 8))],
    ['a proof from size 0 that is not empty', () => decide(formatAddCheckpointBody({ oldSize: 0, proof: honest.consistencyProof(8, 20), note: note(honest, 20) }))],
    ['a truncated proof', () => decide(formatAddCheckpointBody({ oldSize: 8, proof: honest.consistencyProof(8, 20).slice(1), note: note(honest, 20) }), record(honest, 8))],
  ])('answers 422 to %s', (_name, call) => {
    const out = call();
    expect(out.status).toBe(422);
    if (out.status !== 200) expect(out.evidence).toBe(true);
  });

  it.each([
    ['an unknown origin', () => decide(formatAddCheckpointBody({ oldSize: 0, proof: [], note: note(honest, 8, elsewhere.skey, 'other.example/log') })), 404],
    ['a checkpoint signed by another key', () => decide(formatAddCheckpointBody({ oldSize: 0, proof: [], note: note(honest, 8, otherSkey) })), 403],
    ['a checkpoint whose size was altered after signing', () => decide(formatAddCheckpointBody({ oldSize: 0, proof: [], note: note(honest, 8).replace('\n8\n', '\n9\n') })), 403],
    ['old above the checkpoint size', () => decide(formatAddCheckpointBody({ oldSize: 9, proof: [], note: note(honest, 8) })), 400],
    ['a body without the blank line', () => decide('old 0\n' + note(honest, 8).replace(/\n\n/, '\n')), 400],
    ['a malformed old line', () => decide(formatAddCheckpointBody({ oldSize: 0, proof: [], note: note(honest, 8) }).replace('old 0', 'old 00')), 400],
    ['64 proof lines', () => decide(formatAddCheckpointBody({ oldSize: 0, proof: Array.from({ length: 64 }, () => new Uint8Array(32)), note: note(honest, 8) })), 400],
  ])('answers %s with the spec status', (_name, call, status) => {
    expect(call().status).toBe(status);
  });

  it('round-trips the request body format of the spec', () => {
    const body = formatAddCheckpointBody({ oldSize: 8, proof: honest.consistencyProof(8, 20), note: note(honest, 20) });
    expect(body.startsWith('old 8\n')).toBe(true);
    const parsed = parseAddCheckpointBody(body);
    expect(parsed.oldSize).toBe(8);
    expect(parsed.proof.map(toBase64)).toEqual(honest.consistencyProof(8, 20).map(toBase64));
    expect(parsed.note).toBe(note(honest, 20));
  });
});
