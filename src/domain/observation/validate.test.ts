import { describe, expect, test } from 'vitest';
import sample from './fixtures/design-sample.json' with { type: 'json' };
import { validateObservation } from './validate.js';

const nowMs = Date.parse('2026-03-02T00:00:00Z');
const SHA = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';
const base = sample.observation;
type Body = Record<string, unknown>;

/** The sample with some fields replaced; `undefined` removes a field. */
function withFields(changes: Body, from: Body = base): Body {
  const out: Body = { ...from };
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined) delete out[k];
    else out[k] = v;
  }
  return out;
}

/** A point observation: location instead of the observer, bearing and distance. */
const atPoint = withFields({
  observer: undefined,
  bearing: undefined,
  distanceKm: undefined,
  location: { lat: 48, lon: 37.8, radiusM: 500 },
});

function issuesOf(input: unknown, opts: { nowMs: number; maxClockSkewMs?: number } = { nowMs }) {
  const r = validateObservation(input, opts);
  if (r.ok) throw new Error(`expected issues, got a valid observation: ${JSON.stringify(r.value)}`);
  return r.issues;
}

function expectValid(input: unknown, opts: { nowMs: number; maxClockSkewMs?: number } = { nowMs }) {
  const r = validateObservation(input, opts);
  expect(r.ok ? [] : r.issues).toEqual([]);
}

describe('validateObservation accepts', () => {
  test('the sample observation of docs/ARCHITECTURE.md "Exchange formats"', () => {
    const r = validateObservation(base, { nowMs });
    expect(r).toEqual({ ok: true, value: base });
  });

  test.each<[string, Body]>([
    ['an instant string for observedAt', withFields({ observedAt: '2026-03-01T18:40:00Z' })],
    [
      'an instant with an offset and a nanosecond fraction',
      withFields({ observedAt: '2026-03-01T20:40:00.123456789+02:00' }),
    ],
    [
      'a window of exactly 7 days',
      withFields({ observedAt: { from: '2026-02-20T00:00:00Z', to: '2026-02-27T00:00:00Z' } }),
    ],
    ['a point location with a radius', atPoint],
    [
      'a bearing-only sensor detection (observer + bearing, no distance)',
      withFields({
        source: { kind: 'sensor', id: 'acoustic-3', clockErrorS: 0.5 },
        distanceKm: undefined,
      }),
    ],
    ['a sector that wraps through north', withFields({ bearing: { fromDeg: 350, toDeg: 10 } })],
    ['a sector of exactly 180°', withFields({ bearing: { fromDeg: 270, toDeg: 90 } })],
    ['a single exact bearing (fromDeg = toDeg)', withFields({ bearing: { fromDeg: 0, toDeg: 0 } })],
    [
      'a troop presence at the observer with accuracyM and no bearing',
      withFields({ event: 'troop_presence', bearing: undefined, distanceKm: undefined }),
    ],
    [
      'a party filing that names its party, party-confidential',
      withFields({
        source: { kind: 'party', id: 'liaison-ua', party: 'UA' },
        visibility: 'party-confidential',
      }),
    ],
    [
      'a restriction with its details',
      withFields({
        event: 'restriction',
        bearing: undefined,
        distanceKm: undefined,
        restriction: { kind: 'checkpoint_denied', party: 'RU' },
      }),
    ],
    [
      'a calibre, lang with region and script, several evidence items',
      withFields({
        weapon: 'artillery',
        calibreMm: 152.4,
        lang: 'sr-Latn-RS',
        evidence: [{ sha256: SHA }, { sha256: 'a'.repeat(64), mediaType: 'video/mp4' }],
      }),
    ],
    [
      'text of exactly 4000 characters counted as code points (emoji are one each)',
      withFields({ text: '💥'.repeat(4000) }),
    ],
    [
      'an instant 4 min in the future (within the default 5 min skew)',
      withFields({ observedAt: '2026-03-02T00:04:00Z' }),
    ],
    ['distance min 0', withFields({ distanceKm: { min: 0, max: 100 } })],
  ])('%s', (_name, input) => expectValid(input));

  test('an instant further ahead when the caller allows more clock skew', () => {
    expectValid(withFields({ observedAt: '2026-03-02T00:20:00Z' }), {
      nowMs,
      maxClockSkewMs: 30 * 60_000,
    });
  });
});

