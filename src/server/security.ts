import cookie from '@fastify/cookie';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { TrucelineError } from '../domain/errors.js';
import type { ServerConfig } from './config.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Intake routes: per-address and per-token request limits apply. */
    intake?: boolean;
  }
}

/**
 * Security headers (helmet), CORS (same origin unless an allow-list is configured), cookies, and
 * rate limits: login per address (route config), intake per address and per API token (here).
 * Counters are in memory: operational data, per process, lost on restart.
 */
export async function installSecurity(app: FastifyInstance, config: ServerConfig): Promise<void> {
  await app.register(helmet, {
    // No upgrade-insecure-requests: the default deployment is plain HTTP on loopback, where it
    // would break the docs UI's own scripts; behind TLS the proxy sets HSTS.
    contentSecurityPolicy: { directives: { 'img-src': ["'self'", 'data:'], 'script-src': ["'self'"], 'upgrade-insecure-requests': null } },
    // The API is also called from the dashboard served by the same origin only.
    crossOriginResourcePolicy: { policy: 'same-origin' },
  });
  await app.register(cors, {
    origin: config.corsOrigins.length > 0 ? config.corsOrigins : false,
    credentials: true,
    methods: ['GET', 'POST', 'DELETE'],
    allowedHeaders: ['content-type', 'authorization', 'x-csrf-token'],
    maxAge: 600,
  });
  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    // Thrown, so the one error handler answers in problem+json with Retry-After already set.
    errorResponseBuilder: (_req, ctx) => Object.assign(new TrucelineError('RATE_LIMITED', `rate limit of ${ctx.max} requests per ${ctx.after} exceeded; retry later`), { statusCode: 429 }),
  });

  const perAddress = app.createRateLimit({ max: config.intakePerMinutePerIp, timeWindow: 60_000, keyGenerator: (req: FastifyRequest) => `ip:${req.ip}` });
  const perToken = app.createRateLimit({
    max: config.intakePerMinutePerToken,
    timeWindow: 60_000,
    keyGenerator: (req: FastifyRequest) => (req.principal?.kind === 'user' && req.principal.tokenId ? `token:${req.principal.tokenId}` : `ip:${req.ip}`),
  });
  app.addHook('preValidation', async (request, reply) => {
    if (!request.routeOptions.config?.intake) return;
    const limits = request.principal?.kind === 'user' && request.principal.tokenId ? [perAddress, perToken] : [perAddress];
    for (const limit of limits) {
      const r = await limit(request);
      // isAllowed means "on the allow list"; the count decides isExceeded.
      if (!r.isAllowed && r.isExceeded) {
        reply.header('retry-after', r.ttlInSeconds);
        throw new TrucelineError('RATE_LIMITED', `intake limit of ${r.max} requests a minute reached (${r.key.split(':')[0]}); retry in ${r.ttlInSeconds} s`);
      }
    }
  });
}
