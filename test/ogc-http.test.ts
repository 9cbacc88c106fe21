/**
 * OGC API – Features Part 1 (Core, GeoJSON) over real HTTP, read the way the spec (OGC 17-069r4)
 * states it: documents and their links, content types, bbox / datetime / limit / next links,
 * single items, who sees what, and problem+json for every refusal. The real clients (GDAL,
 * OWSLib) are test/ogc-gdal.test.ts and test/ogc-owslib.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMIT } from '../src/server/ogc/params.js';
import { expectedIds, MISSION_COUNT, PUBLIC_COUNT, startOgcTestMission, type OgcTestMission } from '../src/server/ogc/test-support.js';
import { json, type Session } from '../src/server/test-harness.js';

let m: OgcTestMission;
let monitor: Session;
let liaisonA: Session;
beforeAll(async () => {
  m = await startOgcTestMission();
  monitor = await m.server.session('monitor');
  liaisonA = await m.server.session('liaison-a');
});
afterAll(() => m.server.close());

const get = (path: string, init: Parameters<OgcTestMission['server']['fetch']>[1] = {}) => m.server.fetch(`/ogc${path}`, init);
const ids = (fc: { features: { id: string }[] }) => fc.features.map((f) => f.id).sort();
const link = (doc: { links: { rel: string; href: string; type?: string }[] }, rel: string) => doc.links.find((l) => l.rel === rel);

/** Every feature id, following next links from `path` (asserting they never repeat an id). */
async function allPages(path: string, as?: Session): Promise<{ ids: string[]; pages: number }> {
  const seen: string[] = [];
  let url: string | undefined = `${m.ogc}${path}`;
  let pages = 0;
  while (url) {
    const res = await fetch(url, as ? { headers: { cookie: as.cookie } } : {});
    expect(res.status, url).toBe(200);
    const fc = await json(res);
    seen.push(...fc.features.map((f: { id: string }) => f.id));
    url = link(fc, 'next')?.href;
    if (++pages > 500) throw new Error('too many pages');
  }
  expect(new Set(seen).size, 'no feature is served twice across pages').toBe(seen.length);
  return { ids: seen.sort(), pages };
}

describe('landing page, conformance and collections', () => {
  it.each(['', '/'])('serves the landing page at /ogc%s with absolute links to itself, the API definition, conformance and data', async (slash) => {
    const res = await get(slash);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const doc = await json(res);
    for (const rel of ['self', 'service-desc', 'service-doc', 'conformance', 'data']) expect(link(doc, rel)?.href, rel).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    const api = await fetch(link(doc, 'service-desc')!.href);
    expect((await json(api)).paths['/ogc/collections/{collectionId}/items']).toBeDefined();
  });

  it('declares Core and GeoJSON conformance, and not OpenAPI 3.0 (the definition is 3.1)', async () => {
    const doc = await json(await get('/conformance'));
    expect(doc.conformsTo).toEqual(['http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core', 'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson']);
  });

  it('lists observations, line-of-contact and zones (no incidents yet), each with extent, CRS84 and a GeoJSON items link', async () => {
    const doc = await json(await get('/collections'));
    expect(doc.collections.map((c: { id: string }) => c.id)).toEqual(['observations', 'line-of-contact', 'zones']);
    for (const c of doc.collections) {
      expect(c.itemType).toBe('feature');
      expect(c.extent.spatial.bbox[0]).toHaveLength(4);
      const [w, s, e, n] = c.extent.spatial.bbox[0];
      expect(w < e && s < n).toBe(true);
      expect(c.extent.temporal.interval[0]).toEqual([`${m.server.mission.agreement.effectiveFrom}T00:00:00Z`, null]);
      expect(link(c, 'items')).toMatchObject({ type: 'application/geo+json', href: `${m.ogc}/collections/${c.id}/items` });
    }
    const one = await json(await get('/collections/zones'));
    expect(one.id).toBe('zones');
  });

  it('answers an unknown collection with 404 problem+json', async () => {
    for (const path of ['/collections/incidents', '/collections/incidents/items', '/collections/incidents/items/x']) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type'), path).toMatch(/^application\/problem\+json/);
    }
  });
});

