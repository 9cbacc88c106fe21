// The map's incident counts per cell (GET /api/v1/incidents/grid) against the real server: each
// caller counts only the incidents it could list, a liaison never the other party's confidential
// ones, bad parameters answer 400 naming the field, and ETag / 304 hold until the ledger grows
// (a merge included).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerEvent } from '../src/app/events/event.js';
import type { Store } from '../src/store/port.js';
import { json, startTestServer, type Session, type TestServer } from '../src/server/test-harness.js';

let s: TestServer;
let partyA: string;
let partyB: string;
const as: Record<string, Session | undefined> = {};

interface Spec {
  readonly id: string;
  readonly lon: number;
  readonly lat: number;
  readonly visibility: 'public' | 'mission' | 'party-confidential';
  readonly party?: string;
  readonly attributed?: string;
  readonly aliases?: readonly string[];
}

/** An `incident.<kind>` ledger event whose snapshot is `i` (as fusion records them). */
function incidentEvent(kind: 'opened' | 'merged', i: Spec, extra: Record<string, unknown> = {}): LedgerEvent {
  return {
    v: 1,
    type: `incident.${kind}`,
    at: '2026-03-01T00:10:00Z',
    actor: 'system',
    data: {
      incident: {
        id: i.id,
        location: [i.lon, i.lat],
        radius90M: 200,
        window: { from: '2026-03-01T00:00:00Z', to: '2026-03-01T00:05:00Z' },
        events: ['explosion'],
        weapon: 'artillery',
        aliases: i.aliases ?? [],
        observationIds: [],
      },
      assessment: {
        origin: null,
        attribution: { party: i.attributed ?? 'undetermined', confidence: 1, shares: {}, reason: 'test' },
        provisions: [],
      },
      visibility: i.visibility,
      party: i.party ?? null,
      reason: 'test',
      observationIds: [],
      ...extra,
    },
  };
}

async function record(store: Store, events: readonly LedgerEvent[]): Promise<void> {
  await store.write((tx) => tx.record(events.map((event) => ({ event, confidential: event.data.visibility === 'party-confidential' }))));
}

const GRID = '/api/v1/incidents/grid?bbox=37,48,39,49&cell=0.5';
const LIST = '/api/v1/incidents?bbox=37,48,39,49&limit=100';
// Cells of 0.5°: column floor((lon + 180) / 0.5), row floor((lat + 90) / 0.5).
const PUBLIC_CELL = '434:276';
const MISSION_CELL = '435:277';
const A_CELL = '436:276';
const B_CELL = '437:277';

const cellOf = (body: { features: { id: string; properties: { count: number } }[] }) =>
  Object.fromEntries(body.features.map((f) => [f.id, f.properties.count]));

beforeAll(async () => {
  s = await startTestServer({ loginPerMinutePerIp: 10_000 });
  [partyA, partyB] = s.parties;
  for (const c of ['monitor', 'liaison-a', 'liaison-b'] as const) as[c] = await s.session(c);
  const n = (k: number, f: (i: number) => Spec) => Array.from({ length: k }, (_, i) => incidentEvent('opened', f(i)));
  await record(s.mission.store, [
    ...n(3, (i) => ({ id: `pub-${i}`, lon: 37.1 + i * 0.01, lat: 48.1, visibility: 'public', attributed: partyA })),
    ...n(2, (i) => ({ id: `mis-${i}`, lon: 37.6, lat: 48.6 + i * 0.01, visibility: 'mission', attributed: partyB })),
    ...n(4, (i) => ({ id: `a-${i}`, lon: 38.1, lat: 48.1 + i * 0.01, visibility: 'party-confidential', party: partyA, attributed: partyB })),
    ...n(5, (i) => ({ id: `b-${i}`, lon: 38.6, lat: 48.6 + i * 0.01, visibility: 'party-confidential', party: partyB, attributed: partyA })),
    // Outside the box: never counted.
    incidentEvent('opened', { id: 'far', lon: 36.5, lat: 48.1, visibility: 'public' }),
  ]);
});
afterAll(() => s.close());

