import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateEscalation, raiseAlert } from '../../domain/escalation/index.js';
import { incident, T0, threshold } from '../../domain/escalation/test-support/incidents.js';
import { openMission, type Mission } from '../mission.js';
import { ackLinkSecret, parseAlertsConfig } from './config.js';
import { runDeliveries } from './deliver.js';
import { recordRaised } from './raise.js';
import { getAlert, listAlertEvents, listDeliveries } from './read.js';
import { AlertScheduler, type SchedulerClock } from './scheduler.js';

const SECRET = 'whsec-deliver-test-0123';
let dir: string;
let mission: Mission;
let status = 503;
let hits = 0;
const receiver = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    hits++;
    res.writeHead(status).end();
  });
});
let url = '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'truceline-alert-deliver-'));
  mission = await openMission(dir, { synchronous: 'NORMAL' });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
});
afterAll(async () => {
  await mission.close();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

describe('deliveries', () => {
  it('retries a failing webhook with backoff, parks it after the last try with the reason, each try a ledger event', async () => {
    const [candidate] = evaluateEscalation(
      [incident(0, { id: 'inc-d1', weapon: 'mlrs' })],
      {
        escalationThresholds: [
          threshold({ id: 'rockets', trigger: { kind: 'weapon_used', weapons: ['mlrs'] } }),
        ],
      },
      T0,
    );
    const alert = raiseAlert(candidate!, T0);
    await recordRaised(mission.store, T0, [{ kind: 'escalation', alert }], []);
    const config = parseAlertsConfig({
      webhookSecret: SECRET,
      recipients: { chief_monitor: { webhooks: [url] } },
      webhook: { maxAttempts: 3, baseDelayMs: 60_000, maxDelayMs: 600_000 },
    });
    const deps = {
      store: mission.store,
      agreement: mission.agreement,
      config,
      ackSecret: ackLinkSecret(mission.signingKey),
      mailer: null,
      random: () => 0.5,
    };

    expect(await runDeliveries(deps, T0)).toEqual({ attempted: 1, delivered: 0, parked: 0 });
    const [first] = await listDeliveries(mission.store, alert.id);
    // equal jitter with random 0.5: 3/4 of the base delay
    expect(first).toMatchObject({
      status: 'retrying',
      attempts: 1,
      nextAtMs: T0 + 45_000,
      lastError: 'HTTP 503',
    });
    expect(await runDeliveries(deps, T0 + 44_999)).toEqual({
      attempted: 0,
      delivered: 0,
      parked: 0,
    });
    expect(await runDeliveries(deps, T0 + 45_000)).toEqual({
      attempted: 1,
      delivered: 0,
      parked: 0,
    });
    expect((await listDeliveries(mission.store, alert.id))[0]).toMatchObject({
      attempts: 2,
      nextAtMs: T0 + 45_000 + 90_000,
    });
    expect(await runDeliveries(deps, T0 + 135_000)).toEqual({
      attempted: 1,
      delivered: 0,
      parked: 1,
    });
    expect((await listDeliveries(mission.store, alert.id))[0]).toMatchObject({
      status: 'parked',
      attempts: 3,
      lastError: 'gave up after 3 attempts; last: HTTP 503',
    });
    expect(await runDeliveries(deps, T0 + 10 * 3_600_000)).toEqual({
      attempted: 0,
      delivered: 0,
      parked: 0,
    });
    expect(hits).toBe(3);
    expect((await listAlertEvents(mission.store, alert.id)).map((e) => e.type)).toEqual([
      'alert.raised',
      'alert.delivery_attempted',
      'alert.delivery_attempted',
      'alert.delivery_attempted',
      'alert.delivery_parked',
    ]);
    expect((await getAlert(mission.store, alert.id))!.record.alert.state).toBe('raised');

    // a 4xx is not retried
    status = 410;
    const [other] = evaluateEscalation(
      [incident(1, { id: 'inc-d2', weapon: 'mlrs' })],
      {
        escalationThresholds: [
          threshold({ id: 'rockets', trigger: { kind: 'weapon_used', weapons: ['mlrs'] } }),
        ],
      },
      T0 + 3_600_000,
    );
    await recordRaised(
      mission.store,
      T0 + 3_600_000,
      [{ kind: 'escalation', alert: raiseAlert(other!, T0 + 3_600_000) }],
      [],
    );
    expect(await runDeliveries(deps, T0 + 3_600_000)).toEqual({
      attempted: 1,
      delivered: 0,
      parked: 1,
    });
    expect((await listDeliveries(mission.store, other!.id))[0]).toMatchObject({
      status: 'parked',
      attempts: 1,
      lastError: 'HTTP 410; not retried',
    });
    expect((await mission.store.auditState()).differences).toEqual([]);
  });
});

describe('AlertScheduler', () => {
  it('runs on its timer, sooner after a poke, and stops', async () => {
    const timers: { fn: () => void; ms: number; cleared: boolean }[] = [];
    const clock: SchedulerClock = {
      now: () => T0 + 5 * 3_600_000,
      setTimeout: (fn, ms) => {
        const t = { fn, ms, cleared: false };
        timers.push(t);
        return t;
      },
      clearTimeout: (h) => {
        (h as { cleared: boolean }).cleared = true;
      },
    };
    const config = parseAlertsConfig({ intervalSeconds: 45 });
    const scheduler = new AlertScheduler({
      mission,
      config,
      clock,
      mailer: null,
      log: () => {},
    }).start();
    expect(timers.map((t) => t.ms)).toEqual([45_000]);
    scheduler.poke();
    expect(timers.map((t) => [t.ms, t.cleared])).toEqual([
      [45_000, true],
      [2_000, false],
    ]);
    timers[1]!.fn();
    await scheduler.tick(); // queued after the timer's run: both done
    await new Promise((r) => setImmediate(r));
    expect(timers.at(-1)).toMatchObject({ ms: 45_000, cleared: false });
    await scheduler.stop();
    expect(timers.at(-1)!.cleared).toBe(true);
    const n = timers.length;
    scheduler.poke();
    expect(timers).toHaveLength(n);
  });
});
