import { describe, expect, it } from 'vitest';
import { FusionEngine } from './engine.js';
import { fuseAll } from './fuse-all.js';
import { syntheticStream } from './test-support/generator.js';
import { statedWindowMs } from './time.js';

describe('fuseAll', () => {
  const stream = syntheticStream({ events: 520, seed: 7 }).slice(0, 1000);

  it('is deterministic: 1,000 observations in one order give the same changes twice', () => {
    expect(stream).toHaveLength(1000);
    const a = fuseAll(stream);
    const b = fuseAll(stream);
    expect(b).toEqual(a);
    expect(JSON.stringify(b.changes)).toBe(JSON.stringify(a.changes));
    // Every observation ends up in exactly one incident.
    const ids = a.incidents.flatMap((i) => i.observationIds).sort();
    expect(ids).toEqual(stream.map((o) => o.id).sort());
    expect(a.incidents.length).toBeLessThan(stream.length);
  });

  it('keeps memory bounded: incidents older than the window are dropped as the clock advances', () => {
    const long = syntheticStream({ events: 600, seed: 3, gapS: 300 }); // about 50 hours
    const engine = new FusionEngine({ windowMs: 2 * 3600_000 });
    let peak = 0;
    let now = -Infinity;
    for (const o of long) {
      now = Math.max(now, statedWindowMs(o).toMs);
      engine.add(o, now);
      peak = Math.max(peak, engine.size);
    }
    // About 24 events arrive in two hours; the whole run holds 600.
    expect(peak).toBeLessThan(60);
    expect(engine.observationCount).toBeLessThan(150);
    for (const inc of engine.incidents())
      expect(Date.parse(inc.window.to)).toBeGreaterThan(now - 3 * 3600_000);
    const live = engine.size;
    expect(engine.advance(now + 24 * 3600_000)).toHaveLength(live);
    expect([engine.size, engine.observationCount]).toEqual([0, 0]);
  });
});
