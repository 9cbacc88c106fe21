import { describe, expect, it } from 'vitest';
import {
  heardTogether,
  heardWindowsMs,
  shareAnInstant,
  soundTravelS,
  widenedWindowMs,
} from './time.js';
import { obs, pointAt } from './test-support/scenario.js';

const observer = { lon: 37.9, lat: 48.0 };

describe('soundTravelS', () => {
  it.each([
    [
      'a bearing-only detection: the wedge’s reach',
      { observer, bearing: { fromDeg: 10, toDeg: 18 } },
      40_000 / 343,
    ],
    [
      'a bearing and distance range: its maximum plus the observer’s accuracy',
      {
        observer: { ...observer, accuracyM: 145 },
        bearing: { fromDeg: 10, toDeg: 30 },
        distanceKm: { min: 3, max: 5 },
      },
      15,
    ],
    ['a point report: none', pointAt([37.9, 48.0], 200), 0],
    ['a report at the observer: none', { observer }, 0],
  ])('%s', (_, fields, expected) => {
    expect(soundTravelS(obs('x', fields), 40_000)).toBeCloseTo(expected, 6);
  });

  it('moves only the start of the window', () => {
    expect(widenedWindowMs({ fromMs: 100_000, toMs: 100_000 }, 2, 117)).toEqual({
      fromMs: -19_000,
      toMs: 102_000,
    });
  });
});

describe('heardTogether', () => {
  const at = (ms: number) => ({ fromMs: ms, toMs: ms });
  it('accepts arrivals that match the distances to one source', () => {
    expect(
      heardTogether(
        [
          { stated: at(10_000 + 10_000), clockErrorS: 1, distanceM: 3430 },
          { stated: at(10_000 + 100_000), clockErrorS: 1, distanceM: 34300 },
        ],
        100,
      ),
    ).toBe(true);
  });
  it('accepts reports stamped at the shot (a sensor that ranges it)', () => {
    expect(
      heardTogether(
        [
          { stated: at(0), clockErrorS: 1, distanceM: 5_000 },
          { stated: at(0), clockErrorS: 1, distanceM: 8_000 },
        ],
        50,
      ),
    ).toBe(true);
  });
  it('rejects arrivals a minute apart from sources 10 km from the crossing', () => {
    expect(
      heardTogether(
        [
          { stated: at(0), clockErrorS: 1, distanceM: 10_000 },
          { stated: at(60_000), clockErrorS: 1, distanceM: 10_000 },
        ],
        500,
      ),
    ).toBe(false);
  });
});

describe('heardWindowsMs', () => {
  it('gives the instants a sound from 10-12 km could have left, and the stamp itself', () => {
    const [heard, seen] = heardWindowsMs({ fromMs: 100_000, toMs: 100_000 }, 1, 10_000, 12_000);
    // 12 km at 315 m/s: 38.1 s; 10 km at 362 m/s: 27.6 s.
    expect(heard.fromMs).toBeCloseTo(100_000 - 1000 - 38_095, 0);
    expect(heard.toMs).toBeCloseTo(100_000 + 1000 - 27_624, 0);
    expect(seen).toEqual({ fromMs: 99_000, toMs: 101_000 });
  });
});

describe('shareAnInstant', () => {
  const w = (fromMs: number, toMs: number) => ({ fromMs, toMs });
  it.each<[string, { fromMs: number; toMs: number }[][], boolean]>([
    ['windows with a common instant', [[w(0, 10)], [w(5, 20)], [w(8, 9)]], true],
    ['a window that misses one of the others', [[w(0, 10)], [w(5, 20)], [w(11, 12)]], false],
    ['one of two windows of a report fits', [[w(0, 10)], [w(30, 40), w(9, 12)]], true],
    ['neither window fits', [[w(0, 10)], [w(30, 40), w(11, 12)]], false],
  ])('%s', (_, sets, expected) => {
    expect(shareAnInstant(sets)).toBe(expected);
  });
});
