import { createHash } from 'node:crypto';
import { canonicalJson, rememberCanonical } from '../../domain/canonical-json.js';
import type { FieldIssue } from '../../domain/errors.js';
import { observationExtent, observationPoint, rememberPlace, type Extent } from '../../domain/observation/place.js';
import type { Observation } from '../../domain/observation/types.js';
import { normaliseObservation, validateObservation } from '../../domain/observation/validate.js';
import type { LonLat } from '../../domain/units.js';

/** An item ready to store (normalised, with its digest), or the reasons it cannot be. */
export type PreparedItem =
  | { readonly ok: true; readonly value: Observation; readonly digest: string }
  | { readonly ok: false; readonly id: string | null; readonly issues: readonly FieldIssue[] };

export interface PrepareOptions {
  readonly nowMs: number;
  readonly maxClockSkewMs?: number;
}

/**
 * Validates an item and puts it in the form the mission keeps: normalised, with the SHA-256 hex
 * of its RFC 8785 canonical JSON. Two bodies are the same iff their digests match, and anyone
 * holding the ledger leaf can recompute the digest from the observation in it. The canonical text
 * is remembered, so the leaf that embeds the observation does not serialise it again.
 */
export function prepareObservation(item: unknown, opts: PrepareOptions): PreparedItem {
  const checked = validateObservation(item, opts);
  if (!checked.ok) return { ok: false, id: idOf(item), issues: checked.issues };
  const value = normaliseObservation(checked.value);
  const text = canonicalJson(value);
  rememberCanonical(value, text);
  return { ok: true, value, digest: createHash('sha256').update(text, 'utf8').digest('hex') };
}

/** A prepared item as it crosses between threads: the canonical text rather than the object. */
export type WirePrepared =
  | { readonly ok: true; readonly text: string; readonly digest: string; readonly extent: Extent; readonly point: LonLat }
  | { readonly ok: false; readonly id: string | null; readonly issues: readonly FieldIssue[] };

/** Parses and prepares one NDJSON line, computing what storing it will need (its index place). */
export function prepareLine(line: string, opts: PrepareOptions): WirePrepared {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch (err) {
    return { ok: false, id: null, issues: [{ path: '', reason: `not valid JSON: ${(err as Error).message}` }] };
  }
  const p = prepareObservation(parsed, opts);
  if (!p.ok) return p;
  return { ok: true, text: canonicalJson(p.value), digest: p.digest, extent: observationExtent(p.value), point: observationPoint(p.value) };
}

/** The receiving side: the observation object back, with its canonical text and place remembered. */
export function fromWire(w: WirePrepared): PreparedItem {
  if (!w.ok) return w;
  const value = JSON.parse(w.text) as Observation;
  rememberCanonical(value, w.text);
  rememberPlace(value, w.extent, w.point);
  return { ok: true, value, digest: w.digest };
}

export function idOf(item: unknown): string | null {
  if (item && typeof item === 'object' && 'id' in item) {
    const id = (item as { id: unknown }).id;
    if (typeof id === 'string') return id.slice(0, 128);
  }
  return null;
}
