import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDevice } from '../src/app/identity/devices.js';
import { ROUTE_TABLE } from '../src/server/authz.js';
import { CALLERS, gatewayKeys, startTestServer, type Caller, type Session, type TestServer } from '../src/server/test-harness.js';

/**
 * The role matrix: every registered route (as fastify's onRoute hook saw it) with every caller,
 * against the real server. EXPECTED is written here, apart from src/server/authz.ts, so a change
 * of policy there must be made here too; a route missing from EXPECTED fails the test.
 *
 * The probe sends a body that no route accepts (or ids that do not exist), so an allowed call
 * ends in 2xx, 400 or 404 and changes nothing, while a denied one ends in 401 (anonymous) or 403.
 * A device is a device only on the gateway route (its signature is its credential); elsewhere it
 * has no credential and is treated as anonymous.
 */
const ALL: readonly Caller[] = CALLERS;
const USERS: readonly Caller[] = ['monitor', 'analyst', 'chief', 'liaison-a', 'liaison-b', 'guarantor', 'admin'];
const PUBLIC: readonly Caller[] = ['anonymous', 'device', ...USERS];
const FILERS: readonly Caller[] = ['monitor', 'analyst', 'chief', 'liaison-a', 'liaison-b'];
const ADMIN: readonly Caller[] = ['admin'];

const EXPECTED: Record<string, readonly Caller[]> = {
  'GET /healthz': ALL,
  'GET /readyz': ALL,
  'GET /metrics': ADMIN,
  'GET /api/v1/agreement': ALL,
  'GET /*': ALL,
  'GET /ogc': PUBLIC,
  'GET /ogc/': PUBLIC,
  'GET /ogc/conformance': PUBLIC,
  'GET /ogc/collections': PUBLIC,
  'GET /ogc/collections/:collectionId': PUBLIC,
  'GET /ogc/collections/:collectionId/items': PUBLIC,
  'GET /ogc/collections/:collectionId/items/:featureId': PUBLIC,
  'GET /log/checkpoint': ALL,
  'GET /log/tile/*': ALL,
  'GET /log/entries/:index': ALL,
  'GET /log/proof/inclusion': ALL,
  'GET /log/proof/consistency': ALL,
  'OPTIONS *': ALL,
  'GET /api/docs': ALL,
  'GET /api/docs/json': ALL,
  'GET /api/docs/yaml': ALL,
  'GET /api/docs/static/*': ALL,
  'GET /api/docs/static/index.html': ALL,
  'GET /api/docs/static/swagger-initializer.js': ALL,
  'POST /api/v1/auth/login': PUBLIC,
  'POST /api/v1/auth/logout': PUBLIC,
  'GET /api/v1/auth/me': USERS,
  'POST /api/v1/auth/password': USERS,
  'POST /api/v1/observations': FILERS,
  'GET /api/v1/observations': PUBLIC,
  'GET /api/v1/observations/:id': PUBLIC,
  'GET /api/v1/observations/grid': PUBLIC,
  'GET /api/v1/observations/histogram': PUBLIC,
  'GET /api/v1/incidents/histogram': PUBLIC,
  'GET /api/v1/incidents': PUBLIC,
  'GET /api/v1/incidents/:id': PUBLIC,
  'GET /api/v1/incidents/grid': PUBLIC,
  'GET /api/v1/incidents/:id/workflow': ['monitor', 'analyst', 'chief', 'admin', 'liaison-a', 'liaison-b'],
  'POST /api/v1/incidents/:id/workflow': FILERS,
  'POST /api/v1/declarations': ['liaison-a', 'liaison-b'],
  'GET /api/v1/declarations': ['monitor', 'analyst', 'chief', 'admin', 'liaison-a', 'liaison-b', 'guarantor'],
  'GET /api/v1/declarations/:id': ['monitor', 'analyst', 'chief', 'admin', 'liaison-a', 'liaison-b', 'guarantor'],
  'POST /api/v1/declarations/:id/check': ['analyst', 'chief'],
  'POST /api/v1/notices': ['liaison-a', 'liaison-b'],
  'POST /api/v1/notices/:id/withdraw': ['liaison-a', 'liaison-b'],
  'GET /api/v1/notices': PUBLIC,
  'GET /api/v1/notices/:id': PUBLIC,
  'POST /api/v1/silences': ['chief', 'liaison-a', 'liaison-b'],
  'POST /api/v1/silences/:id/agree': ['liaison-a', 'liaison-b'],
  'POST /api/v1/silences/:id/decline': ['liaison-a', 'liaison-b'],
  'POST /api/v1/silences/:id/withdraw': ['chief', 'liaison-a', 'liaison-b'],
  'GET /api/v1/silences': ['monitor', 'analyst', 'chief', 'admin', 'liaison-a', 'liaison-b', 'guarantor'],
  'GET /api/v1/silences/:id': ['monitor', 'analyst', 'chief', 'admin', 'liaison-a', 'liaison-b', 'guarantor'],
  'GET /api/v1/restrictions/summary': PUBLIC,
  'POST /api/v1/evidence': FILERS,
  'GET /api/v1/evidence/:sha256': FILERS,
  'GET /api/v1/evidence/:sha256/content': FILERS,
  'GET /api/v1/evidence/:sha256/thumbnail': FILERS,
  'POST /api/v1/evidence/:sha256/transfer': ['monitor', 'analyst', 'chief'],
  'GET /api/v1/incidents/:id/evidence': FILERS,
  'GET /api/v1/incidents/:id/evidence-bundle': ['monitor', 'analyst', 'chief'],
  'POST /api/v1/gateway/batches': ['device'],
  'GET /api/v1/users': ADMIN,
  'POST /api/v1/users': ADMIN,
  'POST /api/v1/users/:name/disable': ADMIN,
  'POST /api/v1/users/:name/password-reset': ADMIN,
  'POST /api/v1/users/:name/role': ADMIN,
  'GET /api/v1/tokens': USERS,
  'POST /api/v1/tokens': USERS,
  'DELETE /api/v1/tokens/:id': USERS,
  'GET /api/v1/devices': ADMIN,
  'POST /api/v1/devices': ADMIN,
  'POST /api/v1/devices/:id/revoke': ADMIN,
  'GET /api/v1/alerts': ['guarantor', 'chief', 'analyst', 'admin'],
  'GET /api/v1/alerts/feed.atom': ['guarantor', 'chief', 'analyst', 'admin'],
  'GET /api/v1/alerts/:id': ['guarantor', 'chief', 'analyst', 'admin'],
  'GET /api/v1/alerts/:id/cap': ['guarantor', 'chief', 'analyst', 'admin'],
  'GET /api/v1/consultations/:id': ['guarantor', 'chief', 'analyst', 'admin'],
  'POST /api/v1/alerts/:id/ack': ['guarantor', 'chief', 'liaison-a', 'liaison-b'],
  'GET /api/v1/alerts/ack': ALL,
  'POST /api/v1/alerts/ack': ALL,
  'GET /api/v1/reports': PUBLIC,
  'GET /api/v1/reports/:date': PUBLIC,
  'POST /api/v1/reports/:date/publish': ['chief'],
};

