import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleObservation } from '../store/port.contract.js';
import { SqliteStore } from '../store/sqlite/store.js';
import { importNdjson, type LineProblem } from './import-ndjson.js';
import { PreparePool } from './intake/prepare-pool.js';

const NOW = Date.parse('2026-03-02T00:00:00Z');
const open = () => SqliteStore.open(join(mkdtempSync(join(tmpdir(), 'truceline-import-')), 't.db'), { synchronous: 'NORMAL' });

async function* linesOf(lines: string[]): AsyncIterable<string> {
  for (const l of lines) yield l;
}

const line = (n: number, over = {}) => JSON.stringify(sampleObservation(n, over));

describe('importNdjson', () => {
  it('counts stored, duplicate, conflicting and rejected lines, naming each problem line', async () => {
    const store = open();
    await importNdjson(store, linesOf([line(1)]), { actor: 't', now: () => NOW });
    const problems: LineProblem[] = [];
    const s = await importNdjson(
      store,
      linesOf([line(1), line(2), '', line(1, { count: 77 }), '{not json', line(3, { count: 0 }), line(4)]),
      { actor: 't', now: () => NOW, onProblem: (p) => problems.push(p), batchSize: 2 },
    );
    expect(s).toMatchObject({ lines: 7, stored: 2, duplicate: 1, conflict: 1, rejected: 2, stopped: false });
    // JSON syntax errors are reported as read, the rest as each batch commits: compare by line.
    expect(problems.map((p) => [p.line, p.status]).sort((a, b) => (a[0] as number) - (b[0] as number))).toEqual([
      [4, 'conflict'],
      [5, 'rejected'],
      [6, 'rejected'],
    ]);
    expect(problems.find((p) => p.line === 6)?.issues[0]?.path).toBe('count');
    expect(problems.find((p) => p.line === 5)?.issues[0]?.reason).toMatch(/not valid JSON/);
    await store.close();
  });

  it('with stop-on-error stores the lines before the first bad one and nothing after', async () => {
    const store = open();
    const s = await importNdjson(store, linesOf([line(1), line(2), line(3, { count: -1 }), line(4), line(5)]), {
      actor: 't',
      now: () => NOW,
      stopOnError: true,
      batchSize: 10,
    });
    expect(s).toMatchObject({ stored: 2, rejected: 1, stopped: true });
    expect(await store.countObservations()).toBe(2);
    expect(await store.getObservation('obs-000004')).toBeNull();
    await store.close();
  });

  it('stops between batches when asked, keeping every committed line; a rerun completes it', async () => {
    const store = open();
    const all = Array.from({ length: 50 }, (_, n) => line(n));
    let batches = 0;
    const first = await importNdjson(store, linesOf(all), { actor: 't', now: () => NOW, batchSize: 10, shouldStop: () => ++batches >= 2 });
    expect(first).toMatchObject({ stored: 20, stopped: true });
    expect(await store.countObservations()).toBe(20);
    const second = await importNdjson(store, linesOf(all), { actor: 't', now: () => NOW, batchSize: 10 });
    expect(second).toMatchObject({ stored: 30, duplicate: 20 });
    expect(await store.countObservations()).toBe(50);
    expect(await store.ledger.size()).toBe(50);
    await store.close();
  });

  it('stores the same through worker threads as inline, with the same answers per line', async () => {
    const lines = [...Array.from({ length: 40 }, (_, n) => line(n)), '{oops', line(41, { count: 0 }), line(3, { count: 99 })];
    const run = async (pool?: PreparePool) => {
      const store = open();
      const problems: LineProblem[] = [];
      const s = await importNdjson(store, linesOf(lines), { actor: 't', now: () => NOW, batchSize: 7, pool, onProblem: (p) => problems.push(p) });
      const stored = [];
      for await (const o of store.streamObservations()) stored.push(o.observation);
      const root = Buffer.from(await store.ledger.root()).toString('hex');
      await store.close();
      return { s, problems: problems.map((p) => [p.line, p.status, p.issues[0]?.path]).sort(), stored, size: stored.length, root: root.length };
    };
    const pool = new PreparePool(1);
    try {
      const inline = await run();
      const threaded = await run(pool);
      expect(threaded).toEqual(inline);
      expect(inline.s).toMatchObject({ stored: 40, rejected: 2, conflict: 1 });
    } finally {
      await pool.close();
    }
  });
});
