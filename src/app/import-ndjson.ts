import type { FieldIssue } from '../domain/errors.js';
import type { Store } from '../store/port.js';
import { fileObservations, type FileStatus } from './file-observations.js';

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
  /** Checked between batches: when it returns true the import stops after the last commit. */
  readonly shouldStop?: () => boolean;
}

/**
 * Imports NDJSON observations (one JSON object a line; blank lines ignored) through the same
 * path as HTTP intake. Each batch is one transaction, so a crash or interruption leaves every
 * committed line stored and nothing half-written; running the same file again stores the rest
 * and counts the rest as duplicates.
 */
export async function importNdjson(store: Store, lines: AsyncIterable<string>, opts: ImportOptions): Promise<ImportSummary> {
  const batchSize = opts.batchSize ?? 2000;
  const now = opts.now ?? Date.now;
  const s: ImportSummary = { lines: 0, stored: 0, duplicate: 0, conflict: 0, rejected: 0, skipped: 0, stopped: false };
  let items: unknown[] = [];
  let lineNos: number[] = [];
  let bytes = 0;

  const flush = async (): Promise<void> => {
    if (items.length === 0) return;
    const results = await fileObservations(store, items, { actor: opts.actor, nowMs: now(), stopOnProblem: opts.stopOnError });
    for (const r of results) {
      s[r.status]++;
      if (r.status === 'rejected' || r.status === 'conflict') opts.onProblem?.({ line: lineNos[r.index]!, status: r.status, issues: r.issues ?? [] });
    }
    if (opts.stopOnError && (s.rejected > 0 || s.conflict > 0)) s.stopped = true;
    items = [];
    lineNos = [];
    opts.onProgress?.(s, bytes);
  };

  for await (const line of lines) {
    s.lines++;
    bytes += Buffer.byteLength(line, 'utf8') + 1;
    if (s.stopped) {
      s.skipped++;
      continue;
    }
    if (line.trim() === '') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch (err) {
      s.rejected++;
      opts.onProblem?.({ line: s.lines, status: 'rejected', issues: [{ path: '', reason: `not valid JSON: ${(err as Error).message}` }] });
      if (opts.stopOnError) {
        await flush();
        s.stopped = true;
      }
      continue;
    }
    items.push(parsed);
    lineNos.push(s.lines);
    if (items.length >= batchSize) {
      await flush();
      if (!s.stopped && opts.shouldStop?.()) {
        s.stopped = true;
        break;
      }
    }
  }
  await flush();
  return s;
}
