/**
 * An intake request body (one observation, or an array of up to 10,000) prepared as a whole: the
 * JSON text parsed, its shape checked, every item prepared. Run on a PreparePool worker, so that
 * parsing and validating big batches (most of intake's CPU) leaves the main thread to the
 * database and the other requests. The answers are exactly those of the main-thread path: the
 * same shape problems (intakeShapeIssue) and per-item results.
 */
import type { FieldIssue } from '../../domain/errors.js';
import { idOf, prepareObservation, type PrepareOptions, type WirePrepared } from './prepare.js';
import { canonicalJson } from '../../domain/canonical-json.js';
import { observationExtent, observationPoint } from '../../domain/observation/place.js';

export const MAX_BATCH = 10_000;

/** What is wrong with the body's shape (not an object or array; an empty or oversized array), or null. */
export function intakeShapeIssue(
  data: unknown,
): { readonly message: string; readonly issues: readonly FieldIssue[] } | null {
  if (Array.isArray(data)) {
    if (data.length === 0)
      return {
        message: 'the batch is empty',
        issues: [{ path: '', reason: 'must hold at least one observation' }],
      };
    if (data.length > MAX_BATCH)
      return {
        message: `a batch holds at most ${MAX_BATCH} observations, got ${data.length}; split it`,
        issues: [{ path: '', reason: `at most ${MAX_BATCH} items` }],
      };
    return null;
  }
  if (data !== null && typeof data === 'object') return null;
  return {
    message: 'the body must be one observation (an object) or an array of observations',
    issues: [
      {
        path: '',
        reason: `must be an object or an array, got ${data === null ? 'null' : typeof data}`,
      },
    ],
  };
}

/**
 * One item of a prepared batch: the prepared form, and what the filing rules (who may file for
 * which party) read from the item as sent: its id and its source's kind and party.
 */
export interface BatchItem {
  readonly wire: WirePrepared;
  readonly id: string | null;
  readonly source: { readonly kind?: unknown; readonly party?: unknown } | null;
}

export type PreparedBatch =
  | { readonly kind: 'invalid-json' }
  | { readonly kind: 'bad-shape'; readonly message: string; readonly issues: readonly FieldIssue[] }
  | { readonly kind: 'items'; readonly items: readonly BatchItem[] };

/** Only strings cross back: a hostile body's other values stay on the worker. */
function sourceOf(item: unknown): BatchItem['source'] {
  const source = (item as { source?: unknown } | null)?.source;
  if (!source || typeof source !== 'object') return null;
  const { kind, party } = source as { kind?: unknown; party?: unknown };
  return {
    kind: typeof kind === 'string' ? kind : kind === undefined ? undefined : null,
    party: typeof party === 'string' ? party : party === undefined ? undefined : null,
  };
}

/** Parses, checks and prepares a whole intake body (see the module comment). */
export function prepareBatch(text: string, opts: PrepareOptions): PreparedBatch {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { kind: 'invalid-json' };
  }
  const shape = intakeShapeIssue(data);
  if (shape) return { kind: 'bad-shape', ...shape };
  const items = Array.isArray(data) ? data : [data];
  return {
    kind: 'items',
    items: items.map((item): BatchItem => {
      const p = prepareObservation(item, opts);
      const wire: WirePrepared = p.ok
        ? {
            ok: true,
            text: canonicalJson(p.value),
            digest: p.digest,
            extent: observationExtent(p.value),
            point: observationPoint(p.value),
          }
        : p;
      return { wire, id: idOf(item), source: sourceOf(item) };
    }),
  };
}
