import { describe, expect, test } from 'vitest';
import sample from './fixtures/design-sample.json' with { type: 'json' };
import { canonicalObservationJson, normaliseObservation, sameObservation } from './normalise.js';
import type { Observation } from './types.js';

const base = sample.observation as Observation;
const SHA = base.evidence![0]!.sha256;

describe('normaliseObservation', () => {
  test('fills the default visibility and leaves the sample otherwise as it was', () => {
    expect(normaliseObservation(base)).toEqual({ ...base, visibility: 'mission' });
  });

  test('rewrites instants in UTC with Z and trims fraction zeros', () => {
    const n = normaliseObservation({
      ...base,
      observedAt: { from: '2026-03-01T20:40:00.500+02:00', to: '2026-03-01T18:45:00.000Z' },
    });
    expect(n.observedAt).toEqual({ from: '2026-03-01T18:40:00.5Z', to: '2026-03-01T18:45:00Z' });
  });

  test('collapses a window whose ends are one instant into that instant', () => {
    expect(
      normaliseObservation({
        ...base,
        observedAt: { from: '2026-03-01T18:40:00Z', to: '2026-03-01T19:40:00+01:00' },
      }).observedAt,
    ).toBe('2026-03-01T18:40:00Z');
  });

  test('puts lang in BCP 47 case, text in NFC, hex and media types in lower case', () => {
    const n = normaliseObservation({
      ...base,
      lang: 'SR-latn-rs',
      text: 'Cafe\u0301',
      evidence: [{ sha256: SHA.toUpperCase(), mediaType: 'Image/JPEG' }],
    });
    expect(n.lang).toBe('sr-Latn-RS');
    expect(n.text).toBe('Café');
    expect(n.evidence).toEqual([{ sha256: SHA, mediaType: 'image/jpeg' }]);
  });

  test('drops an empty evidence list, undefined optionals and keys outside the format', () => {
    const n = normaliseObservation({
      ...base,
      evidence: [],
      text: undefined,
      extra: 1,
    } as Observation);
    expect('evidence' in n || 'text' in n || 'extra' in n).toBe(false);
  });
});

describe('sameObservation (idempotency: the same iff canonical normalised JSON is identical)', () => {
  const reordered = JSON.parse(
    JSON.stringify(Object.fromEntries(Object.entries(base).reverse())),
  ) as Observation;

  test.each<[string, Observation, Observation]>([
    ['keys in another order', base, reordered],
    [
      'the window written with an offset',
      base,
      {
        ...base,
        observedAt: { from: '2026-03-01T20:40:00+02:00', to: '2026-03-01T20:45:00.000+02:00' },
      },
    ],
    ['visibility mission spelt out', base, { ...base, visibility: 'mission' }],
    ['an empty evidence list vs none', { ...base, evidence: [] }, { ...base, evidence: undefined }],
    [
      'an instant vs a window of that one instant',
      { ...base, observedAt: '2026-03-01T18:40:00Z' },
      { ...base, observedAt: { from: '2026-03-01T18:40:00Z', to: '2026-03-01T18:40:00.000Z' } },
    ],
  ])('treats %s as the same observation', (_name, a, b) => {
    expect(sameObservation(a, b)).toBe(true);
  });

  test.each<[string, Observation]>([
    ['a different count', { ...base, count: 13 }],
    [
      'a window one second longer',
      { ...base, observedAt: { from: '2026-03-01T18:40:00Z', to: '2026-03-01T18:45:01Z' } },
    ],
    [
      'evidence in another order',
      { ...base, evidence: [{ sha256: 'a'.repeat(64) }, ...base.evidence!] },
    ],
    ['public instead of mission', { ...base, visibility: 'public' }],
    ['other text', { ...base, text: '12 explosions' }],
  ])('treats %s as a different body', (_name, other) => {
    expect(sameObservation(base, other)).toBe(false);
  });

  test('canonical JSON sorts keys (RFC 8785) and has no insignificant whitespace', () => {
    const json = canonicalObservationJson(base);
    expect(json.startsWith('{"bearing":{"fromDeg":146.25,"toDeg":168.75},"count":12,')).toBe(true);
    expect(json).not.toMatch(/\s"|":\s/);
  });
});
