import { createPublicKey, type KeyObject } from 'node:crypto';
import { TrucelineError, validationError } from '../../domain/errors.js';
import { eventOf, type ActionContext, type IdentityDeps } from './context.js';
import type { DeviceRecord } from './port.js';
import { NAME_PATTERN } from './roles.js';

/** DER prefix of an SPKI-wrapped Ed25519 public key (RFC 8410 §4); the raw key follows. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** The KeyObject of a raw 32-byte Ed25519 public key (base64), or null if it is not one. */
export function ed25519KeyFromBase64(b64: string): KeyObject | null {
  if (!/^[A-Za-z0-9+/]{43}=?$/.test(b64)) return null;
  const raw = Buffer.from(b64, 'base64');
  if (raw.length !== 32) return null;
  try {
    return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
  } catch {
    return null;
  }
}

/**
 * Registers a sensor gateway: its id (its name) and its raw Ed25519 public key. `device.added` is
 * public, so either party can check the signatures kept with gateway batches.
 */
export async function addDevice(deps: IdentityDeps, input: { name: string; publicKey: string }, ctx: ActionContext): Promise<DeviceRecord> {
  const issues = [];
  if (!NAME_PATTERN.test(input.name)) issues.push({ path: 'name', reason: 'must be 2-64 characters of a-z 0-9 . _ -, starting with a letter or digit' });
  if (!ed25519KeyFromBase64(input.publicKey)) issues.push({ path: 'publicKey', reason: 'must be a raw 32-byte Ed25519 public key in base64 (44 characters)' });
  if (issues.length > 0) throw validationError(issues, 'device');
  const publicKey = Buffer.from(input.publicKey, 'base64').toString('base64');
  await deps.store.write(async (tx) => {
    if (await deps.reader.getDevice(input.name)) throw new TrucelineError('ID_CONFLICT', `device '${input.name}' already exists`, [{ path: 'name', reason: 'already exists' }]);
    if ((await deps.reader.listDevices()).some((d) => d.publicKey === publicKey)) {
      throw new TrucelineError('ID_CONFLICT', 'this public key is already registered to another device', [{ path: 'publicKey', reason: 'already registered' }]);
    }
    await tx.record([{ event: eventOf('device.added', ctx, { id: input.name, name: input.name, publicKey }) }]);
  });
  return (await deps.reader.getDevice(input.name))!;
}

export async function revokeDevice(deps: IdentityDeps, id: string, ctx: ActionContext): Promise<DeviceRecord> {
  await deps.store.write(async (tx) => {
    const d = await deps.reader.getDevice(id);
    if (!d) throw new TrucelineError('NOT_FOUND', `no device '${id.slice(0, 64)}'`);
    if (d.revokedAt) return;
    await tx.record([{ event: eventOf('device.revoked', ctx, { id }) }]);
  });
  return (await deps.reader.getDevice(id))!;
}

export async function listDevices(deps: Pick<IdentityDeps, 'reader'>): Promise<DeviceRecord[]> {
  return deps.reader.listDevices();
}
