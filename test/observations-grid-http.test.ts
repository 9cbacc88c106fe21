// Issue 4, query: the map grid (GET /api/v1/observations/grid) and the answers' caching (query
// cache, ETag / 304) keep the parties' compartments apart, against the real server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileObservations } from '../src/app/file-observations.js';
import {
  json,
  sampleObservation,
  startTestServer,
  type Session,
  type TestServer,
} from '../src/server/test-harness.js';

let s: TestServer;
let partyA: string;
let partyB: string;
const as: Record<string, Session | undefined> = {};
let next = 0;

/** An observation at a point, with the given compartment. */
function at(lon: number, lat: number, over: Record<string, unknown> = {}): Record<string, unknown> {
  const { observer: _o, bearing: _b, distanceKm: _d, ...base } = sampleObservation(next++);
  return { ...base, id: `grid-${next}`, location: { lon, lat, radiusM: 100 }, ...over };
}
const confidential = (party: string) => ({
  source: { kind: 'party', id: `${party}-liaison`, party },
  visibility: 'party-confidential',
});

async function file(items: Record<string, unknown>[]): Promise<void> {
  const results = await fileObservations(s.mission.store, items, {
    actor: 'test',
    nowMs: Date.now(),
  });
  expect(results.map((r) => r.status)).toEqual(items.map(() => 'stored'));
}

const GRID = '/api/v1/observations/grid?bbox=37,48,39,49&cell=0.5';
const LIST = '/api/v1/observations?bbox=37,48,39,49&limit=100';

beforeAll(async () => {
  s = await startTestServer({ loginPerMinutePerIp: 10_000 });
  [partyA, partyB] = s.parties;
  for (const c of ['monitor', 'liaison-a', 'liaison-b'] as const) as[c] = await s.session(c);
  await file([
    ...Array.from({ length: 3 }, () => at(37.1, 48.1, { visibility: 'public' })),
    at(37.15, 48.15, { visibility: 'public', event: 'small_arms_burst' }),
    ...Array.from({ length: 2 }, () => at(37.6, 48.6)),
    ...Array.from({ length: 4 }, () => at(38.1, 48.1, confidential(partyA))),
    ...Array.from({ length: 5 }, () => at(38.6, 48.6, confidential(partyB))),
    // Outside the box: never counted.
    at(36.9, 48.1, { visibility: 'public' }),
  ]);
});
afterAll(() => s.close());

const cellOf = (body: { features: { id: string; properties: { count: number } }[] }) =>
  Object.fromEntries(body.features.map((f) => [f.id, f.properties.count]));
// Cells of 0.5°: column floor((lon + 180) / 0.5), row floor((lat + 90) / 0.5).
const PUBLIC_CELL = '434:276';
const MISSION_CELL = '435:277';
const A_CELL = '436:276';
const B_CELL = '437:277';

