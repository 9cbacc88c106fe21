/**
 * Issue 7, "done when", end to end through the running system: the simulator plants an
 * escalation in one sector; its observations are filed and fused into incidents in a real store;
 * analysts verify the sector's incidents through the workflow; the alert scheduler raises the
 * early warning before the agreement's threshold alert; the CAP message validates against the
 * OASIS schema; a webhook receiver and an SMTP server on loopback receive the alert; unacknowledged,
 * it escalates at its deadline (injected clock); an acknowledgement over HTTP stops the
 * escalation; the ledger holds the alert events in order and a rebuild reproduces the state.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  AlertScheduler,
  listAlertEvents,
  listAlerts,
  listConsultations,
  listDeliveries,
  parseAlertsConfig,
  sectorLocator,
  type SchedulerClock,
} from '../src/app/alerts/index.js';
import { decodeLeaf } from '../src/app/events/event.js';
import { fileAndFuse } from '../src/app/fusion/file-and-fuse.js';
import { IncidentFuser } from '../src/app/fusion/index.js';
import { applyWorkflowCommand } from '../src/app/workflow/index.js';
import { createMailer } from '../src/alerts/email.js';
import { verifyWebhookRequest } from '../src/alerts/webhook.js';
import { statedWindowMs } from '../src/domain/fusion/index.js';
import type { Observation } from '../src/domain/observation/types.js';
import { startTestServer, type TestServer } from '../src/server/test-harness.js';
import { simulate } from '../src/sim/index.js';

const H = 3_600_000;
const MIN = 60_000;
const SECRET = 'whsec-e2e-0123456789abcdef';
const SECTOR = 'donetsk-north';
const EPISODE = { sector: SECTOR, startHour: 30, hours: 14, factor: 8 };
/** Where the scenario is simulated from: fixed, so every run of the test is the same run. */
const SIM_START = '2026-11-26T05:00:00Z';
const VERIFY_LAG_MS = 6 * 3_600_000;

let s: TestServer;
/** CAP messages the run produced (over HTTP, in the webhook), validated in the second test. */
const capMessages: string[] = [];
let clock = 0;
const hooks: { ok: boolean; alertId: string; cap: string; ackUrl: string }[] = [];
const mails: string[] = [];
const http = createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    const parsed = JSON.parse(body) as { alert: { id: string }; cap: string; ackUrl: string };
    hooks.push({
      ok: verifyWebhookRequest(req.headers, body, SECRET, clock).ok,
      alertId: parsed.alert.id,
      cap: parsed.cap,
      ackUrl: parsed.ackUrl,
    });
    res.writeHead(200).end();
  });
});
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  onData(stream, _session, callback) {
    let raw = '';
    stream.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    stream.on('end', () => {
      mails.push(raw);
      callback();
    });
  },
});

beforeAll(async () => {
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  s = await startTestServer({}, { now: () => clock });
});
afterAll(async () => {
  await s.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await new Promise<void>((resolve) => {
    http.close(() => resolve());
    http.closeAllConnections();
  });
});

