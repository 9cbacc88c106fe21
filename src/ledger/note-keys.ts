/**
 * Signed-note key identities and their text forms (c2sp.org/signed-note, "Signatures"; the
 * verifier/signer key strings of golang.org/x/mod/sumdb/note, which C2SP calls vkeys).
 *
 *   key ID = SHA-256(key name || 0x0A || signature type || public key)[:4]
 *   vkey   = <name>+<8 hex key ID>+<base64(type || public key)>
 *   skey   = PRIVATE+KEY+<name>+<8 hex key ID>+<base64(type || 32-byte Ed25519 seed)>
 *
 * Types supported: 0x01 Ed25519 note signatures (signed-note "Ed25519 signatures") and 0x04
 * timestamped Ed25519 witness cosignatures (c2sp.org/tlog-cosignature, cosignature/v1).
 */
import { createHash } from 'node:crypto';
import { ED25519_KEY_SIZE, ed25519PublicKey } from './ed25519.js';
import { concatBytes, fromBase64, toBase64, utf8 } from './encoding.js';
import { LedgerError } from './errors.js';

export const SIG_TYPE_ED25519 = 0x01;
export const SIG_TYPE_COSIGNATURE_V1 = 0x04;
export type SignatureType = typeof SIG_TYPE_ED25519 | typeof SIG_TYPE_COSIGNATURE_V1;

export interface VerifierKey {
  readonly name: string;
  /** uint32, big-endian first four bytes of the hash above. */
  readonly keyId: number;
  readonly type: SignatureType;
  readonly publicKey: Uint8Array;
}

export interface SignerKey extends VerifierKey {
  readonly seed: Uint8Array;
}

/** signed-note: key names are non-empty and contain no Unicode spaces and no '+'. */
export function checkKeyName(name: string, what = 'key name'): void {
  if (name.length === 0 || /[\s+]/u.test(name) || /\p{Cc}/u.test(name)) {
    throw new LedgerError('MALFORMED', `${what} ${JSON.stringify(name)} must be non-empty, without spaces, '+' or control characters`);
  }
}

export function computeKeyId(name: string, type: SignatureType, publicKey: Uint8Array): number {
  const digest = createHash('sha256').update(concatBytes(utf8(name), new Uint8Array([0x0a, type]), publicKey)).digest();
  return digest.readUInt32BE(0);
}

export function keyIdHex(keyId: number): string {
  return keyId.toString(16).padStart(8, '0');
}

function checkType(type: number, what: string): SignatureType {
  if (type !== SIG_TYPE_ED25519 && type !== SIG_TYPE_COSIGNATURE_V1) {
    throw new LedgerError('MALFORMED', `${what}: unsupported signature type 0x${type.toString(16).padStart(2, '0')} (supported: 0x01 Ed25519, 0x04 cosignature/v1)`);
  }
  return type;
}

function splitKey(text: string, parts: number, what: string): string[] {
  // The base64 part may itself contain '+', so split off only the leading fields.
  const out: string[] = [];
  let rest = text;
  for (let i = 0; i < parts - 1; i++) {
    const at = rest.indexOf('+');
    if (at < 0) throw new LedgerError('MALFORMED', `${what}: expected ${parts} '+'-separated fields`);
    out.push(rest.slice(0, at));
    rest = rest.slice(at + 1);
  }
  out.push(rest);
  return out;
}

function parseKeyMaterial(name: string, idHex: string, b64: string, what: string): { keyId: number; type: SignatureType; material: Uint8Array } {
  checkKeyName(name, `${what} name`);
  if (!/^[0-9a-fA-F]{8}$/.test(idHex)) throw new LedgerError('MALFORMED', `${what}: key ID must be 8 hex digits, got ${JSON.stringify(idHex)}`);
  const bytes = fromBase64(b64, `${what} key material`);
  const type = checkType(bytes[0] ?? -1, what);
  const material = bytes.slice(1);
  if (material.length !== ED25519_KEY_SIZE) throw new LedgerError('MALFORMED', `${what}: Ed25519 key must be 32 bytes, got ${material.length}`);
  return { keyId: parseInt(idHex, 16), type, material };
}

/** Parses `name+hexid+base64(type||key)`, checking the key ID matches the name and key. */
export function parseVerifierKey(vkey: string): VerifierKey {
  const [name, idHex, b64] = splitKey(vkey.trim(), 3, 'verifier key');
  const { keyId, type, material } = parseKeyMaterial(name!, idHex!, b64!, 'verifier key');
  const expected = computeKeyId(name!, type, material);
  if (expected !== keyId) {
    throw new LedgerError('MALFORMED', `verifier key ${name}: key ID ${keyIdHex(keyId)} does not match the key (expected ${keyIdHex(expected)})`);
  }
  return { name: name!, keyId, type, publicKey: material };
}

export function formatVerifierKey(key: Pick<VerifierKey, 'name' | 'type' | 'publicKey'>): string {
  checkKeyName(key.name);
  const id = computeKeyId(key.name, key.type, key.publicKey);
  return `${key.name}+${keyIdHex(id)}+${toBase64(concatBytes(new Uint8Array([key.type]), key.publicKey))}`;
}

/** Parses `PRIVATE+KEY+name+hexid+base64(type||seed)`. */
export function parseSignerKey(skey: string): SignerKey {
  const [p, k, name, idHex, b64] = splitKey(skey.trim(), 5, 'signer key');
  if (p !== 'PRIVATE' || k !== 'KEY') throw new LedgerError('MALFORMED', 'signer key must start with PRIVATE+KEY+');
  const { keyId, type, material } = parseKeyMaterial(name!, idHex!, b64!, 'signer key');
  const publicKey = ed25519PublicKey(material);
  const expected = computeKeyId(name!, type, publicKey);
  if (expected !== keyId) {
    throw new LedgerError('MALFORMED', `signer key ${name}: key ID ${keyIdHex(keyId)} does not match the key (expected ${keyIdHex(expected)})`);
  }
  return { name: name!, keyId, type, publicKey, seed: material };
}

/** The skey string for a 32-byte Ed25519 seed. */
export function formatSignerKey(name: string, type: SignatureType, seed: Uint8Array): string {
  checkKeyName(name);
  const publicKey = ed25519PublicKey(seed);
  const id = computeKeyId(name, type, publicKey);
  return `PRIVATE+KEY+${name}+${keyIdHex(id)}+${toBase64(concatBytes(new Uint8Array([type]), seed))}`;
}

/** The vkey string that verifies signatures made with `skey`. */
export function verifierKeyOf(key: SignerKey): string {
  return formatVerifierKey(key);
}
