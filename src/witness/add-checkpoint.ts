/**
 * The decision of a tlog-witness add-checkpoint request (c2sp.org/tlog-witness), apart from HTTP
 * and storage so each rule is tested on its own. Checks, in the spec's order:
 *   body format -> 400; unknown origin -> 404; no valid log signature -> 403;
 *   old > size -> 400; old != size last cosigned -> 409 with that size (text/x.tlog.size);
 *   old == size with another root -> 409; consistency proof fails -> 422; else cosign -> 200.
 */
import {
  addSignatures,
  formatSignatureLine,
  fromBase64,
  isLedgerError,
  newVerifier,
  type NoteSigner,
  type NoteVerifier,
  openNote,
  parseCheckpoint,
  parseNote,
  toBase64,
  verifyConsistency,
  EMPTY_ROOT,
} from '../ledger/index.js';
import type { CosignedRecord } from './state.js';

/** tlog-witness: "The client MUST NOT send more than 63 consistency proof lines." */
export const MAX_PROOF_LINES = 63;

export interface AddCheckpointRequest {
  readonly oldSize: number;
  readonly proof: Uint8Array[];
  /** The checkpoint signed note. */
  readonly note: string;
}

export type AddCheckpointOutcome =
  | { readonly status: 200; readonly body: string; readonly origin: string; readonly record: CosignedRecord }
  | { readonly status: 400 | 403 | 404 | 409 | 422; readonly body: string; readonly contentType: string; readonly origin?: string; readonly evidence?: boolean };

/** Throws an Error whose message says what is wrong with the body. */
export function parseAddCheckpointBody(body: string): AddCheckpointRequest {
  const split = body.indexOf('\n\n');
  if (split < 0) throw new Error('body must be "old <size>", proof lines, a blank line, then the checkpoint');
  const head = body.slice(0, split).split('\n');
  const note = body.slice(split + 2);
  const m = /^old (0|[1-9][0-9]*)$/.exec(head[0] ?? '');
  if (!m) throw new Error('first line must be "old <size>" (decimal, no leading zeroes)');
  const oldSize = Number(m[1]);
  if (!Number.isSafeInteger(oldSize)) throw new Error('old size too large');
  const lines = head.slice(1);
  if (lines.length > MAX_PROOF_LINES) throw new Error(`more than ${MAX_PROOF_LINES} consistency proof lines`);
  const proof = lines.map((line, i) => {
    const h = fromBase64(line, `proof line ${i + 1}`);
    if (h.length !== 32) throw new Error(`proof line ${i + 1} is ${h.length} bytes, not 32`);
    return h;
  });
  return { oldSize, proof, note };
}

/** The request body a log sends (the inverse of parseAddCheckpointBody). */
export function formatAddCheckpointBody(req: AddCheckpointRequest): string {
  return `old ${req.oldSize}\n${req.proof.map((h) => `${toBase64(h)}\n`).join('')}\n${req.note}`;
}

export interface WitnessLog {
  readonly origin: string;
  /** The log's vkeys. */
  readonly keys: readonly string[];
}

const TEXT = 'text/plain; charset=utf-8';
const SIZE = 'text/x.tlog.size';

export function decideAddCheckpoint(
  body: string,
  ctx: { logs: ReadonlyMap<string, readonly NoteVerifier[]>; stored: (origin: string) => CosignedRecord | null; cosigner: NoteSigner; now: () => number },
): AddCheckpointOutcome {
  let req: AddCheckpointRequest;
  let text: string;
  try {
    req = parseAddCheckpointBody(body);
    text = parseNote(req.note).text;
  } catch (e) {
    return { status: 400, body: `${(e as Error).message}\n`, contentType: TEXT };
  }
  const origin = text.slice(0, text.indexOf('\n'));
  const verifiers = ctx.logs.get(origin);
  if (!verifiers) return { status: 404, body: `unknown log origin ${JSON.stringify(origin)}\n`, contentType: TEXT };
  try {
    openNote(req.note, verifiers);
  } catch (e) {
    if (!isLedgerError(e)) throw e;
    return { status: 403, body: `no valid signature by the log's key: ${e.message}\n`, contentType: TEXT, origin };
  }
  let checkpoint;
  try {
    checkpoint = parseCheckpoint(text);
  } catch (e) {
    return { status: 400, body: `${(e as Error).message}\n`, contentType: TEXT, origin };
  }
  if (req.oldSize > checkpoint.size) return { status: 400, body: `old size ${req.oldSize} exceeds checkpoint size ${checkpoint.size}\n`, contentType: TEXT, origin };
  const stored = ctx.stored(origin);
  const storedSize = stored?.size ?? 0;
  if (req.oldSize !== storedSize) return { status: 409, body: `${storedSize}\n`, contentType: SIZE, origin };
  const oldRoot = stored ? fromBase64(stored.root) : EMPTY_ROOT;
  if (req.oldSize === checkpoint.size && stored && toBase64(checkpoint.root) !== stored.root) {
    return { status: 409, body: `${storedSize}\n`, contentType: SIZE, origin, evidence: true };
  }
  try {
    verifyConsistency(req.oldSize, checkpoint.size, req.proof, oldRoot, checkpoint.root);
  } catch (e) {
    if (!isLedgerError(e)) throw e;
    return { status: 422, body: `consistency proof from ${req.oldSize} to ${checkpoint.size} does not verify: ${e.message}\n`, contentType: TEXT, origin, evidence: true };
  }
  const cosignature = { name: ctx.cosigner.name, keyId: ctx.cosigner.keyId, signature: ctx.cosigner.sign(text) };
  const record: CosignedRecord = { size: checkpoint.size, root: toBase64(checkpoint.root), checkpoint: addSignatures(req.note, [cosignature]), cosignedAt: ctx.now() };
  return { status: 200, body: formatSignatureLine(cosignature), origin, record };
}

/** Verifiers for each configured log, keyed by origin. */
export function logVerifiers(logs: readonly WitnessLog[]): Map<string, NoteVerifier[]> {
  const map = new Map<string, NoteVerifier[]>();
  for (const log of logs) {
    if (log.keys.length === 0) throw new Error(`log ${log.origin} has no keys`);
    map.set(log.origin, [...(map.get(log.origin) ?? []), ...log.keys.map((k) => newVerifier(k))]);
  }
  return map;
}
