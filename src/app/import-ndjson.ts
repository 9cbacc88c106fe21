import type { FieldIssue } from '../domain/errors.js';
import type { Observation } from '../domain/observation/types.js';
import type { Store } from '../store/port.js';
import { filePrepared, type FileStatus } from './file-observations.js';
import { fromWire, type WirePrepared } from './intake/prepare.js';
import { PreparePool } from './intake/prepare-pool.js';

export interface ImportSummary {
  lines: number;
  stored: number;
  duplicate: number;
  conflict: number;
  rejected: number;
  /** Lines not considered because the import stopped (stop-on-error or interruption). */
  skipped: number;
  /** True when it stopped early (stop-on-error, or asked to stop). */
  stopped: boolean;
}

export interface LineProblem {
  readonly line: number;
  readonly status: FileStatus;
  readonly issues: readonly FieldIssue[];
}

export interface ImportOptions {
  readonly actor: string;
  readonly now?: () => number;
  /** Lines per transaction (default 2,000): the unit that a crash keeps or drops whole. */
  readonly batchSize?: number;
  readonly stopOnError?: boolean;
  readonly onProblem?: (p: LineProblem) => void;
  /** Called after each committed batch with the input bytes consumed so far. */
  readonly onProgress?: (s: ImportSummary, bytes: number) => void;
  /**
   * Checked between batches, the event loop let run first: when it returns true the import
   * stores the batches in hand and stops.
   */
  readonly shouldStop?: () => boolean;
  /** Worker threads that prepare batches while the previous one is stored; default: inline. */
  readonly pool?: PreparePool;
  /**
   * Called after each committed batch with the observations it stored, in order (fusion hooks in
   * here: IncidentFuser.afterStored). The next batch is stored once it resolves.
   */
  readonly afterBatch?: (stored: Observation[]) => Promise<void>;
}

interface Batch {
  readonly prepared: Promise<readonly WirePrepared[]>;
  readonly lineNos: readonly number[];
  readonly bytes: number;
}

/**
 * Imports NDJSON observations (one JSON object a line; blank lines ignored) through the same
 * path as HTTP intake. Each batch is one transaction, so a crash or interruption leaves every
 * committed line stored and nothing half-written; running the same file again stores the rest
 * and counts the rest as duplicates. With a pool, batch k+1 is parsed and validated on a worker
 * while batch k is written.
 */
export async function importNdjson(store: Store, lines: AsyncIterable<string>, opts: ImportOptions): Promise<ImportSummary> {
  const batchSize = opts.batchSize ?? 2000;
  const now = opts.now ?? Date.now;
  const pool = opts.pool ?? new PreparePool(0);
  const s: ImportSummary = { lines: 0, stored: 0, duplicate: 0, conflict: 0, rejected: 0, skipped: 0, stopped: false };
  const inFlight: Batch[] = [];
  let lineTexts: string[] = [];
  let lineNos: number[] = [];
  let bytes = 0;

  const send = (): void => {
    if (lineTexts.length === 0) return;
    inFlight.push({ prepared: pool.prepare(lineTexts, { nowMs: now() }), lineNos, bytes });
    lineTexts = [];
    lineNos = [];
  };

  const storeNext = async (): Promise<void> => {
    const batch = inFlight.shift()!;
    const wires = await batch.prepared;
    if (s.stopped) {
      s.skipped += wires.length;
      return;
    }
    const prepared = wires.map(fromWire);
    const results = await filePrepared(store, prepared, { actor: opts.actor, nowMs: now(), stopOnProblem: opts.stopOnError });
    if (opts.afterBatch) {
      const stored = results.flatMap((r) => {
        const item = prepared[r.index];
        return r.status === 'stored' && item?.ok ? [item.value] : [];
      });
      if (stored.length > 0) await opts.afterBatch(stored);
    }
    for (const r of results) {
      s[r.status]++;
      if (r.status === 'rejected' || r.status === 'conflict') opts.onProblem?.({ line: batch.lineNos[r.index]!, status: r.status, issues: r.issues ?? [] });
    }
    if (opts.stopOnError && (s.rejected > 0 || s.conflict > 0)) s.stopped = true;
    opts.onProgress?.(s, batch.bytes);
  };

  for await (const line of lines) {
    s.lines++;
    bytes += Buffer.byteLength(line, 'utf8') + 1;
    if (s.stopped) {
      s.skipped++;
      continue;
    }
    if (line.trim() === '') continue;
    lineTexts.push(line);
    lineNos.push(s.lines);
    if (lineTexts.length >= batchSize) {
      send();
      // Keep one batch preparing while the one before it is written.
      while (inFlight.length >= 2) await storeNext();
      // Let the event loop run (a signal that sets shouldStop, say): storing and fusing with the
      // embedded store, and lines already read, resolve without leaving the microtask queue.
      if (opts.shouldStop) await new Promise<void>((resolve) => setImmediate(resolve));
      if (!s.stopped && opts.shouldStop?.()) {
        while (inFlight.length > 0) await storeNext();
        s.stopped = true;
        break;
      }
    }
  }
  send();
  while (inFlight.length > 0) await storeNext();
  return s;
}
