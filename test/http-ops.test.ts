import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../src/app/identity/tokens.js';
import { createUser } from '../src/app/identity/users.js';
import { openMission } from '../src/app/mission.js';
import { buildServer } from '../src/server/app.js';
import { resolveConfig } from '../src/server/config.js';
import { sampleObservation, startTestServer, TEST_PASSWORD, type TestServer } from '../src/server/test-harness.js';

/**
 * The operations surface: /healthz, /readyz, /metrics (who may scrape, what it counts) and the
 * request log (one line per request with id, route, status, duration and caller; no credentials).
 */
const SCRAPE_TOKEN = 'scrape-token-for-the-metrics-test-0123456789';

/**
 * Every metric name the exposition has carried, with its type: dashboards and alerts depend on
 * them, so a rename must fail here.
 */
const EXPOSED: readonly (readonly [string, string])[] = [
  ['truceline_observations_total', 'counter'],
  ['truceline_fusion_duration_seconds', 'histogram'],
  ['truceline_ledger_size', 'gauge'],
  ['truceline_alerts_unacknowledged', 'gauge'],
  ['truceline_alert_deliveries', 'gauge'],
  ['truceline_http_request_duration_seconds', 'histogram'],
  ['truceline_store_errors_total', 'counter'],
  ['truceline_metrics_store_read_errors_total', 'counter'],
  ['process_cpu_user_seconds_total', 'counter'],
  ['process_cpu_system_seconds_total', 'counter'],
  ['process_cpu_seconds_total', 'counter'],
  ['process_resident_memory_bytes', 'gauge'],
  ['process_start_time_seconds', 'gauge'],
  ...(process.platform === 'linux' ? [['process_open_fds', 'gauge'] as const] : []),
  ['nodejs_heap_size_used_bytes', 'gauge'],
  ['nodejs_heap_size_total_bytes', 'gauge'],
  ['nodejs_external_memory_bytes', 'gauge'],
  ['nodejs_eventloop_lag_p50_seconds', 'gauge'],
  ['nodejs_eventloop_lag_p99_seconds', 'gauge'],
  ['nodejs_eventloop_lag_max_seconds', 'gauge'],
  ['nodejs_version_info', 'gauge'],
];

/** A metric sample's value from an exposition, or null when the series is absent. */
function sample(text: string, series: string): number | null {
  const line = text.split('\n').find((l) => l.startsWith(series + ' '));
  return line ? Number(line.slice(series.length + 1)) : null;
}

