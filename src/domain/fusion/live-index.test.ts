import { describe, expect, it } from 'vitest';
import type { LiveIncident } from './live-incident.js';
import { LiveIndex } from './live-index.js';

interface Fake {
  seq: number;
  byMission: boolean;
  common: { fromMs: number; toMs: number };
  missionCommon: { fromMs: number; toMs: number };
  hiMs: number;
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

function random(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
}

describe('LiveIndex', () => {
  it('finds the mission incidents whose bounds and common windows meet, in opening order', () => {
    const r = random(3);
    const index = new LiveIndex();
    const live = new Set<Fake>();
    const make = (seq: number): Fake => {
      const x = r() * 10,
        y = r() * 10,
        from = r() * 86_400_000;
      // Mostly minutes long; some for hours (indexed apart).
      const len = r() < 0.05 ? r() * 40 * 3_600_000 : r() * 600_000;
      const common = { fromMs: from, toMs: from + len };
      // The mission members' common window holds the whole one: it leaves out the claims.
      const missionCommon =
        r() < 0.5
          ? common
          : { fromMs: from - r() * 3_600_000, toMs: common.toMs + r() * 3_600_000 };
      return {
        seq,
        byMission: r() < 0.8,
        common,
        missionCommon,
        hiMs: common.toMs,
        minX: x,
        minY: y,
        maxX: x + r(),
        maxY: y + r(),
      };
    };
    for (let i = 0; i < 2000; i++) {
      const f = make(i);
      live.add(f);
      index.index(f as unknown as LiveIncident);
      if (r() < 0.3) {
        const gone = [...live][Math.floor(r() * live.size)]!;
        live.delete(gone);
        index.remove(gone as unknown as LiveIncident);
        index.remove(gone as unknown as LiveIncident); // a no-op the second time
      }
    }
    for (let q = 0; q < 300; q++) {
      const x = r() * 10,
        y = r() * 10,
        from = r() * 86_400_000;
      const bbox = { minX: x, minY: y, maxX: x + r() * 3, maxY: y + r() * 3 };
      const window = { fromMs: from, toMs: from + (q % 10 === 0 ? 12 * 3_600_000 : 300_000) };
      const meeting = (instants: (f: Fake) => { fromMs: number; toMs: number }) =>
        [...live]
          .filter(
            (f) =>
              f.byMission &&
              f.minX <= bbox.maxX &&
              f.minY <= bbox.maxY &&
              f.maxX >= bbox.minX &&
              f.maxY >= bbox.minY &&
              instants(f).fromMs <= window.toMs &&
              window.fromMs <= instants(f).toMs,
          )
          .sort((a, b) => a.seq - b.seq);
      expect(index.linkable(bbox, window)).toEqual(meeting((f) => f.common));
      expect(index.claimable(bbox, window)).toEqual(meeting((f) => f.missionCommon));
    }
  });
});
