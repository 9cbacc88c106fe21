/**
 * Turns zod's issues into the project's FieldIssue: a JSON path in the form a reader types
 * (`lineOfContact[3][1]`, `parties[0].side`) and a short reason that quotes the offending value.
 */
import type { z } from 'zod';
import type { FieldIssue } from '../errors.js';

/** `['parties', 0, 'side']` → `parties[0].side`; keys that are not identifiers are quoted. */
export function jsonPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key))
      out += out ? `.${key}` : key;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string')
    return `string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

function hasKey(root: unknown, path: readonly PropertyKey[]): boolean {
  if (path.length === 0) return true;
  const parent = valueAt(root, path.slice(0, -1));
  return (
    parent !== null &&
    typeof parent === 'object' &&
    Object.prototype.hasOwnProperty.call(parent, path[path.length - 1]!)
  );
}

function bound(
  n: number | bigint,
  inclusive: boolean | undefined,
  orEqual: string,
  strict: string,
): string {
  return `${inclusive === false ? strict : orEqual} ${String(n)}`;
}

/** One reason per zod issue, in plain words and with the value that was given. */
export function reasonFor(issue: z.core.$ZodIssue, input: unknown): string {
  const value = valueAt(input, issue.path);
  switch (issue.code) {
    case 'invalid_type':
      if (!hasKey(input, issue.path)) return 'is required';
      return `expected ${issue.expected === 'int' ? 'an integer' : issue.expected}, got ${describe(value)}`;
    case 'too_small':
      if (!issue.message.startsWith('Too small')) return issue.message;
      if (issue.origin === 'array')
        return `needs at least ${String(issue.minimum)} item(s), got ${(value as unknown[]).length}`;
      if (issue.origin === 'string') return 'must not be empty';
      return `must be ${bound(issue.minimum, issue.inclusive, '≥', '>')}, got ${describe(value)}`;
    case 'too_big':
      if (!issue.message.startsWith('Too big')) return issue.message;
      if (issue.origin === 'array')
        return `allows at most ${String(issue.maximum)} item(s), got ${(value as unknown[]).length}`;
      return `must be ${bound(issue.maximum, issue.inclusive, '≤', '<')}, got ${describe(value)}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}; got ${describe(value)}`;
    case 'invalid_format':
      if (issue.format === 'date')
        return `expected an ISO date (YYYY-MM-DD), got ${describe(value)}`;
      if (issue.format === 'regex')
        return `${issue.message ?? 'has the wrong form'}, got ${describe(value)}`;
      return `expected format ${issue.format}, got ${describe(value)}`;
    case 'unrecognized_keys':
      return `unknown field(s) ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}`;
    case 'invalid_union':
      if ('options' in issue && issue.options && issue.options.length > 0) {
        if (!hasKey(input, issue.path))
          return `is required (one of ${issue.options.map((o) => JSON.stringify(o)).join(', ')})`;
        return `must be one of ${issue.options.map((o) => JSON.stringify(o)).join(', ')}; got ${describe(value)}`;
      }
      return 'matches none of the allowed forms';
    case 'not_multiple_of':
      return `must be a multiple of ${String(issue.divisor)}, got ${describe(value)}`;
    default:
      return issue.message;
  }
}

/** Every zod issue as a FieldIssue; a missing or unknown field's path names the field itself. */
export function toFieldIssues(issues: readonly z.core.$ZodIssue[], input: unknown): FieldIssue[] {
  return issues.flatMap((issue): FieldIssue[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: jsonPath([...issue.path, key]),
        reason: 'unknown field',
      }));
    }
    return [{ path: jsonPath(issue.path), reason: reasonFor(issue, input) }];
  });
}
