// The timeline's counts per time bin (GET /api/v1/observations/histogram and
// GET /api/v1/incidents/histogram) against the real server: per compartment, filtered as the
// lists are, cached with ETags, and bad parameters answered with problems naming the field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileObservations } from '../src/app/file-observations.js';
import { fuseStoredObservations } from '../src/app/fusion/index.js';
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

const H = 3_600_000;
const T0 = Date.parse('2026-03-01T00:00:00Z');

/**
 * An observation at a point, starting `hours` after T0 for five minutes. Each is far from the
 * others in space or time, so fusion opens one incident per observation; all start within four
 * hours, inside one fusion window.
 */
function at(
  lon: number,
  hours: number,
  over: Record<string, unknown> = {},
): Record<string, unknown> {
  const { observer: _o, bearing: _b, distanceKm: _d, ...base } = sampleObservation(next++);
  const from = T0 + hours * H;
  return {
    ...base,
    id: `hist-${next}`,
    location: { lon, lat: 48.1 + next * 0.05, radiusM: 100 },
    observedAt: {
      from: new Date(from).toISOString(),
      to: new Date(from + 5 * 60_000).toISOString(),
    },
    ...over,
  };
}
const confidential = (party: string) => ({
  source: { kind: 'party', id: `${party}-liaison`, party },
  visibility: 'party-confidential',
});

beforeAll(async () => {
  s = await startTestServer({ loginPerMinutePerIp: 10_000 });
  [partyA, partyB] = s.parties;
  for (const c of ['monitor', 'liaison-a', 'liaison-b'] as const) as[c] = await s.session(c);
  const items = [
    at(37.1, 0.25, { visibility: 'public' }),
    at(37.2, 0.5, { visibility: 'public', event: 'small_arms_burst', weapon: 'small_arms' }),
    at(37.3, 1.5, { visibility: 'public' }),
    at(37.4, 2.5), // mission only
    at(38.1, 0.75, confidential(partyA)),
    at(38.2, 3.5, confidential(partyA)),
    at(38.3, 0.75, confidential(partyB)),
    at(38.4, 1.75, confidential(partyB)),
    at(38.5, 2.75, confidential(partyB)),
    // Outside the box asked below.
    at(30.0, 0.5, { visibility: 'public' }),
  ];
  const results = await fileObservations(s.mission.store, items, {
    actor: 'test',
    nowMs: Date.now(),
  });
  expect(results.map((r) => r.status)).toEqual(items.map(() => 'stored'));
  await fuseStoredObservations(s.mission.store, s.mission.agreement);
});
afterAll(() => s.close());

const DOMAIN = `from=${new Date(T0).toISOString()}&to=${new Date(T0 + 4 * H - 1).toISOString()}`;
const OBS = `/api/v1/observations/histogram?bbox=37,47,39,50&${DOMAIN}&bins=4`;
const INC = `/api/v1/incidents/histogram?bbox=37,47,39,50&${DOMAIN}&bins=4`;

