import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDevice } from '../src/app/identity/devices.js';
import { gatewayKeys, sampleObservation, startTestServer, type Session, type TestServer } from '../src/server/test-harness.js';

/**
 * Hostile input against the real server: a few thousand malformed bodies (wrong types, huge
 * numbers, deep nesting, unicode tricks, SQL and script fragments, prototype keys, oversized
 * batches, wrong media types). Every answer must be a 4xx problem+json — except intake answering
 * 200 for a well-formed batch whose items were each rejected (nothing stored) — and /healthz
 * must stay 200 throughout. Seeded, so a failure replays exactly.
 */
let s: TestServer;
let monitor: Session;
let admin: Session;
const gw = gatewayKeys();

beforeAll(async () => {
  s = await startTestServer({ intakePerMinutePerIp: 1_000_000, intakePerMinutePerToken: 1_000_000, loginPerMinutePerIp: 1_000_000 });
  monitor = await s.session('monitor');
  admin = await s.session('admin');
  await addDevice(s.app.identity, { name: 'gw-fuzz', publicKey: gw.publicKey }, { actor: 'system', nowMs: Date.now() });
});
afterAll(() => s.close());

function rng(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

const HOSTILE_TEXT = [
  "'; DROP TABLE observations; --",
  '" OR 1=1 --',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '\u202eevil\u202c',
  '\u200b\u200d\ufeff',
  'a\u0000b',
  '\ud800',
  '\udfff\ud800',
  '𝕏'.repeat(5000),
  '../../../../etc/passwd',
  '%00%0d%0a',
  '${jndi:ldap://x}',
  '{{7*7}}',
  'x'.repeat(100_000),
];
const HOSTILE_VALUES: unknown[] = [null, true, false, 0, -0, -1, 1e308, -1e308, 2 ** 53 + 1, 1.5, [], {}, [[[]]], { __proto__: { admin: true } }, ...HOSTILE_TEXT];
const RAW_BODIES = [
  '', ' ', '{', '[', '}', ']', '[1,', '{"id":', 'nul', 'NaN', 'Infinity', '1e400', '-1e400', '123456789012345678901234567890',
  '{"id":"a","id":"b"}', '\ufeff{}', '{"__proto__":{"x":1}}', '{"constructor":{"prototype":{"x":1}}}',
  '['.repeat(50_000) + ']'.repeat(50_000), '{"a":'.repeat(20_000) + '1' + '}'.repeat(20_000), '"\\ud800"', '[' + '1,'.repeat(200_000) + '1]',
];

/** Values no field of the format accepts where they are put (so the item must be rejected). */
const INVALID_FOR_COUNT: unknown[] = [null, true, '12', -1, 0, 1.5, 1e308, [], {}, '<script>alert(1)</script>', "1; DROP TABLE observations"];

function mutate(r: () => number, i: number): unknown {
  const o: Record<string, unknown> = sampleObservation(900_000 + i);
  o.count = INVALID_FOR_COUNT[Math.floor(r() * INVALID_FOR_COUNT.length)];
  const keys = [...Object.keys(o), 'visibility', 'evidence', 'location', 'text', 'lang', 'calibreMm', 'restriction', '__proto__', 'extra'];
  const n = 1 + Math.floor(r() * 3);
  for (let k = 0; k < n; k++) {
    const key = keys[Math.floor(r() * keys.length)]!;
    const value = HOSTILE_VALUES[Math.floor(r() * HOSTILE_VALUES.length)];
    if (key === 'source' || key === 'observer' || key === 'bearing') o[key] = { ...(o[key] as object), [['kind', 'id', 'lat', 'lon', 'fromDeg', 'party'][Math.floor(r() * 6)]!]: value };
    else o[key] = value;
  }
  return o;
}

function nest(depth: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = { text: v };
  return v;
}

/** Percent-encodes; a lone surrogate becomes its (invalid) UTF-8 bytes, a hostile input itself. */
function enc(v: string): string {
  try {
    return encodeURIComponent(v);
  } catch {
    return '%ED%A0%80' + v.length;
  }
}

type Case = { path: string; method: string; as?: Session; contentType?: string; body: string; intake?: boolean };

function cases(): Case[] {
  const r = rng(20260301);
  const out: Case[] = [];
  const obs = (body: string, extra: Partial<Case> = {}) => out.push({ path: '/api/v1/observations', method: 'POST', as: monitor, body, intake: true, ...extra });
  for (const raw of RAW_BODIES) {
    obs(raw);
    out.push({ path: '/api/v1/auth/login', method: 'POST', body: raw });
    out.push({ path: '/api/v1/gateway/batches', method: 'POST', body: raw });
    out.push({ path: '/api/v1/users', method: 'POST', as: admin, body: raw });
  }
  for (const v of HOSTILE_VALUES) {
    obs(JSON.stringify(v) ?? 'null');
    obs(JSON.stringify([v]) ?? 'null');
    out.push({ path: '/api/v1/auth/login', method: 'POST', body: JSON.stringify({ name: v, password: v }) });
    out.push({ path: '/api/v1/users', method: 'POST', as: admin, body: JSON.stringify({ name: v, role: v, party: v }) });
    out.push({ path: '/api/v1/tokens', method: 'POST', as: admin, body: JSON.stringify({ scopes: [v], expiresAt: v }) });
    out.push({ path: '/api/v1/devices', method: 'POST', as: admin, body: JSON.stringify({ name: v, publicKey: v }) });
    out.push({ path: '/api/v1/auth/password', method: 'POST', as: monitor, body: JSON.stringify({ currentPassword: v, newPassword: v }) });
    out.push({ path: `/api/v1/observations?bbox=${enc(String(v))}&limit=${enc(String(v))}`, method: 'GET', as: monitor, body: '' });
    out.push({ path: `/api/v1/observations?cursor=${enc(String(v).slice(0, 2000))}`, method: 'GET', as: monitor, body: '' });
    out.push({ path: `/api/v1/observations/${enc(String(v).slice(0, 3000))}`, method: 'GET', as: monitor, body: '' });
    const signed = gw.sign([v]);
    out.push({ path: '/api/v1/gateway/batches', method: 'POST', body: JSON.stringify({ deviceId: 'gw-fuzz', ...signed, timestamp: v }) });
  }
  for (let i = 0; i < 2500; i++) obs(JSON.stringify(r() < 0.5 ? mutate(r, i) : [mutate(r, i), mutate(r, i + 1)]));
  for (const depth of [100, 1_000, 10_000, 100_000]) {
    const deep = '{"text":'.repeat(depth) + '1' + '}'.repeat(depth);
    obs(JSON.stringify(sampleObservation(1, { text: 'PLACEHOLDER' })).replace('"PLACEHOLDER"', deep));
    obs(`[${deep}]`);
    // Signed as far as the signer can; the server must answer 4xx whatever the depth.
    const signed = depth <= 1_000 ? gw.sign([nest(depth)]) : gw.sign([]);
    out.push({ path: '/api/v1/gateway/batches', method: 'POST', intake: true, body: JSON.stringify({ deviceId: 'gw-fuzz', ...signed, observations: ['PLACEHOLDER'] }).replace('"PLACEHOLDER"', deep) });
  }
  obs(JSON.stringify(Array.from({ length: 10_001 }, () => 1)));
  obs(JSON.stringify([{ text: 'y'.repeat(9 * 1024 * 1024) }]));
  for (const ct of ['text/plain', 'application/xml', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', 'application/jsonx']) {
    obs(JSON.stringify(sampleObservation(2)), { contentType: ct });
  }
  return out;
}

describe('fuzz: hostile bodies against the real server', () => {
  it('answers every one with a 4xx problem+json (or 200 with every item rejected), and stays healthy', async () => {
    const all = cases();
    expect(all.length).toBeGreaterThan(2000);
    const before = await s.mission.store.countObservations();
    const bad: string[] = [];
    for (let i = 0; i < all.length; i += 16) {
      await Promise.all(
        all.slice(i, i + 16).map(async (c, k) => {
          const headers: Record<string, string> = { 'content-type': c.contentType ?? 'application/json' };
          if (c.as) Object.assign(headers, { cookie: c.as.cookie, 'x-csrf-token': c.as.csrf });
          const res = await fetch(s.base + c.path, { method: c.method, headers, body: c.method === 'GET' ? undefined : c.body });
          const text = await res.text();
          const label = `#${i + k} ${c.method} ${c.path.slice(0, 80)} ${c.body.slice(0, 80)}`;
          if (res.status >= 500) return void bad.push(`${label} → ${res.status} ${text.slice(0, 200)}`);
          if (res.status >= 400) {
            if (!/application\/problem\+json/.test(res.headers.get('content-type') ?? '')) bad.push(`${label} → ${res.status} not problem+json`);
            return;
          }
          if (c.method === 'GET') return;
          const body = JSON.parse(text) as { results?: { status: string }[] };
          if (!c.intake || !body.results?.every((x) => x.status === 'rejected')) bad.push(`${label} → ${res.status} ${text.slice(0, 200)}`);
        }),
      );
      if (i % 640 === 0) expect((await fetch(s.base + '/healthz')).status).toBe(200);
    }
    expect(bad.slice(0, 20)).toEqual([]);
    expect((await fetch(s.base + '/healthz')).status).toBe(200);
    expect(await s.mission.store.countObservations()).toBe(before);
  });
});
