/**
 * Ed25519 key generation for signed notes, at the edge (src/ledger reads no randomness). A key is
 * kept as its skey string (`PRIVATE+KEY+<name>+<id>+<base64(type||seed)>`) in a file readable by
 * its owner only; the vkey is derived from it.
 */
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { formatSignerKey, formatVerifierKey, parseSignerKey, SIG_TYPE_COSIGNATURE_V1, SIG_TYPE_ED25519, type SignatureType } from '../ledger/index.js';

export interface NoteKeyPair {
  /** Signer key string: keep secret. */
  readonly skey: string;
  /** Verifier key string (`name+hexid+base64(type||pubkey)`): publish. */
  readonly vkey: string;
}

/**
 * A fresh Ed25519 key for `name`. Type 'log' (0x01) signs checkpoints; type 'cosigner' (0x04)
 * makes witness cosignatures (c2sp.org/tlog-cosignature).
 */
export function generateNoteKey(name: string, kind: 'log' | 'cosigner' = 'log'): NoteKeyPair {
  const type: SignatureType = kind === 'log' ? SIG_TYPE_ED25519 : SIG_TYPE_COSIGNATURE_V1;
  const { privateKey } = generateKeyPairSync('ed25519');
  const der = privateKey.export({ format: 'der', type: 'pkcs8' });
  const seed = new Uint8Array(der.subarray(der.length - 32));
  const skey = formatSignerKey(name, type, seed);
  return { skey, vkey: formatVerifierKey(parseSignerKey(skey)) };
}

/**
 * Reads the skey in `file`, or creates it (mode 0600) when the file does not exist. Refuses a
 * file holding a key of another kind or name, rather than signing as someone else.
 */
export function loadOrCreateNoteKey(file: string, name: string, kind: 'log' | 'cosigner'): NoteKeyPair {
  if (!existsSync(file)) {
    const pair = generateNoteKey(name, kind);
    writeFileSync(file, `${pair.skey}\n`, { mode: 0o600, flag: 'wx' });
    return pair;
  }
  const skey = readFileSync(file, 'utf8').trim();
  const key = parseSignerKey(skey);
  const type = kind === 'log' ? SIG_TYPE_ED25519 : SIG_TYPE_COSIGNATURE_V1;
  if (key.type !== type) throw new Error(`${file} holds a key of type 0x0${key.type}, expected 0x0${type} (${kind})`);
  if (key.name !== name) throw new Error(`${file} holds the key of ${JSON.stringify(key.name)}, not ${JSON.stringify(name)}`);
  return { skey, vkey: formatVerifierKey(key) };
}
