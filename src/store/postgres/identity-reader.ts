import type pg from 'pg';
import { holdsNul } from './connection.js';
import type { DeviceRecord, IdentityReader, NonceAcceptance, TokenRecord, UserRecord } from '../../app/identity/port.js';

interface UserRow {
  name: string;
  role: string;
  party: string | null;
  password_hash: string;
  must_change_password: boolean;
  disabled: boolean;
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

const USERS = 'SELECT name, role, party, password_hash, must_change_password, disabled, created_at FROM users';
const TOKENS = 'SELECT id, user_name, scopes, label, created_at, expires_at, revoked_at FROM api_tokens';
const DEVICES = 'SELECT id, name, public_key, created_at, revoked_at FROM devices';

/**
 * Reads identity state (the PostgreSQL twin of SqliteIdentityReader) through the store's pool:
 * each read sees what was committed when it ran, in this process or any other, so a token revoked
 * through one server is refused by every server at its next request. Ordering as SQLite's.
 */
export class PostgresIdentityReader implements IdentityReader {
  constructor(private readonly pool: pg.Pool) {}

  private async rows<R extends pg.QueryResultRow>(name: string, text: string, values: unknown[] = []): Promise<R[]> {
    return (await this.pool.query<R>({ name: `truceline_identity_read_${name}`, text, values })).rows;
  }

  async getUser(name: string): Promise<UserRecord | null> {
    if (holdsNul(name)) return null;
    const [r] = await this.rows<UserRow>('user', `${USERS} WHERE name = $1`, [name]);
    return r ? toUser(r) : null;
  }
  async listUsers(): Promise<UserRecord[]> {
    return (await this.rows<UserRow>('users', `${USERS} ORDER BY name COLLATE "C"`)).map(toUser);
  }
  async countUsers(): Promise<number> {
    const [r] = await this.rows<{ n: number }>('count_users', 'SELECT COUNT(*)::int AS n FROM users');
    return r!.n;
  }
  async getTokenBySecretHash(sha256Hex: string): Promise<TokenRecord | null> {
    if (holdsNul(sha256Hex)) return null;
    const [r] = await this.rows<TokenRow>('token_by_hash', `${TOKENS} WHERE secret_sha256 = $1`, [sha256Hex]);
    return r ? toToken(r) : null;
  }
  async getToken(id: string): Promise<TokenRecord | null> {
    if (holdsNul(id)) return null;
    const [r] = await this.rows<TokenRow>('token', `${TOKENS} WHERE id = $1`, [id]);
    return r ? toToken(r) : null;
  }
  async listTokens(): Promise<TokenRecord[]> {
    return (await this.rows<TokenRow>('tokens', `${TOKENS} ORDER BY created_at COLLATE "C", id COLLATE "C"`)).map(toToken);
  }
  async getDevice(id: string): Promise<DeviceRecord | null> {
    if (holdsNul(id)) return null;
    const [r] = await this.rows<DeviceRow>('device', `${DEVICES} WHERE id = $1`, [id]);
    return r ? toDevice(r) : null;
  }
  async listDevices(): Promise<DeviceRecord[]> {
    return (await this.rows<DeviceRow>('devices', `${DEVICES} ORDER BY id COLLATE "C"`)).map(toDevice);
  }
  async nonceAcceptance(deviceId: string, nonce: string): Promise<NonceAcceptance | null> {
    if (holdsNul(deviceId, nonce)) return null;
    const [r] = await this.rows<{ idx: string | null }>('nonce_acceptance', 'SELECT ledger_idx::text AS idx FROM gateway_nonces WHERE device_id = $1 AND nonce = $2', [deviceId, nonce]);
    return r ? { ledgerIndex: r.idx === null ? null : Number(r.idx) } : null;
  }
  /** The pool belongs to the store, which closes it. */
  close(): void {}
}

function toUser(r: UserRow): UserRecord {
  return {
    name: r.name,
    role: r.role as UserRecord['role'],
    party: r.party,
    passwordHash: r.password_hash,
    mustChangePassword: r.must_change_password,
    disabled: r.disabled,
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
