import canonicalize from 'canonicalize';
import { describe, expect, it } from 'vitest';
import { CanonicalText, canonicalJson, rememberCanonical } from './canonical-json.js';
import { seededRandom as rng } from './test-support/seeded-random.js';


function randomValue(r: () => number, depth: number): unknown {
  const pick = Math.floor(r() * (depth > 3 ? 4 : 6));
  const chars = ['a', 'é', '€', '😀', '"', '\\', '\n', '\u0001', 'Z', '\u2028', 'Ω', ' '];
  const str = () => Array.from({ length: Math.floor(r() * 6) }, () => chars[Math.floor(r() * chars.length)]).join('');
  switch (pick) {
    case 0:
      return [0, -0, 1e21, 1e-7, 123.456, -5e-324, 2 ** 53, 0.1 + 0.2, 1 / 3, 333333333.33333329][Math.floor(r() * 10)];
    case 1:
      return str();
    case 2:
      return [true, false, null][Math.floor(r() * 3)];
    case 3:
      return Math.floor(r() * 1e6) / 100;
    case 4:
      return Array.from({ length: Math.floor(r() * 4) }, () => randomValue(r, depth + 1));
    default:
      return Object.fromEntries(Array.from({ length: Math.floor(r() * 5) }, () => [str() + String(Math.floor(r() * 9)), randomValue(r, depth + 1)]));
  }
}

describe('canonicalJson (RFC 8785)', () => {
  it.each([
    ['sorts members by UTF-16 code units, not code points', { '\u20ac': 1, '\ud83d\ude00': 2, '\r': 3, '1': 4, 'ö': 5 }, '{"\\r":3,"1":4,"ö":5,"€":1,"😀":2}'],
    ['writes numbers in the ES6 shortest round-trip form', [1e21, 1e-7, -0, 0.000001, 333333333.3333333], '[1e+21,1e-7,0,0.000001,333333333.3333333]'],
    ['omits undefined members and writes no white space', { b: [1, { d: undefined, c: 'x' }], a: null }, '{"a":null,"b":[1,{"c":"x"}]}'],
    ['escapes control characters as JSON.stringify does', { s: '\u0001\n"\\' }, '{"s":"\\u0001\\n\\"\\\\"}'],
    ['splices already canonical text as it is', { b: new CanonicalText('{"x":1}'), a: 2 }, '{"a":2,"b":{"x":1}}'],
  ])('%s', (_name, input, expected) => {
    expect(canonicalJson(input)).toBe(expected);
  });

  it.each([
    ['NaN', { n: Number.NaN }, /\$\.n: NaN is not a finite number/],
    ['Infinity', [Infinity], /\$\[0\]: Infinity/],
    ['a lone surrogate', { s: 'a\ud800' }, /\$\.s: string has a lone surrogate/],
    ['a bigint', { n: 1n }, /bigint cannot be expressed/],
  ])('refuses %s, naming where it is', (_name, input, message) => {
    expect(() => canonicalJson(input)).toThrow(message);
  });

  it('reuses the remembered canonical text of a value inside an enclosing value', () => {
    const inner = rememberCanonical({ b: 1, a: 2 }, '{"a":2,"b":1}');
    expect(canonicalJson({ z: inner, y: [inner] })).toBe('{"y":[{"a":2,"b":1}],"z":{"a":2,"b":1}}');
  });

  it('agrees with the canonicalize package on 5,000 generated values', () => {
    const r = rng(8785);
    for (let i = 0; i < 5000; i++) {
      const v = randomValue(r, 0);
      expect(canonicalJson(v)).toBe(canonicalize(v));
    }
  });
});