describe('content types', () => {
  it.each([
    ['no Accept', {}, '', 'application/geo+json'],
    ['GDAL\'s Accept', { accept: 'application/geo+json, application/json' }, '', 'application/geo+json'],
    ['Accept: application/json', { accept: 'application/json' }, '', 'application/json'],
    ['a browser\'s Accept', { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' }, '', 'application/geo+json'],
    ['f=json', {}, '&f=json', 'application/json'],
    ['f=geojson', { accept: 'application/json' }, '&f=geojson', 'application/geo+json'],
  ])('serves features for %s as %s', async (_name, headers, query, type) => {
    const res = await get(`/collections/observations/items?limit=1${query}`, { headers });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(new RegExp(`^${type.replace('+', '\\+')}`));
    expect((await json(res)).type).toBe('FeatureCollection');
  });

  it('answers 406 problem+json when Accept names nothing it can serve', async () => {
    const res = await get('/collections/observations/items', { headers: { accept: 'text/html' } });
    expect(res.status).toBe(406);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});

describe('observations: who sees what', () => {
  it('anonymous callers page through the public observations only', async () => {
    const { ids: got } = await allPages('/collections/observations/items?limit=1000');
    expect(got).toEqual(expectedIds(m.filed));
    expect(got).toHaveLength(PUBLIC_COUNT + 2);
  });

  it('mission staff see every observation; a liaison sees public ones and its own party\'s', async () => {
    const staff = await allPages('/collections/observations/items?limit=1000', monitor);
    expect(staff.ids).toHaveLength(PUBLIC_COUNT + 2 + MISSION_COUNT + 2);
    const partyA = m.server.parties[0];
    const liaison = await allPages('/collections/observations/items?limit=1000', liaisonA);
    expect(liaison.ids).toEqual(expectedIds(m.filed, { visible: (o) => o.visibility === 'public' || o.source.party === partyA }));
  });

  it('answers a hidden single item with 404, exactly like a missing one, and serves it to staff', async () => {
    expect((await get('/collections/observations/items/mis-0')).status).toBe(404);
    expect((await get('/collections/observations/items/no-such-thing')).status).toBe(404);
    const res = await get('/collections/observations/items/mis-0', { as: monitor });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/geo\+json/);
    const f = await json(res);
    expect(f).toMatchObject({ type: 'Feature', id: 'mis-0', geometry: { type: 'Point' }, properties: { id: 'mis-0', visibility: 'mission' } });
    expect(link(f, 'collection')?.href).toBe(`${m.ogc}/collections/observations`);
  });

  it('needs the observations:read scope on an API token', async () => {
    const writer = await m.server.token('monitor', ['observations:write']);
    expect((await get('/collections/observations/items', { as: { token: writer } })).status).toBe(403);
    const reader = await m.server.token('monitor', ['observations:read']);
    expect((await get('/collections/observations/items', { as: { token: reader } })).status).toBe(200);
  });
});

describe('observations: bbox, datetime, limit and next links', () => {
  const bbox = [37.80000000000001, 48.02, 37.84999999999999, 48.07] as const;

  it('selects exactly the features whose point lies in a box given in full-precision doubles, across pages', async () => {
    const want = expectedIds(m.filed, { bbox });
    expect(want.length).toBeGreaterThan(10);
    expect(want.length).toBeLessThan(PUBLIC_COUNT);
    const got = await allPages(`/collections/observations/items?limit=7&bbox=${bbox.join(',')}`);
    expect(got.ids).toEqual(want);
    expect(got.pages).toBeGreaterThan(1);
  });

  it.each([
    ['a box across the antimeridian holds both sides', [179.9, 9, -179.9, 11], ['east-of-180', 'west-of-180']],
    ['its eastern half alone', [179.9, 9, 180, 11], ['east-of-180']],
    ['a box of six numbers (with heights)', [179.9, 9, 0, 180, 11, 1000], ['east-of-180']],
  ])('%s', async (_name, box, want) => {
    const fc = await json(await get(`/collections/observations/items?bbox=${box.join(',')}`));
    expect(ids(fc)).toEqual(want);
  });

  it.each([
    ['an instant inside one day\'s windows', '2026-03-02T18:42:00Z', { fromMs: Date.parse('2026-03-02T18:42:00Z'), toMs: Date.parse('2026-03-02T18:42:00Z') }],
    ['a closed interval', '2026-03-02T00:00:00Z/2026-03-03T23:59:59Z', { fromMs: Date.parse('2026-03-02T00:00:00Z'), toMs: Date.parse('2026-03-03T23:59:59Z') }],
    ['an interval open at the start', '../2026-03-01T23:00:00Z', { fromMs: null, toMs: Date.parse('2026-03-01T23:00:00Z') }],
    ['an interval open at the end', '2026-03-05T00:00:00Z/..', { fromMs: Date.parse('2026-03-05T00:00:00Z'), toMs: null }],
    ['an instant between windows', '2026-03-02T12:00:00Z', { fromMs: Date.parse('2026-03-02T12:00:00Z'), toMs: Date.parse('2026-03-02T12:00:00Z') }],
  ])('selects by datetime: %s', async (_name, datetime, interval) => {
    const want = expectedIds(m.filed, interval);
    const got = await allPages(`/collections/observations/items?limit=50&datetime=${encodeURIComponent(datetime)}`);
    expect(got.ids).toEqual(want);
  });

  it('combines bbox and datetime', async () => {
    const datetime = '2026-03-03T00:00:00Z/2026-03-04T23:59:59Z';
    const want = expectedIds(m.filed, { bbox, fromMs: Date.parse('2026-03-03T00:00:00Z'), toMs: Date.parse('2026-03-04T23:59:59Z') });
    expect(want.length).toBeGreaterThan(0);
    expect((await allPages(`/collections/observations/items?bbox=${bbox.join(',')}&datetime=${datetime}`)).ids).toEqual(want);
  });

  it(`serves ${DEFAULT_LIMIT} features by default with self, alternate, collection and next links`, async () => {
    const fc = await json(await get('/collections/observations/items'));
    expect(fc.features).toHaveLength(DEFAULT_LIMIT);
    expect(fc.numberReturned).toBe(DEFAULT_LIMIT);
    expect(link(fc, 'self')?.type).toBe('application/geo+json');
    expect(link(fc, 'alternate')?.type).toBe('application/json');
    expect(link(fc, 'next')?.href).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/ogc\/collections\/observations\/items\?.*cursor=/);
  });

  it('caps a limit above 10,000 and serves the last page without a next link', async () => {
    const fc = await json(await get('/collections/observations/items?limit=1000000'));
    expect(fc.numberReturned).toBe(PUBLIC_COUNT + 2);
    expect(link(fc, 'next')).toBeUndefined();
  });
});

describe('refusals are 400 problem+json naming the parameter', () => {
  it.each([
    ['bbox', 'bbox=1,2,3'],
    ['bbox', 'bbox=0,20,10,10'],
    ['bbox', 'bbox=NaN,0,1,1'],
    ['datetime', 'datetime=yesterday'],
    ['datetime', 'datetime=2026-03-02T00:00:00Z/2026-03-01T00:00:00Z'],
    ['limit', 'limit=0'],
    ['limit', 'limit=ten'],
    ['cursor', 'cursor=bm9wZQ'],
    ['', 'crs=EPSG:4326'],
  ])('%s: %s', async (param, query) => {
    const res = await get(`/collections/observations/items?${query}`);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const p = await json(res);
    expect(p.status).toBe(400);
    if (param) expect(p.errors.map((e: { path: string }) => e.path)).toContain(`query.${param}`);
    else expect(p.detail).toMatch(/crs/);
  });
});

describe('line-of-contact and zones', () => {
  it('serves the line of contact as one LineString feature', async () => {
    const fc = await json(await get('/collections/line-of-contact/items'));
    expect(fc).toMatchObject({ type: 'FeatureCollection', numberMatched: 1, numberReturned: 1 });
    expect(fc.features[0]).toMatchObject({ id: 'line-of-contact', geometry: { type: 'LineString' } });
  });

  it('serves every zone, pages them, and fetches one by id', async () => {
    const a = m.server.mission.agreement;
    const total = 1 + a.disengagementAreas.length + a.noFlyAreas.length + a.maritimeCorridors.length;
    const all = await allPages('/collections/zones/items?limit=2');
    expect(all.ids).toHaveLength(total);
    expect(all.pages).toBe(Math.ceil(total / 2));
    const one = await json(await get(`/collections/zones/items/${all.ids[0]}`));
    expect(one.id).toBe(all.ids[0]);
  });

  it('filters zones by bbox (geometry, not just its envelope) and by the agreement\'s time in force', async () => {
    const da = m.server.mission.agreement.disengagementAreas[0]!;
    const [lon, lat] = da.polygon[0]![0]!;
    const near = await json(await get(`/collections/zones/items?bbox=${lon - 0.001},${lat - 0.001},${lon + 0.001},${lat + 0.001}`));
    expect(ids(near)).toContain(`disengagement_area.${da.id}`);
    const before = await json(await get('/collections/zones/items?datetime=../2020-01-01T00:00:00Z'));
    expect(before.numberMatched).toBe(0);
    const during = await json(await get('/collections/zones/items?datetime=2026-06-01T00:00:00Z'));
    expect(during.numberMatched).toBeGreaterThan(0);
  });
});
