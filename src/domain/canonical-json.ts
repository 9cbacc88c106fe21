/**
 * RFC 8785 (JSON Canonicalization Scheme) serialisation.
 *
 * Object members sorted by the UTF-16 code units of their names (§3.2.3, which is JavaScript's
 * default string order), no white space, and primitives serialised as ECMAScript's JSON.stringify
 * does (§3.2.2: numbers in the ES6 shortest round-trip form, strings with the same escapes).
 * Values JSON cannot carry exactly are refused: non-finite numbers, bigint, and strings with a
 * lone surrogate (I-JSON, RFC 7493 §2.1). `undefined` members are omitted, as JSON.stringify does.
 *
 * Written here rather than taken from the `canonicalize` package because intake canonicalises
 * every observation and the package is twice as slow (it scans strings a character at a time);
 * canonical-json.test.ts cross-checks the two on generated values.
 */

/** JSON text already in canonical form, spliced into an enclosing value as it is. */
export class CanonicalText {
  constructor(readonly text: string) {}
}

const remembered = new WeakMap<object, string>();

/**
 * Records that `value`'s canonical JSON is `text`, so serialising it again (alone or inside an
 * enclosing value) reuses the text. For immutable values only: the record is not revalidated.
 */
export function rememberCanonical<T extends object>(value: T, text: string): T {
  remembered.set(value, text);
  return value;
}

export function canonicalJson(value: unknown): string {
  return serialise(value, '$');
}

function serialise(value: unknown, path: string): string {
  switch (typeof value) {
    case 'string':
      if (!value.isWellFormed()) throw new TypeError(`${path}: string has a lone surrogate, which canonical JSON cannot carry`);
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`${path}: ${value} is not a finite number`);
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (value === null) return 'null';
      if (value instanceof CanonicalText) return value.text;
      {
        const known = remembered.get(value);
        if (known !== undefined) return known;
      }
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) {
          if (i > 0) out += ',';
          const item: unknown = value[i];
          out += item === undefined || typeof item === 'function' ? 'null' : serialise(item, `${path}[${i}]`);
        }
        return out + ']';
      }
      if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return serialise((value as { toJSON(): unknown }).toJSON(), path);
      return serialiseObject(value as Record<string, unknown>, path);
    default:
      throw new TypeError(`${path}: a ${typeof value} cannot be expressed as JSON`);
  }
}

function serialiseObject(value: Record<string, unknown>, path: string): string {
  const keys = Object.keys(value).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const member = value[key];
    if (member === undefined || typeof member === 'function') continue;
    if (!key.isWellFormed()) throw new TypeError(`${path}: member name has a lone surrogate`);
    if (!first) out += ',';
    first = false;
    out += JSON.stringify(key) + ':' + serialise(member, `${path}.${key}`);
  }
  return out + '}';
}
