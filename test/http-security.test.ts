import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, sampleObservation, startTestServer, TEST_PASSWORD, type TestServer } from '../src/server/test-harness.js';

describe('security headers, CORS and intake rate limits', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ corsOrigins: ['https://dashboard.example.org'], intakePerMinutePerIp: 1000, intakePerMinutePerToken: 3 });
  });
  afterAll(() => s.close());

  it('sends helmet headers on every answer, errors included', async () => {
    for (const path of ['/healthz', '/api/v1/nothing-here']) {
      const res = await s.fetch(path);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
      expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    }
  });

  it('answers CORS only for an allow-listed origin', async () => {
    const ok = await s.fetch('/api/v1/observations', { method: 'OPTIONS', headers: { origin: 'https://dashboard.example.org', 'access-control-request-method': 'POST' } });
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://dashboard.example.org');
    const evil = await s.fetch('/api/v1/observations', { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('limits intake per API token with 429 problem+json and Retry-After', async () => {
    const token = await s.token('monitor', ['observations:write']);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await s.fetch('/api/v1/observations', { method: 'POST', as: { token }, json: sampleObservation(i) })).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const res = await s.fetch('/api/v1/observations', { method: 'POST', as: { token }, json: sampleObservation(9) });
    expect(res.headers.get('content-type')).toMatch(/problem\+json/);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another token of the same user has its own budget.
    const other = await s.token('monitor', ['observations:write']);
    expect((await s.fetch('/api/v1/observations', { method: 'POST', as: { token: other }, json: sampleObservation(9) })).status).toBe(200);
  });

  it('stores hostile but valid text verbatim and returns it as JSON data, never as markup', async () => {
    const text = `<script>alert("x")</script> '; DROP TABLE observations; -- \u202e`;
    const monitor = await s.session('monitor');
    await s.fetch('/api/v1/observations', { method: 'POST', as: monitor, json: sampleObservation(50, { id: 'hostile-50', text }) });
    const res = await s.fetch('/api/v1/observations/hostile-50', { as: monitor });
    expect(res.headers.get('content-type')).toMatch(/^application\/geo\+json/);
    expect((await json(res)).properties.text).toBe(text);
  });
});

describe('intake limit per address', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ intakePerMinutePerIp: 2 });
  });
  afterAll(() => s.close());

  it('refuses the third request in a minute from one address', async () => {
    const monitor = await s.session('monitor');
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await s.fetch('/api/v1/observations', { method: 'POST', as: monitor, json: sampleObservation(i) })).status);
    expect(statuses).toEqual([200, 200, 429]);
  });
});

describe('cookies behind TLS', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ secureCookies: 'always' });
  });
  afterAll(() => s.close());

  it('marks both cookies Secure when configured for TLS', async () => {
    const res = await s.fetch('/api/v1/auth/login', { method: 'POST', json: { name: 'monitor', password: TEST_PASSWORD } });
    const cookies = res.headers.getSetCookie();
    expect(cookies).toHaveLength(2);
    for (const c of cookies) expect(c).toMatch(/; Secure/i);
  });
});
