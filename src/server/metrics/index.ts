import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { collectDefaultMetrics, Counter, Histogram, prometheusContentType, Registry } from 'prom-client';
import { SOURCE_KINDS } from '../../domain/observation/types.js';
import type { Store } from '../../store/port.js';
import { ruleFor } from '../authz.js';
import type { AfterStored } from '../routes/observations.js';
import { withTimeout } from '../routes/health.js';
import { classifyStoreError } from '../store-errors.js';
import { readStore, registerStoreGauges, ScrapeRead } from './store-gauges.js';

/** Prometheus text exposition format 0.0.4, as prom-client writes it. */
export const EXPOSITION_CONTENT_TYPE = prometheusContentType;

/**
 * On an intake answer (`{summary, results}`), the source kind each result's item declared, by
 * result position; a symbol key, so JSON never carries it. Set by src/server/routes/observations.ts.
 */
export const INTAKE_SOURCE_KINDS = Symbol('truceline.intakeSourceKinds');

const INTAKE_ROUTES = new Set(['/api/v1/observations', '/api/v1/gateway/batches']);
const KNOWN_KINDS = new Set<string>(SOURCE_KINDS);
const STORE_READ_TIMEOUT_MS = 2000;

/** Seconds; from a cache hit (1 ms) to a big batch or a slow disk (30 s). */
const HTTP_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const FUSION_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export interface ServerMetrics {
  /** This server's own registry (never prom-client's global one: a process may run many servers). */
  readonly registry: Registry;
  /** `fn` timed into truceline_fusion_duration_seconds (it runs once per stored batch). */
  timeAfterStored(fn: AfterStored): AfterStored;
}

interface IntakeAnswer {
  results?: readonly { status?: string }[];
  [INTAKE_SOURCE_KINDS]?: readonly (string | null)[];
}

/** A bearer credential equal to the configured scrape token (compared in constant time). */
export function presentsScrapeToken(request: FastifyRequest, token: string | undefined): boolean {
  if (!token) return false;
  const rule = ruleFor(request.method, request.routeOptions.url ?? '');
  if (!rule?.allow.includes('scraper')) return false;
  const auth = request.headers.authorization;
  if (typeof auth !== 'string' || !auth.startsWith('Bearer ')) return false;
  const given = Buffer.from(auth.slice(7));
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Prometheus metrics for one server: hooks that count intake results by source kind, time every
 * request by route and status and count store errors, gauges read from the store at scrape time
 * (ledger size, alert backlog), the process metrics, and `GET /metrics` (text format 0.0.4).
 * Who may scrape is the authorisation table's decision (admin, or the scrape token).
 */
export function installMetrics(app: FastifyInstance, deps: { store: Store }): ServerMetrics {
  const registry = new Registry();
  const storeRead = new ScrapeRead(
    () => withTimeout(readStore(deps.store), STORE_READ_TIMEOUT_MS),
    (err) => {
      scrapeErrors.inc();
      countStoreError(err);
    },
  );
  // The counters a failed store read moves wait for this scrape's read, so the scrape that failed shows it.
  const afterStoreRead = async () => void (await storeRead.current());

  const observations = new Counter({
    name: 'truceline_observations_total',
    help: 'Observations answered by intake (HTTP and gateways), by the source kind they declared and the result.',
    labelNames: ['source_kind', 'status'],
    registers: [registry],
  });
  const fusion = new Histogram({ name: 'truceline_fusion_duration_seconds', help: 'Time to fuse one stored batch into incidents, seconds.', buckets: FUSION_BUCKETS, registers: [registry] });
  registerStoreGauges(registry, storeRead);
  const http = new Histogram({
    name: 'truceline_http_request_duration_seconds',
    help: 'HTTP request duration, seconds, by method, route pattern and status.',
    labelNames: ['method', 'route', 'status_code'],
    buckets: HTTP_BUCKETS,
    registers: [registry],
  });
  const storeErrors = new Counter({
    name: 'truceline_store_errors_total',
    help: 'Store errors meaning the database was unavailable, full or read-only, by condition and code.',
    labelNames: ['condition', 'code'],
    registers: [registry],
    collect: afterStoreRead,
  });
  const scrapeErrors = new Counter({
    name: 'truceline_metrics_store_read_errors_total',
    help: 'Scrapes whose store gauges could not be read (the gauges keep their last values).',
    registers: [registry],
    collect: afterStoreRead,
  });
  const countStoreError = (err: unknown) => {
    const down = classifyStoreError(err);
    if (down) storeErrors.inc({ condition: down.kind, code: down.code });
  };
  // CPU, memory, heap, file descriptors, start time, event-loop delay, GC and the Node version,
  // under the names every Prometheus client for Node uses.
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });

  app.addHook('preSerialization', async (request, _reply, payload) => {
    if (request.method !== 'POST' || !INTAKE_ROUTES.has(request.routeOptions.url ?? '')) return payload;
    const answer = payload as IntakeAnswer | null;
    const kinds = answer?.[INTAKE_SOURCE_KINDS];
    answer?.results?.forEach((r, i) => {
      const kind = kinds?.[i];
      if (r?.status && r.status !== 'skipped') observations.inc({ source_kind: kind && KNOWN_KINDS.has(kind) ? kind : 'invalid', status: r.status });
    });
    return payload;
  });
  app.addHook('onError', async (_request, _reply, err) => countStoreError(err));
  app.addHook('onResponse', async (request, reply) => {
    // The route pattern, never the raw URL: ids in paths would make a series per record.
    const route = request.routeOptions.url ?? (request.is404 ? 'unmatched' : 'unknown');
    http.observe({ method: request.method, route, status_code: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });

  const schema = {
    summary: 'Prometheus metrics (text exposition format 0.0.4): for admins and the scrape token (TRUCELINE_METRICS_TOKEN)',
    description: 'Intake by source kind and result, fusion latency, ledger size, alert backlog, HTTP durations by route and status, store errors, process metrics. See docs/DEPLOYMENT.md.',
    tags: ['health'],
  };
  app.get('/metrics', { schema, config: { rateLimit: false } }, async (_request, reply) => {
    reply.type(registry.contentType).header('cache-control', 'no-store');
    return registry.metrics();
  });

  return {
    registry,
    timeAfterStored: (fn) => async (stored, nowMs) => {
      const done = fusion.startTimer();
      try {
        return await fn(stored, nowMs);
      } finally {
        done();
      }
    },
  };
}
