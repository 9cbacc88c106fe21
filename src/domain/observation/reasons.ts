/**
 * Wording of validation reasons and JSON paths, shared by the schema and the validator so every
 * message reads the same way: what was expected, then what arrived (`must be in [0, 360), got 360`).
 * Echoed values are shortened, so a hostile 10 MB string does not come back in an error.
 */

const MAX_SHOWN = 40;

/** A value as a message shows it: `'boom'`, `360`, `null`, `an array`, `an object`. */
export function describeValue(value: unknown): string {
  switch (typeof value) {
    case 'undefined':
      return 'nothing';
    case 'string': {
      const shown = value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN)}…` : value;
      return `'${JSON.stringify(shown).slice(1, -1)}'`;
    }
    case 'number':
      return Object.is(value, -0) ? '-0' : String(value);
    case 'boolean':
      return String(value);
    case 'bigint':
      return 'a bigint';
    case 'object':
      return value === null ? 'null' : Array.isArray(value) ? 'an array' : 'an object';
    default:
      return `a ${typeof value}`;
  }
}

/** A value with its JSON type, for type errors: `string '12'`, `number 5`, `null`, `an array`. */
export function describeTyped(value: unknown): string {
  if (typeof value === 'string') return `string ${describeValue(value)}`;
  if (typeof value === 'number') return `number ${describeValue(value)}`;
  if (typeof value === 'boolean') return `boolean ${describeValue(value)}`;
  return describeValue(value);
}

/** `required` for an absent value, else `must be <expected>, got <what arrived>`. */
export function typeReason(expected: string, input: unknown): string {
  return input === undefined ? 'required' : `must be ${expected}, got ${describeTyped(input)}`;
}

/** Reason for a value outside a closed vocabulary, listing the tokens that are allowed. */
export function oneOfReason(what: string, allowed: readonly string[], input: unknown): string {
  if (input === undefined) return `required; one of ${allowed.join(', ')}`;
  if (typeof input === 'string')
    return `unknown ${what} ${describeValue(input)}; expected one of ${allowed.join(', ')}`;
  return `must be one of ${allowed.join(', ')}; got ${describeTyped(input)}`;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * A JSON path in dotted/bracket form: `bearing.fromDeg`, `evidence[2].sha256`, `["odd key"]`.
 * The root is the empty string.
 */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (typeof segment === 'symbol') out += `[${String(segment)}]`;
    else if (IDENTIFIER.test(segment)) out += out === '' ? segment : `.${segment}`;
    else
      out += `[${JSON.stringify(segment.length > MAX_SHOWN ? `${segment.slice(0, MAX_SHOWN)}…` : segment)}]`;
  }
  return out;
}

/** True for a string holding an unpaired UTF-16 surrogate, which cannot be encoded as UTF-8. */
export function hasLoneSurrogate(text: string): boolean {
  return /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}

/** Length in Unicode code points, which is what a person counts as characters. */
export function codePointLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}
