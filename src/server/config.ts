import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { TrucelineError, validationError } from '../domain/errors.js';

/**
 * Server configuration: flags over environment (TRUCELINE_*) over a JSON file over the defaults.
 * The defaults are the safe ones: loopback only, same-origin CORS, 8 MiB bodies.
 */
export const serverConfigSchema = z.strictObject({
  port: z.number().int().min(0).max(65535).default(8080),
  host: z.string().min(1).default('127.0.0.1'),
  /** Mission data directory; resolved by the CLI (`--data`, TRUCELINE_DATA, ./data). */
  dataDir: z.string().optional(),
  /** Largest accepted request body, bytes (a 10,000-item batch fits in 8 MiB). */
  bodyLimitBytes: z.number().int().min(1024).max(256 * 1024 * 1024).default(8 * 1024 * 1024),
  /** Origins allowed to call the API from a browser; empty = same origin only. */
  corsOrigins: z.array(z.string().url()).default([]),
  /** Serve HTTPS directly: PEM certificate chain and private key files (both or neither). */
  tlsCertFile: z.string().min(1).optional(),
  tlsKeyFile: z.string().min(1).optional(),
  /** Behind a TLS-terminating proxy: trust X-Forwarded-* and set Secure cookies. */
  trustProxy: z.boolean().default(false),
  /** Secure cookies: `auto` = when the request arrived over TLS (directly or via a trusted proxy). */
  secureCookies: z.enum(['auto', 'always', 'never']).default('auto'),
  /** Requests per minute per client address on the intake routes, and per API token. */
  intakePerMinutePerIp: z.number().int().min(1).default(600),
  intakePerMinutePerToken: z.number().int().min(1).default(600),
  /** Login attempts per minute per client address (lockout with backoff applies on top). */
  loginPerMinutePerIp: z.number().int().min(1).default(20),
  /** Gateway timestamps must lie within ± this many seconds of the server clock. */
  gatewayWindowS: z.number().int().min(10).max(3600).default(300),
  /** Stream simulated observations in (the demo scenario). */
  demo: z.boolean().default(false),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Bearer token a Prometheus scraper presents for GET /metrics (admins may always read it); unset = admins only. */
  metricsToken: z.string().regex(/^[A-Za-z0-9_-]{24,200}$/, 'use 24-200 characters of A-Z, a-z, 0-9, _ and -').optional(),
}).refine((c) => !c.tlsCertFile === !c.tlsKeyFile, { message: 'give both tlsCertFile and tlsKeyFile, or neither', path: ['tlsKeyFile'] });

export type ServerConfig = z.output<typeof serverConfigSchema>;
export type ServerConfigInput = z.input<typeof serverConfigSchema>;

const ENV: Record<string, { key: keyof ServerConfig; parse: (v: string) => unknown }> = {
  TRUCELINE_PORT: { key: 'port', parse: Number },
  TRUCELINE_HOST: { key: 'host', parse: String },
  TRUCELINE_DATA: { key: 'dataDir', parse: String },
  TRUCELINE_BODY_LIMIT: { key: 'bodyLimitBytes', parse: Number },
  TRUCELINE_CORS_ORIGINS: { key: 'corsOrigins', parse: (v) => v.split(',').map((s) => s.trim()).filter(Boolean) },
  TRUCELINE_TRUST_PROXY: { key: 'trustProxy', parse: (v) => v === 'true' || v === '1' },
  TRUCELINE_SECURE_COOKIES: { key: 'secureCookies', parse: String },
  TRUCELINE_LOG_LEVEL: { key: 'logLevel', parse: String },
  TRUCELINE_TLS_CERT: { key: 'tlsCertFile', parse: String },
  TRUCELINE_TLS_KEY: { key: 'tlsKeyFile', parse: String },
  TRUCELINE_METRICS_TOKEN: { key: 'metricsToken', parse: String },
};

export function configFromEnv(env: NodeJS.ProcessEnv): Partial<Record<keyof ServerConfig, unknown>> {
  const out: Partial<Record<keyof ServerConfig, unknown>> = {};
  for (const [name, { key, parse }] of Object.entries(ENV)) {
    const v = env[name];
    if (v !== undefined && v !== '') out[key] = parse(v);
  }
  return out;
}

export function configFromFile(file: string): Record<string, unknown> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new TrucelineError('VALIDATION', `config file ${file}: ${(err as Error).message}`);
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new TrucelineError('VALIDATION', `config file ${file}: must be a JSON object`);
  return raw as Record<string, unknown>;
}

/** Merges the layers (later wins) and validates the result, naming every wrong field. */
export function resolveConfig(...layers: readonly Partial<Record<string, unknown>>[]): ServerConfig {
  const merged: Record<string, unknown> = {};
  for (const layer of layers) for (const [k, v] of Object.entries(layer)) if (v !== undefined) merged[k] = v;
  const r = serverConfigSchema.safeParse(merged);
  if (!r.success) throw validationError(r.error.issues.map((i) => ({ path: i.path.join('.'), reason: i.message })), 'server configuration');
  return r.data;
}

/** The printed start-up summary: what is listening, where the data is, what is open to whom. */
export function describeConfig(c: ServerConfig, dataDir: string): string[] {
  return [
    `listening     ${c.tlsCertFile ? 'https' : 'http'}://${c.host.includes(':') ? `[${c.host}]` : c.host}:${c.port}  (API docs at /api/docs)`,
    `data          ${dataDir}`,
    `body limit    ${(c.bodyLimitBytes / 1048576).toFixed(1)} MiB; batches of up to 10,000 observations`,
    `cors          ${c.corsOrigins.length ? c.corsOrigins.join(', ') : 'same origin only'}`,
    `cookies       Secure: ${c.secureCookies}${c.trustProxy ? '; trusting X-Forwarded-* from a proxy' : ''}`,
    `rate limits   intake ${c.intakePerMinutePerIp}/min per address, ${c.intakePerMinutePerToken}/min per token; login ${c.loginPerMinutePerIp}/min per address`,
    `demo          ${c.demo ? 'streaming simulated observations' : 'off'}`,
  ];
}
