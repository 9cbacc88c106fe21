/**
 * The Truceline ledger: an RFC 9162 Merkle log stored as C2SP tlog-tiles, with C2SP checkpoints,
 * signed notes and witness cosignatures. Pure: no I/O, no clock, no randomness; depends on
 * node:crypto only, so a party can run the verifier on its own machine.
 */
export * from './errors.js';
export * from './encoding.js';
export * from './hasher.js';
export * from './tree-math.js';
export * from './proof.js';
export * from './verify-proof.js';
export * from './tiles.js';
export * from './tile-builder.js';
export * from './tile-reader.js';
export * from './memory-tree.js';
export * from './right-edge.js';
export * from './entry-bundle.js';
export * from './ed25519.js';
export * from './note-keys.js';
export * from './note.js';
export * from './cosignature.js';
export * from './checkpoint.js';
export * from './verify-checkpoint.js';
export * from './verify-log.js';
export * from './commitment.js';
export { referenceConsistencyProof, referenceInclusionProof, referenceRoot } from './reference-tree.js';