const xmllint = (xml: string): string => {
  const dir = mkdtempSync(join(tmpdir(), 'truceline-e2e-cap-'));
  try {
    writeFileSync(join(dir, 'alert.xml'), xml);
    const r = spawnSync(
      'xmllint',
      [
        '--noout',
        '--schema',
        join(import.meta.dirname, '..', 'standards', 'CAP-v1.2.xsd'),
        join(dir, 'alert.xml'),
      ],
      { encoding: 'utf8' },
    );
    if (r.error)
      throw new Error(`xmllint could not run (apt-get install libxml2-utils): ${r.error.message}`);
    return r.stderr;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

it('planted escalation → early warning → threshold alert → CAP, webhook, SMTP → escalation on time → ack over HTTP → ledger and rebuild', async () => {
  const { store, agreement } = s.mission;
  // Two simulated days ending about now (the sessions' clock is the wall clock).
  const t0 = Math.floor(Date.now() / H) * H - 2 * 24 * H;
  clock = t0;
  const episodeFrom = t0 + EPISODE.startHour * H;
  const timers: SchedulerClock = {
    now: () => clock,
    setTimeout: () => null,
    clearTimeout: () => {},
  };
  const smtpPort = (smtp.server.address() as AddressInfo).port;
  const hookUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}/hook`;
  const config = parseAlertsConfig({
    publicUrl: s.base,
    sender: 'alerts@truceline.example',
    webhookSecret: SECRET,
    recipients: {
      chief_monitor: { webhooks: [hookUrl], emails: ['chief@mission.example'] },
      guarantors: { webhooks: [hookUrl], emails: ['desk@guarantor.example'] },
    },
    webhook: { maxAttempts: 3, baseDelayMs: 1000 },
    // A day of baseline in blocks of 3 h, so two simulated days suffice.
    earlyWarning: { recentHours: 3, baselineDays: 1 },
  });
  const mailer = createMailer(
    { host: '127.0.0.1', port: smtpPort, ignoreTLS: true },
    config.sender,
  );
  const scheduler = new AlertScheduler({
    mission: s.mission,
    config,
    clock: timers,
    mailer,
    log: () => {},
  });
  const fuser = new IncidentFuser(store, agreement, { log: () => {} });
  const sectorOf = sectorLocator(agreement);

  // The scenario is simulated from a fixed start and moved to t0, so the run is the same
  // whatever the day and hour the test runs at (the simulator's night and day follow its clock).
  const simStart = Date.parse(SIM_START);
  const moved = (iso: string) => new Date(Date.parse(iso) + t0 - simStart).toISOString();
  const observations: Observation[] = [];
  for (const item of simulate(agreement, {
    seed: 11,
    days: 2,
    tempo: 'low',
    start: SIM_START,
    escalation: EPISODE,
  }))
    if ('observation' in item) {
      const at = item.observation.observedAt;
      observations.push({
        ...item.observation,
        observedAt:
          typeof at === 'string' ? moved(at) : { from: moved(at.from), to: moved(at.to) },
      });
    }
  observations.sort((a, b) => statedWindowMs(a).toMs - statedWindowMs(b).toMs);

  // Hour by hour: file and fuse the hour's reports; verify the sector's incidents
  // (see below); run the scheduler.
  const verified = new Set<string>();
  const verify = async (id: string, atMs: number) => {
    const step = (cmd: unknown, who: string, dt: number) =>
      applyWorkflowCommand(
        store,
        agreement,
        id,
        cmd,
        { id: who, role: who === 'chief' ? 'chief' : 'analyst' },
        atMs + dt,
      );
    await step({ type: 'triage', reason: 'explosions in the sector' }, 'analyst', 0);
    await step(
      {
        type: 'assign_analyst',
        analyst: 'analyst',
        dueAt: new Date(atMs + 24 * H).toISOString(),
        reason: 'sector lead',
      },
      'chief',
      200,
    );
    await step({ type: 'start_investigation', reason: 'bearings to check' }, 'analyst', 500);
    await step(
      {
        type: 'propose_assessment',
        outcome: 'verified',
        finding: {
          summary: 'Explosions heard and located',
          attributedTo: null,
          provisions: ['ceasefire'],
          escalationRelevant: false,
        },
        reason: 'two sources agree',
      },
      'analyst',
      1000,
    );
    await step({ type: 'confirm_assessment', reason: 'checked independently' }, 'analyst-2', 2000);
    verified.add(id);
  };
  let next = 0;
  let warnedAt: number | null = null;
  let alertAt: number | null = null;
  let alertId = '';
  for (let h = 1; h <= 48 && alertAt === null; h++) {
    // The first day (the baseline, which cannot warn yet) is filed in 6-hour batches, as an
    // import of history would be; from then on hour by hour.
    if (h < 24 && h % 6 !== 0) continue;
    const hourEnd = t0 + h * H;
    const batch: Observation[] = [];
    while (next < observations.length && statedWindowMs(observations[next]!).toMs < hourEnd)
      batch.push(observations[next++]!);
    clock = hourEnd;
    if (batch.length)
      await fileAndFuse(store, fuser, batch, { actor: 'import:sim', nowMs: hourEnd });
    // Analysts verify the sector's incidents of the escalation six hours after they end: the
    // threshold waits for verification, the early warning reads the fused counts as they come.
    if (hourEnd - VERIFY_LAG_MS > episodeFrom) {
      const page = await store.queryIncidents!({
        from: new Date(episodeFrom).toISOString(),
        limit: 10_000,
      });
      for (const inc of page.items) {
        const end = Date.parse(inc.incident.window.to);
        if (
          !verified.has(inc.incident.id) &&
          end >= episodeFrom &&
          end < hourEnd - VERIFY_LAG_MS &&
          sectorOf(inc.incident.location) === SECTOR
        )
          await verify(inc.incident.id, hourEnd);
      }
    }
    clock = hourEnd + 10 * MIN;
    const run = await scheduler.tick();
    if (warnedAt === null && run.raised.warnings.some((w) => w.sectorId === SECTOR))
      warnedAt = clock;
    const crossing = run.raised.alerts.find(
      (a) => a.thresholdId === 'esc-sector-50' && a.sectorId === SECTOR,
    );
    if (crossing) {
      alertAt = clock;
      alertId = crossing.id;
    }
  }
  expect(warnedAt, 'early warning raised').not.toBeNull();
  expect(alertAt, 'threshold alert raised').not.toBeNull();
  expect(warnedAt!).toBeGreaterThan(episodeFrom);
  expect(warnedAt!).toBeLessThan(alertAt!);

  // The CAP message, over HTTP, validates against the OASIS CAP 1.2 schema.
  const chief = await s.session('chief');
  const capRes = await s.fetch(`/api/v1/alerts/${encodeURIComponent(alertId)}/cap`, { as: chief });
  expect(capRes.status).toBe(200);
  expect(capRes.headers.get('content-type')).toMatch(/application\/cap\+xml/);
  capMessages.push(await capRes.text());

  // The webhook receiver and the SMTP server got it, signed and addressed.
  const hooked = hooks.filter((x) => x.alertId === alertId);
  expect(hooked.length).toBeGreaterThanOrEqual(1);
  expect(hooked.every((x) => x.ok)).toBe(true);
  capMessages.push(hooked[0]!.cap);
  expect(
    mails.filter((m) => m.includes(`X-Truceline-Alert: ${alertId}`)).length,
  ).toBeGreaterThanOrEqual(1);
  const l1 = (await listAlerts(store)).find((a) => a.record.alert.id === alertId)!.record;
  expect(l1.alert.state).toBe('delivered');
  if (l1.kind !== 'escalation') throw new Error('not an escalation alert');

  // Unacknowledged: nothing a minute before the deadline, escalated to level 2 at it.
  clock = l1.alert.ackDeadlineMs - MIN;
  expect((await scheduler.tick()).escalation.escalated).not.toContain(alertId);
  clock = l1.alert.ackDeadlineMs;
  const esc = await scheduler.tick();
  expect(esc.escalation.escalated).toContain(alertId);
  const l2Id = `${alertId}:L2`;
  const l2 = esc.escalation.raised.find((a) => a.id === l2Id)!;
  expect(l2).toMatchObject({
    level: 2,
    raisedAtMs: l1.alert.ackDeadlineMs,
    escalatedFrom: alertId,
  });
  expect(l2.recipients).toContain('guarantors');
  expect(hooks.some((x) => x.alertId === l2Id && x.ok)).toBe(true);
  expect(
    mails.some(
      (m) => m.includes(`X-Truceline-Alert: ${l2Id}`) && m.includes('desk@guarantor.example'),
    ),
  ).toBe(true);

  // The level-1 alert can no longer be acknowledged; the guarantor acknowledges level 2 over HTTP.
  const guarantor = await s.session('guarantor');
  expect(
    (
      await s.fetch(`/api/v1/alerts/${encodeURIComponent(alertId)}/ack`, {
        method: 'POST',
        as: guarantor,
      })
    ).status,
  ).toBe(403);
  clock = l1.alert.ackDeadlineMs + 5 * MIN;
  const ack = await s.fetch(`/api/v1/alerts/${encodeURIComponent(l2Id)}/ack`, {
    method: 'POST',
    as: guarantor,
  });
  expect(ack.status).toBe(200);
  expect(await ack.json()).toMatchObject({
    recorded: true,
    alert: { id: l2Id, state: 'acknowledged', acknowledgedBy: 'guarantors' },
  });
  // Past the level-2 deadline nothing more happens to it.
  clock = l2.ackDeadlineMs + MIN;
  const after = await scheduler.tick();
  expect(after.escalation.escalated).not.toContain(l2Id);
  expect(after.escalation.raised.map((a) => a.escalatedFrom)).not.toContain(l2Id);

  // The chief acknowledges the early warning by the signed link in its webhook/email: the page
  // acknowledges nothing, the POST does.
  const warningId = (await listAlerts(store)).find(
    (a) => a.record.kind === 'early_warning' && a.record.alert.sectorId === SECTOR,
  )!.record.alert.id;
  const link = hooks.find((x) => x.alertId === warningId)!.ackUrl;
  expect(mails.some((m) => m.includes(`X-Truceline-Alert: ${warningId}`))).toBe(true);
  const page = await fetch(link);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('<form method="post"');
  expect(
    (await listAlerts(store)).find((a) => a.record.alert.id === warningId)!.record.alert.state,
  ).toBe('delivered');
  // The link's form posts with whatever cookies the browser holds (a dashboard session, no CSRF
  // header): the signed token alone decides, so it works for a logged-in recipient too.
  const linked = await fetch(link, { method: 'POST', headers: { cookie: chief.cookie } });
  expect(linked.status).toBe(200);
  expect(await linked.json()).toMatchObject({
    alert: { id: warningId, state: 'acknowledged', acknowledgedBy: 'chief_monitor' },
  });
  expect(
    (
      await fetch(
        link.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')),
        { method: 'POST' },
      )
    ).status,
  ).toBe(403);

  // The ledger holds the alert events in order, sealed; the list over HTTP shows them.
  const events = await listAlertEvents(store);
  const of = (id: string) => events.filter((e) => e.alertId === id).map((e) => e.type);
  const l1Types = of(alertId);
  expect(l1Types[0]).toBe('alert.raised');
  expect(l1Types).toContain('alert.delivery_attempted');
  expect(l1Types[l1Types.length - 1]).toBe('alert.escalated');
  const l2Types = of(l2Id);
  expect(l2Types[0]).toBe('alert.raised');
  expect(l2Types[l2Types.length - 1]).toBe('alert.acknowledged');
  expect(events.map((e) => e.ledgerIndex)).toEqual(
    [...events.map((e) => e.ledgerIndex)].sort((a, b) => a - b),
  );
  for (const e of events.slice(0, 5))
    expect(decodeLeaf((await store.ledger.entry(e.ledgerIndex))!).type).toBe('sealed');
  const detail = (await (
    await s.fetch(`/api/v1/alerts/${encodeURIComponent(l2Id)}`, { as: guarantor })
  ).json()) as { events: { type: string }[] };
  expect(detail.events.map((e) => e.type)).toEqual(l2Types);
  expect((await s.fetch('/api/v1/alerts', { as: await s.session('monitor') })).status).toBe(403);
  expect((await s.fetch('/api/v1/alerts')).status).toBe(401);
  const feed = await s.fetch('/api/v1/alerts/feed.atom', { as: guarantor });
  const atom = await feed.text();
  expect(atom).toContain(encodeURIComponent(l2Id));
  expect(atom).toContain(encodeURIComponent(warningId));
  expect(atom).toContain('term="early-warning"');

  // A rebuild (replay of the ledger, unsealing the alert events) reproduces the alerts state.
  const snapshot = async () => ({
    alerts: await listAlerts(store),
    deliveries: await listDeliveries(store),
    events: await listAlertEvents(store),
    consultations: await listConsultations(store),
  });
  const before = await snapshot();
  expect((await store.auditState()).differences).toEqual([]);
  await store.rebuild();
  expect(await snapshot()).toEqual(before);
  await scheduler.stop();
  mailer.close();
}, 180_000);

it('the CAP messages of the run validate against the OASIS CAP 1.2 schema (xmllint)', () => {
  expect(capMessages.length).toBeGreaterThanOrEqual(2);
  for (const xml of capMessages) expect(xmllint(xml)).toMatch(/validates/);
});
