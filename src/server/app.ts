import { readFileSync } from 'node:fs';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { IdentityDeps } from '../app/identity/context.js';
import { defaultLockouts } from '../app/identity/login.js';
import { openIdentity } from '../app/identity/open.js';
import type { Mission } from '../app/mission.js';
import { installAuthentication } from './authenticate.js';
import { installMetrics } from './metrics/index.js';
import { LOG_REDACT, RequestLog } from './request-log.js';
import { onDemandCheckpoint } from '../app/checkpoints/index.js';
import { ledgerRoutes } from './ledger-routes.js';
import { LEDGER_PREFIX, ruleFor } from './authz.js';
import type { ServerConfig } from './config.js';
import { installOpenApi } from './openapi.js';
import { OGC_PREFIX, ogcRoutes } from './ogc/index.js';
import { clientErrorHandler, frameworkErrorHandler, installProblemHandlers } from './problem.js';
import { registerAuthRoutes } from './routes/auth.js';
import { registerGatewayRoutes } from './routes/gateway.js';
import { registerHealthRoute } from './routes/health.js';
import { registerIdentityAdminRoutes } from './routes/identity-admin.js';
import { registerIncidentRoutes } from './routes/incidents.js';
import { registerObservationRoutes, type AfterStored } from './routes/observations.js';
import { registerObservationGridRoute } from './routes/observations-grid.js';
import { registerIncidentGridRoute } from './routes/incidents-grid.js';
import { registerHistogramRoutes } from './routes/histograms.js';
import { registerWorkflowRoutes } from './routes/workflow.js';
import { registerEvidenceRoutes } from './routes/evidence.js';
import { registerDeclarationRoutes } from './routes/declarations.js';
import { registerNoticeRoutes } from './routes/notices.js';
import { registerRestrictionRoutes } from './routes/restrictions.js';
import { alertRoutes } from './routes/alerts.js';
import { registerReportRoutes } from './routes/reports.js';
import { ackLinkSecret } from '../app/alerts/config.js';
import { installSecurity } from './security.js';
import { QueryCache } from './query-cache.js';
import { SessionStore } from './sessions.js';
import { registerWebRoutes } from './web-routes.js';

export const API_VERSION = '0.1.0';

export interface RegisteredRoute {
  readonly method: string;
  readonly url: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route registered, as fastify's onRoute hook saw it (for the authz and OpenAPI tests). */
    readonly registeredRoutes: RegisteredRoute[];
    readonly identity: IdentityDeps;
    readonly sessions: SessionStore;
  }
}

export interface BuildOptions {
  readonly mission: Pick<Mission, 'store' | 'agreement' | 'origin' | 'signingKey' | 'publicKey'>;
  /** The latest signed checkpoint for GET /log/checkpoint; default: signed on demand (onDemandCheckpoint, src/app/checkpoints). */
  readonly checkpoint?: () => string | Promise<string>;
  readonly config: ServerConfig;
  /** The clock (ms since the epoch); tests pass their own. */
  readonly now?: () => number;
  /** Log to stdout (JSON lines) at config.logLevel; off by default so tests stay quiet. */
  readonly logger?: boolean;
  /** Where the log lines go instead of stdout (tests read them). */
  readonly logStream?: { write(line: string): void };
  /** Sees every batch of observations stored (fusion: IncidentFuser.afterStored); must not throw. */
  readonly afterStored?: AfterStored;
}

/**
 * The HTTP API. Order matters: the route guard (every route must have an authorisation rule)
 * and OpenAPI are installed before any route, so no route escapes either. The caller owns the
 * mission and closes it after `app.close()`; closing the app closes the identity reader.
 */
export async function buildServer(opts: BuildOptions): Promise<FastifyInstance> {
  const { config, mission } = opts;
  const now = opts.now ?? Date.now;
  const https = config.tlsCertFile && config.tlsKeyFile ? { cert: readFileSync(config.tlsCertFile), key: readFileSync(config.tlsKeyFile) } : null;
  const app = Fastify({
    ...(https ? { https } : {}),
    logger: opts.logger ? { level: config.logLevel, redact: { paths: LOG_REDACT, censor: '[redacted]' }, ...(opts.logStream ? { stream: opts.logStream } : {}) } : false,
    // One line per request with route, status, duration and caller (src/server/request-log.ts).
    logController: new RequestLog(),
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    // Big batches take time to validate and commit; slow clients must not hold sockets forever.
    requestTimeout: 120_000,
    connectionTimeout: 130_000,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    frameworkErrors: frameworkErrorHandler,
    clientErrorHandler,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const routes: RegisteredRoute[] = [];
  app.decorate('registeredRoutes', routes);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (method === 'HEAD' && ruleFor('GET', route.url)) continue;
      if (!ruleFor(method, route.url)) throw new Error(`route ${method} ${route.url} has no entry in the authorisation table (src/server/authz.ts)`);
      routes.push({ method, url: route.url });
    }
  });

  const identity = openIdentity(mission);
  const sessions = new SessionStore();
  app.decorate('identity', identity);
  app.decorate('sessions', sessions);
  app.addHook('onClose', async () => identity.reader.close());
  // Graceful close: answers still in flight tell the client to drop the keep-alive connection,
  // so closing waits only for those requests, not for idle sockets a client keeps open.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_request, reply) => {
    if (closing) reply.header('connection', 'close');
  });

  installProblemHandlers(app);
  await installSecurity(app, config);
  await installOpenApi(app, API_VERSION);
  installAuthentication(app, identity, sessions, now, { metricsToken: config.metricsToken });
  const metrics = installMetrics(app, { store: mission.store });
  const afterStored = opts.afterStored && metrics.timeAfterStored(opts.afterStored);

  registerHealthRoute(app, mission.store);
  registerAuthRoutes(app, { identity, sessions, lockouts: defaultLockouts(), config, now });
  registerObservationRoutes(app, { store: mission.store, now, cache: new QueryCache(), afterStored });
  registerObservationGridRoute(app, { store: mission.store, cache: new QueryCache() });
  registerHistogramRoutes(app, { store: mission.store, agreement: mission.agreement, cache: new QueryCache() });
  registerGatewayRoutes(app, { identity, store: mission.store, now, windowMs: config.gatewayWindowS * 1000, afterStored });
  registerIdentityAdminRoutes(app, { identity, sessions, now });
  registerIncidentRoutes(app, { store: mission.store, agreement: mission.agreement });
  registerIncidentGridRoute(app, { store: mission.store, agreement: mission.agreement, cache: new QueryCache() });
  registerWorkflowRoutes(app, { store: mission.store, agreement: mission.agreement, now });
  await registerEvidenceRoutes(app, { mission, now });
  registerDeclarationRoutes(app, { store: mission.store, agreement: mission.agreement, now });
  registerNoticeRoutes(app, { store: mission.store, agreement: mission.agreement, now });
  registerRestrictionRoutes(app, { store: mission.store, now });
  registerReportRoutes(app, { mission, dataDir: config.dataDir, now });
  await app.register(alertRoutes, { store: mission.store, agreement: mission.agreement, now, ackSecret: ackLinkSecret(mission.signingKey) });
  await app.register(ogcRoutes, { prefix: OGC_PREFIX, store: mission.store, agreement: mission.agreement });
  await registerWebRoutes(app, { agreement: mission.agreement });
  await app.register(ledgerRoutes, { prefix: LEDGER_PREFIX, ledger: mission.store.ledger, checkpoint: opts.checkpoint ?? onDemandCheckpoint(mission) });
  return app;
}