let s: TestServer;
const sessions = new Map<Caller, Session>();
const device = gatewayKeys();
const stranger = gatewayKeys();

beforeAll(async () => {
  s = await startTestServer({ loginPerMinutePerIp: 10_000 });
  await addDevice(s.app.identity, { name: 'gw-1', publicKey: device.publicKey }, { actor: 'system', nowMs: Date.now() });
  for (const c of USERS) sessions.set(c, await s.session(c as Exclude<Caller, 'anonymous' | 'device'>));
});
afterAll(() => s.close());

function concretePath(url: string): string {
  if (url === '/log/tile/*') return '/log/tile/0/000';
  return url.replace(':id', 'no-such-id').replace(':name', 'no-such-user').replace(':index', '0').replace('*', 'swagger-ui.css');
}

async function probe(caller: Caller, method: string, url: string): Promise<Response> {
  const path = url === '*' ? '/api/v1/observations' : concretePath(url);
  let as: Session | undefined = sessions.get(caller);
  if (url === '/api/v1/auth/logout' && as) as = await s.login(caller as Exclude<Caller, 'anonymous' | 'device'>);
  if (url === '/api/v1/gateway/batches') {
    const bad = [{ probe: true }];
    const envelope = caller === 'device' ? { deviceId: 'gw-1', ...device.sign(bad) } : { deviceId: 'gw-1', ...stranger.sign(bad) };
    return s.fetch(path, { method, as, json: envelope });
  }
  const withBody = method === 'POST' || method === 'DELETE';
  return s.fetch(path, { method, as, ...(withBody && method === 'POST' ? { json: { probe: true } } : {}) });
}

describe('role matrix: every registered route with every caller', () => {
  it('every registered route has an expected row (a route missing here fails)', () => {
    const missing = s.app.registeredRoutes.map((r) => `${r.method} ${r.url}`).filter((k) => !(k in EXPECTED));
    expect(missing).toEqual([]);
  });

  it('every expected row and every rule of the authorisation table is a registered route', () => {
    const registered = new Set(s.app.registeredRoutes.map((r) => `${r.method} ${r.url}`));
    expect(Object.keys(EXPECTED).filter((k) => !registered.has(k))).toEqual([]);
    expect(ROUTE_TABLE.map((r) => `${r.method} ${r.url}`).filter((k) => !registered.has(k))).toEqual([]);
  });

  it('allows and denies exactly as EXPECTED', async () => {
    const wrong: string[] = [];
    for (const { method, url } of s.app.registeredRoutes) {
      const allowed = EXPECTED[`${method} ${url}`] ?? [];
      for (const caller of CALLERS) {
        const res = await probe(caller, method, url);
        const denied = res.status === 401 || res.status === 403;
        const should = allowed.includes(caller);
        const expectDenied = caller === 'anonymous' || caller === 'device' ? 401 : 403;
        if (should && (denied || res.status >= 500)) wrong.push(`${caller} ${method} ${url}: expected allowed, got ${res.status} ${await res.text()}`);
        if (!should && res.status !== expectDenied) wrong.push(`${caller} ${method} ${url}: expected ${expectDenied}, got ${res.status}`);
        if (res.status >= 400) expect(res.headers.get('content-type') ?? '', `${caller} ${method} ${url}`).toMatch(/problem\+json/);
        // Read every body: an unread large one (the docs UI's bundle) keeps its connection busy.
        if (!res.bodyUsed) await res.arrayBuffer();
      }
    }
    expect(wrong).toEqual([]);
  });
});
