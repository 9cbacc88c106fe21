/**
 * C2SP signed notes, checkpoints and keys, checked with WebCrypto (SHA-256 and Ed25519):
 *
 *   signed note   <text ending in \n>\n— <key name> <base64(4-byte key ID || signature)>\n...
 *   checkpoint    <origin>\n<size>\n<base64 root>\n[extension lines]           (the note's text)
 *   vkey          <name>+<8 hex key ID>+<base64(type || 32-byte Ed25519 public key)>
 *   key ID        SHA-256(name || 0x0A || type || public key)[:4]
 *   type 0x01     Ed25519 over the note text (c2sp.org/signed-note)
 *   type 0x04     cosignature/v1 (c2sp.org/tlog-cosignature): u64 big-endian timestamp ||
 *                 Ed25519 over "cosignature/v1\ntime <timestamp>\n" + the checkpoint text
 *
 * The same formats src/ledger (note.ts, note-keys.ts, cosignature.ts, checkpoint.ts) writes.
 */
import { concat, FormatError, fromBase64, utf8 } from './bytes.js';
import { sha256 } from './merkle.js';

export const SIG_ED25519 = 0x01;
export const SIG_COSIGNATURE_V1 = 0x04;
const EM_DASH = '\u2014';

export interface NoteSignature {
  readonly name: string;
  readonly keyId: number;
  /** The bytes after the key ID. */
  readonly signature: Uint8Array;
}

export interface Note {
  /** The signed text, ending in "\n". */
  readonly text: string;
  readonly signatures: readonly NoteSignature[];
}

export interface Checkpoint {
  readonly origin: string;
  readonly size: number;
  readonly root: Uint8Array;
}

export interface VerifierKey {
  readonly name: string;
  readonly keyId: number;
  readonly type: typeof SIG_ED25519 | typeof SIG_COSIGNATURE_V1;
  readonly publicKey: Uint8Array;
}

function checkName(name: string, what: string): void {
  if (name.length === 0 || /[\s+]/u.test(name) || /\p{Cc}/u.test(name))
    throw new FormatError(`${what} ${JSON.stringify(name)} is not a key name`);
}

/** Splits a signed note into its text and signature lines (no signature is checked here). */
export function parseNote(note: string): Note {
  if (/[\u0000-\u0009\u000b-\u001f]/.test(note))
    throw new FormatError('the note holds a control character');
  const split = note.lastIndexOf('\n\n');
  if (split < 0) throw new FormatError('the note has no blank line before its signatures');
  const block = note.slice(split + 2);
  if (!block.endsWith('\n')) throw new FormatError('the signature block must end in a newline');
  const signatures = block
    .slice(0, -1)
    .split('\n')
    .map((line, i) => {
      const what = `signature line ${i + 1}`;
      if (!line.startsWith(`${EM_DASH} `))
        throw new FormatError(`${what} does not start with "${EM_DASH} "`);
      const fields = line.slice(2).split(' ');
      if (fields.length !== 2) throw new FormatError(`${what} is not "${EM_DASH} name base64"`);
      const [name, b64] = fields as [string, string];
      checkName(name, `${what}: key name`);
      const bytes = fromBase64(b64, what);
      if (bytes.length < 5) throw new FormatError(`${what} is too short`);
      const keyId = ((bytes[0]! << 24) >>> 0) + (bytes[1]! << 16) + (bytes[2]! << 8) + bytes[3]!;
      return { name, keyId, signature: bytes.slice(4) };
    });
  return { text: note.slice(0, split + 1), signatures };
}

export function parseCheckpoint(text: string): Checkpoint {
  if (!text.endsWith('\n')) throw new FormatError('checkpoint text must end in a newline');
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3) throw new FormatError('a checkpoint has an origin, a size and a root');
  const [origin, sizeText, rootText] = lines as [string, string, string];
  if (origin.length === 0) throw new FormatError('checkpoint origin is empty');
  if (!/^(?:0|[1-9][0-9]*)$/.test(sizeText) || !Number.isSafeInteger(Number(sizeText)))
    throw new FormatError(`checkpoint size ${JSON.stringify(sizeText)} is not a decimal`);
  const root = fromBase64(rootText, 'checkpoint root');
  if (root.length !== 32) throw new FormatError('checkpoint root is not 32 bytes');
  if (lines.slice(3).some((l) => l.length === 0))
    throw new FormatError('checkpoint extension lines must not be empty');
  return { origin, size: Number(sizeText), root };
}

