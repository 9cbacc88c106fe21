import Database from 'better-sqlite3';
import type { LedgerEvent } from '../../../app/events/event.js';
import { ACCEPTANCE_LEAF_MARK, acceptanceOfLeaf } from '../../../app/identity/gateway-acceptance.js';
import type { DeviceRecord, IdentityReader, NonceAcceptance, TokenRecord, UserRecord } from '../../../app/identity/port.js';
import type { StateArea } from './area.js';

/**
 * Identity state: users, API tokens, sensor-gateway devices and the gateway nonces seen within the
 * replay window. Every row here is written by an applier of a ledger event, so a rebuild restores
 * who may do what. `user.created` and `user.password_reset` carry the scrypt hash and are recorded
 * as confidential events (the public leaf is a salted commitment); `token.created` carries only
 * the SHA-256 of the token secret and is sealed as well.
 *
 * Sessions and login/intake rate-limit counters are operational, not mission state: they live in
 * the server's memory (src/server/sessions.ts, src/app/identity/lockout.ts) and are lost on restart
 * by design. No table of this area holds them, so OPERATIONAL_TABLES is empty; it is exported so
 * the ledger coverage test has one place to learn of any table written outside the appliers.
 */
export const OPERATIONAL_TABLES: readonly string[] = [];

/** Gateway nonces older than this (relative to the recording event's time) are forgotten. */
export const NONCE_RETENTION_MS = 15 * 60 * 1000;

