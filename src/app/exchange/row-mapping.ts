/**
 * What one row of an imported data set becomes, and the small readers the row mappers share.
 * A row is its cells by lower-cased header name.
 */
import { createHash } from 'node:crypto';
import type { FieldIssue } from '../../domain/errors.js';
import { OBSERVATION_LIMITS } from '../../domain/observation/schema.js';

export type Row = Readonly<Record<string, string>>;

/**
 * `observation`: an item for fileObservations (which validates it like any other report);
 * `rejected`: the row is wrong, with an issue per column; `excluded`: the row is valid in its own
 * format but holds nothing an observation can carry (a protest; a date known only to the month).
 */
export type RowMapping =
  | { readonly kind: 'observation'; readonly observation: Record<string, unknown> }
  | { readonly kind: 'rejected'; readonly issues: readonly FieldIssue[] }
  | { readonly kind: 'excluded'; readonly reason: string };

export interface RowContext {
  /** Minutes east of UTC of the data set's dates; null: unknown (windows cover every zone). */
  readonly utcOffsetMinutes: number | null;
  /** Now, ms: windows are not stretched past it. */
  readonly nowMs: number;
  /** Visibility given to imported observations; default `mission`. */
  readonly visibility?: 'public' | 'mission';
}

export function cell(row: Row, column: string): string {
  return (row[column] ?? '').trim();
}

/** A decimal number in [min, max], or an issue for `column`. */
export function numberIn(row: Row, column: string, min: number, max: number, issues: FieldIssue[]): number | null {
  const text = cell(row, column);
  if (text === '') {
    issues.push({ path: column, reason: 'is empty' });
    return null;
  }
  const n = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(text) ? Number(text) : NaN;
  if (!Number.isFinite(n) || n < min || n > max) {
    issues.push({ path: column, reason: `must be a number from ${min} to ${max}, got ${JSON.stringify(text.slice(0, 40))}` });
    return null;
  }
  return n;
}

/** A whole number among `allowed`, or an issue. */
export function code(row: Row, column: string, allowed: readonly number[], issues: FieldIssue[]): number | null {
  const text = cell(row, column);
  const n = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!allowed.includes(n)) {
    issues.push({ path: column, reason: `must be one of ${allowed.join(', ')}, got ${JSON.stringify(text.slice(0, 40))}` });
    return null;
  }
  return n;
}

/** A whole number ≥ 0 when the cell is not empty (null when empty), or an issue. */
export function optionalCount(row: Row, column: string, issues: FieldIssue[]): number | null {
  const text = cell(row, column);
  if (text === '') return null;
  if (!/^\d{1,9}$/.test(text)) {
    issues.push({ path: column, reason: `must be a whole number ≥ 0, got ${JSON.stringify(text.slice(0, 40))}` });
    return null;
  }
  return Number(text);
}

/** An observation id from a data set's own id when it is usable, else from the row's content. */
export function importedId(prefix: string, ownId: string, row: Row): string {
  if (/^[A-Za-z0-9._:-]{1,100}$/.test(ownId)) return `${prefix}:${ownId}`;
  const content = Object.keys(row)
    .sort()
    .map((k) => `${k}=${row[k]}`)
    .join('\u0000');
  return `${prefix}:row-${createHash('sha256').update(content, 'utf8').digest('hex').slice(0, 20)}`;
}

/** Text parts joined with `; `, empty ones left out, clipped to the observation text limit. */
export function joinText(parts: readonly (string | null | undefined)[]): string {
  const text = parts.filter((p): p is string => typeof p === 'string' && p.trim() !== '').join('; ');
  const max = OBSERVATION_LIMITS.textMaxChars;
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