interface BadCase {
  readonly name: string;
  readonly input: unknown;
  readonly path: string;
  readonly reason: RegExp;
}

const bad: BadCase[] = [
  // root
  { name: 'rejects null', input: null, path: '', reason: /must be an object .*got null/ },
  { name: 'rejects an array at the root', input: [base], path: '', reason: /got an array/ },
  {
    name: 'rejects an instance of a class at the root',
    input: new Date(0),
    path: '',
    reason: /plain JSON object/,
  },
  {
    name: 'rejects an unknown top-level key, naming it',
    input: withFields({ colour: 'red' }),
    path: 'colour',
    reason: /unknown field 'colour'; allowed: id, source/,
  },
  {
    name: 'rejects an unknown nested key, naming it',
    input: withFields({ bearing: { fromDeg: 1, toDeg: 2, fuzz: 1 } }),
    path: 'bearing.fuzz',
    reason: /unknown field 'fuzz'; allowed: fromDeg, toDeg/,
  },
  {
    name: 'rejects an odd unknown key with bracket path',
    input: withFields({ 'a b': 1 }),
    path: '["a b"]',
    reason: /unknown field 'a b'/,
  },
  // id
  {
    name: 'rejects a missing id',
    input: withFields({ id: undefined }),
    path: 'id',
    reason: /^required$/,
  },
  {
    name: 'rejects an empty id',
    input: withFields({ id: '' }),
    path: 'id',
    reason: /must not be empty/,
  },
  {
    name: 'rejects an id of 129 characters',
    input: withFields({ id: 'a'.repeat(129) }),
    path: 'id',
    reason: /at most 128 characters, got 129/,
  },
  {
    name: 'rejects an id with a space, naming the character',
    input: withFields({ id: 'obs 1' }),
    path: 'id',
    reason: /only A-Z a-z 0-9 \. _ : -, got ' '/,
  },
  {
    name: 'rejects a numeric id',
    input: withFields({ id: 123 }),
    path: 'id',
    reason: /must be a string, got number 123/,
  },
  // source
  {
    name: 'rejects an unknown source kind, listing the known ones',
    input: withFields({ source: { kind: 'satellite', id: 'x' } }),
    path: 'source.kind',
    reason: /unknown source kind 'satellite'; expected one of monitor, sensor, party, osint/,
  },
  {
    name: 'rejects an empty source id',
    input: withFields({ source: { kind: 'monitor', id: '' } }),
    path: 'source.id',
    reason: /must not be empty/,
  },
  {
    name: 'rejects a source id of 129 characters',
    input: withFields({ source: { kind: 'monitor', id: 'x'.repeat(129) } }),
    path: 'source.id',
    reason: /at most 128/,
  },
  {
    name: 'rejects a source id with a control character',
    input: withFields({ source: { kind: 'monitor', id: 'a\u0000b' } }),
    path: 'source.id',
    reason: /control characters/,
  },
  {
    name: 'rejects a party source without source.party',
    input: withFields({ source: { kind: 'party', id: 'liaison' } }),
    path: 'source.party',
    reason: /required for party sources/,
  },
  {
    name: 'rejects source.party on a monitor source',
    input: withFields({ source: { kind: 'monitor', id: 'p', party: 'UA' } }),
    path: 'source.party',
    reason: /only party sources name a party/,
  },
  {
    name: 'rejects a negative clockErrorS',
    input: withFields({ source: { kind: 'sensor', id: 's', clockErrorS: -1 } }),
    path: 'source.clockErrorS',
    reason: /must be in \[0, 86400\] s, got -1/,
  },
  {
    name: 'rejects party-confidential visibility on a monitor filing',
    input: withFields({ visibility: 'party-confidential' }),
    path: 'visibility',
    reason: /only for party filings/,
  },
  {
    name: 'rejects an unknown visibility',
    input: withFields({ visibility: 'secret' }),
    path: 'visibility',
    reason: /unknown visibility 'secret'; expected one of public, mission, party-confidential/,
  },
  // observedAt
  {
    name: 'rejects an instant without a timezone',
    input: withFields({ observedAt: '2026-03-01T18:40:00' }),
    path: 'observedAt',
    reason: /has no timezone/,
  },
  {
    name: 'rejects a date without a time',
    input: withFields({ observedAt: '2026-03-01' }),
    path: 'observedAt',
    reason: /ISO 8601 instant with a timezone/,
  },
  {
    name: 'rejects 30 February',
    input: withFields({ observedAt: '2026-02-30T10:00:00Z' }),
    path: 'observedAt',
    reason: /not a calendar date/,
  },
  {
    name: 'rejects 29 February in a non-leap year',
    input: withFields({ observedAt: '2025-02-29T10:00:00Z' }),
    path: 'observedAt',
    reason: /not a calendar date/,
  },
  {
    name: 'rejects hour 24',
    input: withFields({ observedAt: '2026-03-01T24:00:00Z' }),
    path: 'observedAt',
    reason: /not a time of day/,
  },
  {
    name: 'rejects a window whose from is after to',
    input: withFields({ observedAt: { from: '2026-03-01T18:45:00Z', to: '2026-03-01T18:40:00Z' } }),
    path: 'observedAt',
    reason: /from 2026-03-01T18:45:00Z must be ≤ to 2026-03-01T18:40:00Z/,
  },
  {
    name: 'rejects a window whose from is after to by one nanosecond',
    input: withFields({
      observedAt: { from: '2026-03-01T18:40:00.000000002Z', to: '2026-03-01T18:40:00.000000001Z' },
    }),
    path: 'observedAt',
    reason: /must be ≤ to/,
  },
  {
    name: 'rejects a window longer than 7 days',
    input: withFields({ observedAt: { from: '2026-02-20T00:00:00Z', to: '2026-02-27T00:00:01Z' } }),
    path: 'observedAt',
    reason: /longer than the 7-day maximum/,
  },
  {
    name: 'rejects an instant in the future beyond the clock skew',
    input: withFields({ observedAt: '2026-03-02T00:06:00Z' }),
    path: 'observedAt',
    reason: /6 min in the future \(now 2026-03-02T00:00:00Z, allowed clock skew 5 min\)/,
  },
  {
    name: 'rejects a window whose end is in the future',
    input: withFields({ observedAt: { from: '2026-03-01T23:00:00Z', to: '2026-03-02T03:00:00Z' } }),
    path: 'observedAt.to',
    reason: /3 h in the future/,
  },
  {
    name: 'rejects a future instant written with an offset (compared as an instant)',
    input: withFields({ observedAt: '2026-03-02T02:30:00+02:00' }),
    path: 'observedAt',
    reason: /in the future/,
  },
  {
    name: 'rejects an observedAt that is a number',
    input: withFields({ observedAt: 1772390400000 }),
    path: 'observedAt',
    reason: /instant string or a window \{from, to\}, got number/,
  },
  {
    name: 'rejects a window with a missing to',
    input: withFields({ observedAt: { from: '2026-03-01T18:40:00Z' } }),
    path: 'observedAt.to',
    reason: /^required$/,
  },
  {
    name: 'rejects a year before 1900',
    input: withFields({ observedAt: '1899-12-31T00:00:00Z' }),
    path: 'observedAt',
    reason: /before 1900/,
  },
  // place
  {
    name: 'rejects an observation with neither location nor observer',
    input: withFields({ observer: undefined, bearing: undefined, distanceKm: undefined }),
    path: 'location',
    reason: /required: a place is location/,
  },
  {
    name: 'rejects an observation with both location and observer',
    input: withFields({ location: { lat: 48, lon: 37, radiusM: 10 } }),
    path: 'location',
    reason: /either location or observer, not both/,
  },
  {
    name: 'rejects a bearing without an observer',
    input: withFields({ bearing: { fromDeg: 1, toDeg: 2 } }, atPoint),
    path: 'bearing',
    reason: /bearing goes with observer, not with location/,
  },
  {
    name: 'rejects a distance without a bearing',
    input: withFields({ bearing: undefined }),
    path: 'distanceKm',
    reason: /needs bearing/,
  },
  {
    name: 'rejects an explosion placed at the observer alone (no bearing)',
    input: withFields({ bearing: undefined, distanceKm: undefined }),
    path: 'bearing',
    reason: /required with observer for event 'explosion'/,
  },
  {
    name: 'rejects a weapon sighting at the observer without observer.accuracyM',
    input: withFields({
      event: 'weapon_sighting',
      bearing: undefined,
      distanceKm: undefined,
      observer: { lat: 48, lon: 37 },
    }),
    path: 'observer.accuracyM',
    reason: /required when observer is given without bearing/,
  },
  {
    name: 'rejects latitude 90.0001',
    input: withFields({ location: { lat: 90.0001, lon: 0, radiusM: 1 } }, atPoint),
    path: 'location.lat',
    reason: /must be in \[-90, 90\], got 90.0001/,
  },
  {
    name: 'rejects longitude -180.5',
    input: withFields({ observer: { lat: 0, lon: -180.5, accuracyM: 1 } }),
    path: 'observer.lon',
    reason: /must be in \[-180, 180\], got -180.5/,
  },
  {
    name: 'rejects a latitude given as a string',
    input: withFields({ location: { lat: '48.1', lon: 0, radiusM: 1 } }, atPoint),
    path: 'location.lat',
    reason: /must be a finite number, got string '48.1'/,
  },
  {
    name: 'rejects an infinite longitude (1e400 in JSON)',
    input: withFields({ location: { lat: 0, lon: Infinity, radiusM: 1 } }, atPoint),
    path: 'location.lon',
    reason: /finite number, got number Infinity/,
  },
  {
    name: 'rejects a NaN latitude',
    input: withFields({ location: { lat: NaN, lon: 0, radiusM: 1 } }, atPoint),
    path: 'location.lat',
    reason: /finite number, got number NaN/,
  },
  {
    name: 'rejects a zero radius',
    input: withFields({ location: { lat: 0, lon: 0, radiusM: 0 } }, atPoint),
    path: 'location.radiusM',
    reason: /must be in \(0, 500000\] m, got 0/,
  },
  {
    name: 'rejects a radius above 500 km',
    input: withFields({ location: { lat: 0, lon: 0, radiusM: 500_001 } }, atPoint),
    path: 'location.radiusM',
    reason: /\(0, 500000\] m/,
  },
  {
    name: 'rejects a negative observer accuracy',
    input: withFields({ observer: { lat: 0, lon: 0, accuracyM: -5 } }),
    path: 'observer.accuracyM',
    reason: /\(0, 500000\] m, got -5/,
  },
  // bearing and distance
  {
    name: 'rejects bearing fromDeg 360 (degrees are in [0, 360))',
    input: withFields({ bearing: { fromDeg: 360, toDeg: 10 } }),
    path: 'bearing.fromDeg',
    reason: /must be in \[0, 360\), got 360/,
  },
  {
    name: 'rejects a negative toDeg',
    input: withFields({ bearing: { fromDeg: 10, toDeg: -10 } }),
    path: 'bearing.toDeg',
    reason: /\[0, 360\), got -10/,
  },
  {
    name: 'rejects a bearing sector that wraps past 360 when toDeg < fromDeg is wider than 180°',
    input: withFields({ bearing: { fromDeg: 300, toDeg: 150 } }),
    path: 'bearing',
    reason: /spans 210° \(wrapping through north.*wider than 180°/,
  },
  {
    name: 'rejects a non-wrapping sector wider than 180°',
    input: withFields({ bearing: { fromDeg: 10, toDeg: 200 } }),
    path: 'bearing',
    reason: /spans 190°; sectors wider than 180°/,
  },
  {
    name: 'rejects distance min > max',
    input: withFields({ distanceKm: { min: 5, max: 3 } }),
    path: 'distanceKm',
    reason: /^min 5 must be ≤ max 3$/,
  },
  {
    name: 'rejects a negative distance min',
    input: withFields({ distanceKm: { min: -1, max: 3 } }),
    path: 'distanceKm.min',
    reason: /\[0, 100\] km, got -1/,
  },
  {
    name: 'rejects distance max 0',
    input: withFields({ distanceKm: { min: 0, max: 0 } }),
    path: 'distanceKm.max',
    reason: /\(0, 100\] km, got 0/,
  },
  {
    name: 'rejects distance max over 100 km',
    input: withFields({ distanceKm: { min: 3, max: 150 } }),
    path: 'distanceKm.max',
    reason: /\(0, 100\] km, got 150/,
  },
  // what was seen
  {
    name: 'rejects an unknown event, listing the known ones',
    input: withFields({ event: 'boom' }),
    path: 'event',
    reason: /^unknown event 'boom'; expected one of explosion, projectile_in_flight,/,
  },
  {
    name: 'rejects an event in upper case (tokens are lower-case)',
    input: withFields({ event: 'EXPLOSION' }),
    path: 'event',
    reason: /unknown event 'EXPLOSION'/,
  },
  {
    name: 'rejects an unknown weapon',
    input: withFields({ weapon: 'laser' }),
    path: 'weapon',
    reason: /unknown weapon 'laser'; expected one of undetermined, small_arms/,
  },
  {
    name: 'rejects an unknown direction',
    input: withFields({ direction: 'sideways' }),
    path: 'direction',
    reason:
      /unknown direction 'sideways'; expected one of impact, outgoing, in_flight, undetermined/,
  },
  {
    name: 'rejects a direction that is not a string',
    input: withFields({ direction: 3 }),
    path: 'direction',
    reason: /must be one of impact, .*; got number 3/,
  },
  {
    name: 'rejects count 0',
    input: withFields({ count: 0 }),
    path: 'count',
    reason: /integer in \[1, 10000\], got 0/,
  },
  {
    name: 'rejects count 10001',
    input: withFields({ count: 10_001 }),
    path: 'count',
    reason: /got 10001/,
  },
  {
    name: 'rejects a fractional count',
    input: withFields({ count: 2.5 }),
    path: 'count',
    reason: /must be an integer in \[1, 10000\], got 2.5/,
  },
  {
    name: 'rejects a calibre below 5 mm',
    input: withFields({ calibreMm: 4.9 }),
    path: 'calibreMm',
    reason: /\[5, 1000\] mm, got 4.9/,
  },
  {
    name: 'rejects a calibre above 1000 mm',
    input: withFields({ calibreMm: 1200 }),
    path: 'calibreMm',
    reason: /\[5, 1000\] mm/,
  },
  {
    name: 'rejects restriction details on an explosion',
    input: withFields({ restriction: { kind: 'checkpoint' } }),
    path: 'restriction',
    reason: /only for event 'restriction'/,
  },
  // text and evidence
  {
    name: 'rejects text of 4001 characters',
    input: withFields({ text: 'x'.repeat(4001) }),
    path: 'text',
    reason: /at most 4000 characters, got 4001/,
  },
  {
    name: 'rejects text with an unpaired surrogate',
    input: withFields({ text: 'bad \uD800 text' }),
    path: 'text',
    reason: /unpaired UTF-16 surrogate/,
  },
  {
    name: 'rejects a lang that is not a BCP 47 tag',
    input: withFields({ lang: 'english' }),
    path: 'lang',
    reason: /BCP 47 language tag .*got 'english'/,
  },
  {
    name: 'rejects a sha256 in upper case, saying so',
    input: withFields({ evidence: [{ sha256: SHA.toUpperCase() }] }),
    path: 'evidence[0].sha256',
    reason: /must be lower-case hex/,
  },
  {
    name: 'rejects a sha256 of 63 digits',
    input: withFields({ evidence: [{ sha256: SHA.slice(1) }] }),
    path: 'evidence[0].sha256',
    reason: /64 hex digits \(a SHA-256\), got 63/,
  },
  {
    name: 'rejects a sha256 with non-hex characters',
    input: withFields({ evidence: [{ sha256: 'z'.repeat(64) }] }),
    path: 'evidence[0].sha256',
    reason: /64 lower-case hex digits/,
  },
  {
    name: 'rejects a media type without a subtype',
    input: withFields({ evidence: [{ sha256: SHA, mediaType: 'jpeg' }] }),
    path: 'evidence[0].mediaType',
    reason: /type\/subtype/,
  },
  {
    name: 'rejects a media type with parameters',
    input: withFields({ evidence: [{ sha256: SHA, mediaType: 'text/plain; charset=utf-8' }] }),
    path: 'evidence[0].mediaType',
    reason: /without parameters/,
  },
  {
    name: 'rejects the same evidence hash twice, pointing at the repeat',
    input: withFields({ evidence: [{ sha256: SHA }, { sha256: 'a'.repeat(64) }, { sha256: SHA }] }),
    path: 'evidence[2].sha256',
    reason: /duplicates evidence\[0\]\.sha256/,
  },
  {
    name: 'rejects evidence that is not an array',
    input: withFields({ evidence: { sha256: SHA } }),
    path: 'evidence',
    reason: /must be an array/,
  },
  {
    name: 'rejects more than 100 evidence items',
    input: withFields({
      evidence: Array.from({ length: 101 }, (_, i) => ({
        sha256: i.toString(16).padStart(64, '0'),
      })),
    }),
    path: 'evidence',
    reason: /at most 100 items, got 101/,
  },
];

describe('validateObservation', () => {
  test.each(bad)('$name', ({ input, path, reason }) => {
    const issues = issuesOf(input);
    const match = issues.find((i) => i.path === path && reason.test(i.reason));
    expect(match, `issues were ${JSON.stringify(issues, null, 1)}`).toBeDefined();
  });

  test('reports every problem of one body together, each with its own path', () => {
    const issues = issuesOf(
      withFields({
        id: 'obs 1',
        bearing: { fromDeg: 360, toDeg: 10 },
        distanceKm: { min: 5, max: 3 },
        event: 'boom',
        count: 1.5,
        colour: 'red',
        evidence: [{ sha256: SHA }, { sha256: SHA }, { sha256: SHA.toUpperCase() }],
        observedAt: { from: '2026-03-01T18:40:00Z', to: '2026-03-03T00:00:00Z' },
      }),
    );
    expect(issues.map((i) => i.path).sort()).toEqual(
      [
        'bearing.fromDeg',
        'colour',
        'count',
        'distanceKm',
        'event',
        'evidence[1].sha256',
        'evidence[2].sha256',
        'id',
        'observedAt.to',
      ].sort(),
    );
  });

  test('reports the cross-field rules even when another field has the wrong type', () => {
    const issues = issuesOf(withFields({ count: 'twelve', bearing: undefined }));
    // distanceKm without bearing, and an explosion needs a bearing from the observer
    expect(issues.map((i) => i.path).sort()).toEqual(['bearing', 'count', 'distanceKm']);
  });

  test('reports every missing required field of an empty object', () => {
    const paths = issuesOf({}).map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'id',
        'source',
        'observedAt',
        'event',
        'count',
        'weapon',
        'direction',
        'location',
      ]),
    );
  });

  test('reports a __proto__ key as unknown and neither copies it nor pollutes Object.prototype', () => {
    const hostile = JSON.parse(
      `{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},${JSON.stringify(base).slice(1)}`,
    ) as unknown;
    const issues = issuesOf(hostile);
    expect(issues.map((i) => i.path).sort()).toEqual(['__proto__', 'constructor']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty('polluted')).toBe(false);
  });

  test('returns a fresh value that holds only the format fields', () => {
    const r = validateObservation(base, { nowMs });
    expect(r.ok && r.value).not.toBe(base);
    expect(Object.getPrototypeOf(r.ok ? r.value : null)).toBe(Object.prototype);
  });

  test('turns a throwing getter into an issue instead of throwing', () => {
    const input = withFields({});
    Object.defineProperty(input, 'count', {
      enumerable: true,
      get: () => {
        throw new Error('trap');
      },
    });
    expect(issuesOf(input)).toEqual([{ path: '', reason: 'could not be read as JSON data: trap' }]);
  });

  test('throws on a non-finite nowMs: a broken invariant of the caller, not bad input', () => {
    expect(() => validateObservation(base, { nowMs: Number.NaN })).toThrow(/nowMs must be finite/);
  });
});
