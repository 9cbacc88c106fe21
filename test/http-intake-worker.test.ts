// Issue 4, intake: a big body is parsed and validated on a worker thread (RawIntakeBody,
// src/app/intake/batch.ts), a small one on the main thread. The two paths must answer alike:
// the same per-item results, the same filing refusals and the same problems for broken bodies.
// Whitespace pads a body over the worker threshold without changing what it says.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  json,
  sampleObservation,
  startTestServer,
  type Session,
  type TestServer,
} from '../src/server/test-harness.js';

let s: TestServer;
let monitor: Session;
let liaisonA: Session;
let partyA: string;
let partyB: string;

beforeAll(async () => {
  s = await startTestServer({
    intakePerMinutePerIp: 1_000_000,
    intakePerMinutePerToken: 1_000_000,
    loginPerMinutePerIp: 1_000_000,
  });
  [partyA, partyB] = s.parties;
  monitor = await s.session('monitor');
  liaisonA = await s.session('liaison-a');
});
afterAll(() => s.close());

const PAD = ' '.repeat(40 * 1024);
const post = (as: Session, body: string) =>
  s.fetch('/api/v1/observations', {
    method: 'POST',
    as,
    headers: { 'content-type': 'application/json' },
    body,
  });

/** A batch of every kind of outcome, its ids under `prefix`. */
function mixedBatch(prefix: string, over: Record<string, unknown> = {}): unknown[] {
  const item = (i: number, more: Record<string, unknown> = {}) => ({
    ...sampleObservation(i),
    ...over,
    id: `${prefix}-${i}`,
    ...more,
  });
  return [
    item(1),
    item(2, { count: -1 }),
    item(3),
    item(3),
    item(3, { count: 99 }),
    { id: `${prefix}-x`, nonsense: true },
    42,
    null,
    item(4, { source: { kind: 'monitor', id: 'patrol-1' } }),
    item(5, {
      source: { kind: 'party', id: 'l', party: partyB },
      visibility: 'party-confidential',
    }),
    item(6, { source: 'not an object' }),
    item(7, { source: { kind: 'party', id: 'l', party: 7 } }),
  ];
}

/** An answer with the batch-specific parts (id prefix, ledger positions) taken out. */
function normalised(answer: { results: { ledgerIndex?: number }[] }, prefix: string): unknown {
  const results = answer.results.map(({ ledgerIndex: _l, ...r }) => r);
  return JSON.parse(JSON.stringify({ ...answer, results }).replaceAll(prefix, 'P'));
}

describe('POST /api/v1/observations: big bodies (worker) answer as small ones (main thread)', () => {
  for (const who of ['monitor', 'liaison-a'] as const) {
    it(`gives the same per-item results and refusals (${who})`, async () => {
      const as = who === 'monitor' ? monitor : liaisonA;
      const over =
        who === 'liaison-a'
          ? { source: { kind: 'party', id: 'l', party: partyA }, visibility: 'party-confidential' }
          : {};
      const small = await post(as, JSON.stringify(mixedBatch(`${who}-small`, over)));
      const big = await post(as, PAD + JSON.stringify(mixedBatch(`${who}-big`, over)) + PAD);
      expect(small.status).toBe(200);
      expect(big.status).toBe(200);
      const a = await json(small);
      const b = await json(big);
      expect(normalised(b, `${who}-big`)).toEqual(normalised(a, `${who}-small`));
      expect(a.summary.stored).toBeGreaterThan(0);
      expect(a.summary.rejected).toBeGreaterThan(0);
      // Sent again, everything stored is a duplicate, by either path.
      const again = await json(
        await post(as, PAD + JSON.stringify(mixedBatch(`${who}-small`, over))),
      );
      expect(again.summary.stored).toBe(0);
      expect(again.summary.duplicate).toBe(a.summary.stored + a.summary.duplicate);
    });
  }

  it('stores what a big batch holds, durably, and lists it', async () => {
    const items = Array.from({ length: 300 }, (_, i) => ({
      ...sampleObservation(i),
      id: `bulk-${i}`,
    }));
    const body = JSON.stringify(items);
    expect(body.length).toBeGreaterThan(40 * 1024);
    const res = await json(await post(monitor, body));
    expect(res.summary).toEqual({
      received: 300,
      stored: 300,
      duplicate: 0,
      conflict: 0,
      rejected: 0,
    });
    expect((await s.mission.store.getObservation('bulk-299'))?.observation.id).toBe('bulk-299');
  });

  it.each([
    ['broken JSON', '{"id":'],
    ['a number', '42'],
    ['null', 'null'],
    ['an empty array', '[]'],
    ['a prototype key', '{"__proto__":{"x":1}}'],
    ['a constructor prototype', '{"constructor":{"prototype":{"x":1}}}'],
    ['an escaped prototype key', '{"\\u005f_proto__":{"x":1}}'],
  ])('gives the same problem for %s', async (_what, body) => {
    const small = await post(monitor, body);
    const big = await post(monitor, body + PAD);
    const strip = async (r: Response) => {
      const { instance: _i, ...p } = await json(r);
      return { status: r.status, type: r.headers.get('content-type'), p };
    };
    const a = await strip(small);
    expect(a.status).toBe(400);
    expect(await strip(big)).toEqual(a);
  });

  it('refuses 10,001 items with the same problem by either path', async () => {
    const body = JSON.stringify(Array.from({ length: 10_001 }, () => 1));
    expect(body.length).toBeLessThan(32 * 1024);
    const { instance: _a, ...small } = await json(await post(monitor, body));
    const { instance: _b, ...big } = await json(await post(monitor, body + PAD));
    expect(small.status).toBe(400);
    expect(small.detail).toMatch(/at most 10000 observations, got 10001/);
    expect(big).toEqual(small);
  });
});
