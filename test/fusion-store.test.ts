/**
 * The incident area's appliers (src/store/sqlite/areas/incidents.ts), driven by hand-written
 * `incident.*` events: upserts from whole snapshots, aliases through chains of merges, an alias
 * reclaimed by a split, status kept across updates, and the state as the fold of the ledger.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LedgerEvent } from '../src/app/events/event.js';
import type { Incident } from '../src/domain/fusion/index.js';
import type { IncidentEventData, IncidentEventKind } from '../src/store/port.js';
import { SqliteStore } from '../src/store/sqlite/store.js';

const open = () => SqliteStore.open(join(mkdtempSync(join(tmpdir(), 'truceline-incidents-')), 'test.db'), { synchronous: 'NORMAL' });

function snapshot(id: string, observationIds: string[], aliases: string[] = [], lon = 37.9): Incident {
  return {
    id,
    location: [lon, 48.0],
    region: { polygon: [[[[lon - 0.01, 47.99], [lon + 0.01, 47.99], [lon + 0.01, 48.01], [lon - 0.01, 47.99]]]], maxErrorM: 10 },
    radius90M: 800,
    locationMethod: 'single',
    window: { from: '2026-03-01T18:40:00.000Z', to: '2026-03-01T18:45:00.000Z' },
    observationIds,
    rawCounts: [],
    sourceCounts: [],
    count: 3,
    events: ['explosion'],
    weapon: 'undetermined',
    direction: 'impact',
    sourceKinds: ['monitor'],
    aliases,
    bearings: null,
    placedBy: observationIds,
    disagreeing: [],
  } as unknown as Incident;
}

function event(kind: IncidentEventKind, incident: Incident, extra: Partial<IncidentEventData> = {}): { event: LedgerEvent } {
  const data: IncidentEventData = {
    incident,
    assessment: { origin: null, attribution: { party: 'undetermined', confidence: 0, shares: {}, reason: 'none' }, provisions: [] },
    visibility: 'mission',
    party: null,
    reason: `test ${kind}`,
    observationIds: [],
    ...extra,
  };
  return { event: { v: 1, type: `incident.${kind}`, at: '2026-03-01T18:50:00.000Z', actor: 'system', data: data as unknown as LedgerEvent['data'] } };
}

const record = (store: SqliteStore, ...events: { event: LedgerEvent }[]) => store.write((tx) => tx.record(events));
const ids = async (store: SqliteStore) => (await store.queryIncidents({ limit: 50 })).items.map((i) => [i.incident.id, i.incident.aliases]);

describe('incident appliers', () => {
  it('upserts: an update replaces the snapshot and keeps the row, its place in the order and its status', async () => {
    const store = open();
    await record(store, event('opened', snapshot('inc-a', ['a'])), event('opened', snapshot('inc-z', ['z'])));
    await record(store, event('updated', snapshot('inc-a', ['a', 'b'], [], 38.0)));
    const got = (await store.getIncident('inc-a'))!;
    expect(got).toMatchObject({ status: 'reported', updatedLedgerIndex: 2 });
    expect(got.incident.observationIds).toEqual(['a', 'b']);
    expect(await ids(store)).toEqual([['inc-a', []], ['inc-z', []]]);
    // The place index follows the update.
    expect((await store.queryIncidents({ limit: 5, bbox: [37.95, 47.9, 38.05, 48.1] })).items.map((i) => i.incident.id)).toEqual(['inc-a']);
    await store.close();
  });

  it('merges through a chain: the absorbed row goes, its id and its own aliases answer for the keeper', async () => {
    const store = open();
    await record(store, event('opened', snapshot('inc-a', ['a'])), event('opened', snapshot('inc-b', ['b'])), event('opened', snapshot('inc-c', ['c'])));
    await record(store, event('merged', snapshot('inc-b', ['b', 'c'], ['inc-c']), { absorbedId: 'inc-c' }));
    await record(store, event('merged', snapshot('inc-a', ['a', 'b', 'c'], ['inc-b', 'inc-c']), { absorbedId: 'inc-b' }));
    expect(await ids(store)).toEqual([['inc-a', ['inc-b', 'inc-c']]]);
    for (const alias of ['inc-b', 'inc-c']) expect((await store.getIncident(alias))!.incident.id).toBe('inc-a');
    await store.close();
  });

  it('gives an id back when a split reclaims it from the aliases', async () => {
    const store = open();
    await record(store, event('opened', snapshot('inc-a', ['a'])), event('opened', snapshot('inc-x', ['x'])));
    await record(store, event('merged', snapshot('inc-a', ['a', 'x'], ['inc-x']), { absorbedId: 'inc-x' }));
    await record(store, event('split', snapshot('inc-x', ['x']), { fromIncidentId: 'inc-a', observationIds: ['x'] }), event('updated', snapshot('inc-a', ['a'])));
    expect((await store.getIncident('inc-x'))!.incident.observationIds).toEqual(['x']);
    expect(await ids(store)).toEqual([['inc-a', []], ['inc-x', []]]);
    await store.close();
  });

  it('stays the fold of the ledger: the audit finds nothing and a rebuild gives the same answers', async () => {
    const store = open();
    await record(store, event('opened', snapshot('inc-a', ['a'])), event('opened', snapshot('inc-b', ['b'])));
    await record(store, event('merged', snapshot('inc-a', ['a', 'b'], ['inc-b']), { absorbedId: 'inc-b' }));
    await record(store, event('split', snapshot('inc-b', ['b']), { fromIncidentId: 'inc-a' }), event('updated', snapshot('inc-a', ['a'])));
    expect((await store.auditState()).differences).toEqual([]);
    const before = await store.queryIncidents({ limit: 10 });
    expect(await store.rebuild()).toBe(5);
    expect(await store.queryIncidents({ limit: 10 })).toEqual(before);
    await store.close();
  });

  it('refuses an incident event with no snapshot, naming the entry', async () => {
    const store = open();
    await expect(store.write((tx) => tx.record([{ event: { v: 1, type: 'incident.opened', at: '2026-03-01T18:50:00Z', actor: 'system', data: {} } }]))).rejects.toThrow(
      'incident.opened at 0: no incident snapshot',
    );
    expect(await store.ledger.size()).toBe(0);
    await store.close();
  });
});
