import { describe, expect, test } from 'vitest';
import sample from './fixtures/design-sample.json' with { type: 'json' };
import { canonicalObservationJson } from './normalise.js';
import { OBSERVATION_FIELDS } from './schema.js';
import { validateObservation } from './validate.js';
import { seededRandom as rng } from '../test-support/seeded-random.js';

const nowMs = Date.parse('2026-03-02T00:00:00Z');


const HOSTILE_NUMBERS = [
  0,
  -0,
  1,
  -1,
  0.5,
  359.999,
  360,
  1e308,
  -1e308,
  Infinity,
  -Infinity,
  NaN,
  Number.MAX_SAFE_INTEGER + 2,
  5e-324,
  10_000,
  10_001,
];
const HOSTILE_STRINGS = [
  '',
  ' ',
  'explosion',
  'monitor',
  '2026-03-01T18:40:00Z',
  '2026-02-30T00:00:00Z',
  '9999-12-31T23:59:59-23:59',
  '\u0000',
  '\uD800',
  '\uDC00x',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  '='.repeat(3),
  'x'.repeat(5000),
  '💥',
  'a'.repeat(64),
  'A'.repeat(64),
  'image/jpeg',
  'en-GB',
];
const KEYS = [
  ...OBSERVATION_FIELDS,
  'lat',
  'lon',
  'radiusM',
  'accuracyM',
  'fromDeg',
  'toDeg',
  'min',
  'max',
  'from',
  'to',
  'kind',
  'party',
  'sha256',
  'mediaType',
  '__proto__',
  'constructor',
  'prototype',
  '',
];

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)]!;
}

function randomValue(r: () => number, depth: number): unknown {
  const roll = r();
  if (depth <= 0 || roll < 0.3) {
    const leaf = r();
    if (leaf < 0.35) return pick(r, HOSTILE_NUMBERS);
    if (leaf < 0.7) return pick(r, HOSTILE_STRINGS);
    return pick(r, [null, true, false, undefined, 0n, Symbol('s'), () => 1]);
  }
  if (roll < 0.6)
    return Array.from({ length: Math.floor(r() * 4) }, () => randomValue(r, depth - 1));
  const o: Record<string, unknown> = {};
  for (let i = Math.floor(r() * 6); i > 0; i--) {
    // defineProperty, so a "__proto__" key is an own property as JSON.parse would make it
    Object.defineProperty(o, pick(r, KEYS), {
      value: randomValue(r, depth - 1),
      enumerable: true,
      configurable: true,
      writable: true,
    });
  }
  return o;
}

/** The sample with one value somewhere inside it replaced, removed, or a key added. */
function mutateSample(r: () => number): unknown {
  const body = structuredClone(sample.observation) as Record<string, unknown>;
  let node: Record<string, unknown> = body;
  for (let steps = Math.floor(r() * 3); steps > 0; steps--) {
    const next = node[pick(r, Object.keys(node))];
    if (next === null || typeof next !== 'object') break;
    node = (Array.isArray(next) ? (next[0] as Record<string, unknown>) : next) as Record<
      string,
      unknown
    >;
    if (node === undefined || typeof node !== 'object') return body;
  }
  const choice = r();
  const key = choice < 0.8 ? pick(r, Object.keys(node)) : pick(r, KEYS);
  if (choice < 0.15) delete node[key];
  else
    Object.defineProperty(node, key, {
      value: randomValue(r, 2),
      enumerable: true,
      configurable: true,
      writable: true,
    });
  return body;
}

function deeplyNested(depth: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { bearing: v };
  return v;
}

function expectWellFormed(input: unknown): ReturnType<typeof validateObservation> {
  let result: ReturnType<typeof validateObservation> | undefined;
  expect(() => {
    result = validateObservation(input, { nowMs });
  }).not.toThrow();
  const r = result!;
  if (!r.ok) {
    expect(r.issues.length).toBeGreaterThan(0);
    for (const issue of r.issues) {
      expect(typeof issue.path).toBe('string');
      expect(typeof issue.reason).toBe('string');
      expect(issue.reason.length).toBeGreaterThan(0);
      expect(issue.reason.length).toBeLessThan(1000);
    }
  }
  return r;
}

describe('validateObservation on random and hostile input', () => {
  test('never throws on 3000 random values and always explains a rejection', () => {
    const r = rng(0x7ac3);
    for (let i = 0; i < 3000; i++) expectWellFormed(randomValue(r, 5));
  });

  test('never throws on 3000 one-field mutations of the sample; what it accepts re-validates to the same canonical form', () => {
    const r = rng(0xbeef);
    let accepted = 0;
    for (let i = 0; i < 3000; i++) {
      const result = expectWellFormed(mutateSample(r));
      if (result.ok) {
        accepted++;
        const again = validateObservation(JSON.parse(JSON.stringify(result.value)), { nowMs });
        expect(again.ok).toBe(true);
        if (again.ok)
          expect(canonicalObservationJson(again.value)).toBe(
            canonicalObservationJson(result.value),
          );
      }
    }
    expect(accepted).toBeGreaterThan(0);
  });

  test.each<[string, unknown]>([
    [
      '100,000-deep nesting under a known key',
      { ...sample.observation, bearing: deeplyNested(100_000) },
    ],
    [
      '100,000-deep nesting under an unknown key',
      { ...sample.observation, extra: deeplyNested(100_000) },
    ],
    [
      'a Proxy whose every trap throws',
      new Proxy(
        {},
        {
          get: () => {
            throw new Error('get');
          },
          ownKeys: () => {
            throw new Error('keys');
          },
          has: () => {
            throw new Error('has');
          },
          getOwnPropertyDescriptor: () => {
            throw new Error('desc');
          },
        },
      ),
    ],
    ['an object with a symbol key', { ...sample.observation, [Symbol('x')]: 1 }],
    [
      'an object without a prototype',
      Object.assign(Object.create(null) as object, sample.observation),
    ],
    ['a 1,000,000-character id', { ...sample.observation, id: 'x'.repeat(1_000_000) }],
    ['a bigint count', { ...sample.observation, count: 12n }],
    ['a function as the source', { ...sample.observation, source: () => 1 }],
  ])('never throws on %s', (_name, input) => {
    expectWellFormed(input);
  });

  test('leaves Object.prototype untouched after all of the above', () => {
    expect(
      Object.getOwnPropertyNames(Object.prototype).filter(
        (k) =>
          ![
            'constructor',
            '__proto__',
            '__defineGetter__',
            '__defineSetter__',
            '__lookupGetter__',
            '__lookupSetter__',
            'hasOwnProperty',
            'isPrototypeOf',
            'propertyIsEnumerable',
            'toLocaleString',
            'toString',
            'valueOf',
          ].includes(k),
      ),
    ).toEqual([]);
  });
});
