import { createHash, randomBytes } from 'node:crypto';
import { TrucelineError, validationError, type FieldIssue } from '../../domain/errors.js';
import { eventOf, type ActionContext, type IdentityDeps } from './context.js';
import type { TokenRecord, UserRecord } from './port.js';
import { isScope, SCOPES, type Scope } from './roles.js';
import { requireUser } from './users.js';

/**
 * Scoped API tokens for programs: `tl_<id>_<secret>`, where the secret is 32 random bytes
 * (base64url). Only the SHA-256 of the whole token is stored, so a copy of the database does not
 * yield usable tokens; a plain hash suffices because the secret has 256 bits of entropy.
 */
export const TOKEN_PREFIX = 'tl_';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function tokenSecretHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export interface NewToken {
  readonly user: string;
  readonly scopes: readonly string[];
  readonly label?: string;
  /** ISO instant; omit for a token that lasts until revoked. */
  readonly expiresAt?: string | null;
}

/** Creates a token and returns it once; `token.created` is sealed (it carries the secret's hash). */
export async function createToken(deps: IdentityDeps, input: NewToken, ctx: ActionContext): Promise<{ token: string; record: TokenRecord }> {
  const issues: FieldIssue[] = [];
  if (input.scopes.length === 0) issues.push({ path: 'scopes', reason: `must name at least one of ${SCOPES.join(', ')}` });
  input.scopes.forEach((s, i) => {
    if (!isScope(s)) issues.push({ path: `scopes[${i}]`, reason: `must be one of ${SCOPES.join(', ')}; got '${String(s).slice(0, 40)}'` });
  });
  const label = input.label ?? '';
  if ([...label].length > 200) issues.push({ path: 'label', reason: 'must be at most 200 characters' });
  // The label goes into a ledger event, whose canonical JSON (RFC 8785) cannot hold these.
  if (LONE_SURROGATE.test(label) || /[\u0000-\u001f\u007f]/.test(label)) issues.push({ path: 'label', reason: 'must be text without control characters or unpaired surrogates' });
  if (input.expiresAt && !(Date.parse(input.expiresAt) > ctx.nowMs)) issues.push({ path: 'expiresAt', reason: 'must be an ISO instant in the future' });
  if (issues.length > 0) throw validationError(issues, 'token');
  const id = randomBytes(6).toString('hex');
  const token = `${TOKEN_PREFIX}${id}_${randomBytes(32).toString('base64url')}`;
  const scopes = [...new Set(input.scopes)] as Scope[];
  await deps.store.write(async (tx) => {
    const owner = await requireUser(deps, input.user);
    if (owner.disabled) throw new TrucelineError('ILLEGAL_TRANSITION', `user '${owner.name}' is disabled`);
    const data = { id, user: owner.name, scopes, label, expiresAt: input.expiresAt ?? null, secretSha256: tokenSecretHash(token) };
    await tx.record([{ event: eventOf('token.created', ctx, data), confidential: true }]);
  });
  return { token, record: (await deps.reader.getToken(id))! };
}

export async function revokeToken(deps: IdentityDeps, id: string, ctx: ActionContext): Promise<TokenRecord> {
  await deps.store.write(async (tx) => {
    const t = await deps.reader.getToken(id);
    if (!t) throw new TrucelineError('NOT_FOUND', `no token '${id.slice(0, 64)}'`);
    if (t.revokedAt) return;
    await tx.record([{ event: eventOf('token.revoked', ctx, { id }) }]);
  });
  return (await deps.reader.getToken(id))!;
}

/**
 * The token's record and owner when the token is valid now (known, not revoked, not expired,
 * owner enabled); null otherwise. The lookup is by hash, so timing says nothing about the secret.
 */
export async function resolveToken(deps: Pick<IdentityDeps, 'reader'>, token: string, nowMs: number): Promise<{ record: TokenRecord; user: UserRecord } | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
  const record = await deps.reader.getTokenBySecretHash(tokenSecretHash(token));
  if (!record || record.revokedAt || (record.expiresAt && Date.parse(record.expiresAt) <= nowMs)) return null;
  const user = await deps.reader.getUser(record.user);
  if (!user || user.disabled) return null;
  return { record, user };
}