export async function keyId(
  name: string,
  type: VerifierKey['type'],
  publicKey: Uint8Array,
): Promise<number> {
  const d = await sha256(concat(utf8(name), new Uint8Array([0x0a, type]), publicKey));
  return ((d[0]! << 24) >>> 0) + (d[1]! << 16) + (d[2]! << 8) + d[3]!;
}

export function keyIdHex(id: number): string {
  return id.toString(16).padStart(8, '0');
}

/** Parses a vkey, checking its key ID against its name and key. */
export async function parseVerifierKey(vkey: string): Promise<VerifierKey> {
  const text = vkey.trim();
  const a = text.indexOf('+');
  const b = a < 0 ? -1 : text.indexOf('+', a + 1);
  if (b < 0) throw new FormatError('a verifier key is name+keyid+key');
  const name = text.slice(0, a);
  const idHex = text.slice(a + 1, b);
  checkName(name, 'verifier key name');
  if (!/^[0-9a-fA-F]{8}$/.test(idHex)) throw new FormatError('verifier key ID is not 8 hex digits');
  const bytes = fromBase64(text.slice(b + 1), 'verifier key');
  const type = bytes[0];
  if (type !== SIG_ED25519 && type !== SIG_COSIGNATURE_V1)
    throw new FormatError(
      `verifier key type ${String(type)} is not Ed25519 (1) or cosignature (4)`,
    );
  const publicKey = bytes.slice(1);
  if (publicKey.length !== 32) throw new FormatError('an Ed25519 key is 32 bytes');
  const id = parseInt(idHex, 16);
  if ((await keyId(name, type, publicKey)) !== id)
    throw new FormatError(`verifier key ${name}: its key ID does not match its key`);
  return { name, keyId: id, type, publicKey };
}

/** A verifier key made from a raw Ed25519 key and its name (the log's origin). */
export async function ed25519Key(name: string, publicKey: Uint8Array): Promise<VerifierKey> {
  checkName(name, 'key name');
  if (publicKey.length !== 32) throw new FormatError('an Ed25519 key is 32 bytes');
  return { name, keyId: await keyId(name, SIG_ED25519, publicKey), type: SIG_ED25519, publicKey };
}

/** Ed25519 (RFC 8032) through SubtleCrypto; false for a bad signature or a key it refuses. */
export async function ed25519Verify(
  publicKey: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
): Promise<boolean> {
  if (signature.length !== 64) return false;
  const subtle = globalThis.crypto.subtle;
  let key;
  try {
    key = await subtle.importKey('raw', new Uint8Array(publicKey), { name: 'Ed25519' }, false, [
      'verify',
    ]);
  } catch {
    return false;
  }
  return subtle.verify(
    { name: 'Ed25519' },
    key,
    new Uint8Array(signature),
    new Uint8Array(message),
  );
}

/**
 * Checks one signature line against a key of either type. Null when it does not verify; for a
 * cosignature, the POSIX seconds the witness signed at.
 */
export async function verifySignature(
  key: VerifierKey,
  text: string,
  sig: NoteSignature,
): Promise<{ timestamp?: number } | null> {
  if (key.type === SIG_ED25519)
    return (await ed25519Verify(key.publicKey, utf8(text), sig.signature)) ? {} : null;
  if (sig.signature.length !== 8 + 64) return null;
  let t = 0n;
  for (let i = 0; i < 8; i++) t = (t << 8n) | BigInt(sig.signature[i]!);
  if (t > BigInt(Number.MAX_SAFE_INTEGER)) return null;
  const timestamp = Number(t);
  const message = utf8(`cosignature/v1\ntime ${timestamp}\n${text}`);
  return (await ed25519Verify(key.publicKey, message, sig.signature.subarray(8)))
    ? { timestamp }
    : null;
}
