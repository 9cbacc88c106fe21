import type { LedgerEvent } from '../../../app/events/event.js';
import { ACCEPTANCE_LEAF_MARK, acceptanceOfLeaf } from '../../../app/identity/gateway-acceptance.js';
import type { Queryable } from '../connection.js';
import type { PostgresStateArea } from './area.js';

/**
 * Identity state, the PostgreSQL twin of src/store/sqlite/areas/identity.ts: users, API tokens,
 * sensor-gateway devices and the gateway nonces within the replay window, every row written by an
 * applier of a ledger event. The same event types with the same effects; flags are BOOLEAN here
 * (INTEGER 0/1 in SQLite) and times in milliseconds BIGINT.
 */
/**
 * Gateway nonces older than this (relative to the recording event's time) are forgotten. The same
 * value as SQLite's NONCE_RETENTION_MS (a test holds them equal); kept here so this adapter does not
 * load better-sqlite3.
 */
export const NONCE_RETENTION_MS = 15 * 60 * 1000;

export const identityArea: PostgresStateArea = {
  name: 'identity',
  migrations: [
    {
      area: 'identity',
      version: 1,
      name: 'users, api tokens, devices, gateway nonces',
      sql: `
        CREATE TABLE users (
          name TEXT PRIMARY KEY,
          role TEXT NOT NULL,
          party TEXT,
          password_hash TEXT NOT NULL,
          must_change_password BOOLEAN NOT NULL DEFAULT false,
          disabled BOOLEAN NOT NULL DEFAULT false,
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL
        );
        CREATE TABLE api_tokens (
          id TEXT PRIMARY KEY,
          user_name TEXT NOT NULL REFERENCES users (name),
          secret_sha256 TEXT NOT NULL UNIQUE,
          scopes TEXT NOT NULL,
          label TEXT NOT NULL,
          created_at TEXT NOT NULL,
          expires_at TEXT,
          revoked_at TEXT
        );
        CREATE TABLE devices (
          id TEXT PRIMARY KEY,
          name TEXT NOT NULL,
          public_key TEXT NOT NULL UNIQUE,
          created_at TEXT NOT NULL,
          revoked_at TEXT
        );
        CREATE TABLE gateway_nonces (
          device_id TEXT NOT NULL,
          nonce TEXT NOT NULL,
          at_ms BIGINT NOT NULL,
          PRIMARY KEY (device_id, nonce)
        );
        CREATE INDEX gateway_nonces_at ON gateway_nonces (at_ms);
      `,
    },
    {
      area: 'identity',
      version: 2,
      name: "gateway nonces keep their acceptance's ledger index",
      // As SQLite's identity v2: nonces spent before it find their acceptance in the log.
      sql: 'ALTER TABLE gateway_nonces ADD COLUMN ledger_idx BIGINT',
      backfill: backfillNonceAcceptances,
    },
  ],
  tables: ['gateway_nonces', 'api_tokens', 'devices', 'users'],
  keys: { gateway_nonces: "device_id || ' ' || nonce", api_tokens: 'id', devices: 'id', users: 'name' },
  auditOnly: ['auth.login', 'auth.login_failed'],
  appliers(db) {
    const run = async (name: string, text: string, values: unknown[]) => (await db.query({ name: `truceline_identity_${name}`, text, values })).rowCount ?? 0;
    const d = (e: LedgerEvent) => e.data as Record<string, never>;
    /** An event that changes a row that must exist (and, for revocations, is not yet revoked). */
    const one = async (e: LedgerEvent, changes: Promise<number>) => {
      if ((await changes) !== 1) throw new Error(`${e.type}: no row for ${JSON.stringify(e.data.name ?? e.data.id)}`);
    };
    return {
      'user.created': async (e) => {
        const x = d(e);
        await run(
          'insert_user',
          `INSERT INTO users (name, role, party, password_hash, must_change_password, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $6)`,
          [x.name, x.role, x.party ?? null, x.passwordHash, Boolean(x.mustChangePassword), e.at],
        );
      },
      'user.disabled': (e) => one(e, run('disable_user', 'UPDATE users SET disabled = true, updated_at = $1 WHERE name = $2', [e.at, d(e).name])),
      'user.password_reset': (e) =>
        one(
          e,
          run('set_password', 'UPDATE users SET password_hash = $1, must_change_password = $2, updated_at = $3 WHERE name = $4', [
            d(e).passwordHash,
            Boolean(d(e).mustChangePassword),
            e.at,
            d(e).name,
          ]),
        ),
      'user.role_changed': (e) =>
        one(e, run('set_role', 'UPDATE users SET role = $1, party = $2, updated_at = $3 WHERE name = $4', [d(e).role, d(e).party ?? null, e.at, d(e).name])),
      'token.created': async (e) => {
        const x = d(e);
        await run(
          'insert_token',
          `INSERT INTO api_tokens (id, user_name, secret_sha256, scopes, label, created_at, expires_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [x.id, x.user, x.secretSha256, JSON.stringify(x.scopes), x.label, e.at, x.expiresAt ?? null],
        );
      },
      'token.revoked': (e) => one(e, run('revoke_token', 'UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL', [e.at, d(e).id])),
      'device.added': async (e) => {
        await run('insert_device', 'INSERT INTO devices (id, name, public_key, created_at) VALUES ($1, $2, $3, $4)', [d(e).id, d(e).name, d(e).publicKey, e.at]);
      },
      'device.revoked': (e) => one(e, run('revoke_device', 'UPDATE devices SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL', [e.at, d(e).id])),
      'gateway.batch_accepted': async (e, index) => {
        const atMs = Date.parse(e.at);
        await run('prune_nonces', 'DELETE FROM gateway_nonces WHERE at_ms < $1', [atMs - NONCE_RETENTION_MS]);
        await run('insert_nonce', 'INSERT INTO gateway_nonces (device_id, nonce, at_ms, ledger_idx) VALUES ($1, $2, $3, $4)', [
          d(e).deviceId,
          d(e).nonce,
          atMs,
          index,
        ]);
      },
    };
  },
};

/** Ledger entries read per step of the backfill. */
const BACKFILL_RANGE = 10_000;

/**
 * Fills `ledger_idx` of the nonces spent before identity v2, as SQLite's backfillNonceAcceptances:
 * the latest `gateway.batch_accepted` of each (device, nonce), searched from the end of the log in
 * ranges (only entries holding that event type leave the server) until every nonce is found.
 */
export async function backfillNonceAcceptances(db: Queryable): Promise<void> {
  const { rows } = await db.query<{ device_id: string; nonce: string }>('SELECT device_id, nonce FROM gateway_nonces WHERE ledger_idx IS NULL');
  const wanted = new Set(rows.map((r) => JSON.stringify([r.device_id, r.nonce])));
  if (wanted.size === 0) return;
  const [head] = (await db.query<{ size: string }>('SELECT COALESCE(MAX(idx) + 1, 0)::text AS size FROM ledger_entries')).rows;
  const mark = Buffer.from(ACCEPTANCE_LEAF_MARK);
  for (let end = Number(head!.size); end > 0 && wanted.size > 0; end -= BACKFILL_RANGE) {
    const found = await db.query<{ idx: string; leaf: Buffer }>(
      'SELECT idx::text AS idx, leaf FROM ledger_entries WHERE idx >= $1 AND idx < $2 AND position($3::bytea IN leaf) > 0 ORDER BY idx DESC',
      [Math.max(0, end - BACKFILL_RANGE), end, mark],
    );
    for (const { idx, leaf } of found.rows) {
      const a = acceptanceOfLeaf(leaf);
      if (!a || !wanted.delete(JSON.stringify([a.deviceId, a.nonce]))) continue;
      await db.query('UPDATE gateway_nonces SET ledger_idx = $1 WHERE device_id = $2 AND nonce = $3 AND ledger_idx IS NULL', [Number(idx), a.deviceId, a.nonce]);
    }
  }
}
