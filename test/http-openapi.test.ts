import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, startTestServer, type TestServer } from '../src/server/test-harness.js';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.close());

/** fastify `:id` and `*` → OpenAPI `{id}` and `{*}` (as @fastify/swagger writes them). */
function openApiPath(url: string): string {
  return url.replace(/:([A-Za-z0-9_]+)/g, '{$1}').replace(/\*$/, '{*}');
}

const UNDOCUMENTED_BY_DESIGN = new Set(['/api/docs', '/api/docs/json', '/api/docs/yaml', '/api/docs/static/*', '/api/docs/static/index.html', '/api/docs/static/swagger-initializer.js', '*']);

describe('OpenAPI 3.1 at /api/docs', () => {
  it('serves an OpenAPI 3.1 document and the browsable UI', async () => {
    const doc = await json(await s.fetch('/api/docs/json'));
    expect(doc.openapi).toBe('3.1.0');
    const ui = await s.fetch('/api/docs');
    expect(ui.status).toBe(200);
    expect(ui.headers.get('content-type')).toMatch(/text\/html/);
  });

  it('documents every registered route (other than the docs themselves and CORS preflight)', async () => {
    const doc = await json(await s.fetch('/api/docs/json'));
    const missing = s.app.registeredRoutes
      .filter((r) => !UNDOCUMENTED_BY_DESIGN.has(r.url))
      .filter((r) => !doc.paths[openApiPath(r.url)]?.[r.method.toLowerCase()])
      .map((r) => `${r.method} ${r.url}`);
    expect(missing).toEqual([]);
  });

  it('documents the intake body with the observation schema and errors as problem details', async () => {
    const doc = await json(await s.fetch('/api/docs/json'));
    const post = doc.paths['/api/v1/observations'].post;
    const schema = JSON.stringify(post.requestBody.content['application/json'].schema);
    expect(schema).toMatch(/"explosion"/);
    expect(schema).toMatch(/maxItems":10000/);
    expect(Object.keys(post.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403', '413']));
  });

  it('serves the ledger checkpoint as a signed note for the mission origin', async () => {
    const res = await s.fetch('/log/checkpoint');
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text.split('\n')[0]).toBe(s.mission.origin);
    expect(text).toMatch(/\n\n— /);
  });
});
