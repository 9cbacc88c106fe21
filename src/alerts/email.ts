/**
 * Alerts by email through any SMTP server (nodemailer). One message per recipient address, each
 * with its own signed acknowledgement link, so an acknowledgement says who acknowledged.
 */
import type { Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import type { Alert } from '../domain/escalation/types.js';

export interface SmtpSettings {
  readonly host: string;
  readonly port: number;
  /** TLS from the first byte (port 465). Default false: plain, upgraded by STARTTLS when offered. */
  readonly secure?: boolean;
  /** Refuse to send unless STARTTLS succeeds. */
  readonly requireTLS?: boolean;
  /** Never attempt STARTTLS (a loopback relay, tests). */
  readonly ignoreTLS?: boolean;
  readonly auth?: { readonly user: string; readonly pass: string };
  readonly tls?: { readonly rejectUnauthorized?: boolean; readonly servername?: string };
  /** Connection, greeting and socket timeouts, ms; default 10 000. */
  readonly timeoutMs?: number;
}

export interface OutgoingMail {
  readonly to: readonly string[];
  readonly subject: string;
  readonly text: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface SentMail {
  readonly messageId: string;
  readonly accepted: readonly string[];
  readonly rejected: readonly string[];
  readonly response: string;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<SentMail>;
  close(): void;
}

/** A mailer that sends as `from` (e.g. `Truceline alerts <alerts@truceline.example>`) through `smtp`. */
export function createMailer(smtp: SmtpSettings, from: string): Mailer {
  const timeout = smtp.timeoutMs ?? 10_000;
  const options = {
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure ?? false,
    requireTLS: smtp.requireTLS ?? false,
    ignoreTLS: smtp.ignoreTLS ?? false,
    ...(smtp.auth ? { auth: { user: smtp.auth.user, pass: smtp.auth.pass } } : {}),
    ...(smtp.tls ? { tls: { ...smtp.tls } } : {}),
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  };
  // nodemailer is loaded with the first message, not by every process that could send one.
  let transport: Promise<Transporter<SMTPTransport.SentMessageInfo>> | null = null;
  return {
    async send(mail) {
      transport ??= import('nodemailer').then((m) => m.default.createTransport(options));
      const sender = await transport;
      const info = await sender.sendMail({
        from,
        to: [...mail.to],
        subject: mail.subject,
        text: mail.text,
        ...(mail.headers ? { headers: { ...mail.headers } } : {}),
      });
      const addresses = (list: unknown[] | undefined) =>
        (list ?? []).map((a) => (typeof a === 'string' ? a : (a as { address: string }).address));
      return {
        messageId: info.messageId,
        accepted: addresses(info.accepted),
        rejected: addresses(info.rejected),
        response: info.response,
      };
    },
    close: () => void transport?.then((t) => t.close()),
  };
}

const SUBJECT_PREFIX: Record<number, string> = {
  1: 'Level 1',
  2: 'Level 2 — guarantors',
  3: 'Level 3 — guarantor consultation',
};

/** Subject and plain-text body of an alert email; `ackUrl` is the recipient's signed link. */
export function renderAlertEmail(
  alert: Alert,
  options: { readonly ackUrl?: string; readonly alertUrl?: string } = {},
): { subject: string; text: string } {
  const subject =
    `[Truceline] ${SUBJECT_PREFIX[alert.level] ?? `Level ${alert.level}`}: ${alert.summary}`.replace(
      /[\r\n]+/g,
      ' ',
    );
  const lines = [
    alert.summary,
    '',
    `Alert:        ${alert.id}`,
    `Level:        ${alert.level}`,
    `Triggered at: ${new Date(alert.triggeredAtMs).toISOString()}`,
    `Sector:       ${alert.sectorId ?? '—'}`,
    `Incidents:    ${alert.incidentIds.join(', ')}`,
    ...(alert.findingIds.length ? [`Findings:     ${alert.findingIds.join(', ')}`] : []),
    ...(alert.escalatedFrom
      ? [`Escalates:    ${alert.escalatedFrom} (not acknowledged by its deadline)`]
      : []),
    '',
    `Acknowledge by ${new Date(alert.ackDeadlineMs).toISOString()}; unacknowledged, this alert escalates to the next tier.`,
    ...(options.ackUrl ? ['', `Acknowledge: ${options.ackUrl}`] : []),
    ...(options.alertUrl ? [`Details:     ${options.alertUrl}`] : []),
  ];
  return { subject, text: `${lines.join('\n')}\n` };
}

export interface EmailRecipient {
  readonly address: string;
  /** The alert recipient (role) this address answers for, e.g. `guarantors`. */
  readonly role: string;
}

export type EmailOutcome =
  | { readonly address: string; readonly ok: true; readonly messageId: string }
  | { readonly address: string; readonly ok: false; readonly error: string };

/**
 * Sends `alert` to each address, one message each (headers X-Truceline-Alert and
 * X-Truceline-Role). A failure for one address does not stop the others; each outcome is returned.
 */
export async function sendAlertEmail(
  mailer: Mailer,
  alert: Alert,
  recipients: readonly EmailRecipient[],
  options: { readonly ackUrl?: (r: EmailRecipient) => string; readonly alertUrl?: string } = {},
): Promise<EmailOutcome[]> {
  const out: EmailOutcome[] = [];
  for (const r of recipients) {
    const { subject, text } = renderAlertEmail(alert, {
      ...(options.ackUrl ? { ackUrl: options.ackUrl(r) } : {}),
      ...(options.alertUrl ? { alertUrl: options.alertUrl } : {}),
    });
    try {
      const sent = await mailer.send({
        to: [r.address],
        subject,
        text,
        headers: { 'X-Truceline-Alert': alert.id, 'X-Truceline-Role': r.role },
      });
      out.push(
        sent.rejected.length > 0
          ? { address: r.address, ok: false, error: `rejected: ${sent.response}` }
          : { address: r.address, ok: true, messageId: sent.messageId },
      );
    } catch (e) {
      out.push({ address: r.address, ok: false, error: (e as Error).message });
    }
  }
  return out;
}
