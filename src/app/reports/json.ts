/**
 * The JSON format of a report: the model with object keys in sorted order at every level and
 * two-space indentation, so the same model always prints the same text and diffs stay readable.
 * Key order does not affect verification (the digest is over canonical JSON).
 */
import type { ReportModel } from '../../domain/report/index.js';

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sorted((value as Record<string, unknown>)[k])]),
    );
  return value;
}

export function reportJson(model: ReportModel): string {
  return `${JSON.stringify(sorted(model), null, 2)}\n`;
}
