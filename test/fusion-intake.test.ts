/**
 * The intake paths that hand stored observations to fusion: importNdjson's afterBatch hook, the
 * HTTP intake's fileAs hook, and the store's incident queries those incidents are read through.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileAndFuse, fuseStoredObservations, IncidentFuser } from '../src/app/fusion/index.js';
import { importNdjson } from '../src/app/import-ndjson.js';
import { onLine, testAgreement } from '../src/domain/assessment/test-support/agreement.js';
import { obs, offset, pointAt, sectorTo } from '../src/domain/fusion/test-support/scenario.js';
import type { Observation } from '../src/domain/observation/types.js';
import type { LonLat } from '../src/domain/units.js';
import { fileAs } from '../src/server/routes/observations.js';
import type { IncidentQuery, Store } from '../src/store/port.js';
import { SqliteStore } from '../src/store/sqlite/store.js';

const agreement = testAgreement();
const NOW = Date.parse('2026-03-02T00:00:00Z');
const west = offset(onLine(), 270, 10);
const east = offset(onLine(), 90, 10);

const open = () => SqliteStore.open(join(mkdtempSync(join(tmpdir(), 'truceline-fusion-')), 'test.db'), { synchronous: 'NORMAL' });
const fuserFor = (store: Store) => new IncidentFuser(store, agreement, { log: () => undefined });
async function* linesOf(items: unknown[]): AsyncIterable<string> {
  for (const i of items) yield JSON.stringify(i);
}

/** Fire from a gun at `gun` seen by two patrols (attributed), at minute `m` of the evening. */
const fireAt = (id: string, gun: LonLat, m: number): Observation[] => [
  obs(`${id}-a`, { ...sectorTo(offset(gun, 200, 4), gun, 11.25, 1), direction: 'outgoing', observedAt: { from: `2026-03-01T1${m}:00:00Z`, to: `2026-03-01T1${m}:05:00Z` } }),
  obs(`${id}-b`, { ...sectorTo(offset(gun, 300, 3), gun, 11.25, 1), direction: 'outgoing', observedAt: { from: `2026-03-01T1${m}:00:00Z`, to: `2026-03-01T1${m}:05:00Z` } }),
];

describe('intake hooks', () => {
  it('importNdjson hands each committed batch to afterBatch, so an import fuses as it goes', async () => {
    const store = open();
    const fuser = fuserFor(store);
    const seen: string[][] = [];
    const items = [...fireAt('w', west, 0), ...fireAt('e', east, 2), { id: 'bad' }];
    const s = await importNdjson(store, linesOf(items), {
      actor: 'import:test',
      now: () => NOW,
      batchSize: 2,
      afterBatch: async (stored) => {
        seen.push(stored.map((o) => o.id));
        await fuser.afterStored(stored, NOW);
      },
    });
    expect([s.stored, s.rejected]).toEqual([4, 1]);
    expect(seen).toEqual([['w-a', 'w-b'], ['e-a', 'e-b']]);
    const incidents = (await store.queryIncidents!({ limit: 10 })).items;
    expect(incidents.map((i) => [i.incident.id, i.assessment.attribution.party])).toEqual([
      ['inc-w-a', 'west'],
      ['inc-e-a', 'east'],
    ]);
    await store.close();
  });

  it("the HTTP intake's fileAs hands what it stored (not duplicates, not refusals) to afterStored", async () => {
    const store = open();
    const got: string[][] = [];
    const analyst = { kind: 'user', name: 'ann', role: 'analyst', party: null, via: 'session', scopes: null, mustChangePassword: false } as const;
    const items = fireAt('w', west, 0);
    const first = await fileAs(store, analyst, items, NOW, undefined, async (stored) => got.push(stored.map((o) => o.id)));
    expect(first.summary.stored).toBe(2);
    const again = await fileAs(store, analyst, [...items, { id: 'bad' }], NOW, undefined, async (stored) => got.push(stored.map((o) => o.id)));
    expect(again.summary).toMatchObject({ duplicate: 2, rejected: 1 });
    expect(got).toEqual([['w-a', 'w-b'], []]);
    await store.close();
  });

  it('fuses a store imported without fusion once, and refuses to fuse it twice', async () => {
    const store = open();
    await importNdjson(store, linesOf([...fireAt('w', west, 0), ...fireAt('e', east, 2)]), { actor: 'import:test', now: () => NOW });
    expect((await store.queryIncidents!({ limit: 10 })).items).toEqual([]);
    const r = await fuseStoredObservations(store, agreement, { log: () => undefined });
    expect(r).toMatchObject({ observations: 4, engineErrors: 0 });
    expect((await store.queryIncidents!({ limit: 10 })).items).toHaveLength(2);
    await expect(fuseStoredObservations(store, agreement)).rejects.toThrow(/already holds incidents/);
    await store.close();
  });
});

