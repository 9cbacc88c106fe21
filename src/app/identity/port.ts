import type { Awaitable } from '../../store/port.js';
import type { Role, Scope } from './roles.js';

export interface UserRecord {
  readonly name: string;
  readonly role: Role;
  /** Agreement party id, for liaisons only. */
  readonly party: string | null;
  /** scrypt hash string (src/app/identity/passwords.ts); never leaves the server. */
  readonly passwordHash: string;
  /** Set for a generated one-time password (first admin, resets): change it after logging in. */
  readonly mustChangePassword: boolean;
  readonly disabled: boolean;
  readonly createdAt: string;
}

export interface TokenRecord {
  readonly id: string;
  readonly user: string;
  readonly scopes: readonly Scope[];
  readonly label: string;
  readonly createdAt: string;
  readonly expiresAt: string | null;
  readonly revokedAt: string | null;
}

export interface DeviceRecord {
  readonly id: string;
  readonly name: string;
  /** Raw 32-byte Ed25519 public key, base64. */
  readonly publicKey: string;
  readonly createdAt: string;
  readonly revokedAt: string | null;
}

/** Where a spent gateway nonce was spent. */
export interface NonceAcceptance {
  /**
   * Ledger index of the `gateway.batch_accepted` that spent it. Null only for a nonce spent before
   * the store kept these indexes whose acceptance the upgrade did not find in the log (a log that
   * does not hold what the state says).
   */
  readonly ledgerIndex: number | null;
}

/**
 * Reads identity state (the last committed state). Writes go through `Store.write` and ledger
 * events only; this port has none.
 */
export interface IdentityReader {
  getUser(name: string): Awaitable<UserRecord | null>;
  listUsers(): Awaitable<UserRecord[]>;
  countUsers(): Awaitable<number>;
  getTokenBySecretHash(sha256Hex: string): Awaitable<TokenRecord | null>;
  getToken(id: string): Awaitable<TokenRecord | null>;
  listTokens(): Awaitable<TokenRecord[]>;
  getDevice(id: string): Awaitable<DeviceRecord | null>;
  listDevices(): Awaitable<DeviceRecord[]>;
  /** The acceptance that spent (device, nonce) within the replay window; null when unspent. */
  nonceAcceptance(deviceId: string, nonce: string): Awaitable<NonceAcceptance | null>;
  close(): Awaitable<void>;
}
