/**
 * Delivering alerts: every open alert to every target its recipients have (webhooks signed with
 * HMAC-SHA256, email through SMTP), one try per target per run, each try a ledger event
 * (`alert.delivery_attempted`, with the reason when it failed). A failed try is due again after
 * an exponential backoff with jitter; after the last try the delivery is parked with its reason
 * (`alert.delivery_parked`). The first success moves the alert to `delivered`.
 */
import { createHash } from 'node:crypto';
import { alertJson } from '../../alerts/alert-json.js';
import { ackLinkUrl, signAckLink } from '../../alerts/ack-link.js';
import { capMessageFromAlert, capMessageFromWarning } from '../../alerts/cap-alert.js';
import { renderCap } from '../../alerts/cap.js';
import { renderAlertEmail, type Mailer } from '../../alerts/email.js';
import { backoffMs, deliverWebhook } from '../../alerts/webhook.js';
import type { Agreement } from '../../domain/agreement/index.js';
import { markDelivered } from '../../domain/escalation/index.js';
import type { Store } from '../../store/port.js';
import type { AlertsConfig } from './config.js';
import { getAlert, listAlerts, listDeliveries } from './read.js';
import {
  alertLedgerEvent,
  type AlertRecord,
  type DeliveryTarget,
  type StoredDelivery,
} from './records.js';

const DAY_MS = 86_400_000;

export interface DeliveryDeps {
  readonly store: Store;
  readonly agreement: Pick<Agreement, 'sectors'>;
  readonly config: AlertsConfig;
  /** Signs acknowledgement links (config.ackLinkSecret). */
  readonly ackSecret: string;
  /** Null when no SMTP server is configured (email targets are then parked). */
  readonly mailer: Mailer | null;
  readonly fetch?: typeof fetch;
  readonly random?: () => number;
}

/** The targets of an alert: each recipient's webhooks and email addresses, as configured. */
export function deliveryTargets(record: AlertRecord, config: AlertsConfig): DeliveryTarget[] {
  return record.alert.recipients.flatMap((recipient) => {
    const r = config.recipients[recipient];
    if (!r) return [];
    return [
      ...r.webhooks.map((target) => ({ channel: 'webhook' as const, recipient, target })),
      ...r.emails.map((target) => ({ channel: 'email' as const, recipient, target })),
    ];
  });
}

/** The alert as CAP 1.2 XML. */
export function alertCap(
  record: AlertRecord,
  agreement: Pick<Agreement, 'sectors'>,
  config: Pick<AlertsConfig, 'sender' | 'publicUrl'>,
): string {
  const web = `${config.publicUrl.replace(/\/$/, '')}/api/v1/alerts/${encodeURIComponent(record.alert.id)}`;
  if (record.kind === 'escalation')
    return renderCap(
      capMessageFromAlert(record.alert, { sender: config.sender, sectors: agreement.sectors, web }),
    );
  const a = record.alert;
  return renderCap(
    capMessageFromWarning(a.warning, {
      sender: config.sender,
      sectors: agreement.sectors,
      identifier: a.id,
      sentMs: a.raisedAtMs,
      addresses: a.recipients,
    }),
  );
}

/** The alert as JSON for the outside (webhook bodies, the API). */
export function alertOut(record: AlertRecord): Record<string, unknown> {
  if (record.kind === 'escalation') return { kind: record.kind, ...alertJson(record.alert) };
  const a = record.alert;
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    kind: record.kind,
    id: a.id,
    level: 0,
    state: a.state,
    summary: a.summary,
    sectorId: a.sectorId,
    observed: a.warning.observed,
    expected: a.warning.expected,
    pValue: a.warning.pValue,
    window: { from: iso(a.warning.fromMs), to: iso(a.warning.toMs) },
    raisedAt: iso(a.raisedAtMs),
    recipients: a.recipients,
    acknowledgedBy: a.acknowledgedBy,
  };
}

/** The recipient's signed acknowledgement link, valid a week past the deadline. */
export function ackUrlFor(
  record: AlertRecord,
  recipient: string,
  deps: Pick<DeliveryDeps, 'config' | 'ackSecret'>,
): string {
  const until =
    (record.kind === 'escalation' ? record.alert.ackDeadlineMs : record.alert.raisedAtMs) +
    7 * DAY_MS;
  const token = signAckLink(record.alert.id, recipient, until, deps.ackSecret);
  return ackLinkUrl(`${deps.config.publicUrl.replace(/\/$/, '')}/api/v1/alerts/ack`, token);
}

function delivered(record: AlertRecord, nowMs: number, channel: string): AlertRecord | null {
  if (record.kind === 'escalation') {
    if (record.alert.state !== 'raised') return null;
    return { kind: 'escalation', alert: markDelivered(record.alert, nowMs, channel) };
  }
  if (record.alert.state !== 'raised') return null;
  return {
    kind: 'early_warning',
    alert: {
      ...record.alert,
      state: 'delivered',
      history: [...record.alert.history, { state: 'delivered', atMs: nowMs, by: channel }],
    },
  };
}

interface TryOutcome {
  readonly ok: boolean;
  readonly status: number | null;
  readonly error: string | null;
  /** True when trying again would not change the answer. */
  readonly permanent: boolean;
}

