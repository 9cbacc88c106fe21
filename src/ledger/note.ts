/**
 * C2SP signed notes (c2sp.org/signed-note, "Format" and "Signatures"):
 *
 *   <text, ending in a newline>
 *   <blank line>
 *   — <key name> <base64(4-byte key ID || signature)>
 *   ...
 *
 * The em dash is U+2014. The text is separated from the signatures by the note's last blank
 * line; notes are valid UTF-8 with no control characters except newline. Verification follows
 * the spec's rules: signatures from unknown keys (name and ID not both matching) are ignored; a
 * known key whose signature fails rejects the whole note (BAD_SIGNATURE); a note with no verified
 * signature from a known key is rejected (UNTRUSTED).
 */
import { concatBytes, fromBase64, toBase64 } from './encoding.js';
import { LedgerError } from './errors.js';
import { checkKeyName } from './note-keys.js';

/** Verifiers must accept at least 16 signatures; beyond this many a note is refused as abuse. */
export const MAX_NOTE_SIGNATURES = 100;

export interface NoteSignature {
  readonly name: string;
  readonly keyId: number;
  /** The signature bytes after the 4-byte key ID. */
  readonly signature: Uint8Array;
}

export interface Note {
  /** The signed text, ending in "\n", without the separating blank line. */
  readonly text: string;
  readonly signatures: readonly NoteSignature[];
}

export interface NoteSigner {
  readonly name: string;
  readonly keyId: number;
  /** Signs the note text; the returned bytes follow the key ID in the signature line. */
  sign(text: string): Uint8Array;
}

export interface NoteVerifier {
  readonly name: string;
  readonly keyId: number;
  /** Null when the signature does not verify; otherwise what it attests (a cosignature's time). */
  verify(text: string, signature: Uint8Array): { readonly timestamp?: number } | null;
}

export interface VerifiedSignature extends NoteSignature {
  /** POSIX seconds, for cosignature/v1 signatures. */
  readonly timestamp?: number;
}

export interface OpenedNote {
  readonly text: string;
  /** Signatures from known keys that verified, one per key. */
  readonly verified: readonly VerifiedSignature[];
  /** Signatures from keys the caller does not know (ignored, as the spec requires). */
  readonly unknown: readonly NoteSignature[];
}

const EM_DASH = '\u2014';

function checkText(text: string, what: string): void {
  if (/[\u0000-\u0009\u000b-\u001f]/.test(text)) throw new LedgerError('MALFORMED', `${what}: control character other than newline`);
  if (/[\ud800-\udfff]/u.test(text)) throw new LedgerError('MALFORMED', `${what}: not valid UTF-8 (lone surrogate)`);
}

/** Splits a signed note into text and signature lines, checking the format but no signature. */
export function parseNote(note: string): Note {
  checkText(note, 'signed note');
  const split = note.lastIndexOf('\n\n');
  if (split < 0) throw new LedgerError('MALFORMED', 'signed note: no blank line before the signatures');
  const text = note.slice(0, split + 1);
  const block = note.slice(split + 2);
  if (!block.endsWith('\n')) throw new LedgerError('MALFORMED', 'signed note: signature block must end in a newline');
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_NOTE_SIGNATURES) throw new LedgerError('MALFORMED', `signed note: more than ${MAX_NOTE_SIGNATURES} signatures`);
  const signatures = lines.map((line, i) => parseSignatureLine(line, i));
  return { text, signatures };
}

/** Parses one `— name base64` line (without its newline). */
export function parseSignatureLine(line: string, position = 0): NoteSignature {
  const what = `signature line ${position + 1}`;
  if (!line.startsWith(`${EM_DASH} `)) throw new LedgerError('MALFORMED', `${what}: must start with "${EM_DASH} " (U+2014, space)`);
  const fields = line.slice(2).split(' ');
  if (fields.length !== 2) throw new LedgerError('MALFORMED', `${what}: expected "${EM_DASH} <key name> <base64>"`);
  const [name, b64] = fields as [string, string];
  checkKeyName(name, `${what} key name`);
  const bytes = fromBase64(b64, `${what} signature`);
  if (bytes.length < 5) throw new LedgerError('MALFORMED', `${what}: signature shorter than key ID plus one byte`);
  const keyId = ((bytes[0]! << 24) >>> 0) + (bytes[1]! << 16) + (bytes[2]! << 8) + bytes[3]!;
  return { name, keyId, signature: bytes.slice(4) };
}

export function formatSignatureLine(sig: NoteSignature): string {
  const id = new Uint8Array([sig.keyId >>> 24, (sig.keyId >>> 16) & 255, (sig.keyId >>> 8) & 255, sig.keyId & 255]);
  return `${EM_DASH} ${sig.name} ${toBase64(concatBytes(id, sig.signature))}\n`;
}

export function formatNote(note: Note): string {
  if (note.signatures.length === 0) throw new LedgerError('INVALID_INPUT', 'a signed note needs at least one signature');
  checkNoteText(note.text);
  return `${note.text}\n${note.signatures.map(formatSignatureLine).join('')}`;
}

function checkNoteText(text: string): void {
  if (!text.endsWith('\n')) throw new LedgerError('INVALID_INPUT', 'note text must end in a newline');
  checkText(text, 'note text');
}

/** Signs `text` with each signer and returns the whole signed note. */
export function signNote(text: string, signers: readonly NoteSigner[]): string {
  checkNoteText(text);
  return formatNote({ text, signatures: signers.map((s) => ({ name: s.name, keyId: s.keyId, signature: s.sign(text) })) });
}

/** Adds signatures (e.g. witness cosignatures) to an already signed note, keeping the others. */
export function addSignatures(note: string, extra: readonly NoteSignature[]): string {
  const parsed = parseNote(note);
  return formatNote({ text: parsed.text, signatures: [...parsed.signatures, ...extra] });
}

/**
 * Verifies `note` against trusted verifiers (signed-note "Signatures"). Returns the text and the
 * verified signatures; throws BAD_SIGNATURE when a known key's signature fails and UNTRUSTED when
 * no known key signed. Two signatures by one key count once (the first that verifies).
 */
export function openNote(note: string, verifiers: readonly NoteVerifier[]): OpenedNote {
  const { text, signatures } = parseNote(note);
  const verified: VerifiedSignature[] = [];
  const unknown: NoteSignature[] = [];
  const seen = new Set<string>();
  for (const sig of signatures) {
    const verifier = verifiers.find((v) => v.name === sig.name && v.keyId === sig.keyId);
    if (!verifier) {
      unknown.push(sig);
      continue;
    }
    const outcome = verifier.verify(text, sig.signature);
    if (!outcome) throw new LedgerError('BAD_SIGNATURE', `signature by ${sig.name} (key ${sig.keyId.toString(16).padStart(8, '0')}) does not verify`);
    const key = `${sig.name}+${sig.keyId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    verified.push(outcome.timestamp === undefined ? sig : { ...sig, timestamp: outcome.timestamp });
  }
  if (verified.length === 0) {
    const names = signatures.map((s) => s.name).join(', ');
    throw new LedgerError('UNTRUSTED', `no signature from a trusted key (signed by: ${names})`);
  }
  return { text, verified, unknown };
}
