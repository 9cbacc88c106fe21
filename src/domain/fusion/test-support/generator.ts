// A deterministic synthetic stream of reports for determinism, memory and latency checks: bursts
// of fire along a 200 km front, each seen by 1-3 of: a patrol (sector and range), a party
// (point with a wide radius), three acoustic sensors (bearing-only). Seeded LCG, no Math.random.
import type { Observation } from '../../observation/types.js';
import type { LonLat } from '../../units.js';
import { bearingTo, iso, obs, offset, pointAt, sectorTo } from './scenario.js';

export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export interface StreamOptions {
  readonly events: number;
  readonly seed?: number;
  /** Mean gap between events, seconds. */
  readonly gapS?: number;
  readonly start?: number;
  /** Front length, km (events spread along it and ±15 km across). */
  readonly frontKm?: number;
}

export function syntheticStream(o: StreamOptions): Observation[] {
  const rnd = lcg(o.seed ?? 1);
  const origin: LonLat = [36.5, 48.0];
  const out: Observation[] = [];
  let t = o.start ?? Date.parse('2026-03-01T00:00:00Z');
  for (let e = 0; e < o.events; e++) {
    t += Math.round(rnd() * 2 * (o.gapS ?? 30) * 1000);
    const target = offset(offset(origin, 90, rnd() * (o.frontKm ?? 200)), 0, (rnd() - 0.5) * 30);
    const window = { from: iso(t), to: iso(t + 120_000) };
    const count = 1 + Math.floor(rnd() * 12);
    const kinds = rnd();
    if (kinds < 0.5) {
      out.push(
        obs(`e${e}-m`, {
          ...sectorTo(offset(target, rnd() * 360, 2 + rnd() * 4), target, 11.25, 1),
          count,
          observedAt: window,
        }),
      );
    }
    if (kinds > 0.3) {
      out.push(
        obs(`e${e}-p`, {
          ...pointAt(offset(target, rnd() * 360, rnd()), 1500),
          count: count + 3,
          observedAt: window,
          source: { kind: 'party', id: 'east-liaison', party: 'east' },
        }),
      );
    }
    if (kinds > 0.7) {
      for (let s = 0; s < 3; s++) {
        const sensor = offset(target, s * 120 + rnd() * 60, 4 + rnd() * 6);
        out.push(
          obs(`e${e}-s${s}`, {
            ...bearingTo(sensor, target, 1, (rnd() - 0.5) * 0.6),
            observedAt: iso(t + 1000),
            source: { kind: 'sensor', id: `sensor-${e % 40}-${s}` },
          }),
        );
      }
    }
  }
  return out;
}
