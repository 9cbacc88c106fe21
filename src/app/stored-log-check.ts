/**
 * Checks a store's log from its raw entries, as `truceline copy` and `truceline restore` do after
 * moving a mission: every entry hashes to the leaf hash its level-0 tile holds, the entries
 * rebuild the root the store reports, each sealed leaf's kept content matches its commitment, and
 * (optionally) the state tables equal a replay of the log. Entries are read in batches, so a
 * long log never sits in memory.
 */
import { commitmentOf, decodeLeaf, isSealed, type LedgerEvent } from './events/event.js';
import { appendToEdge, EMPTY_EDGE, edgeRoot, HASH_SIZE, leafHash, TILE_WIDTH, toBase64, type RightEdge } from '../ledger/index.js';
import type { LedgerTransfer } from '../store/ledger-transfer.js';
import type { Store } from '../store/port.js';

/** A store that can hand out its raw log (both adapters can). */
export type TransferableStore = Store & { ledgerTransfer(): LedgerTransfer };

export interface StoredLogCheck {
  readonly size: number;
  /** RFC 9162 root at `size`, base64 as in checkpoints. */
  readonly root: string;
  /** Ledger event types found, with the first index of each (sealed leaves by their kept event). */
  readonly eventTypes: ReadonlyMap<string, number>;
  readonly sealed: number;
  /** What does not hold, one line each; empty when the log verifies. */
  readonly problems: readonly string[];
}

const BATCH = TILE_WIDTH * 4;

/**
 * Reads entries 0 .. size-1 of `store` (default: its current size) and checks them against its
 * tiles and root. Stops at the first broken entry (the rest would only repeat it).
 */
export async function checkStoredLog(
  store: TransferableStore,
  opts: { size?: number; onProgress?: (done: number, total: number) => void } = {},
): Promise<StoredLogCheck> {
  const transfer = store.ledgerTransfer();
  const size = opts.size ?? (await store.ledger.size());
  const problems: string[] = [];
  const eventTypes = new Map<string, number>();
  let edge: RightEdge = EMPTY_EDGE;
  let sealed = 0;
  scan: for (let start = 0; start < size; start += BATCH) {
    const end = Math.min(size, start + BATCH);
    const entries = await transfer.exportEntries(start, end);
    const tiles = new Map<number, Uint8Array | null>();
    for (let t = Math.floor(start / TILE_WIDTH); t * TILE_WIDTH < end; t++) {
      tiles.set(t, await store.ledger.tile(0, t, Math.min(TILE_WIDTH, size - t * TILE_WIDTH)));
    }
    const hashes: Uint8Array[] = [];
    for (let i = start; i < end; i++) {
      const entry = entries[i - start];
      if (!entry || entry.index !== i) {
        problems.push(`ledger entry ${i}: missing (the log claims ${size} entries)`);
        break scan;
      }
      const hash = leafHash(entry.leaf);
      const tile = tiles.get(Math.floor(i / TILE_WIDTH));
      const k = i % TILE_WIDTH;
      if (!tile || tile.length < (k + 1) * HASH_SIZE || Buffer.compare(Buffer.from(hash), Buffer.from(tile.subarray(k * HASH_SIZE, (k + 1) * HASH_SIZE))) !== 0) {
        problems.push(`ledger entry ${i}: its content does not hash to the leaf hash the log's tiles hold for it`);
        break scan;
      }
      hashes.push(hash);
      const problem = noteEvent(entry.leaf, entry.sealed, i, eventTypes);
      if (problem) {
        problems.push(problem);
        break scan;
      }
      if (entry.sealed) sealed++;
    }
    edge = appendToEdge(edge, hashes);
    opts.onProgress?.(end, size);
  }
  const rebuilt = edgeRoot(edge);
  if (problems.length === 0) {
    const stored = await store.ledger.root(size);
    if (Buffer.compare(Buffer.from(stored), Buffer.from(rebuilt)) !== 0) {
      problems.push(`the entries rebuild root ${toBase64(rebuilt)} but the store reports ${toBase64(stored)} at size ${size}`);
    }
  }
  return { size, root: toBase64(rebuilt), eventTypes, sealed, problems };
}

/** Records the event type of one leaf (opening a sealed one); returns a problem line or null. */
function noteEvent(leafBytes: Uint8Array, kept: { salt: Uint8Array; content: string } | null, index: number, types: Map<string, number>): string | null {
  let leaf;
  try {
    leaf = decodeLeaf(leafBytes);
  } catch (err) {
    return `ledger entry ${index}: not a ledger event (${(err as Error).message})`;
  }
  let event: LedgerEvent = leaf as LedgerEvent;
  if (isSealed(leaf)) {
    if (!kept) return `sealed ledger entry ${index} has no kept content`;
    try {
      event = JSON.parse(kept.content) as LedgerEvent;
    } catch {
      return `sealed ledger entry ${index}: its kept content is not JSON`;
    }
    if (commitmentOf(event, kept.salt) !== leaf.commitment) return `sealed ledger entry ${index}: kept content does not match its commitment`;
  } else if (kept) {
    return `ledger entry ${index} is not sealed but has kept sealed content`;
  }
  if (!types.has(event.type)) types.set(event.type, index);
  return null;
}

/** Each state difference as one line (as `truceline verify --data` prints them). */
export async function auditProblems(store: Store, onProgress?: (done: number, total: number) => void): Promise<{ events: number; problems: string[] }> {
  const audit = await store.auditState(onProgress);
  return {
    events: audit.events,
    problems: audit.differences.map((d) => `${d.table} row ${d.key}: ${d.what}${d.ledgerIndex === null ? '' : ` (ledger index ${d.ledgerIndex})`}: ${d.detail}`),
  };
}
