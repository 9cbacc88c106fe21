/**
 * Signed webhooks against real HTTP receivers on 127.0.0.1 (node:http): one that fails the first
 * tries then accepts, one that always fails (parked), one that refuses (parked at once), one that
 * never answers (timeouts). Sleep and jitter are injected; the network is real.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { alertJson } from '../src/alerts/alert-json.js';
import {
  backoffMs,
  deliverWebhook,
  signWebhook,
  verifyWebhook,
  verifyWebhookRequest,
  type DeliveryAttempt,
  type DeliveryOptions,
} from '../src/alerts/webhook.js';
import { evaluateEscalation, raiseAlert } from '../src/domain/escalation/index.js';
import { H, LADDER, T0, incident } from '../src/domain/escalation/test-support/incidents.js';

const SECRET = 'whsec-test-0123456789';

interface Received {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly verified: ReturnType<typeof verifyWebhookRequest>;
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (s) =>
        new Promise<void>((resolve) => {
          s.close(() => resolve());
          s.closeAllConnections();
        }),
    ),
  );
});

/** A receiver that answers the n-th request (1-based) with `answer(n)` and checks every signature. */
async function receiver(
  answer: (n: number) => number | 'hang',
): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      received.push({
        headers: req.headers,
        body,
        verified: verifyWebhookRequest(req.headers, body, SECRET, Date.now()),
      });
      const status = answer(received.length);
      if (status === 'hang') return;
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'no');
    });
  });
  server.keepAliveTimeout = 100;
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/truceline`,
    received,
  };
}

function body(): string {
  const [c] = evaluateEscalation(
    [incident(1, { weapon: 'mlrs', count: 18 })],
    { escalationThresholds: LADDER },
    T0 + 2 * H,
  );
  return JSON.stringify({ type: 'truceline.alert', alert: alertJson(raiseAlert(c!, T0 + 2 * H)) });
}

/** Options with a recorded, instant sleep and a fixed jitter. */
function instant(extra: Partial<DeliveryOptions> = {}) {
  const sleeps: number[] = [];
  const attempts: DeliveryAttempt[] = [];
  const options: DeliveryOptions = {
    baseDelayMs: 1000,
    maxDelayMs: 60_000,
    random: () => 0.5,
    sleep: async (ms) => void sleeps.push(ms),
    onAttempt: (a) => void attempts.push(a),
    ...extra,
  };
  return { options, sleeps, attempts };
}

describe('deliverWebhook', () => {
  it('retries a receiver that fails twice, then delivers; every try is signed and carries the same delivery id', async () => {
    const rx = await receiver((n) => (n <= 2 ? 503 : 204));
    const { options, sleeps, attempts } = instant();
    const payload = body();
    const result = await deliverWebhook({ url: rx.url, secret: SECRET }, payload, options);

    expect(result.outcome).toBe('delivered');
    expect(result.attempts.map((a) => a.status)).toEqual([503, 503, 204]);
    expect(attempts).toEqual(result.attempts);
    // equal jitter with random 0.5: 3/4 of 1 s, then 3/4 of 2 s
    expect(sleeps).toEqual([750, 1500]);
    expect(rx.received).toHaveLength(3);
    for (const r of rx.received) {
      expect(r.verified).toEqual({ ok: true });
      expect(r.body).toBe(payload);
      expect(r.headers['x-truceline-delivery']).toBe(result.deliveryId);
      expect(r.headers['x-truceline-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
      expect(r.headers['content-type']).toBe('application/json');
    }
    expect(JSON.parse(rx.received[0]!.body).alert.level).toBe(2);
  });

  it('parks a delivery with the reason after the last try to a receiver that always fails', async () => {
    const rx = await receiver(() => 500);
    const { options, sleeps } = instant({ maxAttempts: 4 });
    const result = await deliverWebhook({ url: rx.url, secret: SECRET }, body(), options);
    expect(result).toMatchObject({
      outcome: 'parked',
      reason: 'gave up after 4 attempts; last: HTTP 500',
    });
    expect(result.attempts).toHaveLength(4);
    expect(result.attempts.at(-1)!.retryInMs).toBeNull();
    expect(sleeps).toEqual([750, 1500, 3000]);
    expect(rx.received).toHaveLength(4);
  });

  it('parks at once when the receiver refuses the request (4xx other than 408/425/429)', async () => {
    const rx = await receiver(() => 401);
    const { options, sleeps } = instant();
    const result = await deliverWebhook(
      { url: rx.url, secret: 'wrong-secret-0123456789' },
      body(),
      options,
    );
    expect(result).toMatchObject({
      outcome: 'parked',
      reason: 'rejected with HTTP 401; not retried',
    });
    expect(sleeps).toEqual([]);
    expect(rx.received[0]!.verified).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('retries throttling (429) like a server error', async () => {
    const rx = await receiver((n) => (n === 1 ? 429 : 200));
    const { options } = instant();
    expect((await deliverWebhook({ url: rx.url, secret: SECRET }, body(), options)).outcome).toBe(
      'delivered',
    );
  });

  it('records a refused connection and a timeout as errors, and parks after the last try', async () => {
    const closed = await receiver(() => 200);
    const url = closed.url;
    await new Promise<void>((resolve) => servers.pop()!.close(() => resolve()));
    const refused = await deliverWebhook(
      { url, secret: SECRET },
      body(),
      instant({ maxAttempts: 2 }).options,
    );
    expect(refused.outcome).toBe('parked');
    expect(refused.attempts[0]!.status).toBeNull();
    expect(refused.attempts[0]!.error).toMatch(/ECONNREFUSED/);

    const hanging = await receiver(() => 'hang');
    const timedOut = await deliverWebhook(
      { url: hanging.url, secret: SECRET },
      body(),
      instant({ maxAttempts: 2, timeoutMs: 150 }).options,
    );
    expect(timedOut).toMatchObject({
      outcome: 'parked',
      reason: 'gave up after 2 attempts; last: timed out after 150 ms',
    });
  });

  it('caps the backoff at maxDelayMs', () => {
    expect([1, 2, 3, 10].map((n) => backoffMs(n, 1000, 5000, () => 1))).toEqual([
      1000, 2000, 4000, 5000,
    ]);
    expect(backoffMs(10, 1000, 5000, () => 0)).toBe(2500);
  });
});

describe('verifyWebhook', () => {
  const now = Date.UTC(2026, 2, 1, 12);
  const ts = Math.floor(now / 1000);
  const payload = '{"hello":"світ"}';
  const good = {
    body: payload,
    timestamp: String(ts),
    signature: signWebhook(payload, SECRET, ts),
    secrets: SECRET,
    nowMs: now,
  };

  it('accepts a fresh, correctly signed body, also under a rotated secret list', () => {
    expect(verifyWebhook(good)).toEqual({ ok: true });
    expect(verifyWebhook({ ...good, secrets: ['new-secret-0123456789', SECRET] })).toEqual({
      ok: true,
    });
  });

  it.each([
    ['a changed body', { body: payload.replace('світ', 'world') }, 'mismatch'],
    ['a changed timestamp', { timestamp: String(ts - 1) }, 'mismatch'],
    ['another secret', { secrets: 'other-secret-0123456789' }, 'mismatch'],
    ['a timestamp 6 minutes old', { nowMs: now + 360_000 }, 'stale'],
    ['no signature', { signature: undefined }, 'missing'],
    [
      'a signature without the sha256= prefix',
      { signature: signWebhook(payload, SECRET, ts).slice(7) },
      'malformed',
    ],
    ['a timestamp that is not a number', { timestamp: '12e3' }, 'malformed'],
  ] as const)('rejects %s', (_what, change, reason) => {
    expect(verifyWebhook({ ...good, ...change })).toEqual({ ok: false, reason });
  });
});
