/**
 * GET /api/v1/incidents and /api/v1/incidents/:id against the real server: GeoJSON shape, filters,
 * aliases, and the compartments (a liaison never sees the other party's confidential filings, not
 * in lists, not by id, not as members).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileAndFuse, IncidentFuser } from '../src/app/fusion/index.js';
import { at, obs, offset, pointAt, sectorTo } from '../src/domain/fusion/test-support/scenario.js';
import type { LonLat } from '../src/domain/units.js';
import { startTestServer, type Caller, type TestServer } from '../src/server/test-harness.js';

let s: TestServer;
let first: string;
let second: string;

type FeatureCollection = { type: string; features: { id: string; geometry: { type: string; coordinates: number[] }; properties: Record<string, unknown> }[]; links: { rel: string; href: string }[] };

beforeAll(async () => {
  s = await startTestServer({ loginPerMinutePerIp: 10_000 });
  [first, second] = s.parties;
  const line = s.mission.agreement.lineOfContact as readonly LonLat[];
  const mid = line[Math.floor(line.length / 2)]!;
  const here = (km: number, az = 0): LonLat => offset(mid, az, km);
  const fuser = new IncidentFuser(s.mission.store, s.mission.agreement, { log: () => undefined });
  const file = (items: unknown[]) => fileAndFuse(s.mission.store, fuser, items, { actor: 'test', nowMs: Date.now() });
  const gun = here(30, 0);
  await file([
    // A barrage two patrols see (mission), which the first party also complains about (confidential).
    obs('m1', { ...sectorTo(offset(gun, 200, 4), gun, 11.25, 1), direction: 'outgoing', count: 6 }),
    obs('m2', { ...sectorTo(offset(gun, 300, 3), gun, 11.25, 1), direction: 'outgoing', count: 5 }),
    obs('c1', { ...pointAt(gun, 2000), direction: 'outgoing', visibility: 'party-confidential', source: { kind: 'party', id: `${first}-liaison`, party: first } }),
  ]);
  await file([
    // A complaint of the second party alone, far away: its compartment only.
    obs('c2', { ...pointAt(here(60, 180), 1000), direction: 'impact', visibility: 'party-confidential', source: { kind: 'party', id: `${second}-liaison`, party: second } }),
    // Public footage of an impact elsewhere.
    obs('p1', { ...pointAt(here(60, 90), 500), direction: 'impact', weapon: 'mortar', visibility: 'public', source: { kind: 'osint', id: 'clip-1' } }),
    // Two impacts a late report will link.
    obs('a', pointAt(here(50, 270), 400)),
    obs('b', pointAt(offset(here(50, 270), 90, 1.6), 400)),
  ]);
  await file([obs('late', { ...pointAt(offset(here(50, 270), 90, 0.8), 1000), observedAt: { from: at(1), to: at(4) } })]);
});
afterAll(() => s.close());

async function list(caller: Caller, query = ''): Promise<{ status: number; body: FeatureCollection }> {
  const as = caller === 'anonymous' || caller === 'device' ? undefined : await s.session(caller);
  const res = await s.fetch(`/api/v1/incidents${query}`, { as });
  return { status: res.status, body: (await res.json()) as FeatureCollection };
}

async function one(caller: Caller, id: string) {
  const as = caller === 'anonymous' || caller === 'device' ? undefined : await s.session(caller);
  const res = await s.fetch(`/api/v1/incidents/${id}`, { as });
  return { status: res.status, type: res.headers.get('content-type'), body: (await res.json()) as FeatureCollection['features'][number] };
}

describe('GET /api/v1/incidents', () => {
  it('answers a GeoJSON FeatureCollection: a Point at each location, the assessment in the properties', async () => {
    const { status, body } = await list('analyst');
    expect(status).toBe(200);
    expect(body.type).toBe('FeatureCollection');
    expect(body.features.map((f) => f.id)).toEqual(['inc-m1', 'inc-c2', 'inc-p1', 'inc-a']);
    const f = body.features[0]!;
    expect(f.geometry.type).toBe('Point');
    expect(f.geometry.coordinates).toHaveLength(2);
    expect(f.properties).toMatchObject({ status: 'reported', visibility: 'mission', count: 6, observationIds: ['m1', 'm2', 'c1'] });
    expect(f.properties.radius90M).toBeGreaterThan(0);
    expect(f.properties.attribution).toMatchObject({ party: expect.any(String), confidence: expect.any(Number) });
    expect((f.properties.provisions as { provisionId: string }[]).map((p) => p.provisionId)).toContain('ceasefire');
    expect(f.properties).not.toHaveProperty('region');
  });

  it.each<[Caller, string[]]>([
    ['monitor', ['inc-m1', 'inc-c2', 'inc-p1', 'inc-a']],
    ['liaison-a', ['inc-p1']],
    ['liaison-b', ['inc-c2', 'inc-p1']],
    ['guarantor', ['inc-p1']],
    ['anonymous', ['inc-p1']],
  ])('shows a %s only the incidents of its compartment', async (caller, ids) => {
    expect((await list(caller)).body.features.map((f) => f.id)).toEqual(ids);
  });

  it.each<[string, string[]]>([
    ['?provision=security_zone', ['inc-m1']],
    ['?party=undetermined', ['inc-c2', 'inc-p1', 'inc-a']],
    ['?status=reported&limit=1', ['inc-m1']],
    ['?weapon=mortar', ['inc-p1']],
    ['?weapon=undetermined,mortar', ['inc-m1', 'inc-c2', 'inc-p1', 'inc-a']],
    ['?event=explosion&weapon=undetermined', ['inc-m1', 'inc-c2', 'inc-a']],
    ['?event=muzzle_flash,illumination_flare', []],
  ])('filters %s', async (query, ids) => {
    expect((await list('analyst', query)).body.features.map((f) => f.id)).toEqual(ids);
  });

  it('filters by side through the agreement’s parties', async () => {
    const attributed = (await list('analyst')).body.features[0]!.properties.attribution as { party: string };
    const side = s.mission.agreement.parties.find((p) => p.id === attributed.party)?.side;
    expect(side).toBeDefined(); // the barrage lies 30 km from the line: attributed
    const other = side === 'left' ? 'right' : 'left';
    expect((await list('analyst', `?side=${side}`)).body.features.map((f) => f.id)).toEqual(['inc-m1']);
    expect((await list('analyst', `?side=${other}`)).body.features).toEqual([]);
  });

  it('pages with a next link', async () => {
    const page1 = (await list('analyst', '?limit=3')).body;
    const next = page1.links.find((l) => l.rel === 'next')!.href;
    const res = await s.fetch(next, { as: await s.session('analyst') });
    expect(((await res.json()) as FeatureCollection).features.map((f) => f.id)).toEqual(['inc-a']);
  });

  it.each(['?bbox=1,2,3', '?cursor=bm9wZQ', '?side=up', '?provision=Bad Token', '?nope=1', '?event=Bad Token'])('answers 400 for %s', async (query) => {
    const res = await s.fetch(`/api/v1/incidents${query}`, { as: await s.session('analyst') });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/problem\+json/);
  });
});

describe('GET /api/v1/incidents/:id', () => {
  it('gives mission staff the incident with every member as a Feature', async () => {
    const r = await one('chief', 'inc-m1');
    expect(r.status).toBe(200);
    expect(r.type).toMatch(/geo\+json/);
    expect(r.body.properties.observationIds).toEqual(['m1', 'm2', 'c1']);
    expect((r.body.properties.observations as { id: string }[]).map((o) => o.id)).toEqual(['m1', 'm2', 'c1']);
  });

  it("answers 404 to a liaison for an incident holding the mission's reports, as for one that does not exist", async () => {
    expect((await one('liaison-a', 'inc-m1')).status).toBe(404);
    expect((await one('liaison-a', 'inc-nope')).status).toBe(404);
  });

  it("shows a liaison its own party's incident and never the other party's", async () => {
    const own = await one('liaison-b', 'inc-c2');
    expect(own.status).toBe(200);
    expect((own.body.properties.observations as { id: string }[]).map((o) => o.id)).toEqual(['c2']);
    expect((await one('liaison-a', 'inc-c2')).status).toBe(404);
  });

  it('answers an id merged into another incident with the incident that absorbed it', async () => {
    const r = await one('analyst', 'inc-b');
    expect(r.status).toBe(200);
    expect(r.body.id).toBe('inc-a');
    expect(r.body.properties.aliases).toEqual(['inc-b']);
  });

  it('shows the public a public incident', async () => {
    expect((await one('anonymous', 'inc-p1')).status).toBe(200);
  });
});
