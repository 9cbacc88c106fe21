/**
 * The PostgreSQL adapter against the store contract (src/store/port.contract.ts), the very suite
 * the SQLite adapter runs, plus what only this adapter has: migrations, the state audit, the
 * identity appliers (checked against SQLite's), the spatial index, the rule that a failed call
 * dooms its write, and openStore. Runs in a database created for the run and dropped after it;
 * skips only when no server answers (TRUCELINE_TEST_PG names another server than 127.0.0.1:5432).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerEvent } from '../src/app/events/event.js';
import { fileObservations } from '../src/app/file-observations.js';
import { openStore } from '../src/app/open-store.js';
import { describeStoreContract, sampleObservation } from '../src/store/port.contract.js';
import type { Store } from '../src/store/port.js';
import { NONCE_RETENTION_MS } from '../src/store/postgres/areas/identity.js';
import { observationPageSql } from '../src/store/postgres/observation-query.js';
import { createScratchDatabase, probeServer, testServerUrl, type ScratchDatabase } from '../src/store/postgres/scratch-database.js';
import { POSTGRES_MIGRATIONS, PostgresStore } from '../src/store/postgres/store.js';
import { POSTGRES_STATE_AREAS } from '../src/store/postgres/areas/index.js';
import { STATE_AREAS } from '../src/store/sqlite/areas/index.js';
import { NONCE_RETENTION_MS as SQLITE_NONCE_RETENTION_MS, SqliteIdentityReader } from '../src/store/sqlite/areas/identity.js';
import { SqliteStore } from '../src/store/sqlite/store.js';

const SERVER = testServerUrl();
const probe = await probeServer(SERVER);
if (!probe.ok && probe.answered) throw new Error(`the PostgreSQL server at ${SERVER} answered but refused the tests: ${probe.reason}`);
const skipReason = probe.ok ? null : `no PostgreSQL server answers at ${SERVER} (${probe.reason})`;
if (skipReason) {
  console.warn(`test/store-postgres.test.ts: skipped, ${skipReason}`);
  it.skip(`PostgreSQL store: ${skipReason}`, () => undefined);
}

const NOW = Date.parse('2026-03-02T00:00:00Z');
let db: ScratchDatabase;
let schemas = 0;
const nextSchema = () => `s${++schemas}`;
/** A fresh, empty store: a new schema in the run's database. */
const openFresh = (schema = nextSchema()) => PostgresStore.open(db.url, { schema, maxConnections: 4 });
const event = (type: string, data: Record<string, unknown>, at = '2026-03-01T10:00:00.000Z'): LedgerEvent => ({ v: 1, type, at, actor: 'test', data });

/** Runs SQL in `schema` of the run's database (tampering, inspection). */
async function sql<R extends pg.QueryResultRow>(schema: string, text: string, values: unknown[] = []): Promise<R[]> {
  const client = new pg.Client({ connectionString: db.url, options: `-c search_path=${schema}` });
  await client.connect();
  try {
    return (await client.query<R>(text, values)).rows;
  } finally {
    await client.end();
  }
}

const IDENTITY_EVENTS: { event: LedgerEvent; confidential?: boolean }[] = [
  { event: event('user.created', { name: 'ana', role: 'analyst', passwordHash: 'scrypt$a', mustChangePassword: true }), confidential: true },
  { event: event('user.created', { name: 'lia', role: 'liaison', party: 'A', passwordHash: 'scrypt$b', mustChangePassword: false }), confidential: true },
  { event: event('user.password_reset', { name: 'ana', passwordHash: 'scrypt$c', mustChangePassword: false }, '2026-03-01T10:01:00.000Z'), confidential: true },
  { event: event('user.role_changed', { name: 'lia', role: 'liaison', party: 'B' }, '2026-03-01T10:02:00.000Z') },
  { event: event('token.created', { id: 'tok-1', user: 'ana', secretSha256: 'f'.repeat(64), scopes: ['observations:write'], label: 'cli', expiresAt: null }), confidential: true },
  { event: event('token.revoked', { id: 'tok-1' }, '2026-03-01T10:03:00.000Z') },
  { event: event('device.added', { id: 'gw-1', name: 'gateway one', publicKey: 'AAAA' }) },
  { event: event('device.added', { id: 'gw-2', name: 'gateway two', publicKey: 'BBBB' }) },
  { event: event('device.revoked', { id: 'gw-2' }, '2026-03-01T10:04:00.000Z') },
  { event: event('gateway.batch_accepted', { deviceId: 'gw-1', nonce: 'n-old' }, '2026-03-01T10:00:00.000Z') },
  { event: event('gateway.batch_accepted', { deviceId: 'gw-1', nonce: 'n-new' }, '2026-03-01T10:20:00.000Z') },
  { event: event('user.disabled', { name: 'lia' }, '2026-03-01T10:30:00.000Z') },
  { event: event('auth.login', { name: 'ana' }), confidential: true },
];

