/**
 * The store contract: every adapter of the port runs this same suite (sqlite now; postgres when
 * its adapter lands). Adapters differ in SQL, never in behaviour.
 */
import { describe, expect, it } from 'vitest';
import { fileObservations } from '../app/file-observations.js';
import { decodeLeaf } from '../app/events/event.js';
import { normaliseObservation } from '../domain/observation/normalise.js';
import type { Observation } from '../domain/observation/types.js';
import type { Store, StoredObservation } from './port.js';

const NOW = Date.parse('2026-03-02T00:00:00Z');

export function sampleObservation(n: number, over: Partial<Observation> = {}): Observation {
  return {
    id: `obs-${String(n).padStart(6, '0')}`,
    source: { kind: 'monitor', id: 'patrol-7' },
    observedAt: { from: '2026-03-01T18:40:00Z', to: '2026-03-01T18:45:00Z' },
    location: { lat: 48.0 + n * 0.01, lon: 37.8 + n * 0.01, radiusM: 500 },
    event: 'explosion',
    count: 1 + (n % 5),
    weapon: 'undetermined',
    direction: 'impact',
    ...over,
  };
}

async function all(store: Store): Promise<StoredObservation[]> {
  const out: StoredObservation[] = [];
  for await (const s of store.streamObservations()) out.push(s);
  return out;
}

