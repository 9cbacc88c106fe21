/**
 * Acknowledgement by signed link: a token naming the alert, the recipient and an expiry, with an
 * HMAC-SHA256 over all three, so the link alone proves who may acknowledge what until when.
 *
 * Token: `v1.<base64url alert id>.<base64url recipient>.<expiry, epoch ms>.<base64url MAC>`, the
 * MAC over everything before its dot. Replaying a link is harmless: acknowledgement is idempotent.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

const VERSION = 'v1';
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64url');
const unb64 = (s: string) => Buffer.from(s, 'base64url').toString('utf8');
const mac = (payload: string, secret: string) =>
  createHmac('sha256', secret).update(payload).digest();

/** A signed token for `recipient` to acknowledge `alertId` until `expiresAtMs` (epoch ms). */
export function signAckLink(
  alertId: string,
  recipient: string,
  expiresAtMs: number,
  secret: string,
): string {
  if (!alertId || !recipient) throw new RangeError('alertId and recipient must be non-empty');
  if (!Number.isSafeInteger(expiresAtMs) || expiresAtMs < 0)
    throw new RangeError(`expiresAtMs must be a non-negative integer epoch ms, got ${expiresAtMs}`);
  if (secret.length < 16)
    throw new RangeError('the ack-link secret must be at least 16 characters');
  const payload = `${VERSION}.${b64(alertId)}.${b64(recipient)}.${expiresAtMs}`;
  return `${payload}.${mac(payload, secret).toString('base64url')}`;
}

/** `${baseUrl}?token=…` — the link to put in an email. */
export function ackLinkUrl(baseUrl: string, token: string): string {
  const url = new URL(baseUrl);
  url.searchParams.set('token', token);
  return url.href;
}

export type AckLinkCheck =
  | {
      readonly ok: true;
      readonly alertId: string;
      readonly recipient: string;
      readonly expiresAtMs: number;
    }
  | { readonly ok: false; readonly reason: 'malformed' | 'bad_signature' | 'expired' };

/**
 * Checks a token at nowMs: the MAC first (in constant time), then the expiry. Says why it fails;
 * a bad signature is never reported as expired, so a forger learns nothing about the clock.
 */
export function verifyAckLink(token: string, secret: string, nowMs: number): AckLinkCheck {
  const parts = typeof token === 'string' ? token.split('.') : [];
  if (
    parts.length !== 5 ||
    parts[0] !== VERSION ||
    !/^\d{1,16}$/.test(parts[3]!) ||
    !/^[A-Za-z0-9_-]{43}$/.test(parts[4]!)
  ) {
    return { ok: false, reason: 'malformed' };
  }
  const payload = parts.slice(0, 4).join('.');
  // The MAC's last character carries two unused bits: only the one spelling we issue is accepted,
  // so a token has exactly one valid form (the other three would decode to the same bytes).
  const given = Buffer.from(parts[4]!, 'base64url');
  if (
    given.length !== 32 ||
    given.toString('base64url') !== parts[4] ||
    !timingSafeEqual(given, mac(payload, secret))
  )
    return { ok: false, reason: 'bad_signature' };
  const expiresAtMs = Number(parts[3]);
  if (nowMs >= expiresAtMs) return { ok: false, reason: 'expired' };
  return { ok: true, alertId: unb64(parts[1]!), recipient: unb64(parts[2]!), expiresAtMs };
}
