import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { IdentityDeps } from '../app/identity/context.js';
import { resolveToken } from '../app/identity/tokens.js';
import { TrucelineError } from '../domain/errors.js';
import { ruleFor, authorise, type RouteRule } from './authz.js';
import { ANONYMOUS, type Principal } from './principal.js';
import { presentsScrapeToken } from './metrics/index.js';
import { CSRF_HEADER, csrfMatches, SESSION_COOKIE, type SessionStore } from './sessions.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal;
    /** The session id of a cookie-authenticated request (for logout). */
    sessionId: string | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** While a user must change a one-time password, a session may call only these. */
const ONE_TIME_PASSWORD_ROUTES = new Set(['/api/v1/auth/me', '/api/v1/auth/password', '/api/v1/auth/logout']);

/**
 * Authentication from headers (a Bearer token, else the session cookie, else anonymous), then the
 * route table's decision. Runs before body validation, so an unauthorised caller learns nothing
 * from validation errors. The gateway route is decided in the route itself, where the batch
 * signature proves the device.
 */
export function installAuthentication(app: FastifyInstance, deps: IdentityDeps, sessions: SessionStore, now: () => number, opts: { metricsToken?: string } = {}): void {
  app.decorateRequest('principal', null as never);
  app.decorateRequest('sessionId', null);

  app.addHook('onRequest', async (request) => {
    request.principal = ANONYMOUS;
    if (ruleFor(request.method, request.routeOptions.url ?? '')?.signedLink) return;
    // The scrape token is a credential only where the table allows 'scraper' (GET /metrics).
    if (presentsScrapeToken(request, opts.metricsToken)) return void (request.principal = { kind: 'scraper' });
    request.principal = await principalFromHeaders(request, deps, sessions, now());
  });

  app.addHook('preValidation', async (request) => {
    const rule = ruleFor(request.method, request.routeOptions.url ?? '');
    if (!rule) {
      if (request.is404) return;
      throw new TrucelineError('FORBIDDEN', 'this route has no authorisation rule');
    }
    if (rule.gatewaySignature) {
      // Devices prove themselves by the batch signature, checked in the route; users never file here.
      if (request.principal.kind === 'user') throw new TrucelineError('FORBIDDEN', 'this route is for sensor gateways (signed batches), not users');
      return;
    }
    checkOneTimePassword(request, rule);
    const decision = authorise(rule, request.principal);
    if (!decision.allowed) throw decision.error;
  });
}

async function principalFromHeaders(request: FastifyRequest, deps: IdentityDeps, sessions: SessionStore, nowMs: number): Promise<Principal> {
  const auth = request.headers.authorization;
  if (typeof auth === 'string' && auth.length > 0) {
    const m = /^Bearer ([A-Za-z0-9_-]{1,200})$/.exec(auth);
    const found = m ? await resolveToken(deps, m[1]!, nowMs) : null;
    if (!found) throw new TrucelineError('UNAUTHENTICATED', 'the API token is not valid (unknown, revoked, expired or malformed)');
    const { user, record } = found;
    return { kind: 'user', name: user.name, role: user.role, party: user.party, via: 'token', scopes: record.scopes, tokenId: record.id, mustChangePassword: false };
  }
  const cookie = request.cookies?.[SESSION_COOKIE];
  if (!cookie) return ANONYMOUS;
  const session = sessions.get(cookie, nowMs);
  const user = session ? await deps.reader.getUser(session.user) : null;
  if (!session || !user || user.disabled) {
    if (session) sessions.delete(cookie);
    return ANONYMOUS;
  }
  if (!SAFE_METHODS.has(request.method) && !csrfMatches(session, request.headers[CSRF_HEADER])) {
    throw new TrucelineError('FORBIDDEN', `a cookie-authenticated ${request.method} needs the X-CSRF-Token header (the value of the tl_csrf cookie)`);
  }
  request.sessionId = cookie;
  return { kind: 'user', name: user.name, role: user.role, party: user.party, via: 'session', scopes: null, mustChangePassword: user.mustChangePassword };
}

function checkOneTimePassword(request: FastifyRequest, rule: RouteRule): void {
  const p = request.principal;
  if (p.kind === 'user' && p.mustChangePassword && !ONE_TIME_PASSWORD_ROUTES.has(rule.url)) {
    throw new TrucelineError('FORBIDDEN', 'change the one-time password first (POST /api/v1/auth/password)');
  }
}