describe('GET /api/v1/observations/grid', () => {
  it('counts per cell what each caller may list, and nothing of the other party', async () => {
    const expected: [string, Record<string, number>][] = [
      ['monitor', { [PUBLIC_CELL]: 4, [MISSION_CELL]: 2, [A_CELL]: 4, [B_CELL]: 5 }],
      ['liaison-a', { [PUBLIC_CELL]: 4, [A_CELL]: 4 }],
      ['liaison-b', { [PUBLIC_CELL]: 4, [B_CELL]: 5 }],
      ['anonymous', { [PUBLIC_CELL]: 4 }],
    ];
    for (const [who, cells] of expected) {
      const res = await s.fetch(GRID, { as: as[who] });
      expect(res.status, who).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/geo\+json/);
      const body = await json(res);
      expect(cellOf(body), who).toEqual(cells);
      expect(body.numberMatched, who).toBe(Object.values(cells).reduce((a, b) => a + b, 0));
    }
  });

  it('gives each cell its box, mean point and counts by event kind, and filters like the list', async () => {
    const body = await json(await s.fetch(GRID, { as: as.monitor }));
    const cell = body.features.find((f: { id: string }) => f.id === PUBLIC_CELL);
    expect(cell.properties.cell).toEqual([37, 48, 37.5, 48.5]);
    expect(cell.geometry.coordinates[0]).toBeCloseTo((3 * 37.1 + 37.15) / 4, 5);
    expect(cell.properties.events).toEqual({ explosion: 3, small_arms_burst: 1 });
    const burst = await json(await s.fetch(`${GRID}&event=small_arms_burst`, { as: as.monitor }));
    expect(cellOf(burst)).toEqual({ [PUBLIC_CELL]: 1 });
    const list = await json(await s.fetch(`${LIST}&event=small_arms_burst`, { as: as.monitor }));
    expect(list.numberReturned).toBe(1);
    const none = await json(await s.fetch(`${GRID}&from=2027-01-01T00:00:00Z`, { as: as.monitor }));
    expect(none.features).toEqual([]);
  });

  it('refuses a grid of too many cells with a problem naming the cell', async () => {
    const res = await s.fetch('/api/v1/observations/grid?bbox=-180,-90,180,90&cell=0.01', {
      as: as.monitor,
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/problem\+json/);
    expect((await json(res)).errors[0].path).toBe('query.cell');
  });

  it('follows new filings', async () => {
    const before = cellOf(await json(await s.fetch(GRID, { as: as['liaison-a'] })));
    await file([at(38.2, 48.2, confidential(partyA))]);
    const after = cellOf(await json(await s.fetch(GRID, { as: as['liaison-a'] })));
    expect(after[A_CELL]).toBe(before[A_CELL]! + 1);
    expect(
      cellOf(await json(await s.fetch(GRID, { as: as['liaison-b'] })))[A_CELL],
    ).toBeUndefined();
  });
});

describe('cached answers and ETags keep compartments apart', () => {
  for (const path of [GRID, LIST]) {
    it(`a liaison never gets another compartment's cached answer (${path.split('?')[0]})`, async () => {
      // The mission's answer is computed (and cached) first, then the same URL is asked by each party.
      const mission = await json(await s.fetch(path, { as: as.monitor }));
      const ids = (b: { features: { id: string; properties: Record<string, unknown> }[] }) =>
        b.features.map((f) => f.id);
      const seenByB = await json(await s.fetch(path, { as: as['liaison-b'] }));
      const seenByA = await json(await s.fetch(path, { as: as['liaison-a'] }));
      if (path === LIST) {
        const partyOf = (b: { features: { properties: { source: { party?: string } } }[] }) =>
          new Set(b.features.map((f) => f.properties.source.party ?? null));
        expect(partyOf(mission).has(partyA) && partyOf(mission).has(partyB)).toBe(true);
        expect(partyOf(seenByB).has(partyA)).toBe(false);
        expect(partyOf(seenByA).has(partyB)).toBe(false);
      } else {
        expect(ids(mission)).toContain(A_CELL);
        expect(ids(seenByB)).not.toContain(A_CELL);
        expect(ids(seenByA)).not.toContain(B_CELL);
      }
      // And again, now that every compartment's answer is in the cache.
      expect(await json(await s.fetch(path, { as: as['liaison-b'] }))).toEqual(seenByB);
      expect(await json(await s.fetch(path, { as: as.monitor }))).toEqual(mission);
    });

    it(`answers 304 to its own ETag until the ledger grows, and never to another compartment's (${path.split('?')[0]})`, async () => {
      const first = await s.fetch(path, { as: as.monitor });
      const tag = first.headers.get('etag')!;
      expect(tag).toMatch(/^"\d+-[A-Za-z0-9_-]+"$/);
      expect(first.headers.get('cache-control')).toBe('private, no-cache');
      expect(first.headers.get('vary')).toMatch(/authorization, cookie/);
      const again = await s.fetch(path, { as: as.monitor, headers: { 'if-none-match': tag } });
      expect(again.status).toBe(304);
      expect(await again.text()).toBe('');
      const other = await s.fetch(path, { as: as['liaison-b'], headers: { 'if-none-match': tag } });
      expect(other.status).toBe(200);
      expect(other.headers.get('etag')).not.toBe(tag);
      await file([at(37.2, 48.2, { visibility: 'public' })]);
      const changed = await s.fetch(path, { as: as.monitor, headers: { 'if-none-match': tag } });
      expect(changed.status).toBe(200);
      expect(changed.headers.get('etag')).not.toBe(tag);
    });
  }
});
