/**
 * What a published report's hash covers: the model without its publication block, as canonical
 * JSON (RFC 8785). The publication block is added after the hash is recorded, so it cannot be
 * inside it; everything else a reader holds is.
 */
import { canonicalJson } from '../canonical-json.js';
import type { ReportModel } from './types.js';

/** The model with `publication: null`: the form that was hashed and recorded. */
export function withoutPublication(model: ReportModel): ReportModel {
  return { ...model, publication: null };
}

/** The canonical JSON text whose SHA-256 is the report's `modelSha256`. */
export function reportModelDigestInput(model: ReportModel): string {
  return canonicalJson(withoutPublication(model));
}