async function tryWebhook(
  record: AlertRecord,
  t: DeliveryTarget,
  deps: DeliveryDeps,
  nowMs: number,
): Promise<TryOutcome> {
  const secret = deps.config.webhookSecret;
  if (!secret)
    return { ok: false, status: null, error: 'no webhook secret configured', permanent: true };
  const body = JSON.stringify({
    type: 'truceline.alert',
    alert: alertOut(record),
    ackUrl: ackUrlFor(record, t.recipient, deps),
    cap: alertCap(record, deps.agreement, deps.config),
  });
  const deliveryId = createHash('sha256')
    .update(`${record.alert.id}\n${t.target}`)
    .digest('hex')
    .slice(0, 32);
  const result = await deliverWebhook({ url: t.target, secret }, body, {
    maxAttempts: 1,
    deliveryId,
    timeoutMs: deps.config.webhook.timeoutMs,
    now: () => nowMs,
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
  });
  const a = result.attempts[0]!;
  const ok = result.outcome === 'delivered';
  return {
    ok,
    status: a.status,
    error: ok ? null : (a.error ?? `HTTP ${a.status}`),
    permanent: result.outcome === 'parked' && result.reason.endsWith('not retried'),
  };
}

async function tryEmail(
  record: AlertRecord,
  t: DeliveryTarget,
  deps: DeliveryDeps,
): Promise<TryOutcome> {
  if (!deps.mailer)
    return { ok: false, status: null, error: 'no SMTP server configured', permanent: true };
  const ackUrl = ackUrlFor(record, t.recipient, deps);
  const alertUrl = `${deps.config.publicUrl.replace(/\/$/, '')}/api/v1/alerts/${encodeURIComponent(record.alert.id)}`;
  const { subject, text } =
    record.kind === 'escalation'
      ? renderAlertEmail(record.alert, { ackUrl, alertUrl })
      : {
          subject: `[Truceline] ${record.alert.summary}`.replace(/[\r\n]+/g, ' '),
          text: `${record.alert.summary}\n\nAlert: ${record.alert.id}\n\nAcknowledge: ${ackUrl}\nDetails:     ${alertUrl}\n`,
        };
  try {
    const sent = await deps.mailer.send({
      to: [t.target],
      subject,
      text,
      headers: { 'X-Truceline-Alert': record.alert.id, 'X-Truceline-Role': t.recipient },
    });
    if (sent.rejected.length > 0)
      return { ok: false, status: null, error: `rejected: ${sent.response}`, permanent: false };
    return { ok: true, status: null, error: null, permanent: false };
  } catch (e) {
    return { ok: false, status: null, error: (e as Error).message, permanent: false };
  }
}

export interface DeliveryRun {
  readonly attempted: number;
  readonly delivered: number;
  readonly parked: number;
}

/** One pass: every due delivery of every open alert is tried once and recorded. */
export async function runDeliveries(deps: DeliveryDeps, nowMs: number): Promise<DeliveryRun> {
  const { store, config } = deps;
  const known = new Map<string, StoredDelivery>(
    (await listDeliveries(store)).map((d) => [`${d.alertId}\n${d.channel}\n${d.target}`, d]),
  );
  let attempted = 0;
  let ok = 0;
  let parked = 0;
  for (const stored of await listAlerts(store)) {
    let record = stored.record;
    if (record.alert.state === 'acknowledged' || record.alert.state === 'escalated') continue;
    for (const t of deliveryTargets(record, config)) {
      const before = known.get(`${record.alert.id}\n${t.channel}\n${t.target}`);
      if (before && (before.status !== 'retrying' || (before.nextAtMs ?? 0) > nowMs)) continue;
      const attempt = (before?.attempts ?? 0) + 1;
      const outcome =
        t.channel === 'webhook'
          ? await tryWebhook(record, t, deps, nowMs)
          : await tryEmail(record, t, deps);
      attempted++;
      const last = !outcome.ok && (outcome.permanent || attempt >= config.webhook.maxAttempts);
      const retryAtMs =
        outcome.ok || last
          ? null
          : nowMs +
            backoffMs(
              attempt,
              config.webhook.baseDelayMs,
              config.webhook.maxDelayMs,
              deps.random ?? Math.random,
            );
      const alertId = record.alert.id;
      const next = await store.write(async (tx) => {
        // Read again inside the transaction: an acknowledgement may have come in meanwhile.
        const current = (await getAlert(store, alertId))?.record ?? record;
        const moved = outcome.ok ? delivered(current, nowMs, t.channel) : null;
        const events = [
          alertLedgerEvent('alert.delivery_attempted', nowMs, 'system', {
            alertId,
            ...t,
            attempt,
            ok: outcome.ok,
            status: outcome.status,
            error: outcome.error,
            retryAtMs,
            ...(moved ? { record: moved } : {}),
          }),
        ];
        if (last) {
          events.push(
            alertLedgerEvent('alert.delivery_parked', nowMs, 'system', {
              alertId,
              ...t,
              attempts: attempt,
              reason: outcome.permanent
                ? `${outcome.error}; not retried`
                : `gave up after ${attempt} attempts; last: ${outcome.error}`,
            }),
          );
        }
        await tx.record(events);
        return moved ?? current;
      });
      if (last) parked++;
      record = next;
      if (outcome.ok) ok++;
    }
  }
  return { attempted, delivered: ok, parked };
}
