import { TrucelineError, validationError, type FieldIssue } from '../../domain/errors.js';
import { eventOf, type ActionContext, type IdentityDeps } from './context.js';
import { generatePassword, hashPassword, passwordProblem } from './passwords.js';
import type { UserRecord } from './port.js';
import { isRole, NAME_PATTERN, ROLES, type Role } from './roles.js';

/** A user as shown to people and programs: never the password hash. */
export interface PublicUser {
  readonly name: string;
  readonly role: Role;
  readonly party: string | null;
  readonly disabled: boolean;
  readonly mustChangePassword: boolean;
  readonly createdAt: string;
}

export function publicUser(u: UserRecord): PublicUser {
  return { name: u.name, role: u.role, party: u.party, disabled: u.disabled, mustChangePassword: u.mustChangePassword, createdAt: u.createdAt };
}

export interface NewUser {
  readonly name: string;
  readonly role: string;
  readonly party?: string | null;
  /** Omit to generate a one-time password (returned once, and the user must change it). */
  readonly password?: string;
}

function roleIssues(deps: IdentityDeps, role: string, party: string | null | undefined): FieldIssue[] {
  if (!isRole(role)) return [{ path: 'role', reason: `must be one of ${ROLES.join(', ')}; got '${String(role).slice(0, 40)}'` }];
  if (role === 'liaison') {
    if (!party) return [{ path: 'party', reason: `a liaison needs a party, one of ${deps.parties.join(', ')}` }];
    if (!deps.parties.includes(party)) return [{ path: 'party', reason: `must be a party of the agreement (${deps.parties.join(', ')}); got '${party.slice(0, 40)}'` }];
  } else if (party) {
    return [{ path: 'party', reason: `only a liaison has a party; a ${role} has none` }];
  }
  return [];
}

/**
 * Creates a user. The `user.created` event holds the scrypt hash, so it is recorded confidential:
 * the public log shows a sealed commitment, and the store keeps the content to rebuild from.
 */
export async function createUser(deps: IdentityDeps, input: NewUser, ctx: ActionContext): Promise<{ user: PublicUser; password: string; generated: boolean }> {
  const issues: FieldIssue[] = [];
  if (!NAME_PATTERN.test(input.name)) issues.push({ path: 'name', reason: 'must be 2-64 characters of a-z 0-9 . _ -, starting with a letter or digit' });
  issues.push(...roleIssues(deps, input.role, input.party));
  const generated = input.password === undefined;
  const password = input.password ?? generatePassword();
  const weak = passwordProblem(password);
  if (weak) issues.push({ path: 'password', reason: weak });
  if (issues.length > 0) throw validationError(issues, 'user');
  const passwordHash = await hashPassword(password);
  const party = input.role === 'liaison' ? input.party! : null;
  await deps.store.write(async (tx) => {
    if (await deps.reader.getUser(input.name)) throw new TrucelineError('ID_CONFLICT', `user '${input.name}' already exists`, [{ path: 'name', reason: 'already exists' }]);
    const data = { name: input.name, role: input.role, party, passwordHash, mustChangePassword: generated };
    await tx.record([{ event: eventOf('user.created', ctx, data), confidential: true }]);
  });
  return { user: publicUser(await requireUser(deps, input.name)), password, generated };
}

export async function requireUser(deps: Pick<IdentityDeps, 'reader'>, name: string): Promise<UserRecord> {
  const u = await deps.reader.getUser(name);
  if (!u) throw new TrucelineError('NOT_FOUND', `no user '${name.slice(0, 64)}'`);
  return u;
}

export async function disableUser(deps: IdentityDeps, name: string, ctx: ActionContext): Promise<PublicUser> {
  await deps.store.write(async (tx) => {
    const u = await requireUser(deps, name);
    if (u.disabled) return;
    await tx.record([{ event: eventOf('user.disabled', ctx, { name }) }]);
  });
  return publicUser(await requireUser(deps, name));
}

/** Sets a new password (generated and one-time when `password` is omitted). Confidential event. */
export async function resetPassword(deps: IdentityDeps, name: string, ctx: ActionContext, password?: string): Promise<{ user: PublicUser; password: string; generated: boolean }> {
  await requireUser(deps, name);
  const generated = password === undefined;
  const pw = password ?? generatePassword();
  const weak = passwordProblem(pw);
  if (weak) throw validationError([{ path: 'password', reason: weak }], 'password');
  const passwordHash = await hashPassword(pw);
  await deps.store.write(async (tx) => {
    await requireUser(deps, name);
    await tx.record([{ event: eventOf('user.password_reset', ctx, { name, passwordHash, mustChangePassword: generated }), confidential: true }]);
  });
  return { user: publicUser(await requireUser(deps, name)), password: pw, generated };
}

export async function changeRole(deps: IdentityDeps, name: string, role: string, party: string | null, ctx: ActionContext): Promise<PublicUser> {
  const issues = roleIssues(deps, role, party);
  if (issues.length > 0) throw validationError(issues, 'role');
  await deps.store.write(async (tx) => {
    await requireUser(deps, name);
    await tx.record([{ event: eventOf('user.role_changed', ctx, { name, role, party: role === 'liaison' ? party : null }) }]);
  });
  return publicUser(await requireUser(deps, name));
}

export async function listUsers(deps: Pick<IdentityDeps, 'reader'>): Promise<PublicUser[]> {
  return (await deps.reader.listUsers()).map(publicUser);
}

/**
 * First start: when no user exists, creates `admin` with a generated one-time password and
 * returns it (to print once); returns null otherwise. Nothing ships with a default password.
 */
export async function ensureFirstAdmin(deps: IdentityDeps, ctx: ActionContext): Promise<string | null> {
  if ((await deps.reader.countUsers()) > 0) return null;
  const { password } = await createUser(deps, { name: 'admin', role: 'admin' }, ctx);
  return password;
}
