import { describe, expect, it } from 'vitest';
import { heardTogether, soundTravelS, widenedWindowMs } from './time.js';
import { obs, pointAt } from './test-support/scenario.js';

const observer = { lon: 37.9, lat: 48.0 };

describe('soundTravelS', () => {
  it.each([
    ['a bearing-only detection: the wedge’s reach', { observer, bearing: { fromDeg: 10, toDeg: 18 } }, 40_000 / 343],
    ['a bearing and distance range: its maximum plus the observer’s accuracy', { observer: { ...observer, accuracyM: 145 }, bearing: { fromDeg: 10, toDeg: 30 }, distanceKm: { min: 3, max: 5 } }, 15],
    ['a point report: none', pointAt([37.9, 48.0], 200), 0],
    ['a report at the observer: none', { observer }, 0],
  ])('%s', (_, fields, expected) => {
    expect(soundTravelS(obs('x', fields), 40_000)).toBeCloseTo(expected, 6);
  });

  it('moves only the start of the window', () => {
    expect(widenedWindowMs({ fromMs: 100_000, toMs: 100_000 }, 2, 117)).toEqual({ fromMs: -19_000, toMs: 102_000 });
  });
});

describe('heardTogether', () => {
  const at = (ms: number) => ({ fromMs: ms, toMs: ms });
  it('accepts arrivals that match the distances to one source', () => {
    expect(heardTogether([
      { stated: at(10_000 + 10_000), clockErrorS: 1, distanceM: 3430 },
      { stated: at(10_000 + 100_000), clockErrorS: 1, distanceM: 34300 },
    ], 100)).toBe(true);
  });
  it('accepts reports stamped at the shot (a sensor that ranges it)', () => {
    expect(heardTogether([
      { stated: at(0), clockErrorS: 1, distanceM: 5_000 },
      { stated: at(0), clockErrorS: 1, distanceM: 8_000 },
    ], 50)).toBe(true);
  });
  it('rejects arrivals a minute apart from sources 10 km from the crossing', () => {
    expect(heardTogether([
      { stated: at(0), clockErrorS: 1, distanceM: 10_000 },
      { stated: at(60_000), clockErrorS: 1, distanceM: 10_000 },
    ], 500)).toBe(false);
  });
});
