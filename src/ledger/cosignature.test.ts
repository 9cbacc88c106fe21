import { describe, expect, it } from 'vitest';
import { formatCheckpoint } from './checkpoint.js';
import { cosignatureMessage, newSigner, newVerifier } from './cosignature.js';
import { fromHex } from './encoding.js';
import { isLedgerError } from './errors.js';
import { addSignatures, openNote, parseNote, signNote } from './note.js';
import { formatSignerKey, formatVerifierKey, parseSignerKey, SIG_TYPE_COSIGNATURE_V1, SIG_TYPE_ED25519 } from './note-keys.js';

const logSkey = formatSignerKey('truceline.example/log', SIG_TYPE_ED25519, fromHex('01'.repeat(32)));
const witnessSkey = formatSignerKey('witness.example/w1', SIG_TYPE_COSIGNATURE_V1, fromHex('02'.repeat(32)));
const logVkey = formatVerifierKey(parseSignerKey(logSkey));
const witnessVkey = formatVerifierKey(parseSignerKey(witnessSkey));
const text = formatCheckpoint({ origin: 'truceline.example/log', size: 8, root: new Uint8Array(32).fill(5) });

describe('cosignature/v1 (c2sp.org/tlog-cosignature)', () => {
  it('signs "cosignature/v1\\ntime <t>\\n" + checkpoint text', () => {
    expect(cosignatureMessage(text, 1679315147)).toBe(`cosignature/v1\ntime 1679315147\n${text}`);
  });

  it('puts the timestamp first, as a big-endian u64, and the verifier reads it back', () => {
    const signer = newSigner(witnessSkey, () => 1679315147);
    const sig = signer.sign(text);
    expect(sig).toHaveLength(72);
    expect([...sig.subarray(0, 8)]).toEqual([0, 0, 0, 0, 0x64, 0x18, 0x50, 0xcb]);
    expect(newVerifier(witnessVkey).verify(text, sig)).toEqual({ timestamp: 1679315147 });
  });

  it('verifies a log-signed checkpoint with an added cosignature under both keys', () => {
    const note = signNote(text, [newSigner(logSkey)]);
    const witness = newSigner(witnessSkey, () => 1_700_000_000);
    const cosigned = addSignatures(note, [{ name: witness.name, keyId: witness.keyId, signature: witness.sign(text) }]);
    const opened = openNote(cosigned, [newVerifier(logVkey), newVerifier(witnessVkey)]);
    expect(opened.verified.map((s) => [s.name, s.timestamp])).toEqual([
      ['truceline.example/log', undefined],
      ['witness.example/w1', 1_700_000_000],
    ]);
  });

  it('fails a cosignature whose timestamp was changed', () => {
    const sig = newSigner(witnessSkey, () => 1000).sign(text);
    sig[7] = 1;
    expect(newVerifier(witnessVkey).verify(text, sig)).toBeNull();
  });

  it('does not accept a plain Ed25519 note signature as a cosignature (different key ID and message)', () => {
    const plain = signNote(text, [newSigner(formatSignerKey('witness.example/w1', SIG_TYPE_ED25519, fromHex('02'.repeat(32))))]);
    let err: unknown;
    try {
      openNote(plain, [newVerifier(witnessVkey)]);
    } catch (e) {
      err = e;
    }
    expect(isLedgerError(err, 'UNTRUSTED')).toBe(true);
    expect(parseNote(plain).signatures[0]!.keyId).not.toBe(parseSignerKey(witnessSkey).keyId);
  });

  it('needs a clock to cosign and refuses a negative time', () => {
    expect(() => newSigner(witnessSkey)).toThrow(/clock/);
    expect(() => newSigner(witnessSkey, () => -1).sign(text)).toThrow(/timestamp/);
  });
});
