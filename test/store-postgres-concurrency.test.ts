/**
 * Issue 9 item 2: several processes append to one ledger. Two PostgresStore instances (two pools,
 * as two processes would have) take intake from 20 concurrent writers, some filing the same ids
 * through both stores; the ledger must come out as one sequence without gaps or forks, whose root
 * equals the RFC 9162 reference root of its entries, with every observation stored exactly once.
 * Skips only when no server answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeLeaf } from '../src/app/events/event.js';
import { fileObservations, type FileResult } from '../src/app/file-observations.js';
import { referenceRoot, toHex } from '../src/ledger/index.js';
import { sampleObservation } from '../src/store/port.contract.js';
import { createScratchDatabase, probeServer, testServerUrl, type ScratchDatabase } from '../src/store/postgres/scratch-database.js';
import { PostgresStore } from '../src/store/postgres/store.js';

const SERVER = testServerUrl();
const probe = await probeServer(SERVER);
if (!probe.ok && probe.answered) throw new Error(`the PostgreSQL server at ${SERVER} answered but refused the tests: ${probe.reason}`);
const skipReason = probe.ok ? null : `no PostgreSQL server answers at ${SERVER} (${probe.reason})`;
if (skipReason) it.skip(`PostgreSQL concurrent appends: ${skipReason}`, () => undefined);

const NOW = Date.parse('2026-03-02T00:00:00Z');
const WRITERS = 20;
const WRITES_PER_WRITER = 12;

describe.skipIf(skipReason !== null)('PostgreSQL ledger under concurrent writers', () => {
  let db: ScratchDatabase;
  let stores: PostgresStore[];

  beforeAll(async () => {
    db = await createScratchDatabase(SERVER);
    stores = await Promise.all(['a', 'b'].map(() => PostgresStore.open(db.url, { schema: 'shared', maxConnections: 5 })));
  });
  afterAll(async () => {
    await Promise.all((stores ?? []).map((s) => s.close()));
    await db?.drop();
  });

  it('keeps one gap-free, fork-free log whose root is the reference root of its entries', async () => {
    const results: FileResult[][] = [];
    const writer = async (w: number) => {
      const store = stores[w % 2]!;
      for (let k = 0; k < WRITES_PER_WRITER; k++) {
        // Own ids (1..3 per write), plus one id that every writer files: stored once, then duplicates.
        const own = Array.from({ length: 1 + ((w + k) % 3) }, (_, j) => sampleObservation(100 + w * 40 + k * 3 + j));
        const shared = sampleObservation(k);
        results.push(await fileObservations(store, [...own, shared], { actor: `import:store-${w % 2}`, nowMs: NOW }));
      }
    };
    await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));

    const flat = results.flat();
    expect(flat.filter((r) => r.status === 'conflict' || r.status === 'rejected')).toEqual([]);
    const stored = flat.filter((r) => r.status === 'stored');
    const ownCount = Array.from({ length: WRITERS }, (_, w) => Array.from({ length: WRITES_PER_WRITER }, (_, k) => 1 + ((w + k) % 3))).flat().reduce((a, b) => a + b, 0);
    expect(stored).toHaveLength(ownCount + WRITES_PER_WRITER); // each shared id stored by exactly one writer
    expect(flat.filter((r) => r.status === 'duplicate')).toHaveLength(WRITERS * WRITES_PER_WRITER - WRITES_PER_WRITER);

    const [a, b] = stores as [PostgresStore, PostgresStore];
    const size = await a.ledger.size();
    expect(size).toBe(stored.length);
    expect(await b.ledger.size()).toBe(size);
    const entries: Uint8Array[] = [];
    for (let i = 0; i < size; i++) {
      const leaf = await a.ledger.entry(i);
      expect(leaf, `entry ${i}`).not.toBeNull();
      entries.push(leaf!);
    }
    expect(new Set(stored.map((r) => r.ledgerIndex)).size).toBe(size); // every index answered once: no fork
    const events = entries.map((e) => decodeLeaf(e) as unknown as { actor: string; data: { observation: { id: string } } });
    stored.forEach((r) => expect(events[r.ledgerIndex!]!.data.observation.id).toBe(r.id));
    const switches = events.filter((e, i) => i > 0 && e.actor !== events[i - 1]!.actor).length;
    expect(switches).toBeGreaterThan(1); // the two stores really did interleave

    const reference = toHex(referenceRoot(entries));
    expect(toHex(await a.ledger.root())).toBe(reference);
    expect(toHex(await b.ledger.root())).toBe(reference);
    expect(await a.countObservations()).toBe(size);
    expect((await b.auditState()).differences).toEqual([]);
  });
});
