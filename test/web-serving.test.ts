import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAgreementFile, DEMO_AGREEMENT_FILE } from '../src/app/mission.js';
import { installProblemHandlers } from '../src/server/problem.js';
import { json, startTestServer, type TestServer } from '../src/server/test-harness.js';
import { registerWebRoutes } from '../src/server/web-routes.js';

/** How the server serves the dashboard (src/server/web-routes.ts), against a stand-in build. Issue 8. */
const { agreement } = readAgreementFile(DEMO_AGREEMENT_FILE);
const INDEX = '<!doctype html><title>Truceline</title><div id="root"></div>';
const SCRIPT = 'console.log("app");'.repeat(100);
let dist: string;
let app: FastifyInstance;

async function serverOver(distDir: string): Promise<FastifyInstance> {
  const a = Fastify();
  a.setValidatorCompiler(validatorCompiler);
  a.setSerializerCompiler(serializerCompiler);
  installProblemHandlers(a);
  await registerWebRoutes(a, { agreement, distDir });
  return a;
}

beforeAll(async () => {
  dist = mkdtempSync(join(tmpdir(), 'truceline-web-'));
  mkdirSync(join(dist, 'assets'));
  mkdirSync(join(dist, 'basemap'));
  writeFileSync(join(dist, 'index.html'), INDEX);
  writeFileSync(join(dist, 'assets', 'index-abc123.js'), SCRIPT);
  writeFileSync(join(dist, 'assets', 'index-abc123.js.gz'), gzipSync(SCRIPT));
  writeFileSync(
    join(dist, 'basemap', 'countries.geojson'),
    '{"type":"FeatureCollection","features":[]}',
  );
  app = await serverOver(dist);
});
afterAll(async () => {
  await app.close();
  rmSync(dist, { recursive: true, force: true });
});

describe('serving web/dist', () => {
  it('answers / with the app, revalidated on every load', async () => {
    const res = await app.inject({ url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.body).toBe(INDEX);
  });

  it.each(['/?c=37,48&z=7&event=explosion', '/incidents/inc-42', '/reports/2026-03-01'])(
    'answers the app for the client-side path %s',
    async (url) => {
      const res = await app.inject({ url });
      expect(res.statusCode).toBe(200);
      expect(res.body).toBe(INDEX);
    },
  );

  it('serves hashed assets for a year, pre-compressed when the browser accepts gzip', async () => {
    const plain = await app.inject({ url: '/assets/index-abc123.js' });
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-type']).toMatch(/javascript/);
    expect(plain.headers['cache-control']).toMatch(/max-age=31536000.*immutable/);
    expect(plain.body).toBe(SCRIPT);
    const gz = await app.inject({
      url: '/assets/index-abc123.js',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.rawPayload.length).toBeLessThan(SCRIPT.length);
  });

  it('serves the basemap as GeoJSON', async () => {
    const res = await app.inject({ url: '/basemap/countries.geojson' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/geo\+json|json/);
  });

  it.each([
    ['a missing asset', '/assets/gone-999.js'],
    ['an unknown API path', '/api/v1/nothing-here'],
    ['the API root', '/api'],
    ['an unknown ledger path', '/log/nothing'],
    ['an unknown OGC path', '/ogc/nothing'],
    ['a path climbing out of the root', '/assets/..%2f..%2f..%2fetc%2fpasswd'],
  ])('answers 404 problem+json, not the app, for %s', async (_case, url) => {
    const res = await app.inject({ url });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).not.toContain('<title>');
  });

  it('says how to build the app when web/dist is missing', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'truceline-web-empty-'));
    const bare = await serverOver(empty);
    try {
      const res = await bare.inject({ url: '/' });
      expect(res.statusCode).toBe(404);
      expect(res.json().detail).toMatch(/npm run build:web/);
    } finally {
      await bare.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('GET /api/v1/agreement through the real server', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s.close());

  it('answers anyone, without login, with the bound agreement', async () => {
    const res = await s.fetch('/api/v1/agreement');
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.id).toBe(s.mission.agreement.id);
    expect(body.lineOfContact).toEqual(s.mission.agreement.lineOfContact);
    expect(body.disengagementAreas.length).toBe(s.mission.agreement.disengagementAreas.length);
  });
});
