/**
 * Checking a signed checkpoint against a trust policy: the log's key(s) must sign it and at least
 * `minWitnesses` distinct trusted witnesses must cosign it (c2sp.org/tlog-cosignature: "Log
 * clients can verify a quorum of cosignatures to prevent split-view attacks"), and checking two
 * checkpoints of one log against each other.
 */
import { parseCheckpoint, type Checkpoint } from './checkpoint.js';
import { newVerifier } from './cosignature.js';
import { bytesEqual, toBase64 } from './encoding.js';
import { LedgerError } from './errors.js';
import { openNote, type VerifiedSignature } from './note.js';
import { parseVerifierKey, type VerifierKey } from './note-keys.js';
import { verifyConsistency } from './verify-proof.js';

export interface CheckpointPolicy {
  /** vkeys of the log; one valid signature by any of them is required. */
  readonly logKeys: readonly (string | VerifierKey)[];
  /** vkeys of trusted witnesses (cosignature/v1, type 0x04). */
  readonly witnessKeys?: readonly (string | VerifierKey)[];
  /** Distinct trusted witnesses that must have cosigned. Default 0. */
  readonly minWitnesses?: number;
  /** When set, the checkpoint's origin line must equal it. */
  readonly origin?: string;
}

export interface WitnessCosignature {
  readonly name: string;
  /** POSIX seconds the witness attests it saw this as the latest consistent checkpoint. */
  readonly timestamp: number | undefined;
}

export interface VerifiedCheckpoint {
  readonly checkpoint: Checkpoint;
  /** The note text that was signed. */
  readonly text: string;
  readonly logSignatures: readonly VerifiedSignature[];
  readonly witnesses: readonly WitnessCosignature[];
}

/**
 * Verifies a signed checkpoint note under `policy`. Throws BAD_SIGNATURE (a trusted key's
 * signature fails), UNTRUSTED (no log signature), POLICY_UNMET (too few witnesses; the message
 * names who did and did not cosign), MALFORMED (note or checkpoint text).
 */
export function verifyCheckpoint(note: string, policy: CheckpointPolicy): VerifiedCheckpoint {
  const logKeys = policy.logKeys.map(toKey);
  const witnessKeys = (policy.witnessKeys ?? []).map(toKey);
  if (logKeys.length === 0) throw new LedgerError('INVALID_INPUT', 'policy needs at least one log key');
  const minWitnesses = policy.minWitnesses ?? 0;
  if (!Number.isSafeInteger(minWitnesses) || minWitnesses < 0) throw new LedgerError('INVALID_INPUT', `minWitnesses must be >= 0, got ${minWitnesses}`);
  const isLog = (s: { name: string; keyId: number }) => logKeys.some((k) => k.name === s.name && k.keyId === s.keyId);
  const opened = openNote(note, [...logKeys, ...witnessKeys].map(newVerifier));
  const logSignatures = opened.verified.filter(isLog);
  if (logSignatures.length === 0) {
    throw new LedgerError('UNTRUSTED', `checkpoint is not signed by the log (trusted: ${logKeys.map((k) => k.name).join(', ')})`);
  }
  const checkpoint = parseCheckpoint(opened.text);
  if (policy.origin !== undefined && checkpoint.origin !== policy.origin) {
    throw new LedgerError('UNTRUSTED', `checkpoint origin ${JSON.stringify(checkpoint.origin)} is not the expected ${JSON.stringify(policy.origin)}`);
  }
  const witnesses: WitnessCosignature[] = [];
  for (const sig of opened.verified) {
    if (isLog(sig) || witnesses.some((w) => w.name === sig.name)) continue;
    witnesses.push({ name: sig.name, timestamp: sig.timestamp });
  }
  if (witnesses.length < minWitnesses) {
    const missing = witnessKeys.filter((k) => !witnesses.some((w) => w.name === k.name)).map((k) => k.name);
    throw new LedgerError(
      'POLICY_UNMET',
      `checkpoint has ${witnesses.length} of ${minWitnesses} required witness cosignatures` +
        ` (cosigned: ${witnesses.map((w) => w.name).join(', ') || 'none'}; missing: ${missing.join(', ') || 'none'})`,
    );
  }
  return { checkpoint, text: opened.text, logSignatures, witnesses };
}

function toKey(k: string | VerifierKey): VerifierKey {
  return typeof k === 'string' ? parseVerifierKey(k) : k;
}

/**
 * Checks that `later` extends `earlier` (same origin, not smaller, and the RFC 9162 §2.1.4
 * consistency proof holds). Throws INCONSISTENT, naming both sizes, or WRONG_PROOF_SIZE.
 */
export function verifyCheckpointConsistency(earlier: Checkpoint, later: Checkpoint, proof: readonly Uint8Array[]): void {
  if (earlier.origin !== later.origin) {
    throw new LedgerError('INCONSISTENT', `checkpoints of different logs: ${JSON.stringify(earlier.origin)} and ${JSON.stringify(later.origin)}`);
  }
  if (later.size < earlier.size) {
    throw new LedgerError('INCONSISTENT', `log shrank: checkpoint of size ${later.size} after one of size ${earlier.size}`);
  }
  if (later.size === earlier.size && !bytesEqual(later.root, earlier.root)) {
    throw new LedgerError('INCONSISTENT', `fork: two roots for size ${later.size}: ${toBase64(earlier.root)} and ${toBase64(later.root)}`);
  }
  verifyConsistency(earlier.size, later.size, proof, earlier.root, later.root);
}
