/**
 * The load benchmark (bench/load.ts) end to end in a few seconds, so it keeps working: one
 * `truceline serve` process on SQLite, a published daily report, three seconds of the mixed load
 * from autocannon in a second process at a low fixed rate, and the server's memory sampled.
 */
import { expect, it } from 'vitest';
import { measureConfiguration, section, slope, verdict } from '../bench/load.js';

it('slope is the least-squares fit and verdict names what missed the target', () => {
  expect(slope([0, 1, 2, 3], [10, 12, 14, 16])).toBeCloseTo(2);
  expect(slope([0, 1, 2], [5, 5, 5])).toBe(0);
  const ok = { seconds: 10, requests: 100, rps: 10, latency: { count: 100, p50: 5, p99: 50, max: 80 }, byKind: {} as never, errors: 0, timeouts: 0, non2xx: {}, observationsSent: 100 };
  expect(verdict(ok, 10, 10)).toBe('');
  expect(verdict({ ...ok, latency: { ...ok.latency, p99: 250 } }, 10, 10)).toMatch(/p99 250 ms/);
  expect(verdict({ ...ok, non2xx: { 429: 3 } }, 10, 10)).toMatch(/3 × 429/);
  expect(verdict({ ...ok, requests: 50 }, 10, 10)).toMatch(/only 5\.0 of 10 req\/s/);
});

it('runs the mixed load against a SQLite server and reports latencies, counts and memory', { timeout: 90_000 }, async () => {
  const lines: string[] = [];
  const m = await measureConfiguration({ store: 'sqlite', procs: 1, duration: 3, rate: 10, connections: 2, warmupSeconds: 0, seedBatches: 4, log: (l) => lines.push(l) });
  expect(m.rate).toBe(10);
  expect(m.probes).toEqual([]);
  expect(m.run.requests).toBeGreaterThan(0);
  expect(m.run.errors + m.run.timeouts).toBe(0);
  expect(m.run.non2xx).toEqual({});
  for (const kind of ['intake', 'map', 'reports'] as const) {
    expect(m.run.byKind[kind].count, kind).toBeGreaterThan(0);
    expect(m.run.byKind[kind].p50, kind).toBeGreaterThan(0);
  }
  expect(m.run.latency.p50).toBeLessThanOrEqual(m.run.latency.p99);
  expect(m.run.latency.p99).toBeLessThanOrEqual(m.run.latency.max);
  expect(m.run.observationsSent).toBeGreaterThan(0);
  expect(m.rss.length).toBeGreaterThanOrEqual(2);
  for (const s of m.rss) expect(s.perProcess[0]).toBeGreaterThan(10);
  expect(Number.isFinite(m.memory.slopeMiBPerMin)).toBe(true);
  expect(lines.some((l) => l.includes('full run'))).toBe(true);
  const md = section([m], 'npx tsx bench/load.ts --store sqlite --procs 1', { before: [1, 1, 1], after: [1, 1, 1] });
  expect(md).toContain('| SQLite × 1 | 10 |');
});
