/**
 * Commitments for confidential events (DESIGN.md, "The ledger"): the public leaf carries
 * commitment = SHA-256(salt || content) with a fresh random 32-byte salt, so the log shows that
 * something was recorded and the mission can later prove what, by revealing content and salt.
 * The salt's fixed length makes the concatenation unambiguous; its randomness hides content that
 * could otherwise be guessed and checked (a short, predictable event). The salt is made by the
 * caller (this module reads no randomness).
 *
 * Recommended leaf layout (RFC 8785 canonical JSON, UTF-8, at most 65,535 bytes so it fits a
 * tlog-tiles entry bundle):
 *   public:       {"v":1,"type":"<noun.verb>","at":"<ISO 8601 UTC>","actor":"...","data":{...}}
 *   confidential: {"v":1,"type":"sealed","at":"<ISO 8601 UTC>","commitment":"<64 lower-case hex>"}
 * where content = the canonical JSON of the full public-form event it stands for.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { fromHex, toHex } from './encoding.js';
import { LedgerError } from './errors.js';

export const SALT_SIZE = 32;

/** Commits to `content` under `salt` (exactly 32 bytes); the commitment is lower-case hex. */
export function confidentialCommitment(content: Uint8Array, salt: Uint8Array): { commitment: string } {
  if (salt.length !== SALT_SIZE) throw new LedgerError('INVALID_INPUT', `salt must be ${SALT_SIZE} bytes, got ${salt.length}`);
  return { commitment: toHex(createHash('sha256').update(salt).update(content).digest()) };
}

/** True when (content, salt) opens `commitment`; false for any mismatch or malformed input. */
export function verifyReveal(content: Uint8Array, salt: Uint8Array, commitment: string): boolean {
  if (salt.length !== SALT_SIZE || !/^[0-9a-f]{64}$/.test(commitment)) return false;
  const expected = fromHex(confidentialCommitment(content, salt).commitment);
  return timingSafeEqual(expected, fromHex(commitment));
}