describe('GET /api/v1/observations/histogram and /api/v1/incidents/histogram', () => {
  // Bins of 1 h from T0: [0-1 h), [1-2 h), [2-3 h), [3-4 h).
  const expected: [string, number[]][] = [
    ['monitor', [4, 2, 2, 1]],
    ['liaison-a', [3, 1, 0, 1]],
    ['liaison-b', [3, 2, 1, 0]],
    ['anonymous', [2, 1, 0, 0]],
  ];
  for (const path of [OBS, INC]) {
    it(`counts per bin what each caller may list; a liaison never counts the other party's confidential filings (${path.split('?')[0]})`, async () => {
      for (const [who, counts] of expected) {
        const res = await s.fetch(path, { as: as[who] });
        expect(res.status, who).toBe(200);
        const body = await json(res);
        expect(body.start).toBe(new Date(T0).toISOString());
        expect(body.end).toBe(new Date(T0 + 4 * H).toISOString());
        expect(body.stepMs).toBe(H);
        expect(body.counts, who).toEqual(counts);
        expect(body.total, who).toBe(counts.reduce((a, b) => a + b, 0));
      }
    });
  }

  it('counts the incidents the incident list gives each caller', async () => {
    for (const [who] of expected) {
      const list = await json(
        await s.fetch('/api/v1/incidents?bbox=37,47,39,50&limit=100', { as: as[who] }),
      );
      const hist = await json(
        await s.fetch('/api/v1/incidents/histogram?bbox=37,47,39,50', { as: as[who] }),
      );
      expect(hist.total, who).toBe(list.numberReturned);
    }
  });

  it('filters like the lists, and takes an open domain from the data', async () => {
    const burst = await json(await s.fetch(`${OBS}&event=small_arms_burst`, { as: as.monitor }));
    expect(burst.counts).toEqual([1, 0, 0, 0]);
    const party = await json(await s.fetch(`${OBS}&source=party`, { as: as.monitor }));
    expect(party.total).toBe(5);
    const incBurst = await json(await s.fetch(`${INC}&weapon=small_arms`, { as: as.monitor }));
    expect(incBurst.counts).toEqual([1, 0, 0, 0]);
    const open = await json(
      await s.fetch('/api/v1/observations/histogram?bins=1000', { as: as.monitor }),
    );
    expect(open.total).toBe(10);
    expect(open.start).toBe(new Date(T0 + H / 4).toISOString());
    expect(open.stepMs).toBe(15 * 60_000);
    const none = await json(
      await s.fetch('/api/v1/observations/histogram?bbox=0,0,1,1', { as: as.monitor }),
    );
    expect(none).toEqual({ start: null, end: null, stepMs: 0, counts: [], total: 0 });
  });

  it('answers 304 to its own ETag, never to another compartment, and follows new filings', async () => {
    const first = await s.fetch(OBS, { as: as['liaison-a'] });
    const tag = first.headers.get('etag')!;
    expect(tag).toMatch(/^"\d+-[A-Za-z0-9_-]+"$/);
    expect(first.headers.get('cache-control')).toBe('private, no-cache');
    expect(
      (await s.fetch(OBS, { as: as['liaison-a'], headers: { 'if-none-match': tag } })).status,
    ).toBe(304);
    const other = await s.fetch(OBS, { as: as['liaison-b'], headers: { 'if-none-match': tag } });
    expect(other.status).toBe(200);
    expect((await json(other)).counts).toEqual([3, 2, 1, 0]);
    await fileObservations(s.mission.store, [at(38.6, 3.25, confidential(partyA))], {
      actor: 'test',
      nowMs: Date.now(),
    });
    const changed = await s.fetch(OBS, { as: as['liaison-a'], headers: { 'if-none-match': tag } });
    expect(changed.status).toBe(200);
    expect((await json(changed)).counts).toEqual([3, 1, 0, 2]);
    expect((await json(await s.fetch(OBS, { as: as['liaison-b'] }))).counts).toEqual([3, 2, 1, 0]);
  });

  it('answers callers asking at once alike (one computation shared per compartment and URL)', async () => {
    await fileObservations(s.mission.store, [at(37.5, 3.75, { visibility: 'public' })], {
      actor: 'test',
      nowMs: Date.now(),
    });
    const answers = await Promise.all(
      ['anonymous', 'liaison-b', 'anonymous', 'liaison-b', 'anonymous'].map(
        async (who) => [who, await json(await s.fetch(INC, { as: as[who] }))] as const,
      ),
    );
    for (const [who, body] of answers)
      expect(body.counts, who).toEqual(who === 'anonymous' ? [2, 1, 0, 0] : [3, 2, 1, 0]);
  });

  it.each([
    ['bins=0', 'query.bins'],
    ['bins=1001', 'query.bins'],
    ['bins=ten', 'query.bins'],
    ['from=yesterday', 'query.from'],
    ['bbox=39,47,37,50', 'query.bbox'],
    ['from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z', 'query.to'],
    ['cell=1', ''],
  ])('refuses %s with a problem naming %s', async (query, field) => {
    for (const route of ['/api/v1/observations/histogram', '/api/v1/incidents/histogram']) {
      const res = await s.fetch(`${route}?${query}`, { as: as.monitor });
      expect(res.status, route).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/problem\+json/);
      const body = await json(res);
      if (field) expect(body.errors[0].path, route).toBe(field);
      else expect(body.detail, route).toMatch(/cell/);
    }
  });

  it('refuses a token without the read scope', async () => {
    const token = await s.token('monitor', ['observations:write']);
    const res = await s.fetch(OBS, { as: { token } });
    expect(res.status).toBe(403);
  });
});
