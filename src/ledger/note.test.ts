/**
 * Signed notes against other implementations' vectors (fixtures/note-vectors.json) and named
 * breaks of a valid note.
 */
import { describe, expect, it } from 'vitest';
import v from './fixtures/note-vectors.json' with { type: 'json' };
import { parseCheckpoint } from './checkpoint.js';
import { newSigner, newVerifier } from './cosignature.js';
import { fromHex, toBase64, toHex } from './encoding.js';
import { isLedgerError } from './errors.js';
import { addSignatures, formatNote, MAX_NOTE_SIGNATURES, openNote, parseNote, signNote } from './note.js';
import { computeKeyId, formatSignerKey, formatVerifierKey, parseSignerKey, parseVerifierKey, SIG_TYPE_COSIGNATURE_V1, SIG_TYPE_ED25519 } from './note-keys.js';

function code(call: () => unknown): string {
  try {
    call();
    return 'PASSED';
  } catch (e) {
    if (isLedgerError(e)) return e.code;
    throw e;
  }
}

describe('interoperability vectors', () => {
  it('reproduces the golang.org/x/mod/sumdb/note example byte for byte (Ed25519 is deterministic)', () => {
    expect(signNote(v.go.text, [newSigner(v.go.skey)])).toBe(v.go.note);
  });

  it('opens the Go note with its vkey', () => {
    const opened = openNote(v.go.note, [newVerifier(v.go.vkey)]);
    expect(opened.text).toBe(v.go.text);
    expect(opened.verified.map((s) => s.name)).toEqual(['PeterNeumann']);
  });

  it('derives the vkey from the skey (key ID = SHA-256(name || 0x0A || 0x01 || key)[:4])', () => {
    const key = parseSignerKey(v.go.skey);
    expect(formatVerifierKey(key)).toBe(v.go.vkey);
    expect(key.keyId).toBe(0xc74f20a3);
    expect(formatSignerKey(key.name, key.type, key.seed)).toBe(v.go.skey);
  });

  it('parses the C2SP signed-note example key and verifies its note', () => {
    const key = parseVerifierKey(v.c2spExample.vkey);
    expect(key.name).toBe('example.com/foo');
    expect(key.type).toBe(SIG_TYPE_ED25519);
    expect(key.keyId).toBe(0x530d903a);
    expect(toHex(key.publicKey)).toBe(v.c2spExample.publicKeyHex);
    expect(openNote(v.c2spExample.note, [newVerifier(key)]).text).toBe('This is an example message.\n');
  });

  it('verifies a real checkpoint: the log signature and a public witness cosignature/v1', () => {
    const { realCheckpoint: rc } = v;
    const opened = openNote(rc.note, [newVerifier(rc.logVkey), newVerifier(rc.witnessVkey)]);
    expect(opened.verified.map((s) => s.name)).toEqual(['arche2025h1.staging.ct.transparency.dev', 'remora.n621.de']);
    expect(opened.verified[1]!.timestamp).toBeGreaterThan(1_700_000_000);
    // Same name, different key ID (an RFC 6962 signature, type 0x05): ignored, not failed.
    expect(opened.unknown.map((s) => s.name)).toContain('arche2025h1.staging.ct.transparency.dev');
    const cp = parseCheckpoint(opened.text);
    expect(cp.size).toBe(rc.size);
    expect(toBase64(cp.root)).toBe(rc.rootBase64);
    expect(parseVerifierKey(rc.witnessVkey).type).toBe(SIG_TYPE_COSIGNATURE_V1);
  });

  it('rejects the real checkpoint with its size changed', () => {
    const { realCheckpoint: rc } = v;
    const changed = rc.note.replace(`\n${rc.size}\n`, '\n42\n');
    expect(code(() => openNote(changed, [newVerifier(rc.witnessVkey)]))).toBe('BAD_SIGNATURE');
    expect(code(() => openNote(changed, [newVerifier(rc.logVkey)]))).toBe('BAD_SIGNATURE');
  });
});

describe('named breaks of the Go note', () => {
  it.each(v.noteBreaks)('$name -> $code', (b) => {
    const broken = v.go.note.replace(b.find, b.replace);
    expect(broken).not.toBe(v.go.note);
    expect(code(() => openNote(broken, [newVerifier(v.go.vkey)]))).toBe(b.code);
  });

  it('refuses a note no trusted key signed', () => {
    expect(code(() => openNote(v.go.note, [newVerifier(v.go.otherVkey)]))).toBe('UNTRUSTED');
  });
});

describe('format rules', () => {
  const seed = fromHex('11'.repeat(32));
  const signer = newSigner(formatSignerKey('truceline.example/log', SIG_TYPE_ED25519, seed));

  it('separates text from signatures at the last blank line, so text may contain blank lines', () => {
    const text = 'a\n\nb\n\n';
    const note = signNote(text, [signer]);
    expect(parseNote(note).text).toBe(text);
    const vkey = formatVerifierKey(parseSignerKey(formatSignerKey(signer.name, SIG_TYPE_ED25519, seed)));
    expect(openNote(note, [newVerifier(vkey)]).text).toBe(text);
  });

  it('keeps other signatures when cosignatures are added', () => {
    const note = signNote('x\n', [signer]);
    const more = addSignatures(note, [{ name: 'w.example', keyId: 1, signature: new Uint8Array(72) }]);
    expect(parseNote(more).signatures.map((s) => s.name)).toEqual(['truceline.example/log', 'w.example']);
  });

  it.each([
    ['text without final newline', () => signNote('x', [signer]), 'INVALID_INPUT'],
    ['a control character', () => signNote('a\tb\n', [signer]), 'MALFORMED'],
    ['no signatures', () => formatNote({ text: 'x\n', signatures: [] }), 'INVALID_INPUT'],
  ])('refuses to sign %s', (_name, call, want) => {
    expect(code(call)).toBe(want);
  });

  it('accepts 16 signatures and refuses more than the limit', () => {
    const sigs = Array.from({ length: 16 }, (_, i) => ({ name: `w${i}`, keyId: i, signature: new Uint8Array(64) }));
    expect(parseNote(formatNote({ text: 'x\n', signatures: sigs })).signatures).toHaveLength(16);
    const many = Array.from({ length: MAX_NOTE_SIGNATURES + 1 }, (_, i) => ({ name: `w${i}`, keyId: i, signature: new Uint8Array(64) }));
    expect(code(() => parseNote(formatNote({ text: 'x\n', signatures: many })))).toBe('MALFORMED');
  });

  it.each([
    ['empty name', '+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'],
    ['wrong key id', 'PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'],
    ['short key id', 'PeterNeumann+c74f20a+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'],
    ['unknown type 0x02', 'PeterNeumann+c74f20a3+Ahpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'],
    ['truncated key', 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy'],
    ['space in name', 'Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'],
  ])('refuses a vkey with %s', (_name, vkey) => {
    expect(code(() => parseVerifierKey(vkey))).toBe('MALFORMED');
  });

  it('gives cosigner keys type 0x04 in their key ID', () => {
    const key = parseSignerKey(formatSignerKey('w.example', SIG_TYPE_COSIGNATURE_V1, seed));
    expect(key.keyId).toBe(computeKeyId('w.example', SIG_TYPE_COSIGNATURE_V1, key.publicKey));
    expect(key.keyId).not.toBe(computeKeyId('w.example', SIG_TYPE_ED25519, key.publicKey));
  });
});
