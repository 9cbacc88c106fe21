import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeLeaf } from '../src/app/events/event.js';
import { ensureFirstAdmin } from '../src/app/identity/users.js';
import { sampleObservation, startTestServer, TEST_PASSWORD, type TestServer } from '../src/server/test-harness.js';
import { json } from '../src/server/test-harness.js';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ loginPerMinutePerIp: 1000 });
});
afterAll(() => s.close());

const login = (name: string, password: string) => s.fetch('/api/v1/auth/login', { method: 'POST', json: { name, password } });
const cookieOf = (res: Response) => res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');

async function ledgerTypes(): Promise<string[]> {
  const n = await s.mission.store.ledger.size();
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push((decodeLeaf((await s.mission.store.ledger.entry(i))!) as { type: string }).type);
  return out;
}

describe('identity over HTTP', () => {
  it('sets an HttpOnly SameSite=Strict session cookie and a readable CSRF cookie; /me names the user', async () => {
    const res = await login('analyst', TEST_PASSWORD);
    expect(res.status).toBe(200);
    const [session, csrf] = res.headers.getSetCookie();
    expect(session).toMatch(/^tl_session=.*HttpOnly/i);
    expect(session).toMatch(/SameSite=Strict/i);
    expect(session).not.toMatch(/Secure/i);
    expect(csrf).toMatch(/^tl_csrf=/);
    expect(csrf).not.toMatch(/HttpOnly/i);
    const me = await s.fetch('/api/v1/auth/me', { headers: { cookie: cookieOf(res) } });
    expect(await json(me)).toMatchObject({ user: { name: 'analyst', role: 'analyst' }, via: 'session' });
  });

  it('answers a wrong password, an unknown user and a disabled user alike with 401', async () => {
    const answers = await Promise.all([login('analyst', 'wrong password!'), login('nobody-here', TEST_PASSWORD)]);
    for (const r of answers) {
      expect(r.status).toBe(401);
      expect((await json(r)).detail).toBe('wrong name or password');
    }
  });

  it('locks a name out with backoff after repeated failures, and records every attempt in the ledger', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await login('chief', 'not the password')).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    const locked = await login('chief', TEST_PASSWORD);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    // Login events are sealed (they name client addresses): the public leaf is a commitment.
    const types = await ledgerTypes();
    expect(types.filter((t) => t === 'sealed').length).toBeGreaterThanOrEqual(5);
  });

  it('first start creates admin with a one-time password that must be changed before anything else', async () => {
    // The harness creates users directly; a fresh identity would get 'admin' from ensureFirstAdmin.
    expect(await ensureFirstAdmin(s.app.identity, { actor: 'system', nowMs: Date.now() })).toBeNull();
    const adminSession = await s.session('admin');
    const created = await s.fetch('/api/v1/users', { method: 'POST', as: adminSession, json: { name: 'liaison-new', role: 'liaison', party: s.parties[0] } });
    expect(created.status).toBe(201);
    const { password } = await json(created);
    expect(password).toMatch(/^[A-Za-z0-9]{20}$/);
    const first = await login('liaison-new', password);
    const session = { cookie: cookieOf(first), csrf: (await json(first)).csrfToken as string };
    const blocked = await s.fetch('/api/v1/observations', { as: session });
    expect(blocked.status).toBe(403);
    expect((await json(blocked)).detail).toMatch(/one-time password/);
    const changed = await s.fetch('/api/v1/auth/password', { method: 'POST', as: session, json: { currentPassword: password, newPassword: 'a much better passphrase' } });
    expect(changed.status).toBe(200);
    const again = await login('liaison-new', 'a much better passphrase');
    const fresh = { cookie: cookieOf(again), csrf: (await json(again)).csrfToken as string };
    expect((await s.fetch('/api/v1/observations', { as: fresh })).status).toBe(200);
  });

  it('an admin creates a liaison and a token over HTTP, and the token files as that party', async () => {
    const admin = await s.session('admin');
    await s.fetch('/api/v1/users', { method: 'POST', as: admin, json: { name: 'liaison-tok', role: 'liaison', party: s.parties[1], password: 'liaison password 1' } });
    const t = await s.fetch('/api/v1/tokens', { method: 'POST', as: admin, json: { user: 'liaison-tok', scopes: ['observations:write'], label: 'field laptop' } });
    expect(t.status).toBe(201);
    const { token, record } = await json(t);
    const obs = sampleObservation(1, { id: 'tok-1', source: { kind: 'party', id: 'hq', party: s.parties[1] } });
    const filed = await s.fetch('/api/v1/observations', { method: 'POST', as: { token }, json: obs });
    expect((await json(filed)).results[0].status).toBe('stored');
    // Listed without its secret: to the admin (all, or one user's) and to its owner, not to others.
    const listed = await json(await s.fetch('/api/v1/tokens?user=liaison-tok', { as: admin }));
    expect(listed.map((x: { id: string }) => x.id)).toEqual([record.id]);
    expect(JSON.stringify(listed)).not.toContain(token);
    expect(JSON.stringify(listed)).not.toMatch(/secret/i);
    const monitorsView = await json(await s.fetch('/api/v1/tokens?user=liaison-tok', { as: await s.session('monitor') }));
    expect(monitorsView.map((x: { id: string }) => x.id)).not.toContain(record.id);
    expect((await s.fetch(`/api/v1/tokens/${record.id}`, { method: 'DELETE', as: admin })).status).toBe(200);
    expect((await s.fetch('/api/v1/observations', { method: 'POST', as: { token }, json: obs })).status).toBe(401);
    expect(JSON.stringify(await ledgerTypes())).toMatch(/token\.revoked/);
  });

  it('disabling a user ends their sessions and their tokens', async () => {
    const admin = await s.session('admin');
    const victim = await s.login('guarantor');
    const token = await s.token('guarantor', ['observations:read']);
    expect((await s.fetch('/api/v1/auth/me', { as: victim })).status).toBe(200);
    expect((await s.fetch('/api/v1/users/guarantor/disable', { method: 'POST', as: admin })).status).toBe(200);
    expect((await s.fetch('/api/v1/auth/me', { as: victim })).status).toBe(401);
    expect((await s.fetch('/api/v1/auth/me', { as: { token } })).status).toBe(401);
    expect((await login('guarantor', TEST_PASSWORD)).status).toBe(401);
  });

  it('logout ends the session', async () => {
    const session = await s.login('monitor');
    expect((await s.fetch('/api/v1/auth/logout', { method: 'POST', as: session })).status).toBe(204);
    expect((await s.fetch('/api/v1/auth/me', { as: session })).status).toBe(401);
  });

  it('never answers a password hash or a token secret hash', async () => {
    const users = await (await s.fetch('/api/v1/users', { as: await s.session('admin') })).text();
    expect(users).not.toMatch(/scrypt\$|passwordHash|secretSha256/);
  });

  it('refuses a token label the ledger cannot hold (an unpaired surrogate) with 400, not 500', async () => {
    const res = await s.fetch('/api/v1/tokens', { method: 'POST', as: await s.session('admin'), json: { scopes: ['observations:read'], label: 'bad \ud800 label' } });
    expect(res.status).toBe(400);
    expect((await json(res)).errors[0].path).toBe('label');
  });
});
