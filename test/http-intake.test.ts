import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleObservation, startTestServer, type Session, type TestServer } from '../src/server/test-harness.js';
import { json } from '../src/server/test-harness.js';

let s: TestServer;
let monitor: Session;
beforeAll(async () => {
  s = await startTestServer({ bodyLimitBytes: 8 * 1024 * 1024 });
  monitor = await s.session('monitor');
});
afterAll(() => s.close());

const post = (json: unknown, as: Session = monitor) => s.fetch('/api/v1/observations', { method: 'POST', as, json });

describe('POST /api/v1/observations against the real server', () => {
  it('stores one observation and answers only after the commit (it is readable at once)', async () => {
    const res = await post(sampleObservation(1));
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.summary).toMatchObject({ received: 1, stored: 1 });
    expect(body.results[0]).toMatchObject({ index: 0, id: 'obs-1', status: 'stored' });
    const got = await s.fetch('/api/v1/observations/obs-1', { as: monitor });
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toMatch(/application\/geo\+json/);
  });

  it('answers each item of a batch: stored, duplicate, conflict, rejected with the field path', async () => {
    const res = await post([sampleObservation(2), sampleObservation(1), sampleObservation(1, { count: 99 }), sampleObservation(3, { count: -1 })]);
    expect(res.status).toBe(200);
    const { results, summary } = await json(res);
    expect(results.map((r: { status: string }) => r.status)).toEqual(['stored', 'duplicate', 'conflict', 'rejected']);
    expect(summary).toEqual({ received: 4, stored: 1, duplicate: 1, conflict: 1, rejected: 1 });
    expect(results[3].issues.some((i: { path: string }) => i.path === 'count')).toBe(true);
  });

  it('takes a batch of 10,000 and refuses 10,001 with 400 problem+json', async () => {
    const big = Array.from({ length: 10_000 }, (_, i) => sampleObservation(100_000 + i));
    const ok = await post(big);
    expect(ok.status).toBe(200);
    expect((await json(ok)).summary.stored).toBe(10_000);
    const tooMany = await post([...big, sampleObservation(1)]);
    expect(tooMany.status).toBe(400);
    expect(tooMany.headers.get('content-type')).toMatch(/application\/problem\+json/);
  });

  it('answers 413 problem+json for a body over the limit', async () => {
    const res = await s.fetch('/api/v1/observations', { method: 'POST', as: monitor, headers: { 'content-type': 'application/json' }, body: JSON.stringify([{ text: 'x'.repeat(9 * 1024 * 1024) }]) });
    expect(res.status).toBe(413);
    const p = await json(res);
    expect(p).toMatchObject({ status: 413, type: expect.stringMatching(/^urn:truceline:problem:/) });
  });

  it.each([
    ['a number', '42'],
    ['a string', '"obs"'],
    ['null', 'null'],
    ['an empty array', '[]'],
    ['broken JSON', '{"id":'],
  ])('answers 400 problem+json when the body is %s', async (_what, body) => {
    const res = await s.fetch('/api/v1/observations', { method: 'POST', as: monitor, headers: { 'content-type': 'application/json' }, body });
    expect(res.status).toBe(400);
    const p = await json(res);
    expect(p).toMatchObject({ status: 400, title: expect.any(String), detail: expect.any(String), instance: expect.stringContaining('/api/v1/observations') });
  });

  it('refuses anonymous intake with 401 and a session without the CSRF header with 403', async () => {
    expect((await s.fetch('/api/v1/observations', { method: 'POST', json: sampleObservation(5) })).status).toBe(401);
    const noCsrf = await s.fetch('/api/v1/observations', { method: 'POST', headers: { cookie: monitor.cookie }, json: sampleObservation(5) });
    expect(noCsrf.status).toBe(403);
    expect((await json(noCsrf)).detail).toMatch(/X-CSRF-Token/);
  });

  it('accepts a Bearer token with observations:write and refuses one without it', async () => {
    const writer = await s.token('monitor', ['observations:write']);
    expect((await s.fetch('/api/v1/observations', { method: 'POST', as: { token: writer }, json: sampleObservation(6) })).status).toBe(200);
    const reader = await s.token('monitor', ['observations:read']);
    expect((await s.fetch('/api/v1/observations', { method: 'POST', as: { token: reader }, json: sampleObservation(7) })).status).toBe(403);
    expect((await s.fetch('/api/v1/observations', { method: 'POST', as: { token: 'tl_nope_nope' }, json: sampleObservation(7) })).status).toBe(401);
  });
});
