/**
 * C2SP tlog-checkpoint note text (c2sp.org/tlog-checkpoint, "Note text"):
 *
 *   <origin>\n<tree size, decimal, no leading zeroes>\n<base64 root hash>\n[<extension line>\n ...]
 *
 * The checkpoint is the *text* of a signed note; sign it with `signNote` and verify it with
 * `openNote` or `verifyCheckpoint` (verify-checkpoint.ts).
 */
import { fromBase64, toBase64 } from './encoding.js';
import { LedgerError } from './errors.js';
import { checkHash } from './hasher.js';
import { checkCount } from './tree-math.js';

export interface Checkpoint {
  readonly origin: string;
  readonly size: number;
  /** RFC 9162 root hash at `size`, 32 bytes. */
  readonly root: Uint8Array;
  /** Opaque, non-empty lines after the root; NOT RECOMMENDED by the spec, kept if present. */
  readonly extensions: readonly string[];
}

export function formatCheckpoint(cp: { origin: string; size: number; root: Uint8Array; extensions?: readonly string[] }): string {
  if (cp.origin.length === 0 || /[\n\s+]/u.test(cp.origin)) {
    throw new LedgerError('INVALID_INPUT', `checkpoint origin ${JSON.stringify(cp.origin)} must be non-empty, without spaces or '+'`);
  }
  checkCount(cp.size, 'checkpoint size');
  checkHash(cp.root, 'checkpoint root');
  const extensions = cp.extensions ?? [];
  for (const line of extensions) {
    if (line.length === 0 || line.includes('\n')) throw new LedgerError('INVALID_INPUT', 'checkpoint extension lines must be non-empty single lines');
  }
  return [cp.origin, String(cp.size), toBase64(cp.root), ...extensions].map((l) => `${l}\n`).join('');
}

/** Parses checkpoint note text (the signed note's text, ending in a newline). */
export function parseCheckpoint(text: string): Checkpoint {
  const bad = (why: string) => new LedgerError('MALFORMED', `checkpoint: ${why}`);
  if (!text.endsWith('\n')) throw bad('text must end in a newline');
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3) throw bad(`needs at least 3 lines (origin, size, root), got ${lines.length}`);
  const [origin, sizeText, rootText, ...extensions] = lines as [string, string, string, ...string[]];
  if (origin.length === 0) throw bad('origin line is empty');
  if (!/^(?:0|[1-9][0-9]*)$/.test(sizeText)) throw bad(`size ${JSON.stringify(sizeText)} is not a decimal without leading zeroes`);
  const size = Number(sizeText);
  if (!Number.isSafeInteger(size)) throw bad(`size ${sizeText} exceeds 2^53 - 1`);
  const root = fromBase64(rootText, 'checkpoint root');
  if (root.length !== 32) throw bad(`root hash is ${root.length} bytes, expected 32`);
  if (extensions.some((l) => l.length === 0)) throw bad('extension lines must be non-empty');
  return { origin, size, root, extensions };
}
