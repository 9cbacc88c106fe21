/**
 * RFC 9162 §2.1.1 Merkle tree hashing with SHA-256: a leaf hashes as SHA-256(0x00 || data), an
 * interior node as SHA-256(0x01 || left || right), and the empty tree as SHA-256(""). The two
 * prefixes keep a leaf from ever being mistaken for a node (second-preimage resistance).
 */
import { createHash } from 'node:crypto';
import { LedgerError } from './errors.js';

/** SHA-256 output length in bytes; every hash in the tree has it. */
export const HASH_SIZE = 32;

const LEAF_PREFIX = new Uint8Array([0x00]);
const NODE_PREFIX = new Uint8Array([0x01]);

/** MTH({}) = SHA-256() (RFC 9162 §2.1.1). */
export const EMPTY_ROOT: Uint8Array = sha256(new Uint8Array(0));

export function sha256(data: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha256').update(data).digest());
}

/** MTH({d}) = SHA-256(0x00 || d) (RFC 9162 §2.1.1). */
export function leafHash(data: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha256').update(LEAF_PREFIX).update(data).digest());
}

/** SHA-256(0x01 || left || right) (RFC 9162 §2.1.1). Both children must be 32 bytes. */
export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest());
}

/** Throws INVALID_INPUT unless `hash` is a 32-byte value; `what` names it in the message. */
export function checkHash(hash: Uint8Array, what: string): void {
  if (!(hash instanceof Uint8Array) || hash.length !== HASH_SIZE) {
    throw new LedgerError('INVALID_INPUT', `${what} must be ${HASH_SIZE} bytes, got ${hash instanceof Uint8Array ? hash.length : typeof hash}`);
  }
}
