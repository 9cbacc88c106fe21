/**
 * The ledger's own error type. `src/ledger` depends on nothing of ours (a party must be able to
 * run the verifier alone), so it does not share `TrucelineError`; the edge maps these codes to
 * HTTP statuses and exit codes (ROOT_MISMATCH, BAD_SIGNATURE and INCONSISTENT keep the names the
 * domain uses for the same conditions).
 */
export type LedgerErrorCode =
  /** An argument is out of range or malformed: a negative size, index >= size, a 31-byte hash. */
  | 'INVALID_INPUT'
  /** Text that should follow a format (signed note, checkpoint, vkey, tile path) does not. */
  | 'MALFORMED'
  /** A proof has the wrong number of hashes for its sizes (RFC 9162 §2.1.3.2, §2.1.4.2). */
  | 'WRONG_PROOF_SIZE'
  /** A proof or a recomputation yields a root other than the one expected. */
  | 'ROOT_MISMATCH'
  /** Two tree heads cannot both be honest views of one append-only log. */
  | 'INCONSISTENT'
  /** A signature from a trusted key does not verify. */
  | 'BAD_SIGNATURE'
  /** No signature from a trusted key is present (signed-note: the note MUST be rejected). */
  | 'UNTRUSTED'
  /** Fewer witness cosignatures than the policy requires. */
  | 'POLICY_UNMET'
  /** A hash reader could not supply a node or tile the computation needs. */
  | 'MISSING_HASH';

export class LedgerError extends Error {
  override readonly name = 'LedgerError';
  constructor(
    readonly code: LedgerErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function isLedgerError(e: unknown, code?: LedgerErrorCode): e is LedgerError {
  return e instanceof LedgerError && (code === undefined || e.code === code);
}
