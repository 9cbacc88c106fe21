import { createHash, randomBytes } from 'node:crypto';
import { canonicalJson } from '../../domain/canonical-json.js';

/**
 * One state change, as recorded in the ledger. The leaf of the Merkle log is the RFC 8785
 * canonical JSON of this object (UTF-8). Types are dotted nouns and past-tense verbs
 * (`observation.stored`), one per kind of change; `data` is what a rebuild needs to redo it.
 */
export interface LedgerEvent {
  readonly v: 1;
  readonly type: string;
  /** ISO 8601 UTC time the mission recorded the change. */
  readonly at: string;
  /** Who caused it: `user:<name>`, `device:<id>`, `system`, `import:<file>`. */
  readonly actor: string;
  readonly data: Readonly<Record<string, unknown>>;
}

/**
 * A confidential event's public leaf: it commits to the content with a random 32-byte salt, so
 * the public log shows that something was recorded and can later prove what, without revealing
 * it early. commitment = SHA-256(salt || canonical(content)), hex.
 */
export interface SealedLeaf {
  readonly v: 1;
  readonly type: 'sealed';
  readonly at: string;
  readonly commitment: string;
}

export { canonicalJson };

export function encodeLeaf(event: LedgerEvent | SealedLeaf): Uint8Array {
  return Buffer.from(canonicalJson(event), 'utf8');
}

export function commitmentOf(event: LedgerEvent, salt: Uint8Array): string {
  return createHash('sha256').update(salt).update(canonicalJson(event), 'utf8').digest('hex');
}

/** Seals a confidential event: the leaf to publish and the salt to keep beside the content. */
export function sealEvent(event: LedgerEvent, salt: Uint8Array = randomBytes(32)): { leaf: SealedLeaf; salt: Uint8Array } {
  return { leaf: { v: 1, type: 'sealed', at: event.at, commitment: commitmentOf(event, salt) }, salt };
}

export function isSealed(leaf: LedgerEvent | SealedLeaf): leaf is SealedLeaf {
  return leaf.type === 'sealed' && 'commitment' in leaf;
}

export function decodeLeaf(bytes: Uint8Array): LedgerEvent | SealedLeaf {
  return JSON.parse(Buffer.from(bytes).toString('utf8')) as LedgerEvent | SealedLeaf;
}

/** A sealed event's kept part: its position in the batch, its salt and its content. */
export interface KeptSeal {
  readonly offset: number;
  readonly salt: Uint8Array;
  readonly content: string;
}

/**
 * The leaves for a batch of events to record, sealing the confidential ones: what every store
 * adapter appends, and the salts and contents it keeps beside the log for the sealed ones.
 */
export function leavesFor(inputs: readonly { readonly event: LedgerEvent; readonly confidential?: boolean }[]): { leaves: Uint8Array[]; sealed: KeptSeal[] } {
  const leaves: Uint8Array[] = [];
  const sealed: KeptSeal[] = [];
  inputs.forEach((input, offset) => {
    if (input.confidential) {
      const { leaf, salt } = sealEvent(input.event);
      leaves.push(encodeLeaf(leaf));
      sealed.push({ offset, salt, content: JSON.stringify(input.event) });
    } else {
      leaves.push(encodeLeaf(input.event));
    }
  });
  return { leaves, sealed };
}
