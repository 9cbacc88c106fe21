import { leafHash, parseTilePath, TILE_WIDTH } from '../ledger/index.js';
import { onDemandCheckpoint } from './checkpoints/index.js';
import type { LedgerView } from '../store/port.js';
import { missionVerifierKey, openMission } from './mission.js';

/** What `truceline verify --data DIR` reads: see LocalLog in src/cli/commands/verify.ts. */
export interface LocalMissionLog {
  read(path: string): Promise<Uint8Array | null>;
  readonly key: string;
  audit(): Promise<{ events: number; problems: string[] }>;
  close(): Promise<void>;
}

/**
 * Every stored entry, in order, against the leaf hash the log's level-0 tiles hold for it: the
 * first entry that is missing or whose hash differs is named, even when the damage is such that
 * the stored tree no longer yields a root to sign.
 */
export async function auditEntriesAgainstTiles(ledger: LedgerView): Promise<string[]> {
  const size = await ledger.size();
  for (let tile = 0; tile * TILE_WIDTH < size; tile++) {
    const width = Math.min(TILE_WIDTH, size - tile * TILE_WIDTH);
    let hashes: Uint8Array | null = null;
    try {
      hashes = await ledger.tile(0, tile, width);
    } catch {
      hashes = null;
    }
    for (let k = 0; k < width; k++) {
      const index = tile * TILE_WIDTH + k;
      const entry = await ledger.entry(index);
      if (!entry) return [`ledger entry ${index}: missing (the log has ${size} entries)`];
      if (!hashes || hashes.length < (k + 1) * 32) return [`ledger entry ${index}: the stored tiles hold no hash for it (they cover fewer entries than are stored)`];
      const expected = hashes.subarray(k * 32, (k + 1) * 32);
      if (Buffer.compare(Buffer.from(leafHash(entry)), Buffer.from(expected)) !== 0) {
        return [`ledger entry ${index}: its content does not hash to the leaf hash the log recorded for it`];
      }
    }
  }
  return [];
}

/**
 * Opens a mission's data directory for verification in place: the tlog-tiles paths are answered
 * from the store (the checkpoint signed now with the mission key), the stored entries are checked
 * against the stored tiles, and the state tables against a replay of the log.
 */
export async function openLocalLog(dataDir: string): Promise<LocalMissionLog> {
  const mission = await openMission(dataDir);
  const checkpoint = onDemandCheckpoint(mission);
  const ledger = mission.store.ledger;
  return {
    key: missionVerifierKey(mission),
    async read(path) {
      // Missing or unreadable parts answer null, as a web server's 404 would: the verifier then
      // reports what is missing, and the audit names where the damage is.
      try {
        if (path === 'checkpoint') return new TextEncoder().encode(await checkpoint());
        if (!path.startsWith('tile/')) return null;
        const t = parseTilePath(path.slice('tile/'.length));
        return t.level === 'entries' ? await ledger.entryBundle(t.index, t.width) : await ledger.tile(t.level, t.index, t.width);
      } catch {
        return null;
      }
    },
    async audit() {
      const problems = await auditEntriesAgainstTiles(ledger);
      const state = await mission.store.auditState();
      problems.push(
        ...state.differences.map((d) => `${d.table} row ${d.key}: ${d.what}${d.ledgerIndex === null ? '' : ` (ledger index ${d.ledgerIndex})`}: ${d.detail}`),
      );
      return { events: state.events, problems };
    },
    close: () => mission.close(),
  };
}
