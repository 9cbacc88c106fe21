/**
 * Observations as CSV (RFC 4180: comma-separated, CRLF between records, fields quoted when they
 * hold a comma, quote, CR or LF, quotes doubled). Columns are OBSERVATION_COLUMNS of ./record.ts;
 * list columns (evidence) are joined with `;`; absent values are empty cells. Output is UTF-8 text
 * as given; write a BOM before the header if Excel must detect it.
 *
 * Formula injection (OWASP "CSV Injection"): a spreadsheet runs a cell that starts with `=`, `+`,
 * `-` or `@` (also tab and CR, and their full-width forms ＝ ＋ － ＠) as a formula, and text comes
 * from reporters, including the parties. Every text cell starting with one of these gets a
 * leading single quote (`=HYPERLINK(…)` → `'=HYPERLINK(…)`), which spreadsheets show as text.
 * Numeric cells are written as numbers and never prefixed, so `-73.5` stays a longitude.
 */
import { stringify } from 'csv-stringify/sync';
import type { Observation } from '../../domain/observation/types.js';
import { OBSERVATION_COLUMNS, observationRecord, type ColumnValue } from './record.js';

const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** Prefixes a text cell a spreadsheet would evaluate with `'`; other text is returned unchanged. */
export function guardCsvFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

function toLine(cells: readonly (string | number)[]): string {
  return stringify([cells], { record_delimiter: '\r\n', quote_record_delimiter: true, eof: true });
}

function cell(value: ColumnValue): string | number {
  if (value === null) return '';
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return guardCsvFormula(value);
  return guardCsvFormula(value.map((v) => v ?? '').join(';'));
}

/** The header record, ending in CRLF. */
export function observationCsvColumns(): string {
  return toLine(OBSERVATION_COLUMNS);
}

/** One observation as one CSV record, ending in CRLF (a quoted field may contain line breaks). */
export function observationToCsvRow(o: Observation): string {
  const record = observationRecord(o);
  return toLine(OBSERVATION_COLUMNS.map((column) => cell(record[column])));
}

/** Header then one record per observation, as string chunks; one observation held at a time. */
export async function* csvChunks(
  observations: AsyncIterable<Observation> | Iterable<Observation>,
): AsyncGenerator<string> {
  yield observationCsvColumns();
  for await (const o of observations) yield observationToCsvRow(o);
}