describe('GET /api/v1/incidents/grid', () => {
  it('counts per cell what each caller may list, and nothing of the other party', async () => {
    const expected: [string, Record<string, number>][] = [
      ['monitor', { [PUBLIC_CELL]: 3, [MISSION_CELL]: 2, [A_CELL]: 4, [B_CELL]: 5 }],
      ['liaison-a', { [PUBLIC_CELL]: 3, [A_CELL]: 4 }],
      ['liaison-b', { [PUBLIC_CELL]: 3, [B_CELL]: 5 }],
      ['anonymous', { [PUBLIC_CELL]: 3 }],
    ];
    for (const [who, cells] of expected) {
      const res = await s.fetch(GRID, { as: as[who] });
      expect(res.status, who).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/geo\+json/);
      const body = await json(res);
      expect(cellOf(body), who).toEqual(cells);
      const total = Object.values(cells).reduce((a, b) => a + b, 0);
      expect(body.numberMatched, who).toBe(total);
      // The same incidents the list gives this caller.
      expect((await json(await s.fetch(LIST, { as: as[who] }))).numberReturned, who).toBe(total);
    }
  });

  it('gives each cell its box, mean location and counts by status, and filters like the list', async () => {
    const body = await json(await s.fetch(GRID, { as: as.monitor }));
    const cell = body.features.find((f: { id: string }) => f.id === PUBLIC_CELL);
    expect(cell.properties.cell).toEqual([37, 48, 37.5, 48.5]);
    expect(cell.geometry.coordinates[0]).toBeCloseTo(37.11, 5);
    expect(cell.properties.statuses).toEqual({ reported: 3 });
    expect(cellOf(await json(await s.fetch(`${GRID}&party=${partyA}`, { as: as.monitor })))).toEqual({ [PUBLIC_CELL]: 3, [B_CELL]: 5 });
    // `side`: the parties on that side of the line; with `party` too, only those on both.
    const sideOf = (id: string) => s.mission.agreement.parties.find((p) => p.id === id)!.side;
    expect(cellOf(await json(await s.fetch(`${GRID}&side=${sideOf(partyB)}`, { as: as.monitor })))).toEqual({ [MISSION_CELL]: 2, [A_CELL]: 4 });
    expect((await json(await s.fetch(`${GRID}&side=${sideOf(partyB)}&party=${partyA}`, { as: as.monitor }))).features).toEqual([]);
    expect((await json(await s.fetch(`${GRID}&status=verified`, { as: as.monitor }))).features).toEqual([]);
    expect((await json(await s.fetch(`${GRID}&from=2027-01-01T00:00:00Z`, { as: as.monitor }))).features).toEqual([]);
    expect((await json(await s.fetch(`${GRID}&weapon=mortar`, { as: as.monitor }))).features).toEqual([]);
  });

  const bad: [string, string][] = [
    ['bbox=37,48,39', 'query.bbox'],
    ['bbox=37,48,39,49&status=Verified!', 'query.status'],
    ['bbox=37,48,39,49&from=yesterday', 'query.from'],
    ['bbox=37,48,39,49&provision=DROP TABLE', 'query.provision'],
    ['bbox=37,48,39,49&cell=0', 'query.cell'],
    ['bbox=-180,-90,180,90&cell=0.01', 'query.cell'],
    ['bbox=37,48,39,49&side=north', 'query.side'],
  ];
  for (const [query, field] of bad) {
    it(`answers 400 naming ${field} for ?${query}`, async () => {
      const res = await s.fetch(`/api/v1/incidents/grid?${query}`, { as: as.monitor });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/problem\+json/);
      const body = await json(res);
      expect(body.errors.map((e: { path: string }) => e.path)).toContain(field);
    });
  }
});

describe('cached incident grids and ETags keep compartments apart', () => {
  it("a liaison never gets another compartment's cached answer", async () => {
    const mission = cellOf(await json(await s.fetch(GRID, { as: as.monitor })));
    expect(mission[A_CELL]).toBeDefined();
    expect(cellOf(await json(await s.fetch(GRID, { as: as['liaison-b'] })))[A_CELL]).toBeUndefined();
    expect(cellOf(await json(await s.fetch(GRID, { as: as['liaison-a'] })))[B_CELL]).toBeUndefined();
  });

  it('answers 304 to its own ETag until the ledger grows, and counts a merge as one incident', async () => {
    const first = await s.fetch(GRID, { as: as.monitor });
    const tag = first.headers.get('etag')!;
    expect(tag).toMatch(/^"\d+-[A-Za-z0-9_-]+"$/);
    expect(first.headers.get('cache-control')).toBe('private, no-cache');
    const again = await s.fetch(GRID, { as: as.monitor, headers: { 'if-none-match': tag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    const other = await s.fetch(GRID, { as: as['liaison-b'], headers: { 'if-none-match': tag } });
    expect(other.status).toBe(200);
    // mis-1 absorbs mis-0: the mission's cell holds one incident fewer.
    await record(s.mission.store, [
      incidentEvent('merged', { id: 'mis-1', lon: 37.6, lat: 48.61, visibility: 'mission', attributed: partyB, aliases: ['mis-0'] }, { absorbedId: 'mis-0' }),
    ]);
    const changed = await s.fetch(GRID, { as: as.monitor, headers: { 'if-none-match': tag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(tag);
    expect(cellOf(await json(changed))[MISSION_CELL]).toBe(1);
  });
});
