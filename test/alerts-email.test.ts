/**
 * Alert email through a real SMTP server on loopback (the smtp-server package, in this process,
 * on a random port): the message arrives with the right envelope, subject, headers and body,
 * including non-ASCII text; a recipient the server refuses fails alone.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signAckLink, ackLinkUrl, verifyAckLink } from '../src/alerts/ack-link.js';
import {
  createMailer,
  renderAlertEmail,
  sendAlertEmail,
  type Mailer,
} from '../src/alerts/email.js';
import {
  escalateOverdue,
  evaluateEscalation,
  raiseAlert,
  type Alert,
} from '../src/domain/escalation/index.js';
import { H, LADDER, T0, incident } from '../src/domain/escalation/test-support/incidents.js';

interface Delivered {
  readonly from: string;
  readonly to: string[];
  readonly raw: string;
}

const inbox: Delivered[] = [];
let server: SMTPServer;
let mailer: Mailer;
const ACK_SECRET = 'ack-secret-0123456789abcdef';

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith('nobody@'))
        return callback(new Error('550 5.1.1 no such mailbox'));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        inbox.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  mailer = createMailer(
    { host: '127.0.0.1', port, ignoreTLS: true, timeoutMs: 5000 },
    'Truceline alerts <alerts@truceline.example>',
  );
});

afterAll(async () => {
  mailer.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** Minimal MIME reading for a single-part text message: unfolded headers, decoded subject and body. */
function parse(raw: string): { headers: Map<string, string>; subject: string; body: string } {
  const split = raw.indexOf('\r\n\r\n');
  const headers = new Map<string, string>();
  for (const line of raw
    .slice(0, split)
    .replace(/\r\n[ \t]+/g, ' ')
    .split('\r\n')) {
    const i = line.indexOf(':');
    headers.set(line.slice(0, i).toLowerCase(), line.slice(i + 1).trim());
  }
  const decodeWords = (s: string) =>
    s
      .replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_m, enc: string, text: string) =>
        enc.toLowerCase() === 'b'
          ? Buffer.from(text, 'base64').toString('utf8')
          : qp(text.replace(/_/g, ' ')),
      )
      .trim();
  const qp = (s: string) =>
    Buffer.from(
      s
        .replace(/=\r?\n/g, '')
        .replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
      'latin1',
    ).toString('utf8');
  const encoding = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  const rawBody = raw.slice(split + 4);
  const body =
    encoding === 'base64'
      ? Buffer.from(rawBody, 'base64').toString('utf8')
      : encoding === 'quoted-printable'
        ? qp(rawBody)
        : rawBody;
  return {
    headers,
    subject: decodeWords(headers.get('subject') ?? ''),
    body: body.replace(/\r\n/g, '\n'),
  };
}

function alerts(): { l2: Alert; escalated: Alert } {
  const [c] = evaluateEscalation(
    [incident(1, { weapon: 'mlrs', count: 18, sectorId: 'донецьк-пн' })],
    { escalationThresholds: LADDER },
    T0 + 2 * H,
  );
  const l2 = raiseAlert(c!, T0 + 2 * H);
  const escalated = escalateOverdue([l2], l2.ackDeadlineMs).raised[0]!;
  return { l2, escalated };
}

describe('alert email over SMTP', () => {
  it('arrives with the subject, body, headers and a working acknowledgement link for each recipient', async () => {
    inbox.length = 0;
    const { l2 } = alerts();
    const recipients = [
      { address: 'desk@guarantor-a.example', role: 'guarantors' },
      { address: 'chief@mission.example', role: 'chief_monitor' },
    ];
    const outcomes = await sendAlertEmail(mailer, l2, recipients, {
      ackUrl: (r) =>
        ackLinkUrl(
          'https://truceline.example/ack',
          signAckLink(l2.id, r.role, l2.ackDeadlineMs, ACK_SECRET),
        ),
      alertUrl: `https://truceline.example/alerts/${encodeURIComponent(l2.id)}`,
    });
    expect(outcomes.map((o) => o.ok)).toEqual([true, true]);
    expect(inbox.map((m) => m.to)).toEqual([
      ['desk@guarantor-a.example'],
      ['chief@mission.example'],
    ]);

    const expected = renderAlertEmail(l2);
    const first = parse(inbox[0]!.raw);
    expect(inbox[0]!.from).toBe('alerts@truceline.example');
    expect(first.subject).toBe(expected.subject);
    expect(first.subject).toBe('[Truceline] Level 2 — guarantors: use of mlrs or missile: 18');
    expect(first.headers.get('x-truceline-alert')).toBe(l2.id);
    expect(first.headers.get('x-truceline-role')).toBe('guarantors');
    expect(first.body).toContain('Sector:       донецьк-пн');
    expect(first.body).toContain(`Acknowledge by ${new Date(l2.ackDeadlineMs).toISOString()}`);

    // the link in the guarantor's copy acknowledges as the guarantors, and only until the deadline
    const link = /Acknowledge: (\S+)/.exec(first.body)![1]!;
    const token = new URL(link).searchParams.get('token')!;
    expect(verifyAckLink(token, ACK_SECRET, l2.raisedAtMs)).toMatchObject({
      ok: true,
      alertId: l2.id,
      recipient: 'guarantors',
    });
    expect(verifyAckLink(token, ACK_SECRET, l2.ackDeadlineMs)).toEqual({
      ok: false,
      reason: 'expired',
    });
  });

  it('says in the subject and body that an alert is an escalation', async () => {
    inbox.length = 0;
    const { l2, escalated } = alerts();
    await sendAlertEmail(mailer, escalated, [
      { address: 'desk@guarantor-a.example', role: 'guarantors' },
    ]);
    const mail = parse(inbox[0]!.raw);
    expect(mail.subject).toMatch(/^\[Truceline\] Level 3 — guarantor consultation: /);
    expect(mail.body).toContain(`Escalates:    ${l2.id} (not acknowledged by its deadline)`);
  });

  it('reports a refused recipient without stopping the others', async () => {
    inbox.length = 0;
    const { l2 } = alerts();
    const outcomes = await sendAlertEmail(mailer, l2, [
      { address: 'nobody@guarantor-b.example', role: 'guarantors' },
      { address: 'desk@guarantor-a.example', role: 'guarantors' },
    ]);
    expect(outcomes[0]).toMatchObject({ address: 'nobody@guarantor-b.example', ok: false });
    expect((outcomes[0] as { error: string }).error).toMatch(/no such mailbox|550/);
    expect(outcomes[1]).toMatchObject({ ok: true });
    expect(inbox.map((m) => m.to)).toEqual([['desk@guarantor-a.example']]);
  });

  it('reports an unreachable server as a failed outcome', async () => {
    const { l2 } = alerts();
    const closed = new SMTPServer({ logger: false });
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.server.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const down = createMailer(
      { host: '127.0.0.1', port, ignoreTLS: true, timeoutMs: 2000 },
      'alerts@truceline.example',
    );
    const [outcome] = await sendAlertEmail(down, l2, [
      { address: 'desk@guarantor-a.example', role: 'guarantors' },
    ]);
    down.close();
    expect(outcome).toMatchObject({ ok: false });
    expect((outcome as { error: string }).error).toMatch(/ECONNREFUSED/);
  });
});
