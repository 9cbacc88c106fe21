/**
 * NDJSON (one JSON value per `\n`-terminated line) for observation files, as in
 * docs/ARCHITECTURE.md "Exchange formats". Pure: strings in, strings out.
 */
import type { FieldIssue } from '../../domain/errors.js';
import { OBSERVATION_FIELDS } from '../../domain/observation/schema.js';
import type { Observation } from '../../domain/observation/types.js';

/** Longest line `parseNdjsonLine` reads, in UTF-16 code units; longer is surely not one observation. */
export const MAX_NDJSON_LINE_CHARS = 1_000_000;

/**
 * One observation as one NDJSON line, ending in `\n`. Fields come in the documented order (id,
 * source, observedAt, place, event…), absent optional fields are left out, and JSON.stringify
 * escapes what must be escaped (quotes, control characters, lone surrogates), so a `\n` inside
 * `text` never splits the line.
 */
export function observationToNdjsonLine(o: Observation): string {
  const ordered: Record<string, unknown> = {};
  const source = o as unknown as Record<string, unknown>;
  for (const key of OBSERVATION_FIELDS) {
    if (source[key] !== undefined) ordered[key] = source[key];
  }
  return `${JSON.stringify(ordered)}\n`;
}

export type NdjsonLineParse = { ok: true; value: unknown } | { ok: false; issues: FieldIssue[] };

/**
 * Parses one line of an NDJSON file. `lineNo` is 1-based and only labels problems, which carry
 * the path `(line N)`. A trailing `\n` or `\r\n` and a leading byte-order mark are ignored. A blank
 * line is a problem here; a reader that allows blank lines skips them before calling. The value is
 * any JSON value: whether it is an observation is `validateObservation`'s question.
 */
export function parseNdjsonLine(line: string, lineNo: number): NdjsonLineParse {
  const path = `(line ${lineNo})`;
  if (line.length > MAX_NDJSON_LINE_CHARS) {
    return {
      ok: false,
      issues: [
        {
          path,
          reason: `line of ${line.length} characters is longer than the ${MAX_NDJSON_LINE_CHARS}-character limit`,
        },
      ],
    };
  }
  const body = line.replace(/^\uFEFF/, '').replace(/\r?\n$/, '');
  if (body.trim() === '')
    return { ok: false, issues: [{ path, reason: 'empty line; expected one JSON object' }] };
  try {
    return { ok: true, value: JSON.parse(body) as unknown };
  } catch (err) {
    return {
      ok: false,
      issues: [
        { path, reason: `invalid JSON: ${err instanceof Error ? err.message : String(err)}` },
      ],
    };
  }
}
