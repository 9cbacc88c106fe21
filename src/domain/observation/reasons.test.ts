import { describe, expect, test } from 'vitest';
import {
  codePointLength,
  describeValue,
  formatPath,
  hasLoneSurrogate,
  oneOfReason,
  typeReason,
} from './reasons.js';

describe('formatPath', () => {
  test.each<[PropertyKey[], string]>([
    [[], ''],
    [['bearing', 'fromDeg'], 'bearing.fromDeg'],
    [['evidence', 2, 'sha256'], 'evidence[2].sha256'],
    [['observedAt', 'to'], 'observedAt.to'],
    [['a b'], '["a b"]'],
    [['x', '0'], 'x["0"]'],
    [['__proto__'], '__proto__'],
    [['x', 'quo"te'], 'x["quo\\"te"]'],
  ])('writes %j as %s', (path, text) => {
    expect(formatPath(path)).toBe(text);
  });
});

describe('describeValue and reasons', () => {
  test.each<[unknown, string]>([
    ['boom', "'boom'"],
    [360, '360'],
    [-0, '-0'],
    [null, 'null'],
    [[1], 'an array'],
    [{}, 'an object'],
    [undefined, 'nothing'],
    ['a\nb', "'a\\nb'"],
  ])('shows %j as %s', (value, text) => {
    expect(describeValue(value)).toBe(text);
  });

  test('shortens long strings so an error never echoes a huge value', () => {
    expect(describeValue('x'.repeat(10_000)).length).toBeLessThan(50);
  });

  test('says "required" for an absent value and names type and value otherwise', () => {
    expect(typeReason('a string', undefined)).toBe('required');
    expect(typeReason('a string', 5)).toBe('must be a string, got number 5');
  });

  test('lists the allowed tokens for an unknown one', () => {
    expect(oneOfReason('event', ['explosion', 'vessel'], 'boom')).toBe(
      "unknown event 'boom'; expected one of explosion, vessel",
    );
  });

  test('counts code points and finds lone surrogates', () => {
    expect(codePointLength('💥a')).toBe(2);
    expect(hasLoneSurrogate('💥')).toBe(false);
    expect(hasLoneSurrogate('\uD83D')).toBe(true);
    expect(hasLoneSurrogate('x\uDCA5')).toBe(true);
  });
});
