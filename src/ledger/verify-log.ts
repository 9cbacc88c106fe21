/**
 * Auditing a whole log from its entries: rebuild the tree, compare it with the signed checkpoint,
 * with the tiles the log published and with checkpoints saved earlier, and name the first entry
 * that was altered. Pure: the caller fetches entries and tiles (src/cli/commands/verify.ts).
 */
import type { Checkpoint } from './checkpoint.js';
import { bytesEqual, toBase64, toHex } from './encoding.js';
import { isLedgerError, LedgerError } from './errors.js';
import { HASH_SIZE, leafHash } from './hasher.js';
import { MemoryTiledTree } from './memory-tree.js';
import { TILE_WIDTH, tilePath, tilesForSize } from './tiles.js';
import { verifyCheckpointConsistency } from './verify-checkpoint.js';
import { verifyInclusion } from './verify-proof.js';

export interface AuditFinding {
  readonly ok: boolean;
  /** One line saying what holds or what was altered. */
  readonly what: string;
}

export interface AuditReport {
  readonly ok: boolean;
  readonly findings: readonly AuditFinding[];
  /** Index of the first entry shown altered; null when none was, or it could not be located. */
  readonly firstBadIndex: number | null;
  /** The tree rebuilt from the entries, for proofs the caller wants next. */
  readonly tree: MemoryTiledTree;
}

export interface AuditInput {
  /** The latest checkpoint, already signature-checked (verifyCheckpoint). */
  readonly checkpoint: Checkpoint;
  /** Entries 0.. as the log serves them; the first checkpoint.size are audited. */
  readonly entries: readonly Uint8Array[];
  /** The log's published tile (level, index, width), or null when it does not serve it. */
  readonly publishedTile?: (level: number, index: number, width: number) => Uint8Array | null;
  /** Checkpoints kept from earlier, signature-checked; each must be reproduced and extended. */
  readonly saved?: readonly Checkpoint[];
}

/**
 * Audits a log. The first altered entry is located exactly when the published level-0 tiles
 * still hold the original leaf hashes (the usual case: entries edited in place); when tiles were
 * rewritten too, saved checkpoints bound it ("between a and b").
 */
export function auditLog(input: AuditInput): AuditReport {
  const { checkpoint } = input;
  const size = checkpoint.size;
  const findings: AuditFinding[] = [];
  let firstBad: number | null = null;
  const bad = (what: string, index: number | null) => {
    findings.push({ ok: false, what });
    if (index !== null && (firstBad === null || index < firstBad)) firstBad = index;
  };
  const good = (what: string) => findings.push({ ok: true, what });

  const available = Math.min(size, input.entries.length);
  if (input.entries.length < size) bad(`log serves ${input.entries.length} entries; checkpoint covers ${size}`, input.entries.length);
  const tree = new MemoryTiledTree();
  tree.appendLeaves(input.entries.slice(0, available));

  if (input.publishedTile) compareTiles(tree, size, available, input.publishedTile, good, bad);

  const root = tree.size === size ? tree.root(size) : null;
  const rootMatches = root !== null && bytesEqual(root, checkpoint.root);
  if (rootMatches) good(`entries 0..${size - 1} rebuild the checkpoint root ${toBase64(checkpoint.root)}`);
  else if (root) bad(`entries rebuild root ${toBase64(root)}, checkpoint says ${toBase64(checkpoint.root)}`, null);

  const saved = [...(input.saved ?? [])].sort((a, b) => a.size - b.size);
  let reproducedUpTo = 0;
  let firstUnreproduced: number | null = null;
  for (const s of saved) {
    try {
      const proof = s.size > 0 && s.size < size && s.size <= tree.size ? tree.consistencyProof(s.size, size) : [];
      verifyCheckpointConsistency(s, checkpoint, proof);
      good(`saved checkpoint of size ${s.size} is consistent with the latest (size ${size})`);
    } catch (e) {
      if (!isLedgerError(e)) throw e;
      bad(`saved checkpoint of size ${s.size}: ${e.message}`, null);
    }
    if (s.size <= tree.size) {
      if (bytesEqual(tree.root(s.size), s.root)) reproducedUpTo = Math.max(reproducedUpTo, s.size);
      else firstUnreproduced ??= s.size;
    }
  }
  if (!rootMatches && firstBad === null && root) {
    const upper = firstUnreproduced ?? size;
    bad(`the first altered entry lies in ${reproducedUpTo}..${upper - 1} (tiles were rewritten to match; saved checkpoints bound it)`, reproducedUpTo);
  }
  return { ok: findings.every((f) => f.ok), findings, firstBadIndex: firstBad, tree };
}

function compareTiles(
  tree: MemoryTiledTree,
  size: number,
  available: number,
  published: NonNullable<AuditInput['publishedTile']>,
  good: (what: string) => void,
  bad: (what: string, index: number | null) => void,
): void {
  let problems = 0;
  let leafProblems = 0;
  for (const id of tilesForSize(size)) {
    // Upper-level differences follow from altered leaves; report them only when leaves agree.
    if (id.level > 0 && leafProblems > 0) break;
    const span = TILE_WIDTH ** id.level;
    const start = id.index * TILE_WIDTH * span;
    if (start >= available) break;
    const served = published(id.level, id.index, id.width);
    const path = tilePath(id.level, id.index, id.width);
    if (!served || served.length !== id.width * HASH_SIZE) {
      bad(`${path}: not served (or wrong length)`, null);
      problems++;
      continue;
    }
    const ours = tree.tile(id.level, id.index, id.width);
    if (!ours) continue; // entries missing; reported already
    for (let i = 0; i < id.width; i++) {
      const a = ours.hashes.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE);
      const b = served.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE);
      if (bytesEqual(a, b)) continue;
      const first = start + i * span;
      if (id.level === 0) {
        bad(`entry ${first} was altered: it hashes to ${toHex(a)}, the published ${path} has ${toHex(b)}`, first);
        leafProblems++;
      } else bad(`${path} hash ${i} (entries ${first}..${first + span - 1}) differs from the entries`, first);
      problems++;
      break; // the first difference per tile is enough; later tiles still checked
    }
    if (problems >= 20) {
      bad('more tile differences not listed', null);
      return;
    }
  }
  if (problems === 0) good(`published tiles match the entries (${tilesForSize(size).length} tiles)`);
}

/**
 * Verifies that the entry with RFC 9162 leaf hash `entryHash` is leaf `index` of the tree the
 * checkpoint commits to. Throws ROOT_MISMATCH / WRONG_PROOF_SIZE / INVALID_INPUT.
 */
export function verifyEntryInclusion(entryHash: Uint8Array, index: number, proof: readonly Uint8Array[], checkpoint: Checkpoint): void {
  if (index >= checkpoint.size) throw new LedgerError('INVALID_INPUT', `entry index ${index} is beyond checkpoint size ${checkpoint.size}`);
  verifyInclusion(index, checkpoint.size, entryHash, proof, checkpoint.root);
}

/** Convenience for callers holding the entry's bytes rather than its hash. */
export function entryHash(entry: Uint8Array): Uint8Array {
  return leafHash(entry);
}