describe.skipIf(skipReason !== null)('PostgreSQL store', () => {
  beforeAll(async () => {
    db = await createScratchDatabase(SERVER);
  });
  afterAll(async () => {
    await db?.drop();
  });

  describeStoreContract('postgres', () => openFresh());

  describe('migrations', () => {
    it('records each area version once, and processes opening together migrate once', async () => {
      const schema = nextSchema();
      const stores = await Promise.all([openFresh(schema), openFresh(schema), openFresh(schema)]);
      await Promise.all(stores.map((s) => s.close()));
      const again = await openFresh(schema);
      await again.close();
      const rows = await sql<{ area: string; version: number }>(schema, 'SELECT area, version FROM schema_migrations ORDER BY area, version');
      const expected = POSTGRES_MIGRATIONS.map((m) => ({ area: m.area, version: m.version })).sort((x, y) => x.area.localeCompare(y.area) || x.version - y.version);
      expect(rows).toEqual(expected);
    });

    it('has every state area of the SQLite adapter, with the same migration versions', () => {
      const versions = (ms: readonly { area: string; version: number }[]) => ms.map((m) => `${m.area} v${m.version}`).sort();
      expect(versions(POSTGRES_STATE_AREAS.flatMap((a) => a.migrations))).toEqual(versions(STATE_AREAS.flatMap((a) => a.migrations)));
      expect(POSTGRES_STATE_AREAS.map((a) => a.name)).toEqual(STATE_AREAS.map((a) => a.name));
    });

    it('answers "none" to a lookup holding U+0000, which PostgreSQL text cannot store, rather than failing', async () => {
      const store = await openFresh();
      try {
        expect(await store.getObservation('a\u0000b')).toBeNull();
        expect(await store.getMeta('x\u0000')).toBeNull();
        expect(await store.getIncident('inc-\u0000')).toBeNull();
        const reader = store.identityReader();
        expect(await reader.getUser('a\u0000b')).toBeNull();
        expect(await reader.getToken('\u0000')).toBeNull();
        expect(await reader.nonceAcceptance('gw\u0000', 'n')).toBeNull();
      } finally {
        await store.close();
      }
    });

    it('refuses a schema name that is not a plain identifier', async () => {
      await expect(PostgresStore.open(db.url, { schema: 'x; DROP TABLE meta' })).rejects.toThrow(/plain lower-case PostgreSQL identifier/);
    });
  });

  describe('identity appliers', () => {
    it('keep the same users, tokens, devices and nonces as the SQLite appliers, through a rebuild', async () => {
      const schema = nextSchema();
      const store = await openFresh(schema);
      const file = join(mkdtempSync(join(tmpdir(), 'truceline-pg-identity-')), 'ref.db');
      const ref = SqliteStore.open(file, { synchronous: 'NORMAL' });
      for (const input of IDENTITY_EVENTS) {
        await store.write((tx) => tx.record([input]));
        await ref.write((tx) => tx.record([input]));
      }
      await ref.close();
      const reader = new SqliteIdentityReader(file);
      const read = async () => ({
        users: (await sql<Record<string, unknown>>(schema, 'SELECT * FROM users ORDER BY name')).map((r) => ({
          name: r.name,
          role: r.role,
          party: r.party,
          passwordHash: r.password_hash,
          mustChangePassword: r.must_change_password,
          disabled: r.disabled,
          createdAt: r.created_at,
        })),
        tokens: (await sql<Record<string, unknown>>(schema, 'SELECT * FROM api_tokens ORDER BY id')).map((r) => ({
          id: r.id,
          user: r.user_name,
          scopes: JSON.parse(r.scopes as string),
          label: r.label,
          createdAt: r.created_at,
          expiresAt: r.expires_at,
          revokedAt: r.revoked_at,
        })),
        devices: await sql(schema, 'SELECT id, name, public_key AS "publicKey", created_at AS "createdAt", revoked_at AS "revokedAt" FROM devices ORDER BY id'),
        nonces: (await sql<{ nonce: string }>(schema, 'SELECT nonce FROM gateway_nonces ORDER BY nonce')).map((r) => r.nonce),
      });
      const expected = { users: reader.listUsers(), tokens: reader.listTokens(), devices: reader.listDevices() };
      expect(reader.nonceAcceptance('gw-1', 'n-new')).not.toBeNull();
      expect(reader.nonceAcceptance('gw-1', 'n-old')).toBeNull(); // pruned: older than the retention window
      reader.close();
      const before = await read();
      expect(before).toEqual({ ...expected, nonces: ['n-new'] });
      expect(await store.rebuild()).toBe(IDENTITY_EVENTS.length);
      expect(await read()).toEqual(before);
      expect((await store.auditState()).differences).toEqual([]);
      await store.close();
    });

    it('keep with each spent nonce the ledger index of its acceptance, which a store from before identity v2 finds in the log', async () => {
      const schema = nextSchema();
      let store = await openFresh(schema);
      const accepted = (nonce: string, at: string, deviceId = 'gw-1') => ({ event: event('gateway.batch_accepted', { deviceId, nonce, batchSha256: 'ab' }, at) });
      const filler = (n: number, at: string) => Array.from({ length: n }, (_, k) => ({ event: event('auth.login_failed', { name: `x${k}` }, at) }));
      const at: number[] = [];
      for (const batch of [
        [accepted('nonce-a', '2026-03-01T10:00:00.000Z')],
        filler(6_000, '2026-03-01T10:01:00.000Z'),
        [accepted('nonce-b', '2026-03-01T10:02:00.000Z')],
        [accepted('nonce-c', '2026-03-01T10:20:00.000Z')],
        [accepted('nonce-b', '2026-03-01T10:21:00.000Z')], // again, once the first left the window
        filler(6_000, '2026-03-01T10:22:00.000Z'),
        [accepted('nonce-d', '2026-03-01T10:23:00.000Z', 'gw-2')],
      ]) {
        at.push((await store.write((tx) => tx.record(batch))).firstIndex);
      }
      const rows = () => sql<{ device_id: string; nonce: string; idx: number }>(schema, 'SELECT device_id, nonce, ledger_idx::int AS idx FROM gateway_nonces ORDER BY device_id, nonce');
      const expected = [
        { device_id: 'gw-1', nonce: 'nonce-b', idx: at[4] },
        { device_id: 'gw-1', nonce: 'nonce-c', idx: at[3] },
        { device_id: 'gw-2', nonce: 'nonce-d', idx: at[6] },
      ];
      expect(await rows()).toEqual(expected);
      const reader = store.identityReader();
      expect(await reader.nonceAcceptance('gw-1', 'nonce-c')).toEqual({ ledgerIndex: at[3] });
      expect(await reader.nonceAcceptance('gw-1', 'nonce-a')).toBeNull();
      expect(await reader.nonceAcceptance('gw\u0000', 'nonce-c')).toBeNull();
      await store.rebuild();
      expect(await rows()).toEqual(expected);
      await store.close();

      await sql(schema, "ALTER TABLE gateway_nonces DROP COLUMN ledger_idx; DELETE FROM schema_migrations WHERE area = 'identity' AND version = 2");
      store = await openFresh(schema);
      try {
        expect(await rows()).toEqual(expected);
        expect(await store.identityReader().nonceAcceptance('gw-2', 'nonce-d')).toEqual({ ledgerIndex: at[6] });
        expect((await store.auditState()).differences).toEqual([]);
      } finally {
        await store.close();
      }
    });

    it('refuse an event about a row that does not exist, and roll the write back', async () => {
      const store = await openFresh();
      await expect(store.write((tx) => tx.record([{ event: event('user.disabled', { name: 'nobody' }) }]))).rejects.toThrow(/user.disabled: no row for "nobody"/);
      expect(await store.ledger.size()).toBe(0);
      await store.close();
    });

    it('forget gateway nonces after the same retention as SQLite', () => {
      expect(NONCE_RETENTION_MS).toBe(SQLITE_NONCE_RETENTION_MS);
    });
  });

  describe('state audit', () => {
    async function filled(): Promise<{ store: Store; schema: string }> {
      const schema = nextSchema();
      const store = await openFresh(schema);
      await store.write((tx) => tx.record([{ event: event('mission.created', { origin: 'truceline.test/log', publicKey: 'k' }) }, ...IDENTITY_EVENTS]));
      await fileObservations(store, [
        ...Array.from({ length: 20 }, (_, n) => sampleObservation(n)),
        sampleObservation(99, { source: { kind: 'party', id: 'l', party: 'A' }, visibility: 'party-confidential' }),
      ], { actor: 'test', nowMs: NOW });
      return { store, schema };
    }

    it('finds nothing when the state is the fold of the ledger, and leaves no scratch schema', async () => {
      const { store } = await filled();
      let progress = 0;
      const audit = await store.auditState((done) => (progress = done));
      expect(audit).toEqual({ events: await store.ledger.size(), differences: [] });
      expect(progress).toBe(audit.events);
      const scratch = await sql('public', "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'truceline_audit_%'");
      expect(scratch).toEqual([]);
      await store.close();
    });

    it('names rows changed, missing or unexpected, and the ledger entry behind them', async () => {
      const { store, schema } = await filled();
      const changed = (await store.getObservation('obs-000003'))!;
      await sql(schema, "UPDATE observations SET weapon = 'mortar' WHERE id = 'obs-000003'");
      await sql(schema, "DELETE FROM meta WHERE key = 'origin'");
      await sql(schema, "INSERT INTO users (name, role, password_hash, created_at, updated_at) VALUES ('intruder', 'admin', 'x', 'now', 'now')");
      const { differences } = await store.auditState();
      expect(differences).toEqual([
        { table: 'meta', key: 'origin', ledgerIndex: null, what: 'missing', detail: expect.any(String) },
        { table: 'observations', key: 'obs-000003', ledgerIndex: changed.ledgerIndex, what: 'changed', detail: 'columns weapon differ from what the log says' },
        { table: 'users', key: 'intruder', ledgerIndex: null, what: 'unexpected', detail: expect.any(String) },
      ]);
      await store.rebuild();
      expect((await store.auditState()).differences).toEqual([]);
      await store.close();
    });

    it('reports a sealed entry whose kept content no longer matches its commitment, and rebuild refuses it', async () => {
      const { store, schema } = await filled();
      const sealedIndex = (await store.getObservation('obs-000099'))!.ledgerIndex;
      await sql(schema, "UPDATE sealed_events SET content = replace(content, '\"A\"', '\"B\"') WHERE idx = $1", [sealedIndex]);
      const { differences } = await store.auditState();
      expect(differences[0]).toMatchObject({ table: 'sealed_events', key: String(sealedIndex), what: 'changed' });
      await expect(store.rebuild()).rejects.toThrow(`sealed ledger entry ${sealedIndex}: kept content does not match its commitment`);
      expect(await store.getObservation('obs-000099')).not.toBeNull(); // the failed rebuild changed nothing
      await store.close();
    });
  });

  describe('writes', () => {
    it('roll back a write whose fn caught a failed call, since PostgreSQL aborted its transaction', async () => {
      const store = await openFresh();
      await expect(
        store.write(async (tx) => {
          await tx.record([{ event: event('device.added', { id: 'gw-9', name: 'g', publicKey: 'K' }) }]);
          await tx.record([{ event: event('device.revoked', { id: 'no-such-device' }) }]).catch(() => undefined);
          return 'carried on';
        }),
      ).rejects.toThrow(/the write was rolled back: device.revoked: no row/);
      expect(await store.ledger.size()).toBe(0);
      expect(await store.write((tx) => tx.observationDigest('x'))).toBeNull(); // the store writes on
      await store.close();
    });

    it('refuse a tx used after its write ended', async () => {
      const store = await openFresh();
      let leaked: Parameters<Parameters<Store['write']>[0]>[0] | undefined;
      await store.write(async (tx) => {
        leaked = tx;
      });
      await expect(leaked!.observationDigest('x')).rejects.toThrow(/after its write transaction ended/);
      await store.close();
    });
  });

  it('answers a bounding box through the GiST index on the observation extent', async () => {
    const schema = nextSchema();
    const store = await openFresh(schema);
    await fileObservations(store, Array.from({ length: 50 }, (_, n) => sampleObservation(n)), { actor: 'test', nowMs: NOW });
    await store.close();
    const q = observationPageSql({ bbox: [37.9, 47.9, 38.0, 48.3], limit: 10 });
    const client = new pg.Client({ connectionString: db.url, options: `-c search_path=${schema}` });
    await client.connect();
    try {
      await client.query('SET enable_seqscan = off');
      const plan = (await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${q.text}`, q.values)).rows.map((r) => r['QUERY PLAN']).join('\n');
      expect(plan).toContain('observations_extent');
    } finally {
      await client.end();
    }
  });

  describe('openStore', () => {
    it('opens SQLite in the data directory without a database URL, PostgreSQL with one', async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'truceline-open-store-'));
      const sqlite = await openStore({ dataDir });
      expect(sqlite.kind).toBe('sqlite');
      expect((sqlite as SqliteStore).file).toBe(join(dataDir, 'truceline.db'));
      await sqlite.close();
      const blank = await openStore({ dataDir, databaseUrl: '' });
      expect(blank.kind).toBe('sqlite');
      await blank.close();
      for (const url of [db.url, db.url.replace(/^postgres:/, 'postgresql:')]) {
        const store = await openStore({ dataDir, databaseUrl: url }, { schema: nextSchema() });
        expect(store.kind).toBe('postgres');
        await store.close();
      }
    });

    it('refuses a database URL of another kind, without echoing its password', async () => {
      await expect(openStore({ dataDir: tmpdir(), databaseUrl: 'mysql://u:secret@h/db' })).rejects.toThrow(/must start with postgres:\/\/ or postgresql:\/\//);
      await expect(openStore({ dataDir: tmpdir(), databaseUrl: 'mysql://u:secret@h/db' })).rejects.not.toThrow(/secret/);
    });
  });
});
