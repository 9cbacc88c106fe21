/**
 * Signed webhooks. Each delivery is a POST of a JSON body with
 *
 *   X-Truceline-Timestamp: <unix seconds>
 *   X-Truceline-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>
 *   X-Truceline-Delivery:  <delivery id, the same on every retry>
 *
 * (the scheme Stripe and GitHub use: the timestamp inside the MAC stops replays of old bodies).
 * Failures are retried with exponential backoff and jitter; after the last try the delivery is
 * parked with the reason, for a person to look at. The receiver checks with `verifyWebhook`.
 */
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';

export const TIMESTAMP_HEADER = 'x-truceline-timestamp';
export const SIGNATURE_HEADER = 'x-truceline-signature';
export const DELIVERY_HEADER = 'x-truceline-delivery';

/** The signature header value for a body sent at `timestampS` (unix seconds). */
export function signWebhook(body: string, secret: string, timestampS: number): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestampS}.${body}`).digest('hex')}`;
}

export type WebhookCheck =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: 'missing' | 'malformed' | 'stale' | 'mismatch' };

type HeaderValue = string | readonly string[] | undefined;
const one = (v: HeaderValue): string | undefined =>
  Array.isArray(v) ? v[0] : (v as string | undefined);

/**
 * For receivers: whether `body` (the raw request body, byte for byte) was signed with one of
 * `secrets` (several during a rotation) at a time within `toleranceS` (default 300 s) of nowMs.
 * Compares in constant time.
 */
export function verifyWebhook(input: {
  readonly body: string;
  readonly timestamp: HeaderValue;
  readonly signature: HeaderValue;
  readonly secrets: string | readonly string[];
  readonly nowMs: number;
  readonly toleranceS?: number;
}): WebhookCheck {
  const ts = one(input.timestamp);
  const sig = one(input.signature);
  if (ts === undefined || sig === undefined) return { ok: false, reason: 'missing' };
  if (!/^\d{1,12}$/.test(ts) || !/^sha256=[0-9a-f]{64}$/.test(sig))
    return { ok: false, reason: 'malformed' };
  if (Math.abs(input.nowMs / 1000 - Number(ts)) > (input.toleranceS ?? 300))
    return { ok: false, reason: 'stale' };
  const given = Buffer.from(sig.slice(7), 'hex');
  const secrets = typeof input.secrets === 'string' ? [input.secrets] : input.secrets;
  let match = false;
  for (const secret of secrets) {
    const expected = createHmac('sha256', secret).update(`${ts}.${input.body}`).digest();
    if (timingSafeEqual(expected, given)) match = true;
  }
  return match ? { ok: true } : { ok: false, reason: 'mismatch' };
}

/** Reads the headers of a node:http request (lower-cased names) for `verifyWebhook`. */
export function verifyWebhookRequest(
  headers: Readonly<Record<string, HeaderValue>>,
  body: string,
  secrets: string | readonly string[],
  nowMs: number,
  toleranceS?: number,
): WebhookCheck {
  return verifyWebhook({
    body,
    timestamp: headers[TIMESTAMP_HEADER],
    signature: headers[SIGNATURE_HEADER],
    secrets,
    nowMs,
    ...(toleranceS === undefined ? {} : { toleranceS }),
  });
}

export interface WebhookTarget {
  readonly url: string;
  readonly secret: string;
}

export interface DeliveryAttempt {
  readonly attempt: number;
  readonly atMs: number;
  /** HTTP status, or null when no answer came (network error, timeout). */
  readonly status: number | null;
  readonly error: string | null;
  readonly durationMs: number;
  /** Wait before the next try, or null when this was the last. */
  readonly retryInMs: number | null;
}

export type DeliveryResult =
  | {
      readonly outcome: 'delivered';
      readonly deliveryId: string;
      readonly attempts: readonly DeliveryAttempt[];
    }
  | {
      readonly outcome: 'parked';
      readonly deliveryId: string;
      readonly reason: string;
      readonly attempts: readonly DeliveryAttempt[];
    };

export interface DeliveryOptions {
  /** Tries in all, ≥ 1; default 6. */
  readonly maxAttempts?: number;
  /** First backoff, ms; doubles each try; default 1 000. */
  readonly baseDelayMs?: number;
  /** Longest backoff, ms; default 300 000. */
  readonly maxDelayMs?: number;
  /** Per-try timeout, ms; default 10 000. */
  readonly timeoutMs?: number;
  /** Same id on every try so the receiver can drop duplicates; default a random UUID. */
  readonly deliveryId?: string;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
  /** Uniform on [0, 1), for the jitter. */
  readonly random?: () => number;
  readonly fetch?: typeof fetch;
  /** Called after every try (to append a ledger event per attempt). */
  readonly onAttempt?: (attempt: DeliveryAttempt) => void | Promise<void>;
}

