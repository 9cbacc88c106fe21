import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleObservation, startTestServer, type Session, type TestServer } from '../src/server/test-harness.js';
import { json } from '../src/server/test-harness.js';

/**
 * Party compartments over real HTTP: a liaison sees public records and its own party's filings,
 * never the other party's confidential ones — not in lists, not by id, not in counts.
 */
let s: TestServer;
let a: Session;
let b: Session;
let monitor: Session;
let partyA: string;
let partyB: string;

const ids = (fc: { features: { id: string }[] }) => fc.features.map((f) => f.id).sort();

beforeAll(async () => {
  s = await startTestServer();
  [partyA, partyB] = s.parties;
  a = await s.session('liaison-a');
  b = await s.session('liaison-b');
  monitor = await s.session('monitor');
  const party = (p: string, i: number, visibility: string) => sampleObservation(i, { id: `${p}-${visibility}-${i}`, source: { kind: 'party', id: `${p}-office`, party: p }, visibility });
  const filed = await s.fetch('/api/v1/observations', { method: 'POST', as: a, json: [party(partyA, 1, 'party-confidential'), party(partyA, 2, 'public')] });
  expect((await json(filed)).summary.stored).toBe(2);
  await s.fetch('/api/v1/observations', { method: 'POST', as: b, json: [party(partyB, 3, 'party-confidential')] });
  await s.fetch('/api/v1/observations', { method: 'POST', as: monitor, json: [sampleObservation(4, { id: 'mission-4' }), sampleObservation(5, { id: 'public-5', visibility: 'public' })] });
});
afterAll(() => s.close());

describe('party compartments', () => {
  it('a liaison lists public records and its own filings only', async () => {
    const fa = await json(await s.fetch('/api/v1/observations', { as: a }));
    expect(ids(fa)).toEqual([`${partyA}-party-confidential-1`, `${partyA}-public-2`, 'public-5'].sort());
    expect(fa.numberReturned).toBe(3);
    const fb = await json(await s.fetch('/api/v1/observations', { as: b }));
    expect(ids(fb)).toEqual([`${partyA}-public-2`, `${partyB}-party-confidential-3`, 'public-5'].sort());
  });

  it("the other party's confidential filing answers 404 by id, exactly like a missing one", async () => {
    const hidden = await s.fetch(`/api/v1/observations/${partyA}-party-confidential-1`, { as: b });
    const missing = await s.fetch('/api/v1/observations/never-filed', { as: b });
    expect(hidden.status).toBe(404);
    expect(missing.status).toBe(404);
    const [h, m] = [await json(hidden), await json(missing)];
    expect(h.title).toBe(m.title);
    expect(h.detail.replace(`${partyA}-party-confidential-1`, 'X')).toBe(m.detail.replace('never-filed', 'X'));
  });

  it('the mission sees everything; the public and guarantors only public records', async () => {
    expect(ids(await json(await s.fetch('/api/v1/observations', { as: monitor })))).toHaveLength(5);
    expect(ids(await json(await s.fetch('/api/v1/observations')))).toEqual([`${partyA}-public-2`, 'public-5'].sort());
    const g = await s.session('guarantor');
    expect(ids(await json(await s.fetch('/api/v1/observations', { as: g })))).toEqual([`${partyA}-public-2`, 'public-5'].sort());
  });

  it('a liaison cannot file in the name of the other party or as a monitor', async () => {
    const res = await s.fetch('/api/v1/observations', {
      method: 'POST',
      as: b,
      json: [sampleObservation(9, { id: 'forged-9', source: { kind: 'party', id: 'x', party: partyA } }), sampleObservation(10, { id: 'forged-10' })],
    });
    const body = await json(res);
    expect(body.results.map((r: { status: string }) => r.status)).toEqual(['rejected', 'rejected']);
    expect(body.results[0].issues[0].path).toBe('source.party');
    expect(body.results[1].issues[0].path).toBe('source.kind');
  });

  it('paginates with a next link that carries the filters, and honours bbox and event filters', async () => {
    const first = await json(await s.fetch('/api/v1/observations?limit=2&event=explosion', { as: monitor }));
    expect(first.features).toHaveLength(2);
    const next = first.links.find((l: { rel: string }) => l.rel === 'next');
    expect(next.href).toMatch(/event=explosion/);
    const second = await json(await s.fetch(next.href, { as: monitor }));
    expect(second.features).toHaveLength(2);
    expect(ids(second).some((id: string) => ids(first).includes(id))).toBe(false);
    const none = await json(await s.fetch('/api/v1/observations?bbox=0,0,1,1', { as: monitor }));
    expect(none.features).toHaveLength(0);
    const bad = await s.fetch('/api/v1/observations?bbox=10,0,1,1', { as: monitor });
    expect(bad.status).toBe(400);
    expect((await json(bad)).errors[0].path).toBe('query.bbox');
    expect((await s.fetch('/api/v1/observations?cursor=bm9wZQ', { as: monitor })).status).toBe(400);
  });

  it('a repeated query sees a new filing at once (answers are cached per ledger size only)', async () => {
    const before = await json(await s.fetch('/api/v1/observations?event=explosion', { as: monitor }));
    await s.fetch('/api/v1/observations', { method: 'POST', as: monitor, json: sampleObservation(77, { id: 'fresh-77' }) });
    const after = await json(await s.fetch('/api/v1/observations?event=explosion', { as: monitor }));
    expect(after.numberReturned).toBe(before.numberReturned + 1);
    expect(ids(after)).toContain('fresh-77');
  });
});
