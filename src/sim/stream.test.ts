/**
 * The simulator streams: a long run holds about an hour of items, not the whole run. Memory is
 * measured loosely, without forcing GC: the lowest heapUsed seen late in the run (just after a
 * collection) must be close to the lowest seen early on. Run with --expose-gc the retained heap
 * stays within ~2 MB over 200,000 observations.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAgreement } from '../domain/agreement/index.js';
import { simulate } from './simulate.js';

const agreement = parseAgreement(
  JSON.parse(
    readFileSync(new URL('../../scenarios/ukraine-2026/agreement.json', import.meta.url), 'utf8'),
  ),
);

describe('simulate streams', () => {
  it('generates 200,000 observations without holding on to them', () => {
    const target = 200_000;
    const samples: number[] = [];
    let observations = 0;
    let ndjsonBytes = 0;
    for (const item of simulate(agreement, {
      seed: 21,
      days: 120,
      start: '2026-03-01T00:00:00Z',
      tempo: 'high',
    })) {
      if (!('observation' in item)) continue;
      observations++;
      if (observations % 100 === 0)
        ndjsonBytes += (JSON.stringify(item.observation).length + 1) * 100;
      if (observations % 1_000 === 0) samples.push(process.memoryUsage().heapUsed);
      if (observations >= target) break;
    }
    expect(observations).toBe(target);
    const quarter = Math.floor(samples.length / 4);
    const earlyLow = Math.min(...samples.slice(0, quarter));
    const lateLow = Math.min(...samples.slice(-quarter));
    const mb = (n: number) => n / 2 ** 20;
    // Holding the observations would add at least their NDJSON size (~90 MB) to the heap.
    expect(mb(ndjsonBytes)).toBeGreaterThan(64);
    expect(mb(lateLow - earlyLow)).toBeLessThan(32);
    expect(mb(Math.max(...samples) - earlyLow)).toBeLessThan(256);
  }, 120_000);
});
