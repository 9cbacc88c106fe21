import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { IdentityDeps } from '../../app/identity/context.js';
import { login, type LoginLockouts } from '../../app/identity/login.js';
import { PASSWORD_MAX_CHARS, verifyPassword } from '../../app/identity/passwords.js';
import { publicUser, requireUser, resetPassword } from '../../app/identity/users.js';
import { TrucelineError } from '../../domain/errors.js';
import type { ServerConfig } from '../config.js';
import { actorOf } from '../principal.js';
import { problems, publicUserSchema } from '../schemas.js';
import { CSRF_COOKIE, SESSION_COOKIE, type SessionStore } from '../sessions.js';

export interface AuthRouteDeps {
  readonly identity: IdentityDeps;
  readonly sessions: SessionStore;
  readonly lockouts: LoginLockouts;
  readonly config: ServerConfig;
  readonly now: () => number;
}

const credentials = z.strictObject({ name: z.string().min(1).max(128), password: z.string().min(1).max(PASSWORD_MAX_CHARS * 4) });
const sessionAnswer = z.object({ user: publicUserSchema, csrfToken: z.string() });

/** Secure when configured so, or (auto) when the request came over TLS. */
function secure(config: ServerConfig, request: FastifyRequest): boolean {
  return config.secureCookies === 'always' || (config.secureCookies === 'auto' && request.protocol === 'https');
}

function setSessionCookies(reply: FastifyReply, request: FastifyRequest, config: ServerConfig, id: string, csrf: string, maxAgeS: number): void {
  const base = { path: '/', sameSite: 'strict' as const, secure: secure(config, request), maxAge: maxAgeS };
  reply.setCookie(SESSION_COOKIE, id, { ...base, httpOnly: true });
  reply.setCookie(CSRF_COOKIE, csrf, { ...base, httpOnly: false });
}

export function registerAuthRoutes(app: FastifyInstance, d: AuthRouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post('/api/v1/auth/login', {
    schema: {
      summary: 'Log in with a name and password; sets the session and CSRF cookies',
      description: 'Answers 401 for any wrong combination (unknown user, disabled, bad password alike); repeated failures lock the name and the address out with exponential backoff (429 with Retry-After).',
      tags: ['auth'],
      body: credentials,
      response: { 200: sessionAnswer, ...problems(400, 401, 429) },
    },
    config: { rateLimit: { max: d.config.loginPerMinutePerIp, timeWindow: 60_000 } },
    handler: async (request, reply) => {
      const nowMs = d.now();
      const outcome = await login(d.identity, d.lockouts, { ...request.body, ip: request.ip }, { nowMs });
      if (!outcome.ok) {
        if (outcome.reason === 'locked') {
          reply.header('retry-after', Math.ceil((outcome.retryAfterMs ?? 1000) / 1000));
          throw new TrucelineError('RATE_LIMITED', 'too many failed logins; wait before trying again');
        }
        throw new TrucelineError('UNAUTHENTICATED', 'wrong name or password');
      }
      const { id, session } = d.sessions.create(outcome.user.name, nowMs);
      setSessionCookies(reply, request, d.config, id, session.csrf, Math.floor(d.sessions.absoluteMs / 1000));
      return { user: publicUser(outcome.user), csrfToken: session.csrf };
    },
  });

  r.post('/api/v1/auth/logout', {
    schema: { summary: 'End the session and clear its cookies', tags: ['auth'], response: { 204: z.null(), ...problems(403) } },
    handler: async (request, reply) => {
      if (request.sessionId) d.sessions.delete(request.sessionId);
      reply.clearCookie(SESSION_COOKIE, { path: '/' }).clearCookie(CSRF_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  });

  r.get('/api/v1/auth/me', {
    schema: {
      summary: 'Who the caller is',
      tags: ['auth'],
      response: { 200: z.object({ user: publicUserSchema, via: z.enum(['session', 'token']), scopes: z.array(z.string()).nullable() }), ...problems(401) },
    },
    handler: async (request) => {
      const p = request.principal;
      if (p.kind !== 'user') throw new TrucelineError('UNAUTHENTICATED', 'not logged in');
      return { user: publicUser(await requireUser(d.identity, p.name)), via: p.via, scopes: p.scopes ? [...p.scopes] : null };
    },
  });

  r.post('/api/v1/auth/password', {
    schema: {
      summary: 'Change your own password (required after a one-time password)',
      tags: ['auth'],
      body: z.strictObject({ currentPassword: z.string().min(1).max(PASSWORD_MAX_CHARS * 4), newPassword: z.string().min(1).max(PASSWORD_MAX_CHARS * 4) }),
      response: { 200: sessionAnswer, ...problems(400, 401, 403) },
    },
    handler: async (request, reply) => {
      const p = request.principal;
      if (p.kind !== 'user' || p.via !== 'session') throw new TrucelineError('FORBIDDEN', 'change a password in a logged-in browser session, not with a token');
      const user = await requireUser(d.identity, p.name);
      if (!(await verifyPassword(request.body.currentPassword, user.passwordHash))) throw new TrucelineError('UNAUTHENTICATED', 'the current password is wrong');
      const result = await resetPassword(d.identity, p.name, { actor: actorOf(p), nowMs: d.now() }, request.body.newPassword);
      // Other sessions of this user end; this one is replaced by a fresh one.
      d.sessions.deleteUser(p.name);
      const { id, session } = d.sessions.create(p.name, d.now());
      setSessionCookies(reply, request, d.config, id, session.csrf, Math.floor(d.sessions.absoluteMs / 1000));
      // The session is new, and so is its CSRF token: the client needs it for the next request.
      return { user: result.user, csrfToken: session.csrf };
    },
  });
}
