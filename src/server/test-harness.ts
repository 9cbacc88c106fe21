/**
 * Starts the real server on a loopback port over a fresh data directory, with one user of every
 * role, for the HTTP tests (test/http-*.test.ts) and the benchmarks. Not used in production.
 */
import { generateKeyPairSync, randomBytes, sign as cryptoSign } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { testServerUrl } from '../store/postgres/scratch-database.js';
import { createUser } from '../app/identity/users.js';
import { createToken } from '../app/identity/tokens.js';
import { gatewaySignedBytes } from '../app/identity/gateway.js';
import { openMission, type Mission } from '../app/mission.js';
import { buildServer } from './app.js';
import { resolveConfig, type ServerConfigInput } from './config.js';
import type { Subject } from './principal.js';

export const TEST_PASSWORD = 'correct horse battery staple';

/** A TCP port free on loopback now (for a server process a test or benchmark starts). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** The callers the role-matrix walks: every role, a liaison of each party, and anonymous. */
export const CALLERS = ['anonymous', 'monitor', 'analyst', 'chief', 'liaison-a', 'liaison-b', 'guarantor', 'admin', 'device'] as const;
export type Caller = (typeof CALLERS)[number];

export interface Session {
  readonly cookie: string;
  readonly csrf: string;
}

export interface TestServer {
  readonly app: FastifyInstance;
  readonly mission: Mission;
  readonly base: string;
  readonly dataDir: string;
  /** Party ids of the agreement: liaison-a belongs to the first, liaison-b to the second. */
  readonly parties: readonly [string, string];
  /** A session for a caller, logged in once and reused. */
  session(caller: Exclude<Caller, 'anonymous' | 'device'>): Promise<Session>;
  /** A fresh login (a new session each call). */
  login(caller: Exclude<Caller, 'anonymous' | 'device'>): Promise<Session>;
  /** An API token for a caller, with the given scopes. */
  token(caller: Exclude<Caller, 'anonymous' | 'device'>, scopes: string[]): Promise<string>;
  /** fetch against the server as a caller: session cookie + CSRF header, or a Bearer token. */
  fetch(path: string, init?: RequestInit & { as?: Session | { token: string }; json?: unknown }): Promise<Response>;
  close(): Promise<void>;
}

export function subjectOfCaller(c: Caller): Subject {
  return c.startsWith('liaison') ? 'liaison' : (c as Subject);
}

/**
 * Where a test server keeps its store: SQLite in its data directory, or, when
 * TRUCELINE_TEST_STORE=postgres (the PostgreSQL pass of the suite), a schema of its own in the
 * database `truceline_http_tests` on the test server (TRUCELINE_TEST_PG), dropped at close.
 */
