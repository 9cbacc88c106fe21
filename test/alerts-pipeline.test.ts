/**
 * Issue 7, "done when", the alerting half: a planted escalation raises the early warning first,
 * then the agreement's threshold alert; the CAP message validates; a webhook receiver and an SMTP
 * server on loopback receive it; unacknowledged, it escalates on time. Synthetic incidents stand
 * in for fusion and verification.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { expect, it } from 'vitest';
import { alertJson } from '../src/alerts/alert-json.js';
import { renderAlertCap } from '../src/alerts/cap-alert.js';
import { createMailer, sendAlertEmail } from '../src/alerts/email.js';
import { deliverWebhook, verifyWebhookRequest } from '../src/alerts/webhook.js';
import {
  escalateOverdue,
  evaluateEscalation,
  markDelivered,
  raiseAlert,
  type EscalationIncident,
} from '../src/domain/escalation/index.js';
import { LADDER } from '../src/domain/escalation/test-support/incidents.js';
import { EarlyWarning } from '../src/domain/warning/index.js';
import { mulberry32, poisson } from '../src/domain/warning/test-support/synthetic-counts.js';

const H = 3_600_000;
const D = 24 * H;
const T0 = Date.UTC(2026, 2, 1);
const SECRET = 'whsec-pipeline-0123456789';
const sector = {
  id: 's1',
  name: 'Donetsk north',
  polygon: [
    [
      [37.5, 48.0],
      [38.25, 48.0],
      [38.25, 48.6],
      [37.5, 48.6],
      [37.5, 48.0],
    ],
  ] as [number, number][][],
};

it('a planted escalation: early warning, then threshold alert, CAP, webhook, SMTP, escalation on time', async () => {
  // 14 quiet days (about 0.4 verified violations an hour), then from day 14 a rising episode
  const rand = mulberry32(42);
  const incidents: EscalationIncident[] = [];
  const episodeFrom = T0 + 14 * D;
  for (let h = 0; h < 14 * 24 + 24; h++) {
    const t = T0 + h * H;
    const rate = t < episodeFrom ? 0.4 : 0.4 + 0.35 * ((t - episodeFrom) / H + 1);
    const n = poisson(rand, rate);
    for (let i = 0; i < n; i++) {
      const end = t + Math.floor(rand() * H);
      incidents.push({
        id: `inc-${h}-${i}`,
        sectorId: 's1',
        window: { from: new Date(end - 60_000).toISOString(), to: new Date(end).toISOString() },
        weapon: 'mortar',
        events: ['explosion'],
        count: 1,
        status: 'verified',
        provisions: ['ceasefire'],
        findingIds: [`fnd-${h}-${i}`],
      });
    }
  }

  // replay hour by hour: the early warning and the threshold rules side by side
  const ew = new EarlyWarning({ sinceMs: T0, sectors: ['s1'] });
  let next = 0;
  let warnedAt: number | null = null;
  let alertAt: number | null = null;
  for (let now = T0 + H; now <= episodeFrom + 24 * H && alertAt === null; now += H) {
    for (; next < incidents.length && Date.parse(incidents[next]!.window.to) < now; next++)
      ew.add('s1', Date.parse(incidents[next]!.window.to), incidents[next]!.count);
    if (warnedAt === null && ew.evaluate(now).some((w) => w.sectorId === 's1')) warnedAt = now;
    if (
      evaluateEscalation(incidents, { escalationThresholds: LADDER }, now).some(
        (c) => c.thresholdId === 'l1',
      )
    )
      alertAt = now;
  }
  expect(warnedAt).not.toBeNull();
  expect(alertAt).not.toBeNull();
  expect(warnedAt!).toBeGreaterThanOrEqual(episodeFrom);
  expect(warnedAt!).toBeLessThan(alertAt!);

  const [candidate] = evaluateEscalation(
    incidents,
    { escalationThresholds: LADDER },
    alertAt!,
  ).filter((c) => c.thresholdId === 'l1');
  const alert = raiseAlert(candidate!, alertAt!);

  // CAP validates against the OASIS schema
  const dir = mkdtempSync(join(tmpdir(), 'truceline-pipeline-'));
  try {
    writeFileSync(
      join(dir, 'alert.xml'),
      renderAlertCap(alert, { sender: 'alerts@truceline.example', sectors: [sector] }),
    );
    const lint = spawnSync(
      'xmllint',
      [
        '--noout',
        '--schema',
        join(import.meta.dirname, '..', 'standards', 'CAP-v1.2.xsd'),
        join(dir, 'alert.xml'),
      ],
      { encoding: 'utf8' },
    );
    expect(lint.stderr).toMatch(/validates/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  // a webhook receiver on loopback gets it, signed
  const hooks: { ok: boolean; id: string }[] = [];
  const http = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      hooks.push({
        ok: verifyWebhookRequest(req.headers, body, SECRET, Date.now()).ok,
        id: JSON.parse(body).alert.id,
      });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const delivery = await deliverWebhook(
    { url: `http://127.0.0.1:${(http.address() as AddressInfo).port}/`, secret: SECRET },
    JSON.stringify({ type: 'truceline.alert', alert: alertJson(alert) }),
    { sleep: async () => {} },
  );
  await new Promise<void>((resolve) => {
    http.close(() => resolve());
    http.closeAllConnections();
  });
  expect(delivery.outcome).toBe('delivered');
  expect(hooks).toEqual([{ ok: true, id: alert.id }]);

  // and an SMTP server on loopback gets the email
  const mails: string[] = [];
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
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const mailer = createMailer(
    { host: '127.0.0.1', port: (smtp.server.address() as AddressInfo).port, ignoreTLS: true },
    'alerts@truceline.example',
  );
  const sent = await sendAlertEmail(mailer, alert, [
    { address: 'chief@mission.example', role: 'chief_monitor' },
  ]);
  mailer.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  expect(sent[0]!.ok).toBe(true);
  expect(mails).toHaveLength(1);
  expect(mails[0]).toContain(`X-Truceline-Alert: ${alert.id}`);

  // nobody acknowledges: at the deadline, not a millisecond before, it goes to level 2
  const delivered = markDelivered(alert, alertAt! + 1000, 'webhook');
  expect(escalateOverdue([delivered], delivered.ackDeadlineMs - 1).raised).toEqual([]);
  const step = escalateOverdue([delivered], delivered.ackDeadlineMs);
  expect(step.alerts[0]!.state).toBe('escalated');
  expect(step.raised.map((a) => [a.level, a.raisedAtMs])).toEqual([[2, alertAt! + 120 * 60_000]]);
});
