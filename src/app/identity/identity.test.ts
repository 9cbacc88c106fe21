import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { openMission, type Mission } from '../mission.js';
import type { IdentityDeps } from './context.js';
import { addDevice, revokeDevice } from './devices.js';
import { LoginLockout } from './lockout.js';
import { openIdentity } from './open.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { createToken, resolveToken, revokeToken } from './tokens.js';
import { changeRole, createUser, disableUser, ensureFirstAdmin, resetPassword } from './users.js';

const ctx = () => ({ actor: 'test', nowMs: Date.now() });
let open: { mission: Mission; deps: IdentityDeps; dir: string } | null = null;

async function fresh() {
  const dir = mkdtempSync(join(tmpdir(), 'truceline-identity-'));
  const mission = await openMission(dir, { synchronous: 'NORMAL' });
  open = { mission, deps: openIdentity(mission), dir };
  return open;
}

afterEach(async () => {
  if (!open) return;
  open.deps.reader.close();
  await open.mission.close();
  rmSync(open.dir, { recursive: true, force: true });
  open = null;
});

describe('passwords', () => {
  it('verifies the right password, refuses a wrong one, and salts every hash', async () => {
    const a = await hashPassword('correct horse battery staple');
    const b = await hashPassword('correct horse battery staple');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword('correct horse battery staple', a)).toBe(true);
    expect(await verifyPassword('correct horse battery stapler', a)).toBe(false);
    expect(await verifyPassword('x', 'not-a-hash')).toBe(false);
  });
});

describe('login lockout', () => {
  it('locks after the free failures with doubling waits, and a success clears it', () => {
    const l = new LoginLockout({ freeFailures: 3, baseLockMs: 1000 });
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) {
      l.recordFailure(['k'], 0);
      waits.push(l.retryAfterMs(['k'], 0));
    }
    expect(waits).toEqual([0, 0, 1000, 2000, 4000, 8000]);
    l.recordSuccess(['k']);
    expect(l.retryAfterMs(['k'], 0)).toBe(0);
  });
});

describe('identity state is the fold of the ledger', () => {
  it('rebuilds users, tokens, devices and nonces to exactly what they were', async () => {
    const { mission, deps } = await fresh();
    const admin = await ensureFirstAdmin(deps, ctx());
    expect(admin).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(await ensureFirstAdmin(deps, ctx())).toBeNull();
    await createUser(deps, { name: 'ua-liaison', role: 'liaison', party: 'ua', password: 'liaison password' }, ctx());
    await createUser(deps, { name: 'analyst-1', role: 'analyst' }, ctx());
    await resetPassword(deps, 'analyst-1', ctx());
    await changeRole(deps, 'analyst-1', 'chief', null, ctx());
    await disableUser(deps, 'ua-liaison', ctx());
    const { token, record } = await createToken(deps, { user: 'analyst-1', scopes: ['observations:read'] }, ctx());
    const raw = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'der' }).subarray(-32).toString('base64');
    await addDevice(deps, { name: 'gw-1', publicKey: raw }, ctx());
    await revokeDevice(deps, 'gw-1', ctx());
    const second = await createToken(deps, { user: 'admin', scopes: ['identity:admin'] }, ctx());
    await revokeToken(deps, second.record.id, ctx());

    const snapshot = () => ({ users: deps.reader.listUsers(), tokens: deps.reader.listTokens(), devices: deps.reader.listDevices() });
    const before = snapshot();
    await mission.store.rebuild();
    expect(snapshot()).toEqual(before);
    expect((await resolveToken(deps, token, Date.now()))?.record.id).toBe(record.id);
    expect(await resolveToken(deps, second.token, Date.now())).toBeNull();
  });

  it('refuses a liaison without a party of the agreement, and a party for any other role', async () => {
    const { deps } = await fresh();
    await expect(createUser(deps, { name: 'x-1', role: 'liaison', party: 'atlantis', password: 'long enough pw' }, ctx())).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(createUser(deps, { name: 'x-2', role: 'monitor', party: 'ua', password: 'long enough pw' }, ctx())).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(createUser(deps, { name: 'x-3', role: 'monitor', password: 'short' }, ctx())).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});