/** Statuses worth another try: timeouts, throttling and server errors. */
const RETRYABLE = (status: number) =>
  status === 408 || status === 425 || status === 429 || status >= 500;

/**
 * Backoff before try `n + 1` after try n (n ≥ 1): "equal jitter", half of
 * min(max, base·2^(n−1)) fixed and half random, so retries neither stampede nor stall.
 */
export function backoffMs(
  n: number,
  baseDelayMs: number,
  maxDelayMs: number,
  random: () => number,
): number {
  const cap = Math.min(maxDelayMs, baseDelayMs * 2 ** (n - 1));
  return Math.round(cap / 2 + random() * (cap / 2));
}

function retryAfterMs(header: string | null, nowMs: number): number | null {
  if (!header) return null;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isFinite(at) ? Math.max(0, at - nowMs) : null;
}

/**
 * POSTs `body` to the target until it answers 2xx, retrying network errors, timeouts, 408, 425,
 * 429 and 5xx with backoff (a Retry-After up to maxDelayMs is honoured). Any other answer (a 4xx,
 * a redirect) parks the delivery at once: trying again would not change it. Never throws for a
 * failed delivery; the result says what happened, try by try.
 */
export async function deliverWebhook(
  target: WebhookTarget,
  body: string,
  options: DeliveryOptions = {},
): Promise<DeliveryResult> {
  const maxAttempts = options.maxAttempts ?? 6;
  const baseDelayMs = options.baseDelayMs ?? 1000;
  const maxDelayMs = options.maxDelayMs ?? 300_000;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const now = options.now ?? Date.now;
  const sleep =
    options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;
  const doFetch = options.fetch ?? fetch;
  const deliveryId = options.deliveryId ?? randomUUID();
  if (!(Number.isInteger(maxAttempts) && maxAttempts >= 1))
    throw new RangeError(`maxAttempts must be an integer ≥ 1, got ${maxAttempts}`);

  const attempts: DeliveryAttempt[] = [];
  for (let n = 1; ; n++) {
    const startMs = now();
    const timestampS = Math.floor(startMs / 1000);
    let status: number | null = null;
    let error: string | null = null;
    let retryAfter: number | null = null;
    try {
      const res = await doFetch(target.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Truceline-Webhook/1',
          [TIMESTAMP_HEADER]: String(timestampS),
          [SIGNATURE_HEADER]: signWebhook(body, target.secret, timestampS),
          [DELIVERY_HEADER]: deliveryId,
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      status = res.status;
      retryAfter = retryAfterMs(res.headers.get('retry-after'), startMs);
      await res.body?.cancel();
    } catch (e) {
      const err = e as Error & { cause?: { code?: string } };
      error =
        err.name === 'TimeoutError'
          ? `timed out after ${timeoutMs} ms`
          : `${err.cause?.code ?? err.name}: ${err.message}`;
    }
    const delivered = status !== null && status >= 200 && status < 300;
    const permanent = status !== null && !delivered && !RETRYABLE(status);
    const last = delivered || permanent || n >= maxAttempts;
    const wait = last
      ? null
      : retryAfter !== null && retryAfter <= maxDelayMs
        ? Math.max(retryAfter, backoffMs(n, baseDelayMs, maxDelayMs, random))
        : backoffMs(n, baseDelayMs, maxDelayMs, random);
    const attempt: DeliveryAttempt = {
      attempt: n,
      atMs: startMs,
      status,
      error,
      durationMs: now() - startMs,
      retryInMs: wait,
    };
    attempts.push(attempt);
    await options.onAttempt?.(attempt);
    if (delivered) return { outcome: 'delivered', deliveryId, attempts };
    if (permanent)
      return {
        outcome: 'parked',
        deliveryId,
        reason: `rejected with HTTP ${status}; not retried`,
        attempts,
      };
    if (wait === null) {
      const what = status !== null ? `HTTP ${status}` : error;
      return {
        outcome: 'parked',
        deliveryId,
        reason: `gave up after ${n} attempts; last: ${what}`,
        attempts,
      };
    }
    await sleep(wait);
  }
}
