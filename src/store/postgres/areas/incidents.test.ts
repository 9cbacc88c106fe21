/**
 * The incidents area on PostgreSQL against SQLite's: the same ledger (a simulated scenario fused
 * by the mission's fusion, with merges, a split, aliases and workflows, see
 * test-support/incident-scenario.ts) in both stores, then every read compared: queryIncidents with
 * each filter and cursor paging, getIncident by id and by alias, after the live writes and after a
 * rebuild; the audit clean, a tampered row reported; the place-time index used. Skips only when no
 * PostgreSQL server answers.
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BBox, IncidentQuery, Page, StoredIncident, Store } from '../../port.js';
import { incidentPageSql } from '../incidents-reader.js';
import { createScratchDatabase, probeServer, testServerUrl, type ScratchDatabase } from '../scratch-database.js';
import { PostgresStore } from '../store.js';
import type { SqliteStore } from '../../sqlite/store.js';
import { discBounds, float32Down, float32Up } from './incidents.js';
import { BARRAGE, buildScenario, openSqlite } from './test-support/incident-scenario.js';

const SERVER = testServerUrl();
const probe = await probeServer(SERVER);
if (!probe.ok && probe.answered) throw new Error(`the PostgreSQL server at ${SERVER} answered but refused the tests: ${probe.reason}`);
const skipReason = probe.ok ? null : `no PostgreSQL server answers at ${SERVER} (${probe.reason})`;
if (skipReason) {
  console.warn(`incidents.test.ts: skipped, ${skipReason}`);
  it.skip(`PostgreSQL incidents: ${skipReason}`, () => undefined);
}

const SCHEMA = 'incidents_diff';
let db: ScratchDatabase;
let sqlite: SqliteStore;
let store: PostgresStore;
let all: readonly StoredIncident[];

/** Runs SQL in the store's schema (tampering, inspection). */
async function sql<R extends pg.QueryResultRow>(text: string, values: unknown[] = [], setup: string[] = []): Promise<R[]> {
  const client = new pg.Client({ connectionString: db.url, options: `-c search_path=${SCHEMA}` });
  await client.connect();
  try {
    for (const s of setup) await client.query(s);
    return (await client.query<R>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** Every page of `q` (limit as given), with the cursors that led to them. */
async function pages(s: Store, q: IncidentQuery): Promise<Page<StoredIncident>[]> {
  const out: Page<StoredIncident>[] = [];
  let cursor: string | undefined;
  do {
    const page = await s.queryIncidents!({ ...q, ...(cursor ? { cursor } : {}) });
    out.push(page);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && out.length < 200);
  return out;
}

const minutes = (iso: string, m: number) => new Date(Date.parse(iso) + m * 60_000).toISOString();

/** The filters compared, named; built from what the scenario holds so that most select something. */
function queries(): [string, Omit<IncidentQuery, 'limit'>][] {
  const distinct = <T>(f: (i: StoredIncident) => T[]) => [...new Set(all.flatMap(f))].sort();
  const z = all.find((i) => i.incident.id === 'inc-z')!;
  const sim = all[0]!;
  // The unrounded edges of the first incidents' boxes: inside SQLite's single-precision bounds.
  const edges = all.slice(0, 6).flatMap((i): [string, Omit<IncidentQuery, 'limit'>][] => {
    const [lon, lat] = i.incident.location;
    const dLat = (i.incident.radius90M * 1.01) / 111_320;
    const dLon = dLat / Math.max(0.01, Math.cos((lat * Math.PI) / 180));
    const [, , east, north] = discBounds(i.incident.location, i.incident.radius90M);
    return [
      [`touching ${i.incident.id}'s east edge`, { bbox: [lon + dLon, lat, lon + dLon + 0.1, lat + 0.1] }],
      [`just past ${i.incident.id}'s rounded east edge`, { bbox: [east + 1e-9, lat, east + 0.1, lat + 0.1] }],
      [`touching ${i.incident.id}'s north edge`, { bbox: [lon - 0.1, lat + dLat, lon, lat + 0.2] }],
      [`just past ${i.incident.id}'s rounded north edge`, { bbox: [lon - 0.1, north + 1e-9, lon, lat + 0.2] }],
      [`ending at ${i.incident.id}'s start`, { to: i.incident.window.from }],
      [`starting at ${i.incident.id}'s end`, { from: i.incident.window.to }],
      [`a millisecond after ${i.incident.id}'s end`, { from: new Date(Date.parse(i.incident.window.to) + 1).toISOString() }],
    ];
  });
  const near: BBox = [BARRAGE[0] - 0.06, BARRAGE[1] - 0.03, BARRAGE[0] + 0.06, BARRAGE[1] + 0.03];
  return [
    ['everything', {}],
    ['the whole world', { bbox: [-180, -90, 180, 90] }],
    ['around the hand-made reports', { bbox: near }],
    ['the open sea', { bbox: [0, 0, 1, 1] }],
    ['the simulated hours', { from: '2026-03-01T02:00:00Z', to: '2026-03-01T03:00:00Z' }],
    ['from 05:00', { from: '2026-03-01T05:00:00Z' }],
    ['until 01:00', { to: '2026-03-01T01:00:00Z' }],
    ['place and time', { bbox: near, from: minutes(z.incident.window.from, -1), to: minutes(z.incident.window.to, 1) }],
    ...edges,
    ...['reported', 'triaged', 'verified', 'not_verified', 'disputed'].map((s): [string, Omit<IncidentQuery, 'limit'>] => [`status ${s}`, { statuses: [s] }]),
    ['statuses triaged or verified', { statuses: ['triaged', 'verified'] }],
    ['no statuses listed', { statuses: [] }],
    ...['ua', 'ru', 'undetermined'].map((p): [string, Omit<IncidentQuery, 'limit'>] => [`party ${p}`, { parties: [p] }]),
    ['parties ua or undetermined', { parties: ['ua', 'undetermined'] }],
    ...distinct((i) => i.assessment.provisions.flatMap((p) => [p.provisionId, p.kind])).map((p): [string, Omit<IncidentQuery, 'limit'>] => [`provision ${p}`, { provision: p }]),
    ['an unknown provision', { provision: 'withdrawal:wd-none' }],
    ...distinct((i) => [...i.incident.events]).map((e): [string, Omit<IncidentQuery, 'limit'>] => [`event ${e}`, { events: [e] }]),
    ['events explosion or muzzle flash', { events: ['explosion', 'muzzle_flash'] }],
    ...distinct((i) => [i.incident.weapon]).map((w): [string, Omit<IncidentQuery, 'limit'>] => [`weapon ${w}`, { weapons: [w] }]),
    ['weapons artillery or mortar', { weapons: ['artillery', 'mortar'] }],
    ['the public', { visibleTo: { party: null, mission: false } }],
    ['the mission', { visibleTo: { party: null, mission: true } }],
    ['liaison ua', { visibleTo: { party: 'ua', mission: false } }],
    ['liaison ru', { visibleTo: { party: 'ru', mission: false } }],
    ['liaison ua, near, undetermined', { visibleTo: { party: 'ua', mission: false }, bbox: near, parties: ['undetermined'] }],
    ['verified since the start, ceasefire', { statuses: ['verified'], from: '2026-03-01T00:00:00Z', provision: 'ceasefire' }],
    ['everything filtered', { bbox: [30, 44, 40, 52], from: sim.incident.window.from, to: '2026-03-02T00:00:00Z', parties: ['ru', 'ua', 'undetermined'], statuses: ['reported', 'verified'], events: ['explosion'], weapons: distinct((i) => [i.incident.weapon]), provision: 'ceasefire', visibleTo: { party: 'ru', mission: false } }],
  ];
}

async function expectSameReads(): Promise<void> {
  const selected = new Set<number>();
  for (const [name, q] of queries()) {
    const [whole] = await pages(sqlite, { ...q, limit: 1000 });
    expect(await pages(store, { ...q, limit: 1000 }), name).toEqual([whole]);
    expect(await pages(store, { ...q, limit: 7 }), `${name}, 7 a page`).toEqual(await pages(sqlite, { ...q, limit: 7 }));
    selected.add(whole!.items.length);
  }
  // The filters tell incidents apart (a filter that matched nothing or everything everywhere would not).
  expect(selected.size).toBeGreaterThan(15);
  const names = [...all.map((i) => i.incident.id), ...all.flatMap((i) => i.incident.aliases), 'inc-none', ''];
  for (const id of names) expect(await store.getIncident(id), id).toEqual(await sqlite.getIncident!(id));
}

describe.skipIf(skipReason !== null)('PostgreSQL incidents area against SQLite', () => {
  beforeAll(async () => {
    db = await createScratchDatabase(SERVER);
    sqlite = openSqlite();
    store = await PostgresStore.open(db.url, { schema: SCHEMA, maxConnections: 4 });
    await buildScenario(sqlite, store);
    all = (await sqlite.queryIncidents({ limit: 10_000 })).items;
  }, 120_000);
  afterAll(async () => {
    await store?.close();
    await sqlite?.close();
    await db?.drop();
  });

  it('the scenario merges, splits, keeps aliases and moves statuses', async () => {
    // inc-y was absorbed into inc-x, then inc-x into inc-z: both now name inc-z.
    for (const id of ['inc-x', 'inc-y', 'inc-z']) expect((await store.getIncident(id))?.incident).toMatchObject({ id: 'inc-z', aliases: ['inc-x', 'inc-y'] });
    expect((await store.getIncident('inc-claim'))?.incident.observationIds).toEqual(['claim']);
    expect((await store.getIncident('inc-s0'))?.incident.observationIds).toEqual(['s0', 's1']);
    const statuses = new Set(all.map((i) => i.status));
    expect([...statuses].sort()).toEqual(['not_verified', 'reported', 'triaged', 'verified']);
    expect(new Set(all.map((i) => i.visibility))).toEqual(new Set(['public', 'mission', 'party-confidential']));
    expect(all.length).toBeGreaterThan(100);
  });

  it('answers every read as SQLite does', async () => {
    await expectSameReads();
    expect((await store.queryIncidents({ visibleTo: { party: null, mission: false }, limit: 10 })).items.map((i) => i.incident.id)).toEqual(['inc-z']);
  }, 60_000);

  it('keeps the bounds SQLite’s R*Tree keeps, to the bit', async () => {
    const lite = new Database(sqlite.file, { readonly: true });
    try {
      const want = lite
        .prepare('SELECT i.id, r.min_lon, r.min_lat, r.max_lon, r.max_lat FROM incidents i JOIN incidents_rtree r ON r.rid = i.rid ORDER BY i.rid')
        .all();
      const got = await sql('SELECT id, min_lon, min_lat, max_lon, max_lat FROM incidents ORDER BY rid');
      expect(got).toEqual(want);
      const rids = lite.prepare('SELECT rid, id FROM incidents ORDER BY rid').all();
      expect(await sql('SELECT rid::int AS rid, id FROM incidents ORDER BY rid')).toEqual(rids);
    } finally {
      lite.close();
    }
    expect(float32Down(-0.1)).toBeLessThanOrEqual(-0.1);
    expect(float32Up(-0.1)).toBeGreaterThanOrEqual(-0.1);
    expect(Math.fround(float32Down(37.123456789))).toBe(float32Down(37.123456789));
  });

  it('refuses a cursor it did not issue', async () => {
    await expect(store.queryIncidents({ cursor: 'bm9wZQ', limit: 5 })).rejects.toThrow(/not one this server issued/);
  });

  it('uses the place-time GiST index for a box with or without a window, the time one for a window alone', async () => {
    const plan = async (q: IncidentQuery) => {
      const { text, values } = incidentPageSql(q);
      const rows = await sql<{ 'QUERY PLAN': string }>(`EXPLAIN ${text}`, values, ['SET enable_seqscan = off']);
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    };
    const near: BBox = [BARRAGE[0] - 0.1, BARRAGE[1] - 0.1, BARRAGE[0] + 0.1, BARRAGE[1] + 0.1];
    expect(await plan({ bbox: near, limit: 10 })).toMatch(/incidents_place_time/);
    expect(await plan({ from: '2026-03-01T05:00:00Z', limit: 10 })).toMatch(/incidents_time/);
    expect(await plan({ from: '2026-03-01T05:00:00Z', to: '2026-03-01T06:00:00Z', limit: 10 })).toMatch(/incidents_time/);
    expect(await plan({ bbox: near, from: '2026-03-01T05:00:00Z', to: '2026-03-01T06:00:00Z', limit: 10 })).toMatch(/incidents_place_time/);
  });

  it('audits clean, reports tampered rows, and a rebuild gives the same reads', async () => {
    expect((await store.auditState()).differences).toEqual([]);
    const victim = all.find((i) => i.assessment.provisions.length > 1 && i.status === 'reported')!.incident.id;
    await sql("UPDATE incidents SET status = 'verified', min_lon = min_lon - 1 WHERE id = $1", [victim]);
    await sql("UPDATE incident_aliases SET incident_id = 'inc-s0' WHERE alias = 'inc-y'");
    await sql("DELETE FROM incident_provisions WHERE incident_id = $1 AND provision_id = 'ceasefire'", [victim]);
    const { differences } = await store.auditState();
    expect(differences).toEqual([
      expect.objectContaining({ table: 'incident_provisions', key: `${victim} ceasefire`, what: 'missing' }),
      expect.objectContaining({ table: 'incident_aliases', key: 'inc-y', what: 'changed', detail: expect.stringMatching(/incident_id/) }),
      expect.objectContaining({ table: 'incidents', key: victim, what: 'changed', detail: expect.stringMatching(/status.*min_lon|min_lon.*status/) }),
    ]);
    expect(await store.rebuild()).toBe(await store.ledger.size());
    expect((await store.auditState()).differences).toEqual([]);
    await expectSameReads();
  }, 120_000);
});
