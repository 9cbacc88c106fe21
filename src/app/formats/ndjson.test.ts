import { describe, expect, test } from 'vitest';
import sample from '../../domain/observation/fixtures/design-sample.json' with { type: 'json' };
import type { Observation } from '../../domain/observation/types.js';
import { validateObservation } from '../../domain/observation/validate.js';
import { MAX_NDJSON_LINE_CHARS, observationToNdjsonLine, parseNdjsonLine } from './ndjson.js';

const base = sample.observation as Observation;

describe('observationToNdjsonLine', () => {
  test('writes one line ending in \\n with the fields in the documented order', () => {
    const line = observationToNdjsonLine(base);
    expect(line.endsWith('\n')).toBe(true);
    expect(line.indexOf('\n')).toBe(line.length - 1);
    expect(Object.keys(JSON.parse(line) as object)).toEqual([
      'id',
      'source',
      'observedAt',
      'observer',
      'bearing',
      'distanceKm',
      'event',
      'count',
      'weapon',
      'direction',
      'text',
      'lang',
      'evidence',
    ]);
  });

  test('keeps newlines, quotes, commas and non-ASCII text inside the one line, and reads back equal', () => {
    const o: Observation = {
      ...base,
      text: 'line 1\nline 2\r\n"quoted", comma; Вибухи 💥 \u2028 end\\',
    };
    const line = observationToNdjsonLine(o);
    expect(line.split('\n')).toHaveLength(2);
    const parsed = parseNdjsonLine(line, 1);
    expect(parsed).toEqual({ ok: true, value: o });
  });

  test('leaves out absent optional fields and undefined values', () => {
    const line = observationToNdjsonLine({
      ...base,
      text: undefined,
      lang: undefined,
      evidence: undefined,
    });
    expect(line).not.toMatch(/"text"|"lang"|"evidence"|undefined/);
  });

  test('writes lines that validate back to the same observation', () => {
    const parsed = parseNdjsonLine(observationToNdjsonLine(base), 1);
    const checked = parsed.ok
      ? validateObservation(parsed.value, { nowMs: Date.parse('2026-03-02T00:00:00Z') })
      : undefined;
    expect(checked).toEqual({ ok: true, value: base });
  });
});

describe('parseNdjsonLine', () => {
  test('reports invalid JSON with the line number as path', () => {
    const r = parseNdjsonLine('{"id": "x",', 7);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues).toHaveLength(1);
      expect(r.issues[0]!.path).toBe('(line 7)');
      expect(r.issues[0]!.reason).toMatch(/^invalid JSON: /);
    }
  });

  test.each([
    ['a trailing CRLF', '{"a":1}\r\n'],
    ['a trailing LF', '{"a":1}\n'],
    ['a leading byte-order mark', '\uFEFF{"a":1}'],
    ['surrounding spaces', '  {"a":1}  '],
  ])('accepts %s', (_name, line) => {
    expect(parseNdjsonLine(line, 1)).toEqual({ ok: true, value: { a: 1 } });
  });

  test('calls a blank line a problem, naming the line', () => {
    expect(parseNdjsonLine('   ', 3)).toEqual({
      ok: false,
      issues: [{ path: '(line 3)', reason: 'empty line; expected one JSON object' }],
    });
  });

  test('refuses a line over the length limit without parsing it', () => {
    const r = parseNdjsonLine(`"${'x'.repeat(MAX_NDJSON_LINE_CHARS)}"`, 9);
    expect(!r.ok && r.issues[0]!.reason).toMatch(/longer than the 1000000-character limit/);
  });

  test('reads a "__proto__" key as a plain own property without polluting Object.prototype', () => {
    const r = parseNdjsonLine('{"__proto__":{"polluted":true}}', 1);
    expect(r.ok && Object.keys(r.value as object)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('returns any JSON value; whether it is an observation is for validation to say', () => {
    expect(parseNdjsonLine('[1,2]', 1)).toEqual({ ok: true, value: [1, 2] });
    expect(parseNdjsonLine('null', 1)).toEqual({ ok: true, value: null });
  });
});
