/**
 * Who alerts go to and how: the recipients the agreement's thresholds name (`guarantors`,
 * `chief_monitor`, ...) mapped to webhook URLs and email addresses, the webhook secret, the SMTP
 * server, and the early warning's settings. Read from a JSON file (TRUCELINE_ALERTS_CONFIG or
 * `serve --alerts-config`), with the secrets also from the environment; README.md, "Alerts",
 * documents the format.
 */
import { createHmac, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { SmtpSettings } from '../../alerts/email.js';
import { TrucelineError, validationError } from '../../domain/errors.js';
import type { EarlyWarningOptions } from '../../domain/warning/index.js';

const recipientSchema = z.strictObject({
  webhooks: z.array(z.url({ protocol: /^https?$/ })).default([]),
  emails: z.array(z.email()).default([]),
});

export const alertsConfigSchema = z.strictObject({
  /** Base URL the mission is reached at, for acknowledgement links and alert URLs. */
  publicUrl: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:8080'),
  /** CAP sender and email From address. */
  sender: z.string().min(3).default('alerts@truceline.invalid'),
  /** HMAC-SHA256 secret for webhook signatures (≥ 16 characters); or TRUCELINE_WEBHOOK_SECRET. */
  webhookSecret: z.string().min(16).optional(),
  /** `smtp://[user:pass@]host[:port]` (STARTTLS when offered) or `smtps://...`; or TRUCELINE_SMTP_URL. */
  smtpUrl: z.string().optional(),
  recipients: z.record(z.string().min(1), recipientSchema).default({}),
  /** Seconds between runs of the scheduler (evaluate, escalate, deliver). */
  intervalSeconds: z.number().positive().default(30),
  webhook: z
    .strictObject({
      maxAttempts: z.number().int().min(1).default(6),
      baseDelayMs: z.number().int().positive().default(5_000),
      maxDelayMs: z.number().int().positive().default(600_000),
      timeoutMs: z.number().int().positive().default(10_000),
    })
    .prefault({}),
  /** Hours a guarantor consultation has to conclude. */
  consultationHours: z.number().positive().default(72),
  earlyWarning: z
    .strictObject({
      recipients: z.array(z.string().min(1)).default(['chief_monitor']),
      alpha: z.number().gt(0).lt(1).optional(),
      binHours: z.number().positive().optional(),
      recentHours: z.number().positive().optional(),
      baselineDays: z.number().positive().optional(),
      minCount: z.number().min(0).optional(),
    })
    .prefault({}),
});

export type AlertsConfig = z.infer<typeof alertsConfigSchema>;

/** Parses a config object; throws VALIDATION naming every bad field. */
export function parseAlertsConfig(raw: unknown): AlertsConfig {
  const r = alertsConfigSchema.safeParse(raw ?? {});
  if (!r.success) {
    throw validationError(
      r.error.issues.map((i) => ({ path: i.path.join('.') || '(root)', reason: i.message })),
      'alerts configuration',
    );
  }
  return r.data;
}

/** The file named by `file` (else TRUCELINE_ALERTS_CONFIG, else defaults), with TRUCELINE_WEBHOOK_SECRET and TRUCELINE_SMTP_URL over it. */
export function loadAlertsConfig(env: NodeJS.ProcessEnv, file?: string): AlertsConfig {
  const path = file ?? env.TRUCELINE_ALERTS_CONFIG;
  let raw: Record<string, unknown> = {};
  if (path) {
    try {
      raw = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    } catch (err) {
      throw new TrucelineError('VALIDATION', `${path}: ${(err as Error).message}`);
    }
  }
  return parseAlertsConfig({
    ...raw,
    ...(env.TRUCELINE_WEBHOOK_SECRET ? { webhookSecret: env.TRUCELINE_WEBHOOK_SECRET } : {}),
    ...(env.TRUCELINE_SMTP_URL ? { smtpUrl: env.TRUCELINE_SMTP_URL } : {}),
  });
}

/** SMTP settings from `smtp://user:pass@host:port?ignoreTLS=true` or `smtps://...`. */
export function smtpSettingsFromUrl(url: string): SmtpSettings {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw validationError([{ path: 'smtpUrl', reason: 'is not a URL' }], 'alerts configuration');
  }
  if (u.protocol !== 'smtp:' && u.protocol !== 'smtps:')
    throw validationError(
      [{ path: 'smtpUrl', reason: `must be smtp:// or smtps://, got ${u.protocol}` }],
      'alerts configuration',
    );
  const secure = u.protocol === 'smtps:';
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : secure ? 465 : 25,
    secure,
    ...(u.username
      ? { auth: { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } }
      : {}),
    ...(u.searchParams.get('ignoreTLS') === 'true' ? { ignoreTLS: true } : {}),
    ...(u.searchParams.get('requireTLS') === 'true' ? { requireTLS: true } : {}),
  };
}

const HOUR_MS = 3_600_000;

/** The early warning's options from the configuration. */
export function earlyWarningOptions(c: AlertsConfig['earlyWarning']): EarlyWarningOptions {
  return {
    ...(c.alpha !== undefined ? { alpha: c.alpha } : {}),
    ...(c.binHours !== undefined ? { binMs: Math.round(c.binHours * HOUR_MS) } : {}),
    ...(c.recentHours !== undefined ? { recentMs: Math.round(c.recentHours * HOUR_MS) } : {}),
    ...(c.baselineDays !== undefined
      ? { baselineMs: Math.round(c.baselineDays * 24 * HOUR_MS) }
      : {}),
    ...(c.minCount !== undefined ? { minCount: c.minCount } : {}),
  };
}

/**
 * The recipient ids a user of each role acknowledges for (the agreement names recipients by
 * function; the mission's roles hold those functions).
 */
export const ROLE_RECIPIENTS: Readonly<Record<string, readonly string[]>> = {
  chief: ['chief_monitor'],
  guarantor: ['guarantors'],
  liaison: ['party_liaisons'],
};

/**
 * The secret that signs acknowledgement links, derived from the mission's signing key so that the
 * server and the scheduler agree on it without another secret to configure.
 */
export function ackLinkSecret(signingKey: KeyObject): string {
  const der = signingKey.export({ type: 'pkcs8', format: 'der' });
  return createHmac('sha256', der).update('truceline ack-link v1').digest('base64url');
}