export const identityArea: StateArea = {
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
          must_change_password INTEGER NOT NULL DEFAULT 0,
          disabled INTEGER NOT NULL DEFAULT 0,
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
          at_ms INTEGER NOT NULL,
          PRIMARY KEY (device_id, nonce)
        );
        CREATE INDEX gateway_nonces_at ON gateway_nonces (at_ms);
      `,
    },
    {
      area: 'identity',
      version: 2,
      name: "gateway nonces keep their acceptance's ledger index",
      // A spent nonce names the `gateway.batch_accepted` entry that spent it, so a batch sent again
      // is checked against that one entry. Nonces spent before this version find it in the log.
      sql: 'ALTER TABLE gateway_nonces ADD COLUMN ledger_idx INTEGER',
      backfill: backfillNonceAcceptances,
    },
  ],
  tables: ['gateway_nonces', 'api_tokens', 'devices', 'users'],
  keys: { gateway_nonces: "device_id || ' ' || nonce", api_tokens: 'id', devices: 'id', users: 'name' },
  auditOnly: ['auth.login', 'auth.login_failed'],
  appliers(db) {
    const s = {
      insertUser: db.prepare(
        `INSERT INTO users (name, role, party, password_hash, must_change_password, created_at, updated_at)
         VALUES (@name, @role, @party, @passwordHash, @mustChange, @at, @at)`,
      ),
      disableUser: db.prepare('UPDATE users SET disabled = 1, updated_at = ? WHERE name = ?'),
      setPassword: db.prepare('UPDATE users SET password_hash = ?, must_change_password = ?, updated_at = ? WHERE name = ?'),
      setRole: db.prepare('UPDATE users SET role = ?, party = ?, updated_at = ? WHERE name = ?'),
      insertToken: db.prepare(
        `INSERT INTO api_tokens (id, user_name, secret_sha256, scopes, label, created_at, expires_at)
         VALUES (@id, @user, @secretSha256, @scopes, @label, @at, @expiresAt)`,
      ),
      revokeToken: db.prepare('UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL'),
      insertDevice: db.prepare('INSERT INTO devices (id, name, public_key, created_at) VALUES (?, ?, ?, ?)'),
      revokeDevice: db.prepare('UPDATE devices SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL'),
      insertNonce: db.prepare('INSERT INTO gateway_nonces (device_id, nonce, at_ms, ledger_idx) VALUES (?, ?, ?, ?)'),
      pruneNonces: db.prepare('DELETE FROM gateway_nonces WHERE at_ms < ?'),
    };
    const d = (e: LedgerEvent) => e.data as Record<string, never>;
    const changed = (info: Database.RunResult, e: LedgerEvent) => {
      if (info.changes !== 1) throw new Error(`${e.type}: no row for ${JSON.stringify(e.data.name ?? e.data.id)}`);
    };
    return {
      'user.created': (e) => {
        const x = d(e);
        s.insertUser.run({ name: x.name, role: x.role, party: x.party ?? null, passwordHash: x.passwordHash, mustChange: x.mustChangePassword ? 1 : 0, at: e.at });
      },
      'user.disabled': (e) => changed(s.disableUser.run(e.at, d(e).name), e),
      'user.password_reset': (e) => changed(s.setPassword.run(d(e).passwordHash, d(e).mustChangePassword ? 1 : 0, e.at, d(e).name), e),
      'user.role_changed': (e) => changed(s.setRole.run(d(e).role, d(e).party ?? null, e.at, d(e).name), e),
      'token.created': (e) => {
        const x = d(e);
        s.insertToken.run({ id: x.id, user: x.user, secretSha256: x.secretSha256, scopes: JSON.stringify(x.scopes), label: x.label, at: e.at, expiresAt: x.expiresAt ?? null });
      },
      'token.revoked': (e) => changed(s.revokeToken.run(e.at, d(e).id), e),
      'device.added': (e) => s.insertDevice.run(d(e).id, d(e).name, d(e).publicKey, e.at),
      'device.revoked': (e) => changed(s.revokeDevice.run(e.at, d(e).id), e),
      'gateway.batch_accepted': (e, index) => {
        const atMs = Date.parse(e.at);
        s.pruneNonces.run(atMs - NONCE_RETENTION_MS);
        s.insertNonce.run(d(e).deviceId, d(e).nonce, atMs, index);
      },
    };
  },
};

/** Ledger entries read per step of the backfill. */
const BACKFILL_RANGE = 10_000;

const nonceKey = (deviceId: string, nonce: string) => JSON.stringify([deviceId, nonce]);

/**
 * Fills `ledger_idx` of the nonces spent before identity v2: each is the latest
 * `gateway.batch_accepted` of its (device, nonce), as the applier would have written it. The log
 * is read from its end in ranges, only entries holding that event type are decoded, and the search
 * stops once every nonce is found, so it goes back only as far as the oldest nonce still kept
 * (none when the table is empty). A nonce whose acceptance is not in the log keeps NULL, and a
 * batch sent again under it is refused.
 */
export function backfillNonceAcceptances(db: Database.Database): void {
  const rows = db.prepare('SELECT device_id, nonce FROM gateway_nonces WHERE ledger_idx IS NULL').all() as { device_id: string; nonce: string }[];
  const wanted = new Set(rows.map((r) => nonceKey(r.device_id, r.nonce)));
  if (wanted.size === 0) return;
  const size = db.prepare('SELECT COALESCE(MAX(idx) + 1, 0) FROM ledger_entries').pluck().get() as number;
  const range = db.prepare('SELECT idx, leaf FROM ledger_entries WHERE idx >= ? AND idx < ? AND instr(leaf, ?) > 0 ORDER BY idx DESC');
  const set = db.prepare('UPDATE gateway_nonces SET ledger_idx = ? WHERE device_id = ? AND nonce = ? AND ledger_idx IS NULL');
  for (let end = size; end > 0 && wanted.size > 0; end -= BACKFILL_RANGE) {
    for (const { idx, leaf } of range.all(Math.max(0, end - BACKFILL_RANGE), end, Buffer.from(ACCEPTANCE_LEAF_MARK)) as { idx: number; leaf: Buffer }[]) {
      const found = acceptanceOfLeaf(leaf);
      if (!found || !wanted.delete(nonceKey(found.deviceId, found.nonce))) continue;
      set.run(idx, found.deviceId, found.nonce);
    }
  }
}

interface UserRow {
  name: string;
  role: string;
  party: string | null;
  password_hash: string;
  must_change_password: number;
  disabled: number;
  created_at: string;
}
interface TokenRow {
  id: string;
  user_name: string;
  scopes: string;
  label: string;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
}
interface DeviceRow {
  id: string;
  name: string;
  public_key: string;
  created_at: string;
  revoked_at: string | null;
}

/**
 * Reads identity state over its own read-only connection to the store's file (WAL lets it read
 * the last committed state while the writer works). Writes never go through here.
 */
export class SqliteIdentityReader implements IdentityReader {
  private readonly db: Database.Database;
  private readonly q;

  constructor(file: string) {
    this.db = new Database(file, { readonly: true });
    this.db.pragma('busy_timeout = 5000');
    const users = 'SELECT name, role, party, password_hash, must_change_password, disabled, created_at FROM users';
    const tokens = 'SELECT id, user_name, scopes, label, created_at, expires_at, revoked_at FROM api_tokens';
    const devices = 'SELECT id, name, public_key, created_at, revoked_at FROM devices';
    this.q = {
      user: this.db.prepare(`${users} WHERE name = ?`),
      users: this.db.prepare(`${users} ORDER BY name`),
      countUsers: this.db.prepare('SELECT COUNT(*) FROM users').pluck(),
      tokenByHash: this.db.prepare(`${tokens} WHERE secret_sha256 = ?`),
      token: this.db.prepare(`${tokens} WHERE id = ?`),
      tokens: this.db.prepare(`${tokens} ORDER BY created_at, id`),
      device: this.db.prepare(`${devices} WHERE id = ?`),
      devices: this.db.prepare(`${devices} ORDER BY id`),
      nonce: this.db.prepare('SELECT ledger_idx FROM gateway_nonces WHERE device_id = ? AND nonce = ?'),
    };
  }

  getUser(name: string): UserRecord | null {
    const r = this.q.user.get(name) as UserRow | undefined;
    return r ? toUser(r) : null;
  }
  listUsers(): UserRecord[] {
    return (this.q.users.all() as UserRow[]).map(toUser);
  }
  countUsers(): number {
    return this.q.countUsers.get() as number;
  }
  getTokenBySecretHash(sha256Hex: string): TokenRecord | null {
    const r = this.q.tokenByHash.get(sha256Hex) as TokenRow | undefined;
    return r ? toToken(r) : null;
  }
  getToken(id: string): TokenRecord | null {
    const r = this.q.token.get(id) as TokenRow | undefined;
    return r ? toToken(r) : null;
  }
  listTokens(): TokenRecord[] {
    return (this.q.tokens.all() as TokenRow[]).map(toToken);
  }
  getDevice(id: string): DeviceRecord | null {
    const r = this.q.device.get(id) as DeviceRow | undefined;
    return r ? toDevice(r) : null;
  }
  listDevices(): DeviceRecord[] {
    return (this.q.devices.all() as DeviceRow[]).map(toDevice);
  }
  nonceAcceptance(deviceId: string, nonce: string): NonceAcceptance | null {
    const r = this.q.nonce.get(deviceId, nonce) as { ledger_idx: number | null } | undefined;
    return r ? { ledgerIndex: r.ledger_idx } : null;
  }
  close(): void {
    this.db.close();
  }
}

function toUser(r: UserRow): UserRecord {
  return {
    name: r.name,
    role: r.role as UserRecord['role'],
    party: r.party,
    passwordHash: r.password_hash,
    mustChangePassword: r.must_change_password === 1,
    disabled: r.disabled === 1,
    createdAt: r.created_at,
  };
}
function toToken(r: TokenRow): TokenRecord {
  return {
    id: r.id,
    user: r.user_name,
    scopes: JSON.parse(r.scopes) as TokenRecord['scopes'],
    label: r.label,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    revokedAt: r.revoked_at,
  };
}
function toDevice(r: DeviceRow): DeviceRecord {
  return { id: r.id, name: r.name, publicKey: r.public_key, createdAt: r.created_at, revokedAt: r.revoked_at };
}
