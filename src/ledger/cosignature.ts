/**
 * Signers and verifiers for the two signature types the ledger uses:
 *  - 0x01, Ed25519 over the note text (c2sp.org/signed-note, "Ed25519 signatures");
 *  - 0x04, cosignature/v1 (c2sp.org/tlog-cosignature): the signature is
 *    `u64 big-endian timestamp || Ed25519 signature` over
 *    "cosignature/v1\ntime <timestamp>\n" followed by the whole checkpoint text.
 * A cosigner's clock is passed in; nothing here reads the time.
 */
import { ED25519_SIGNATURE_SIZE, ed25519Sign, ed25519Verify } from './ed25519.js';
import { concatBytes, utf8 } from './encoding.js';
import { LedgerError } from './errors.js';
import type { NoteSigner, NoteVerifier } from './note.js';
import { parseSignerKey, parseVerifierKey, SIG_TYPE_COSIGNATURE_V1, type SignerKey, type VerifierKey } from './note-keys.js';

/** The message a cosignature/v1 signs (tlog-cosignature, "Ed25519 signed message"). */
export function cosignatureMessage(checkpointText: string, timestamp: number): string {
  checkTimestamp(timestamp);
  return `cosignature/v1\ntime ${timestamp}\n${checkpointText}`;
}

function checkTimestamp(timestamp: number): void {
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) {
    throw new LedgerError('INVALID_INPUT', `cosignature timestamp must be POSIX seconds as a safe integer >= 0, got ${timestamp}`);
  }
}

function u64(n: number): Uint8Array {
  const out = new Uint8Array(8);
  let v = BigInt(n);
  for (let i = 7; i >= 0; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

/**
 * A NoteSigner from an skey string or parsed key. Type 0x04 keys make cosignatures and need
 * `clock`, returning POSIX seconds.
 */
export function newSigner(key: string | SignerKey, clock?: () => number): NoteSigner {
  const k = typeof key === 'string' ? parseSignerKey(key) : key;
  if (k.type === SIG_TYPE_COSIGNATURE_V1) {
    if (!clock) throw new LedgerError('INVALID_INPUT', `cosigner ${k.name} needs a clock for its timestamps`);
    return {
      name: k.name,
      keyId: k.keyId,
      sign: (text) => {
        const timestamp = clock();
        return concatBytes(u64(timestamp), ed25519Sign(k.seed, utf8(cosignatureMessage(text, timestamp))));
      },
    };
  }
  return { name: k.name, keyId: k.keyId, sign: (text) => ed25519Sign(k.seed, utf8(text)) };
}

/** A NoteVerifier from a vkey string or parsed key (types 0x01 and 0x04). */
export function newVerifier(key: string | VerifierKey): NoteVerifier {
  const k = typeof key === 'string' ? parseVerifierKey(key) : key;
  if (k.type === SIG_TYPE_COSIGNATURE_V1) {
    return {
      name: k.name,
      keyId: k.keyId,
      verify: (text, signature) => {
        if (signature.length !== 8 + ED25519_SIGNATURE_SIZE) return null;
        let t = 0n;
        for (let i = 0; i < 8; i++) t = (t << 8n) | BigInt(signature[i]!);
        if (t > BigInt(Number.MAX_SAFE_INTEGER)) return null;
        const timestamp = Number(t);
        const ok = ed25519Verify(k.publicKey, utf8(cosignatureMessage(text, timestamp)), signature.subarray(8));
        return ok ? { timestamp } : null;
      },
    };
  }
  return {
    name: k.name,
    keyId: k.keyId,
    verify: (text, signature) => (ed25519Verify(k.publicKey, utf8(text), signature) ? {} : null),
  };
}
