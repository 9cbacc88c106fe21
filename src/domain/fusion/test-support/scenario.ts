// Builders for hand-made observations in fusion and assessment tests.
import type { Observation } from '../../observation/types.js';
import { direct, inverse } from '../../geo/index.js';
import type { LonLat } from '../../units.js';

export const T0 = Date.parse('2026-03-01T18:40:00Z');
export const iso = (ms: number): string => new Date(ms).toISOString();
export const at = (minutes: number): string => iso(T0 + minutes * 60_000);

export type ObsFields = Partial<Omit<Observation, 'id' | 'source'>> & {
  source?: Partial<Observation['source']>;
};

export function obs(id: string, fields: ObsFields): Observation {
  const { source, ...rest } = fields;
  return {
    id,
    source: { kind: 'monitor', id: `src-${id}`, ...source },
    observedAt: { from: at(0), to: at(5) },
    event: 'explosion',
    count: 1,
    weapon: 'undetermined',
    direction: 'impact',
    ...rest,
  } as Observation;
}

export const ll = (p: LonLat) => ({ lon: p[0], lat: p[1] });

/** A point report at `p` with radius `radiusM`. */
export function pointAt(p: LonLat, radiusM: number) {
  return { location: { ...ll(p), radiusM } };
}

/** A bearing-only report from `observer` towards `target`, with the sector `halfWidthDeg` either side, rotated by `errDeg`. */
export function bearingTo(observer: LonLat, target: LonLat, halfWidthDeg: number, errDeg = 0) {
  const az = inverse(observer, target).azimuth1Deg + errDeg;
  const m = (d: number) => ((d % 360) + 360) % 360;
  return {
    observer: ll(observer),
    bearing: { fromDeg: m(az - halfWidthDeg), toDeg: m(az + halfWidthDeg) },
  };
}

/** A sector-and-range report from `observer` towards `target`. */
export function sectorTo(
  observer: LonLat,
  target: LonLat,
  halfWidthDeg: number,
  rangeSlackKm: number,
) {
  const { distanceM } = inverse(observer, target);
  const km = distanceM / 1000;
  return {
    ...bearingTo(observer, target, halfWidthDeg),
    distanceKm: { min: Math.max(0, km - rangeSlackKm), max: km + rangeSlackKm },
  };
}

/** The position `km` kilometres from `p` on azimuth `azDeg`. */
export const offset = (p: LonLat, azDeg: number, km: number): LonLat => direct(p, azDeg, km * 1000);
