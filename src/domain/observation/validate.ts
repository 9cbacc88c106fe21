/**
 * Validation of one observation in the exchange format: every problem at once, each with a JSON
 * path (`bearing.fromDeg`, `evidence[2].sha256`, `observedAt.to`; the root is `''`) and a reason
 * a person can act on. Never throws on any input, however hostile; the parsed value is a fresh
 * object holding only the format's fields, so keys such as `__proto__` are reported, never copied.
 *
 * @example
 *   const r = validateObservation(JSON.parse(line), { nowMs });
 *   if (!r.ok) throw validationError(r.issues, 'observation');
 */
import type { FieldIssue } from '../errors.js';
import type { Observation } from './types.js';
import { isRecord } from './consistency.js';
import { describeValue, formatPath } from './reasons.js';
import { observationSchema } from './schema.js';
import { formatDuration, formatEpochMs, parseInstant } from './time.js';

// Idempotency comparison is part of intake: callers validate, then compare canonical forms.
export { canonicalObservationJson, normaliseObservation, sameObservation } from './normalise.js';

/** Clock skew tolerated by the "not in the future" rule unless the caller says otherwise. */
export const DEFAULT_MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

export interface ValidateObservationOptions {
  /** Now, milliseconds since the epoch, from the caller's clock (the domain reads none). */
  readonly nowMs: number;
  /** How far past `nowMs` an instant may lie before it is "in the future"; default 5 min. */
  readonly maxClockSkewMs?: number;
}

export type ObservationValidation =
  { ok: true; value: Observation } | { ok: false; issues: FieldIssue[] };

export function validateObservation(
  input: unknown,
  opts: ValidateObservationOptions,
): ObservationValidation {
  const skewMs = opts.maxClockSkewMs ?? DEFAULT_MAX_CLOCK_SKEW_MS;
  if (!Number.isFinite(opts.nowMs) || !(skewMs >= 0)) {
    throw new RangeError(
      `validateObservation: nowMs must be finite and maxClockSkewMs ≥ 0, got ${opts.nowMs}, ${skewMs}`,
    );
  }
  try {
    if (isRecord(input) && !hasPlainPrototype(input)) {
      return {
        ok: false,
        issues: [{ path: '', reason: 'must be a plain JSON object, got an instance of a class' }],
      };
    }
    const result = observationSchema.safeParse(input);
    const issues = result.success
      ? []
      : result.error.issues.flatMap((iss) => toFieldIssues(iss, []));
    if (isRecord(input)) issues.push(...futureIssues(input.observedAt, opts.nowMs, skewMs));
    if (issues.length > 0 || !result.success) return { ok: false, issues: unique(issues) };
    const value: Observation = result.data;
    return { ok: true, value };
  } catch (err) {
    // A Proxy or getter that throws while being read; the input is not JSON data.
    const why = err instanceof Error ? err.message : describeValue(err);
    return { ok: false, issues: [{ path: '', reason: `could not be read as JSON data: ${why}` }] };
  }
}

function hasPlainPrototype(o: object): boolean {
  const proto: unknown = Object.getPrototypeOf(o);
  return proto === Object.prototype || proto === null;
}

/** The parts of a zod issue this module reads; kept structural so zod internals may change. */
interface SchemaIssue {
  readonly code?: string;
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly keys?: readonly string[];
  readonly errors?: readonly (readonly SchemaIssue[])[];
}

function toFieldIssues(iss: SchemaIssue, prefix: readonly PropertyKey[]): FieldIssue[] {
  const path = [...prefix, ...iss.path];
  if (iss.code === 'unrecognized_keys' && iss.keys !== undefined) {
    const allowed = iss.message.split('; allowed: ')[1];
    return iss.keys.map((key) => ({
      path: formatPath([...path, key]),
      reason: `unknown field ${describeValue(key)}${allowed === undefined ? '' : `; allowed: ${allowed}`}`,
    }));
  }
  if (iss.code === 'invalid_union' && iss.errors !== undefined) {
    // Report the branch the input's type chose (a string is an instant, an object a window);
    // only when no branch fits the type is the union's own message the answer.
    const fitting = iss.errors.filter(
      (branch) =>
        !(branch.length === 1 && branch[0]?.code === 'invalid_type' && branch[0].path.length === 0),
    );
    if (fitting.length === 1) return fitting[0]!.flatMap((inner) => toFieldIssues(inner, path));
  }
  return [{ path: formatPath(path), reason: iss.message }];
}

/** "Not in the future": each instant of observedAt at most `skewMs` after `nowMs`. */
function futureIssues(observedAt: unknown, nowMs: number, skewMs: number): FieldIssue[] {
  const check = (text: unknown, path: string): FieldIssue[] => {
    if (typeof text !== 'string') return [];
    const parsed = parseInstant(text);
    if (!parsed.ok || parsed.instant.epochMs <= nowMs + skewMs) return [];
    const ahead = formatDuration(parsed.instant.epochMs - nowMs);
    return [
      {
        path,
        reason: `${text} is ${ahead} in the future (now ${formatEpochMs(nowMs)}, allowed clock skew ${formatDuration(skewMs)})`,
      },
    ];
  };
  if (typeof observedAt === 'string') return check(observedAt, 'observedAt');
  if (isRecord(observedAt))
    return [...check(observedAt.from, 'observedAt.from'), ...check(observedAt.to, 'observedAt.to')];
  return [];
}

function unique(issues: FieldIssue[]): FieldIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.path}\u0000${i.reason}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
