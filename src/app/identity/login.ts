import { eventOf, type ActionContext, type IdentityDeps } from './context.js';
import { decoyPasswordHash, verifyPassword } from './passwords.js';
import type { UserRecord } from './port.js';
import { LoginLockout } from './lockout.js';

/**
 * Two lockouts: by account name (5 free failures, then backoff) so one account cannot be guessed
 * at, and by client address with a much higher threshold (50), so a guesser spraying many names
 * is slowed without one mistyping user locking out everyone behind the same NAT. A success
 * clears the name's count only: the address's count decays with its backoff.
 */
export interface LoginLockouts {
  readonly byName: LoginLockout;
  readonly byAddress: LoginLockout;
}

export function defaultLockouts(): LoginLockouts {
  return { byName: new LoginLockout({ freeFailures: 5 }), byAddress: new LoginLockout({ freeFailures: 50 }) };
}

export type LoginOutcome =
  | { readonly ok: true; readonly user: UserRecord }
  | { readonly ok: false; readonly reason: 'bad_credentials' | 'locked'; readonly retryAfterMs?: number };

export interface LoginAttempt {
  readonly name: string;
  readonly password: string;
  /** Client address, for the lockout and the (sealed) audit event. */
  readonly ip: string;
}

/**
 * Checks a password login. Unknown user, disabled user and wrong password give the same answer
 * and take the same time (an unknown name is checked against a decoy hash). Every attempt is a
 * ledger event, `auth.login` or `auth.login_failed`, sealed because it names a client address;
 * a locked-out attempt is refused before any hashing and is not recorded, so a flood of them
 * costs neither CPU nor ledger space.
 */
export async function login(deps: IdentityDeps, lockouts: LoginLockouts, attempt: LoginAttempt, ctx: Omit<ActionContext, 'actor'>): Promise<LoginOutcome> {
  const name = [attempt.name.slice(0, 128)];
  const ip = [attempt.ip];
  const wait = Math.max(lockouts.byName.retryAfterMs(name, ctx.nowMs), lockouts.byAddress.retryAfterMs(ip, ctx.nowMs));
  if (wait > 0) return { ok: false, reason: 'locked', retryAfterMs: wait };
  const user = await deps.reader.getUser(attempt.name);
  const good = await verifyPassword(attempt.password, user?.passwordHash ?? (await decoyPasswordHash()));
  const ok = good && user !== null && !user.disabled;
  const actor = user ? `user:${user.name}` : 'anonymous';
  const data = ok ? { name: user.name, ip: attempt.ip } : { name: user ? user.name : null, ip: attempt.ip, reason: !user ? 'unknown_user' : user.disabled ? 'disabled' : 'bad_password' };
  await deps.store.write((tx) => tx.record([{ event: eventOf(ok ? 'auth.login' : 'auth.login_failed', { ...ctx, actor }, data), confidential: true }]));
  if (!ok) {
    lockouts.byName.recordFailure(name, ctx.nowMs);
    lockouts.byAddress.recordFailure(ip, ctx.nowMs);
    return { ok: false, reason: 'bad_credentials' };
  }
  lockouts.byName.recordSuccess(name);
  return { ok: true, user };
}
