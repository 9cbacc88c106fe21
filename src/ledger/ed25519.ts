/**
 * Ed25519 (RFC 8032) over raw 32-byte keys, through node:crypto. Keys are passed in; nothing
 * here generates one (key generation needs randomness and lives at the edge, src/witness/keys.ts).
 */
import { createPrivateKey, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';
import { concatBytes } from './encoding.js';
import { LedgerError } from './errors.js';

// DER prefixes that wrap a raw Ed25519 seed (PKCS #8) or public key (SPKI), RFC 8410 §7 and §4.
const PKCS8_PREFIX = new Uint8Array([0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20]);
const SPKI_PREFIX = new Uint8Array([0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00]);

export const ED25519_KEY_SIZE = 32;
export const ED25519_SIGNATURE_SIZE = 64;

function privateKey(seed: Uint8Array): KeyObject {
  if (seed.length !== ED25519_KEY_SIZE) throw new LedgerError('INVALID_INPUT', `Ed25519 seed must be 32 bytes, got ${seed.length}`);
  return createPrivateKey({ key: asBuffer(concatBytes(PKCS8_PREFIX, seed)), format: 'der', type: 'pkcs8' });
}

function publicKey(raw: Uint8Array): KeyObject {
  if (raw.length !== ED25519_KEY_SIZE) throw new LedgerError('INVALID_INPUT', `Ed25519 public key must be 32 bytes, got ${raw.length}`);
  try {
    return createPublicKey({ key: asBuffer(concatBytes(SPKI_PREFIX, raw)), format: 'der', type: 'spki' });
  } catch (e) {
    throw new LedgerError('INVALID_INPUT', `not an Ed25519 public key: ${(e as Error).message}`);
  }
}

/** The raw 32-byte public key of a 32-byte seed (RFC 8032 §5.1.5). */
export function ed25519PublicKey(seed: Uint8Array): Uint8Array {
  const der = createPublicKey(privateKey(seed)).export({ format: 'der', type: 'spki' });
  return new Uint8Array(der.subarray(der.length - ED25519_KEY_SIZE));
}

export function ed25519Sign(seed: Uint8Array, message: Uint8Array): Uint8Array {
  return new Uint8Array(sign(null, message, privateKey(seed)));
}

/** False (not an exception) for a signature that does not verify or has the wrong length. */
export function ed25519Verify(publicKeyBytes: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  if (signature.length !== ED25519_SIGNATURE_SIZE) return false;
  return verify(null, message, publicKey(publicKeyBytes), signature);
}

// node:crypto's typings ask for a Buffer where the runtime takes any ArrayBufferView.
function asBuffer(bytes: Uint8Array): Parameters<typeof createPrivateKey>[0] extends { key: infer K } ? Extract<K, Uint8Array> : never {
  return bytes as never;
}