describe('incident queries', () => {
  async function filled(): Promise<SqliteStore> {
    const store = open();
    const fuser = fuserFor(store);
    const file = (items: unknown[]) => fileAndFuse(store, fuser, items, { actor: 'test', nowMs: NOW });
    await file(fireAt('w', west, 0)); // attributed west; ceasefire, security_zone
    await file(fireAt('e', east, 2)); // attributed east
    await file([obs('hit', { ...pointAt(offset(onLine(48.3), 90, 3), 300), direction: 'impact', observedAt: { from: '2026-03-01T14:00:00Z', to: '2026-03-01T14:01:00Z' } })]); // undetermined
    return store;
  }
  const ids = async (store: Store, q: Omit<IncidentQuery, 'limit'>) => (await store.queryIncidents!({ limit: 10, ...q })).items.map((i) => i.incident.id);

  it.each<[string, Omit<IncidentQuery, 'limit'>, string[]]>([
    ['all, oldest first', {}, ['inc-w-a', 'inc-e-a', 'inc-hit']],
    ['by box (west of the line)', { bbox: [37.5, 47.8, 37.85, 48.2] }, ['inc-w-a']],
    ['by time window overlap', { from: '2026-03-01T12:03:00Z', to: '2026-03-01T13:00:00Z' }, ['inc-e-a']],
    ['by box and time together', { bbox: [37.92, 47.8, 38.2, 48.5], from: '2026-03-01T13:00:00Z' }, ['inc-hit']],
    ['by attributed party', { parties: ['east'] }, ['inc-e-a']],
    ['the unattributed', { parties: ['undetermined'] }, ['inc-hit']],
    ['by provision kind', { provision: 'security_zone' }, ['inc-w-a', 'inc-e-a']],
    ['by provision id', { provision: 'ceasefire' }, ['inc-w-a', 'inc-e-a', 'inc-hit']],
    ['by status', { statuses: ['reported'] }, ['inc-w-a', 'inc-e-a', 'inc-hit']],
    ['by a status nobody has yet', { statuses: ['verified'] }, []],
    ['public only (nothing here is public)', { visibleTo: { party: null, mission: false } }, []],
  ])('%s', async (_, q, want) => {
    const store = await filled();
    expect(await ids(store, q)).toEqual(want);
    await store.close();
  });

  it('pages with a cursor and refuses one it did not issue', async () => {
    const store = await filled();
    const first = await store.queryIncidents!({ limit: 2 });
    expect(first.items).toHaveLength(2);
    const second = await store.queryIncidents!({ limit: 2, cursor: first.nextCursor! });
    expect(second.items.map((i) => i.incident.id)).toEqual(['inc-hit']);
    expect(second.nextCursor).toBeNull();
    await expect(store.queryIncidents!({ limit: 2, cursor: 'bm9wZQ' })).rejects.toThrow(/cursor/);
    await store.close();
  });

  it('answers an unknown id with null', async () => {
    const store = await filled();
    expect(await store.getIncident!('inc-nope')).toBeNull();
    await store.close();
  });
});
