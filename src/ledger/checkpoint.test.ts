import { describe, expect, it } from 'vitest';
import v from './fixtures/checkpoint-vectors.json' with { type: 'json' };
import { formatCheckpoint, parseCheckpoint } from './checkpoint.js';
import { toBase64 } from './encoding.js';

describe('tlog-checkpoint note text (fixtures/checkpoint-vectors.json)', () => {
  it.each(v.valid)('parses and re-formats $name', (c) => {
    const cp = parseCheckpoint(c.text);
    expect({ origin: cp.origin, size: cp.size, rootBase64: toBase64(cp.root), extensions: cp.extensions }).toEqual({
      origin: c.origin,
      size: c.size,
      rootBase64: c.rootBase64,
      extensions: c.extensions,
    });
    expect(formatCheckpoint(cp)).toBe(c.text);
  });

  it.each(v.invalid)('refuses $name', (c) => {
    expect(() => parseCheckpoint(c.text)).toThrow(expect.objectContaining({ code: 'MALFORMED' }));
  });

  it.each([
    ['an origin with a space', { origin: 'a b', size: 1, root: new Uint8Array(32) }],
    ['an origin with a plus', { origin: 'a+b', size: 1, root: new Uint8Array(32) }],
    ['a negative size', { origin: 'o', size: -1, root: new Uint8Array(32) }],
    ['a 31-byte root', { origin: 'o', size: 1, root: new Uint8Array(31) }],
    ['an empty extension line', { origin: 'o', size: 1, root: new Uint8Array(32), extensions: [''] }],
  ])('refuses to format %s', (_name, cp) => {
    expect(() => formatCheckpoint(cp)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});