export function describeStoreContract(name: string, open: () => Promise<Store>): void {
  describe(`store contract: ${name}`, () => {
    const file = (store: Store, items: unknown[]) => fileObservations(store, items, { actor: 'test', nowMs: NOW });

    it('stores an observation once, with its ledger event, and reads it back', async () => {
      const store = await open();
      const before = await store.ledger.size();
      const [r] = await file(store, [sampleObservation(1)]);
      expect(r).toMatchObject({ status: 'stored', id: 'obs-000001', ledgerIndex: before });
      expect(await store.ledger.size()).toBe(before + 1);
      const got = await store.getObservation('obs-000001');
      expect(got?.observation).toEqual(normaliseObservation(sampleObservation(1)));
      const leaf = decodeLeaf((await store.ledger.entry(before))!);
      expect(leaf).toMatchObject({ type: 'observation.stored', data: { observation: { id: 'obs-000001' } } });
      await store.close();
    });

    it('answers the same id and body again as a duplicate and stores nothing more', async () => {
      const store = await open();
      await file(store, [sampleObservation(1)]);
      const size = await store.ledger.size();
      const [r] = await file(store, [sampleObservation(1)]);
      expect(r?.status).toBe('duplicate');
      expect(await store.ledger.size()).toBe(size);
      expect(await store.countObservations()).toBe(1);
      await store.close();
    });

    it('reports a different body under a known id as a conflict and keeps the first', async () => {
      const store = await open();
      await file(store, [sampleObservation(1)]);
      const [r] = await file(store, [sampleObservation(1, { count: 99 })]);
      expect(r).toMatchObject({ status: 'conflict', issues: [{ path: 'id' }] });
      expect((await store.getObservation('obs-000001'))?.observation.count).toBe(sampleObservation(1).count);
      await store.close();
    });

    it('judges a repeated id within one batch against the first item of the batch', async () => {
      const store = await open();
      const rs = await file(store, [sampleObservation(1), sampleObservation(1), sampleObservation(1, { count: 50 })]);
      expect(rs.map((r) => r.status)).toEqual(['stored', 'duplicate', 'conflict']);
      expect(await store.countObservations()).toBe(1);
      await store.close();
    });

    it('rolls back every write of a transaction that throws, ledger included', async () => {
      const store = await open();
      const size = await store.ledger.size();
      await expect(
        store.write(async (tx) => {
          await tx.record([{ event: { v: 1, type: 'observation.stored', at: '2026-03-01T00:00:00.000Z', actor: 't', data: { observation: sampleObservation(5), digest: 'x', receivedAt: 'x' } } }]);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await store.ledger.size()).toBe(size);
      expect(await store.getObservation('obs-000005')).toBeNull();
      await store.close();
    });

    it('refuses an event type that no applier knows, storing nothing', async () => {
      const store = await open();
      const size = await store.ledger.size();
      await expect(store.write((tx) => tx.record([{ event: { v: 1, type: 'no.such.event', at: 'x', actor: 't', data: {} } }]))).rejects.toThrow(/no applier/);
      expect(await store.ledger.size()).toBe(size);
      await store.close();
    });

    it('filters by bounding box, time window, kind and weapon, and pages with a cursor', async () => {
      const store = await open();
      const items = Array.from({ length: 30 }, (_, n) =>
        sampleObservation(n, { weapon: n % 3 === 0 ? 'mortar' : 'undetermined', event: n % 2 === 0 ? 'explosion' : 'muzzle_flash' }),
      );
      await file(store, items);
      const bbox = [37.8 + 0.095, 47.9, 37.8 + 0.195, 48.3] as const; // n = 10..19 by centre (radius 500 m overlaps neighbours)
      const inBox = await store.queryObservations({ bbox, limit: 100 });
      const ids = inBox.items.map((s) => s.observation.id);
      expect(ids).toContain('obs-000010');
      expect(ids).toContain('obs-000019');
      expect(ids).not.toContain('obs-000005');
      expect(ids).not.toContain('obs-000025');
      const mortars = await store.queryObservations({ weapons: ['mortar'], events: ['explosion'], limit: 100 });
      expect(mortars.items.every((s) => s.observation.weapon === 'mortar' && s.observation.event === 'explosion')).toBe(true);
      expect(mortars.items.length).toBe(5);
      const later = await store.queryObservations({ from: '2026-03-01T19:00:00Z', limit: 100 });
      expect(later.items).toHaveLength(0);
      const overlapping = await store.queryObservations({ from: '2026-03-01T18:44:00Z', to: '2026-03-01T18:50:00Z', limit: 100 });
      expect(overlapping.items).toHaveLength(30);
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await store.queryObservations({ limit: 7, cursor });
        seen.push(...page.items.map((s) => s.observation.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen).toEqual(items.map((o) => o.id));
      await store.close();
    });

    it('hides party-confidential filings from the other party and from the public', async () => {
      const store = await open();
      await file(store, [
        sampleObservation(1, { source: { kind: 'party', id: 'liaison-a', party: 'A' }, visibility: 'party-confidential' }),
        sampleObservation(2, { source: { kind: 'party', id: 'liaison-b', party: 'B' }, visibility: 'party-confidential' }),
        sampleObservation(3, { visibility: 'public' }),
        sampleObservation(4),
      ]);
      const ids = async (visibleTo: { party: string | null; mission: boolean }) =>
        (await store.queryObservations({ limit: 10, visibleTo })).items.map((s) => s.observation.id).sort();
      expect(await ids({ party: 'A', mission: false })).toEqual(['obs-000001', 'obs-000003']);
      expect(await ids({ party: 'B', mission: false })).toEqual(['obs-000002', 'obs-000003']);
      expect(await ids({ party: null, mission: false })).toEqual(['obs-000003']);
      expect(await ids({ party: null, mission: true })).toHaveLength(4);
      await store.close();
    });

    it('seals a confidential filing in the public log and still rebuilds it', async () => {
      const store = await open();
      const [r] = await file(store, [sampleObservation(1, { source: { kind: 'party', id: 'l', party: 'A' }, visibility: 'party-confidential' })]);
      const leaf = decodeLeaf((await store.ledger.entry(r!.ledgerIndex!))!);
      expect(leaf.type).toBe('sealed');
      expect(JSON.stringify(leaf)).not.toContain('obs-000001');
      await store.rebuild();
      expect((await store.getObservation('obs-000001'))?.observation.source.party).toBe('A');
      await store.close();
    });

    it('keeps documents by content digest, once', async () => {
      const store = await open();
      const body = new TextEncoder().encode('{"id":"agreement"}');
      const [a, b] = await store.write(async (tx) => [await tx.putDocument(body, 'application/json'), await tx.putDocument(body, 'application/json')]);
      expect(a).toBe('01e21293735d2070e3b58ffa99c544a8c8aee0715513a452fafcdc7e4f4a4887'); // sha256 of the bytes
      expect(b).toBe(a);
      expect(Buffer.from((await store.getDocument(a))!.body).toString()).toBe('{"id":"agreement"}');
      expect(await store.getDocument('0'.repeat(64))).toBeNull();
      await store.close();
    });

    it('rebuilds from the ledger alone a state equal to the original', async () => {
      const store = await open();
      await file(store, Array.from({ length: 50 }, (_, n) => sampleObservation(n)));
      const before = { obs: await all(store), meta: await store.getMeta('agreement_digest'), root: await store.ledger.root() };
      const applied = await store.rebuild();
      expect(applied).toBe(await store.ledger.size());
      expect(await all(store)).toEqual(before.obs);
      expect(await store.getMeta('agreement_digest')).toBe(before.meta);
      expect(Buffer.from(await store.ledger.root())).toEqual(Buffer.from(before.root));
      await store.close();
    });
  });
}