async function testStore(): Promise<{ databaseUrl?: string; schema?: string; drop(): Promise<void> }> {
  if (process.env.TRUCELINE_TEST_STORE !== 'postgres') return { drop: async () => undefined };
  const server = testServerUrl();
  const url = new URL(server);
  url.pathname = '/truceline_http_tests';
  const admin = async (db: string, sql: string) => {
    const client = new pg.Client({ connectionString: db });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  try {
    await admin(server, 'CREATE DATABASE truceline_http_tests');
  } catch (err) {
    // 42P04 duplicate_database; 23505 when two workers create it at the same moment.
    if (!['42P04', '23505'].includes((err as { code?: string }).code ?? '')) throw err;
  }
  const schema = `h${process.pid}_${randomBytes(4).toString('hex')}`;
  return { databaseUrl: url.toString(), schema, drop: () => admin(url.toString(), `DROP SCHEMA IF EXISTS ${schema} CASCADE`) };
}

export async function startTestServer(config: ServerConfigInput = {}, opts: { now?: () => number } = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'truceline-http-'));
  const where = await testStore();
  const mission = await openMission(dataDir, { synchronous: 'NORMAL', databaseUrl: where.databaseUrl ?? '', schema: where.schema, maxConnections: 4 });
  const app = await buildServer({ mission, config: resolveConfig({ logLevel: 'silent', ...config }), now: opts.now });
  const parties = mission.agreement.parties.map((p) => p.id) as unknown as [string, string];
  const ctx = { actor: 'system', nowMs: Date.now() };
  for (const c of CALLERS) {
    if (c === 'anonymous' || c === 'device') continue;
    const party = c === 'liaison-a' ? parties[0] : c === 'liaison-b' ? parties[1] : null;
    await createUser(app.identity, { name: c, role: subjectOfCaller(c), party, password: TEST_PASSWORD }, ctx);
  }
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const sessions = new Map<string, Session>();

  const server: TestServer = {
    app,
    mission,
    base,
    dataDir,
    parties,
    async session(caller) {
      const known = sessions.get(caller);
      if (known) return known;
      const fresh = await server.login(caller);
      sessions.set(caller, fresh);
      return fresh;
    },
    async login(caller) {
      const res = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: caller, password: TEST_PASSWORD }) });
      if (res.status !== 200) throw new Error(`login as ${caller}: ${res.status} ${await res.text()}`);
      const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
      const { csrfToken } = (await res.json()) as { csrfToken: string };
      return { cookie, csrf: csrfToken };
    },
    async token(caller, scopes) {
      const out = await createToken(app.identity, { user: caller, scopes }, { actor: 'system', nowMs: Date.now() });
      return out.token;
    },
    async fetch(path, init = {}) {
      const headers = new Headers(init.headers);
      const as = init.as;
      if (as && 'token' in as) headers.set('authorization', `Bearer ${as.token}`);
      else if (as) {
        headers.set('cookie', as.cookie);
        headers.set('x-csrf-token', as.csrf);
      }
      let body = init.body;
      if (init.json !== undefined) {
        headers.set('content-type', 'application/json');
        body = JSON.stringify(init.json);
      }
      return fetch(base + path, { ...init, headers, body });
    },
    async close() {
      // Tests have their answers before they close; a connection one left open (a body it never
      // read) must not hold the close forever, so every connection is dropped as the server
      // stops. Graceful shutdown itself is tested in test/http-shutdown.test.ts.
      const closing = app.close();
      app.server.closeAllConnections();
      await closing;
      await mission.close();
      await where.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return server;
}

/** A valid observation in the exchange format, varied by `i`; `over` replaces fields. */
export function sampleObservation(i: number, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: `obs-${i}`,
    source: { kind: 'monitor', id: 'patrol-7' },
    observedAt: { from: '2026-03-01T18:40:00Z', to: '2026-03-01T18:45:00Z' },
    observer: { lat: 48.0123 + (i % 100) * 0.001, lon: 37.8021 + (i % 50) * 0.001, accuracyM: 15 },
    event: 'explosion',
    count: 1 + (i % 12),
    weapon: 'undetermined',
    direction: 'impact',
    bearing: { fromDeg: 146.25, toDeg: 168.75 },
    distanceKm: { min: 3, max: 5 },
    ...over,
  };
}

/** A gateway key pair: the raw public key (base64) to register, and a signer of envelopes. */
export function gatewayKeys(): { publicKey: string; sign(observations: unknown[], opts?: { timestamp?: string; nonce?: string }): { timestamp: string; nonce: string; signature: string; observations: unknown[] } } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const raw = publicKey.export({ type: 'spki', format: 'der' }).subarray(-32).toString('base64');
  return {
    publicKey: raw,
    sign(observations, opts = {}) {
      const timestamp = opts.timestamp ?? new Date().toISOString();
      const nonce = opts.nonce ?? randomBytes(16).toString('base64url');
      let signature: string;
      try {
        signature = cryptoSign(null, gatewaySignedBytes({ observations, timestamp, nonce }), privateKey).toString('base64');
      } catch {
        // Not expressible as canonical JSON (e.g. a lone surrogate): a signature over nothing.
        signature = cryptoSign(null, Buffer.alloc(0), privateKey).toString('base64');
      }
      return { timestamp, nonce, signature, observations };
    },
  };
}

/** A response body as loosely-typed JSON, for assertions. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function json(res: Response): Promise<any> {
  return res.json();
}
