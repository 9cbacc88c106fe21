import { describe, expect, it } from 'vitest';
import { formatCheckpoint, parseCheckpoint } from './checkpoint.js';
import { newSigner } from './cosignature.js';
import { fromHex } from './encoding.js';
import { isLedgerError, type LedgerErrorCode } from './errors.js';
import { MemoryTiledTree } from './memory-tree.js';
import { addSignatures, signNote } from './note.js';
import { formatSignerKey, formatVerifierKey, parseSignerKey, SIG_TYPE_COSIGNATURE_V1, SIG_TYPE_ED25519 } from './note-keys.js';
import { verifyCheckpoint, verifyCheckpointConsistency } from './verify-checkpoint.js';

const ORIGIN = 'truceline.example/log';
const logSkey = formatSignerKey(ORIGIN, SIG_TYPE_ED25519, fromHex('01'.repeat(32)));
const witnessSkeys = ['w1', 'w2', 'w3'].map((n, i) => formatSignerKey(`witness.example/${n}`, SIG_TYPE_COSIGNATURE_V1, fromHex(`1${i}`.repeat(32))));
const vkey = (skey: string) => formatVerifierKey(parseSignerKey(skey));
const logVkey = vkey(logSkey);
const witnessVkeys = witnessSkeys.map(vkey);

const tree = new MemoryTiledTree();
tree.appendLeaves(Array.from({ length: 20 }, (_, i) => new Uint8Array([i])));

function checkpointNote(size: number, cosigners: readonly string[] = [], root = tree.root(size)): string {
  const text = formatCheckpoint({ origin: ORIGIN, size, root });
  const note = signNote(text, [newSigner(logSkey)]);
  return addSignatures(
    note,
    cosigners.map((skey) => {
      const s = newSigner(skey, () => 1_750_000_000);
      return { name: s.name, keyId: s.keyId, signature: s.sign(text) };
    }),
  );
}

function failure(call: () => unknown): LedgerErrorCode | 'PASSED' {
  try {
    call();
    return 'PASSED';
  } catch (e) {
    if (isLedgerError(e)) return e.code;
    throw e;
  }
}

describe('verifyCheckpoint', () => {
  it('accepts a log-signed checkpoint with the required witnesses and reports who cosigned when', () => {
    const v = verifyCheckpoint(checkpointNote(20, witnessSkeys.slice(0, 2)), { logKeys: [logVkey], witnessKeys: witnessVkeys, minWitnesses: 2, origin: ORIGIN });
    expect(v.checkpoint.size).toBe(20);
    expect(v.witnesses).toEqual([
      { name: 'witness.example/w1', timestamp: 1_750_000_000 },
      { name: 'witness.example/w2', timestamp: 1_750_000_000 },
    ]);
  });

  it.each([
    ['too few witnesses', checkpointNote(20, witnessSkeys.slice(0, 1)), 2, 'POLICY_UNMET'],
    ['no witnesses when one is required', checkpointNote(20), 1, 'POLICY_UNMET'],
    ['a checkpoint signed only by a witness', addSignatures(checkpointNote(20, [witnessSkeys[0]!]), []).replace(/^— truceline\.example\/log .*\n/m, ''), 0, 'UNTRUSTED'],
    ['a tampered size', checkpointNote(20, witnessSkeys).replace('\n20\n', '\n19\n'), 0, 'BAD_SIGNATURE'],
  ])('refuses %s', (_name, note, minWitnesses, code) => {
    expect(failure(() => verifyCheckpoint(note, { logKeys: [logVkey], witnessKeys: witnessVkeys, minWitnesses }))).toBe(code);
  });

  it('names the missing witnesses', () => {
    expect(() => verifyCheckpoint(checkpointNote(20, [witnessSkeys[1]!]), { logKeys: [logVkey], witnessKeys: witnessVkeys, minWitnesses: 3 })).toThrow(
      /1 of 3 .*cosigned: witness.example\/w2; missing: witness.example\/w1, witness.example\/w3/,
    );
  });

  it('counts a witness once even if it cosigned twice', () => {
    const twice = checkpointNote(20, [witnessSkeys[0]!, witnessSkeys[0]!]);
    expect(failure(() => verifyCheckpoint(twice, { logKeys: [logVkey], witnessKeys: witnessVkeys, minWitnesses: 2 }))).toBe('POLICY_UNMET');
  });

  it('checks the origin when asked', () => {
    expect(failure(() => verifyCheckpoint(checkpointNote(20), { logKeys: [logVkey], origin: 'other.example/log' }))).toBe('UNTRUSTED');
  });
});

describe('verifyCheckpointConsistency', () => {
  const cp = (size: number, root = tree.root(size)) => parseCheckpoint(formatCheckpoint({ origin: ORIGIN, size, root }));

  it('accepts a growing log with a valid proof', () => {
    expect(failure(() => verifyCheckpointConsistency(cp(7), cp(20), tree.consistencyProof(7, 20)))).toBe('PASSED');
    expect(failure(() => verifyCheckpointConsistency(cp(20), cp(20), []))).toBe('PASSED');
  });

  it.each([
    ['a fork (two roots for one size)', () => verifyCheckpointConsistency(cp(20), cp(20, tree.root(19)), [])],
    ['a shrinking log', () => verifyCheckpointConsistency(cp(20), cp(7), [])],
    ['a rewritten history', () => verifyCheckpointConsistency(cp(7, tree.root(6)), cp(20), tree.consistencyProof(7, 20))],
    ['another log', () => verifyCheckpointConsistency(parseCheckpoint(formatCheckpoint({ origin: 'x', size: 7, root: tree.root(7) })), cp(20), tree.consistencyProof(7, 20))],
  ])('refuses %s as INCONSISTENT', (_name, call) => {
    expect(failure(call)).toBe('INCONSISTENT');
  });
});
