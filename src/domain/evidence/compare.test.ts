import { describe, expect, it } from 'vitest';
import type { Observation } from '../observation/types.js';
import { compareWithObservation, type ExifSummary } from './compare.js';
import { parseExifDateTime } from './exif-time.js';

const observation: Observation = {
  id: 'obs-1',
  source: { kind: 'monitor', id: 'patrol-7' },
  observedAt: { from: '2026-03-01T18:40:00Z', to: '2026-03-01T18:45:00Z' },
  observer: { lat: 48.0123, lon: 37.8021, accuracyM: 15 },
  bearing: { fromDeg: 146.25, toDeg: 168.75 },
  distanceKm: { min: 3, max: 5 },
  event: 'explosion',
  count: 12,
  weapon: 'undetermined',
  direction: 'impact',
};

const exif = (over: Partial<ExifSummary>): ExifSummary => ({
  takenAt: null,
  gps: null,
  make: null,
  model: null,
  ...over,
});

describe('parseExifDateTime', () => {
  it.each([
    ['2026:03:01 18:42:05', '+02:00', { at: '2026-03-01T16:42:05.000Z', zone: 'stated' }],
    ['2026:03:01 18:42:05', '-05:30', { at: '2026-03-02T00:12:05.000Z', zone: 'stated' }],
    ['2026:03:01 18:42:05', null, { at: '2026-03-01T18:42:05.000Z', zone: 'assumed-utc' }],
    ['2026:13:01 18:42:05', null, null],
    ['yesterday', null, null],
  ])('%s %s', (raw, offset, expected) => {
    expect(parseExifDateTime(raw, offset)).toEqual(expected);
  });
});

describe('compareWithObservation', () => {
  it('finds a photo taken inside the window where the monitor stood consistent', () => {
    const c = compareWithObservation(
      exif({
        takenAt: { at: '2026-03-01T18:42:00.000Z', zone: 'stated' },
        gps: { lat: 48.0125, lon: 37.8023 },
      }),
      observation,
    );
    expect(c.timeDifferenceS).toBe(0);
    expect(c.distanceM).toBeGreaterThan(20);
    expect(c.distanceM).toBeLessThan(35);
    expect(c.allowedDistanceM).toBe(1015);
    expect(c.consistent).toBe(true);
  });

  it('flags a photo taken two hours later and 30 km away, saying why', () => {
    const c = compareWithObservation(
      exif({
        takenAt: { at: '2026-03-01T20:45:00.000Z', zone: 'assumed-utc' },
        gps: { lat: 48.28, lon: 37.8021 },
      }),
      observation,
    );
    expect(c.timeDifferenceS).toBe(7200);
    expect(c.distanceM).toBeGreaterThan(29_000);
    expect(c.consistent).toBe(false);
    expect(c.reasons.join(' ')).toMatch(
      /7200 s after .* beyond the 900 s tolerance \(no time zone in the file; read as UTC\)/,
    );
    expect(c.reasons.join(' ')).toMatch(/beyond the 1015 m allowed/);
  });

  it('gives a negative difference for a photo taken before the window, within tolerance', () => {
    const c = compareWithObservation(
      exif({ takenAt: { at: '2026-03-01T18:35:00.000Z', zone: 'stated' } }),
      observation,
    );
    expect(c.timeDifferenceS).toBe(-300);
    expect(c.consistent).toBe(true);
    expect(c.distanceM).toBeNull();
  });

  it('is not comparable without time or place in the file', () => {
    const c = compareWithObservation(exif({}), observation);
    expect(c.consistent).toBeNull();
    expect(c.reasons).toEqual([
      'the file states no capture time',
      'the file states no GPS position',
    ]);
  });

  it('compares with the reported location when there is no observer', () => {
    const o: Observation = {
      ...observation,
      observer: undefined,
      bearing: undefined,
      distanceKm: undefined,
      location: { lat: 48, lon: 37.8, radiusM: 500 },
    };
    const c = compareWithObservation(exif({ gps: { lat: 48, lon: 37.8 } }), o);
    expect(c.distanceM).toBe(0);
    expect(c.allowedDistanceM).toBe(1500);
    expect(c.reasons[1]).toMatch(/the reported location/);
  });
});