describe('health, readiness and metrics', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ metricsToken: SCRAPE_TOKEN });
  });
  afterAll(() => s.close());

  it('/healthz answers without the store; /readyz reports the store and the ledger size', async () => {
    const health = await fetch(`${s.base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${s.base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', store: s.mission.store.kind, ledgerSize: await s.mission.store.ledger.size() });
  });

  it('/metrics is for admins and the scrape token only', async () => {
    expect((await fetch(`${s.base}/metrics`)).status).toBe(401);
    expect((await fetch(`${s.base}/metrics`, { headers: { authorization: 'Bearer not-the-scrape-token-000000000000' } })).status).toBe(401);
    expect((await s.fetch('/metrics', { as: await s.session('monitor') })).status).toBe(403);
    expect((await s.fetch('/metrics', { as: { token: await s.token('monitor', ['observations:read']) } })).status).toBe(403);
    // The scrape token is no credential anywhere else.
    expect((await fetch(`${s.base}/api/v1/observations`, { headers: { authorization: `Bearer ${SCRAPE_TOKEN}` } })).status).toBe(401);
    const byAdmin = await s.fetch('/metrics', { as: await s.session('admin') });
    expect(byAdmin.status).toBe(200);
    expect(byAdmin.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    await byAdmin.text();
    const byScraper = await fetch(`${s.base}/metrics`, { headers: { authorization: `Bearer ${SCRAPE_TOKEN}` } });
    expect(byScraper.status).toBe(200);
    const text = await byScraper.text();
    for (const [name, type] of EXPOSED) expect(text, name).toContain(`# TYPE ${name} ${type}\n`);
    expect(text).toContain(`nodejs_version_info{version="${process.version}"`);
    expect(sample(text, 'truceline_alerts_unacknowledged{kind="escalation"}')).toBe(0);
    expect(sample(text, 'truceline_alerts_unacknowledged{kind="early_warning"}')).toBe(0);
    expect(sample(text, 'truceline_alert_deliveries{status="retrying"}')).toBe(0);
    expect(sample(text, 'truceline_alert_deliveries{status="parked"}')).toBe(0);
    expect(Math.abs(sample(text, 'process_start_time_seconds')! - (Date.now() / 1000 - process.uptime()))).toBeLessThanOrEqual(2);
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('counts intake by source kind and result, times requests by route pattern, and reads the ledger size at scrape time', async () => {
    const monitor = await s.session('monitor');
    const liaison = await s.session('liaison-a');
    const batch = [0, 1, 2].map((i) => sampleObservation(9000 + i, { id: `ops-${i}` }));
    expect((await s.fetch('/api/v1/observations', { method: 'POST', as: monitor, json: batch })).status).toBe(200);
    // Again: all duplicates; and one item the validator rejects.
    expect((await s.fetch('/api/v1/observations', { method: 'POST', as: monitor, json: [...batch, sampleObservation(9100, { id: 'ops-bad', event: 'no-such-event' })] })).status).toBe(200);
    const partyItem = sampleObservation(9200, { id: 'ops-party', source: { kind: 'party', id: 'hq', party: s.parties[0] }, visibility: 'party-confidential' });
    expect((await s.fetch('/api/v1/observations', { method: 'POST', as: liaison, json: [partyItem] })).status).toBe(200);
    expect((await s.fetch('/api/v1/observations/ops-1', { as: monitor })).status).toBe(200);

    const text = await (await fetch(`${s.base}/metrics`, { headers: { authorization: `Bearer ${SCRAPE_TOKEN}` } })).text();
    expect(sample(text, 'truceline_observations_total{source_kind="monitor",status="stored"}')).toBe(3);
    expect(sample(text, 'truceline_observations_total{source_kind="monitor",status="duplicate"}')).toBe(3);
    expect(sample(text, 'truceline_observations_total{source_kind="monitor",status="rejected"}')).toBe(1);
    expect(sample(text, 'truceline_observations_total{source_kind="party",status="stored"}')).toBe(1);
    // The route pattern, not the id in the path.
    expect(sample(text, 'truceline_http_request_duration_seconds_count{method="GET",route="/api/v1/observations/:id",status_code="200"}')).toBe(1);
    expect(text).not.toContain('ops-1');
    expect(sample(text, 'truceline_http_request_duration_seconds_count{method="POST",route="/api/v1/observations",status_code="200"}')).toBe(3);
    expect(sample(text, 'truceline_ledger_size')).toBe(await s.mission.store.ledger.size());
  });
});

describe('readiness when the store is gone', () => {
  it('/readyz answers 503 with Retry-After and a problem body while /healthz stays 200', async () => {
    const s = await startTestServer();
    try {
      await s.mission.store.close();
      const ready = await fetch(`${s.base}/readyz`);
      expect(ready.status).toBe(503);
      expect(ready.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(ready.headers.get('content-type')).toMatch(/application\/problem\+json/);
      const body = (await ready.json()) as { type: string; status: number; detail: string };
      expect(body.status).toBe(503);
      expect(body.type).toMatch(/^urn:truceline:problem:/);
      expect((await fetch(`${s.base}/healthz`)).status).toBe(200);
    } finally {
      const closing = s.app.close();
      s.app.server.closeAllConnections();
      await closing;
    }
  });
});

describe('a store error meaning the database is unavailable', () => {
  it('answers 503 with Retry-After and a problem body naming the condition, counts it, and acknowledges nothing', async () => {
    const s = await startTestServer({ metricsToken: SCRAPE_TOKEN });
    try {
      const monitor = await s.session('monitor');
      const store = s.mission.store as { write: unknown };
      // What node-postgres raises when the server shuts down under a transaction (SQLSTATE 57P01).
      store.write = async () => {
        throw Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01', severity: 'FATAL' });
      };
      const res = await s.fetch('/api/v1/observations', { method: 'POST', as: monitor, json: [sampleObservation(1, { id: 'not-acked' })] });
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
      const body = (await res.json()) as Record<string, unknown>;
      expect(body).toMatchObject({ type: 'urn:truceline:problem:unavailable', title: 'Database unavailable', status: 503 });
      expect(JSON.stringify(body)).not.toMatch(/administrator command|\.ts:\d+|\.js:\d+/);
      delete (store as { write?: unknown }).write;
      expect((await s.fetch('/api/v1/observations/not-acked', { as: monitor })).status).toBe(404);
      const text = await (await fetch(`${s.base}/metrics`, { headers: { authorization: `Bearer ${SCRAPE_TOKEN}` } })).text();
      expect(sample(text, 'truceline_store_errors_total{condition="unavailable",code="57P01"}')).toBe(1);
      expect(sample(text, 'truceline_http_request_duration_seconds_count{method="POST",route="/api/v1/observations",status_code="503"}')).toBe(1);

      // A scrape whose store read fails still answers, counts the failure in that same scrape,
      // and keeps the gauges' last values.
      const size = sample(text, 'truceline_ledger_size');
      expect(size).toBe(await s.mission.store.ledger.size());
      expect(sample(text, 'truceline_metrics_store_read_errors_total')).toBe(0);
      const alerts = s.mission.store as { listAlerts?: unknown };
      alerts.listAlerts = async () => {
        throw Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
      };
      const failed = await fetch(`${s.base}/metrics`, { headers: { authorization: `Bearer ${SCRAPE_TOKEN}` } });
      expect(failed.status).toBe(200);
      const after = await failed.text();
      expect(sample(after, 'truceline_metrics_store_read_errors_total')).toBe(1);
      expect(sample(after, 'truceline_store_errors_total{condition="unavailable",code="57P01"}')).toBe(2);
      expect(sample(after, 'truceline_ledger_size')).toBe(size);
      delete alerts.listAlerts;
    } finally {
      await s.close();
    }
  });
});

describe('fusion latency', () => {
  it('times each stored batch handed to fusion into truceline_fusion_duration_seconds', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'truceline-fusionmetric-'));
    const mission = await openMission(dir, { synchronous: 'NORMAL' });
    let seen = 0;
    const app = await buildServer({
      mission,
      config: resolveConfig({ logLevel: 'silent', metricsToken: SCRAPE_TOKEN }),
      afterStored: async (stored) => {
        seen += stored.length;
        await new Promise((r) => setTimeout(r, 30));
      },
    });
    try {
      await createUser(app.identity, { name: 'mon', role: 'monitor', party: null, password: TEST_PASSWORD }, { actor: 'system', nowMs: Date.now() });
      const { token: bearer } = await createToken(app.identity, { user: 'mon', scopes: ['observations:write'] }, { actor: 'system', nowMs: Date.now() });
      await app.listen({ port: 0, host: '127.0.0.1' });
      const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
      for (const k of [0, 1]) {
        const res = await fetch(`${base}/api/v1/observations`, { method: 'POST', headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' }, body: JSON.stringify([sampleObservation(k, { id: `fm-${k}` })]) });
        expect(res.status).toBe(200);
      }
      expect(seen).toBe(2);
      const text = await (await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${SCRAPE_TOKEN}` } })).text();
      expect(sample(text, 'truceline_fusion_duration_seconds_count')).toBe(2);
      expect(sample(text, 'truceline_fusion_duration_seconds_sum')!).toBeGreaterThanOrEqual(0.05);
      expect(sample(text, 'truceline_fusion_duration_seconds_bucket{le="0.01"}')).toBe(0);
    } finally {
      await app.close();
      await mission.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('request log', () => {
  it('writes one JSON line per request with id, route, status, duration and caller, and never the password', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'truceline-reqlog-'));
    const lines: string[] = [];
    const mission = await openMission(dir, { synchronous: 'NORMAL' });
    const app = await buildServer({ mission, config: resolveConfig({ logLevel: 'info' }), logger: true, logStream: { write: (l) => void lines.push(l) } });
    try {
      await createUser(app.identity, { name: 'ana', role: 'analyst', party: null, password: TEST_PASSWORD }, { actor: 'system', nowMs: Date.now() });
      await app.listen({ port: 0, host: '127.0.0.1' });
      const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
      const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'ana', password: TEST_PASSWORD }) });
      expect(login.status).toBe(200);
      const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
      const { csrfToken } = (await login.json()) as { csrfToken: string };
      const wrong = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'ana', password: 'wrong-password-in-the-log?' }) });
      expect(wrong.status).toBe(401);
      expect((await fetch(`${base}/api/v1/observations/none?token=secret-query-token`, { headers: { cookie, 'x-csrf-token': csrfToken } })).status).toBe(404);

      const all = lines.join('');
      for (const secret of [TEST_PASSWORD, 'wrong-password-in-the-log?', 'secret-query-token', cookie.split('=')[1]!, csrfToken]) expect(all).not.toContain(secret);
      const done = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === 'request completed');
      expect(done).toHaveLength(3);
      for (const l of done) {
        expect(typeof l.reqId).toBe('string');
        expect(typeof l.durationMs).toBe('number');
      }
      expect(done[0]).toMatchObject({ method: 'POST', route: '/api/v1/auth/login', status: 200, principal: { kind: 'anonymous' } });
      expect(done[1]).toMatchObject({ route: '/api/v1/auth/login', status: 401 });
      expect(done[2]).toMatchObject({ method: 'GET', route: '/api/v1/observations/:id', path: '/api/v1/observations/none', status: 404, principal: { kind: 'user', name: 'ana', role: 'analyst' } });
    } finally {
      await app.close();
      await mission.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
