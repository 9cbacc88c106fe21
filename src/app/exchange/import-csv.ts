/**
 * Imports a conflict data set's CSV (ACLED- or UCDP-GED-style) as observations, through the same
 * path as every other report (fileObservations: validation, idempotent ids, one ledger event per
 * stored observation). Each batch of rows is one transaction, so an interruption keeps every
 * committed row and nothing half-written; importing the same file again stores only what is new.
 *
 * Every row is answered: stored, duplicate, conflict (same id, different content), rejected (with
 * the column and reason, by line number), or excluded (valid, but nothing an observation can
 * carry). A header missing a required column stops the import before anything is stored.
 */
import { TrucelineError, type FieldIssue } from '../../domain/errors.js';
import type { Store } from '../../store/port.js';
import { fileObservations, type FileStatus } from '../file-observations.js';
import { readCsv, type CsvRecord } from './csv-reader.js';
import type { Row, RowMapping } from './row-mapping.js';

export interface CsvImportSummary {
  /** Data rows read (the header not counted). */
  rows: number;
  stored: number;
  duplicate: number;
  conflict: number;
  rejected: number;
  excluded: number;
  /** Rows not considered because the import stopped early. */
  skipped: number;
  stopped: boolean;
}

export interface RowProblem {
  /** The physical line the row starts on (the header is line 1). */
  readonly line: number;
  readonly status: Exclude<FileStatus, 'stored' | 'duplicate' | 'skipped'> | 'excluded';
  readonly issues: readonly FieldIssue[];
}

export interface CsvImportOptions {
  /** Who files: `import:<file>`. */
  readonly actor: string;
  /** Columns the header must have (lower case). */
  readonly required: readonly string[];
  readonly mapRow: (row: Row) => RowMapping;
  readonly now?: () => number;
  /** Rows per transaction; default 2,000. */
  readonly batchSize?: number;
  /** Stop at the first rejected or conflicting row (excluded rows do not stop it). */
  readonly stopOnError?: boolean;
  /** Provenance kept with each stored observation's ledger event, e.g. `{ format: 'acled-csv' }`. */
  readonly provenance?: Readonly<Record<string, unknown>>;
  readonly onProblem?: (p: RowProblem) => void;
  readonly onProgress?: (s: CsvImportSummary) => void;
  readonly shouldStop?: () => boolean;
}

function headerOf(record: CsvRecord, required: readonly string[]): string[] {
  if (record.error) throw new TrucelineError('VALIDATION', `line ${record.line} (header): ${record.error}`, [{ path: `line ${record.line}`, reason: record.error }]);
  const names = record.fields.map((f) => f.trim().toLowerCase());
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  for (const n of names) {
    if (n !== '' && seen.has(n)) issues.push({ path: n, reason: 'appears twice in the header' });
    seen.add(n);
  }
  for (const r of required) if (!seen.has(r)) issues.push({ path: r, reason: 'required column missing from the header (line 1)' });
  if (issues.length > 0) throw new TrucelineError('VALIDATION', `the CSV header lacks what this format needs: ${issues.map((i) => `${i.path}: ${i.reason}`).join('; ')}`, issues);
  return names;
}

export async function importCsvObservations(store: Store, chunks: AsyncIterable<string | Buffer> | Iterable<string>, opts: CsvImportOptions): Promise<CsvImportSummary> {
  const now = opts.now ?? Date.now;
  const batchSize = opts.batchSize ?? 2000;
  const s: CsvImportSummary = { rows: 0, stored: 0, duplicate: 0, conflict: 0, rejected: 0, excluded: 0, skipped: 0, stopped: false };
  const problem = (p: RowProblem) => {
    s[p.status]++;
    opts.onProblem?.(p);
  };
  let header: string[] | null = null;
  let items: unknown[] = [];
  let lines: number[] = [];

  const flush = async (): Promise<void> => {
    if (items.length > 0) {
      const results = await fileObservations(store, items, { actor: opts.actor, nowMs: now(), stopOnProblem: opts.stopOnError, provenance: opts.provenance });
      for (const r of results) {
        if (r.status === 'rejected' || r.status === 'conflict') problem({ line: lines[r.index]!, status: r.status, issues: r.issues ?? [] });
        else s[r.status]++;
      }
      items = [];
      lines = [];
    }
    if (opts.stopOnError && (s.rejected > 0 || s.conflict > 0)) s.stopped = true;
    opts.onProgress?.(s);
  };

  for await (const record of readCsv(chunks)) {
    if (header === null) {
      header = headerOf(record, opts.required);
      continue;
    }
    s.rows++;
    if (s.stopped) {
      s.skipped++;
      continue;
    }
    const mapped = mapRecord(record, header, opts.mapRow);
    if (mapped.kind === 'observation') {
      items.push(mapped.observation);
      lines.push(record.line);
    } else if (mapped.kind === 'excluded') {
      problem({ line: record.line, status: 'excluded', issues: [{ path: '', reason: mapped.reason }] });
    } else {
      problem({ line: record.line, status: 'rejected', issues: mapped.issues });
      if (opts.stopOnError) await flush();
    }
    if (items.length >= batchSize) {
      await flush();
      if (!s.stopped && opts.shouldStop?.()) s.stopped = true;
    }
  }
  if (header === null) throw new TrucelineError('VALIDATION', 'the file is empty: a CSV header is required on line 1', [{ path: 'line 1', reason: 'no header' }]);
  if (!s.stopped) await flush();
  return s;
}

function mapRecord(record: CsvRecord, header: readonly string[], mapRow: (row: Row) => RowMapping): RowMapping {
  if (record.error) return { kind: 'rejected', issues: [{ path: '', reason: `not valid CSV: ${record.error}` }] };
  if (record.fields.length !== header.length) {
    return { kind: 'rejected', issues: [{ path: '', reason: `has ${record.fields.length} fields, the header has ${header.length}` }] };
  }
  const row: Record<string, string> = {};
  header.forEach((name, i) => {
    if (name !== '') row[name] = record.fields[i]!;
  });
  return mapRow(row);
}
