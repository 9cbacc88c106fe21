/**
 * Alerts over HTTP (src/app/alerts): the list, one alert with its deliveries and history, its CAP
 * 1.2 message, an Atom feed, acknowledgement by a recipient (logged in, or by the signed link in
 * its email, without login) and guarantor consultations with their evidence.
 *
 * Who reads: guarantors, the chief monitor, analysts and admins. Alerts are not public: they
 * name incidents before the daily report does, and their ledger events are sealed. Who
 * acknowledges: a user whose role holds one of the alert's recipient functions (chief →
 * chief_monitor, guarantor → guarantors, liaison → party_liaisons), or the holder of a link.
 */
import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  acknowledgeStoredAlert,
  alertCap,
  alertOut,
  getAlert,
  getConsultation,
  listAlertEvents,
  listAlerts,
  listDeliveries,
  recipientForRole,
  type AlertRecord,
} from '../../app/alerts/index.js';
import { verifyAckLink } from '../../alerts/ack-link.js';
import { alertsFeed, type FeedAlert } from '../../alerts/feed.js';
import { escapeXml } from '../../alerts/xml.js';
import type { Agreement } from '../../domain/agreement/index.js';
import { TrucelineError } from '../../domain/errors.js';
import type { Store } from '../../store/port.js';
import { actorOf } from '../principal.js';
import { problems } from '../schemas.js';
import { plainJson } from './observations.js';

export interface AlertRouteOptions {
  readonly store: Store;
  readonly agreement: Pick<Agreement, 'sectors'>;
  readonly now: () => number;
  /** Verifies acknowledgement links (src/app/alerts ackLinkSecret of the mission key). */
  readonly ackSecret: string;
  /** CAP sender; default `alerts@<host>`. */
  readonly sender?: string;
}

const idParams = z.object({ id: z.string().min(1).max(300) });
const tokenQuery = z.object({ token: z.string().min(1).max(2000) });
const alertSchema = z.record(z.string(), z.unknown()).meta({
  id: 'Alert',
  description:
    'An escalation alert (kind escalation: level 1-3, threshold, deadline) or an early warning (kind early_warning: level 0, the sector window tested)',
});
const listSchema = z.object({ alerts: z.array(alertSchema) }).meta({ id: 'AlertList' });
const detailSchema = z
  .object({
    alert: alertSchema,
    deliveries: z.array(z.unknown()),
    events: z.array(
      z.object({
        ledgerIndex: z.number().int(),
        type: z.string(),
        at: z.string(),
        actor: z.string(),
      }),
    ),
  })
  .meta({
    id: 'AlertDetail',
    description:
      'An alert, its deliveries (retrying, delivered or parked with the reason) and every alert event with its ledger index',
  });
const ackSchema = z.object({ alert: alertSchema, recorded: z.boolean() }).meta({
  id: 'AlertAcknowledged',
  description:
    'The alert after acknowledgement; recorded is false when it was acknowledged already',
});
const consultationSchema = z
  .object({ consultation: z.unknown(), ledgerIndex: z.number().int() })
  .meta({
    id: 'Consultation',
    description:
      'A guarantor consultation: the alerts that opened it, its evidence (verified findings with ledger index and RFC 9162 inclusion proof) and its deadline',
  });
const asIs = () => (data: unknown) => (typeof data === 'string' ? data : JSON.stringify(data));

const ackPage = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeXml(title)}</title></head><body><h1>${escapeXml(title)}</h1>${body}</body></html>\n`;

export const alertRoutes: FastifyPluginAsync<AlertRouteOptions> = async (scope, opts) => {
  // The acknowledgement page posts an HTML form; its (empty) body is not used.
  scope.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_req, _body, done) => done(null, {}),
  );
  registerAlertRoutes(scope, opts);
};

function registerAlertRoutes(app: FastifyInstance, deps: AlertRouteOptions): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const load = async (id: string): Promise<AlertRecord> => {
    const stored = await getAlert(deps.store, id);
    if (!stored) throw new TrucelineError('NOT_FOUND', `no alert '${id}'`);
    return stored.record;
  };
  const origin = (request: FastifyRequest) => `${request.protocol}://${request.host}`;

  r.get('/api/v1/alerts', {
    schema: {
      summary: 'Alerts and early warnings, newest first',
      tags: ['alerts'],
      querystring: z.object({
        state: z.string().max(40).optional(),
        kind: z.enum(['escalation', 'early_warning']).optional(),
      }),
      response: { 200: listSchema, ...problems(400, 401, 403) },
    },
    serializerCompiler: plainJson,
    handler: async (request) => {
      const { state, kind } = request.query;
      const all = (await listAlerts(deps.store)).map((a) => a.record).reverse();
      return {
        alerts: all
          .filter((a) => (!state || a.alert.state === state) && (!kind || a.kind === kind))
          .map(alertOut),
      };
    },
  });

  r.get('/api/v1/alerts/feed.atom', {
    schema: {
      summary:
        'Alerts and early warnings as an Atom feed (RFC 4287), each linking to its CAP message',
      tags: ['alerts'],
      response: { 200: z.string().describe('application/atom+xml'), ...problems(401, 403) },
    },
    serializerCompiler: asIs,
    handler: async (request, reply) => {
      const base = origin(request);
      const alerts = (await listAlerts(deps.store)).map(({ record }): FeedAlert =>
        record.kind === 'escalation'
          ? record.alert
          : { ...record.alert, level: 0, incidentIds: [] },
      );
      const url = (a: FeedAlert) => `${base}/api/v1/alerts/${encodeURIComponent(a.id)}`;
      reply.type('application/atom+xml; charset=utf-8');
      return alertsFeed(alerts, {
        selfUrl: `${base}/api/v1/alerts/feed.atom`,
        capUrl: (a) => `${url(a)}/cap`,
        alertUrl: url,
      });
    },
  });

  r.get('/api/v1/alerts/ack', {
    schema: {
      summary:
        'The page of a signed acknowledgement link: what the alert is, and a button that acknowledges it',
      description:
        'No login: the token names the alert and the recipient and is signed by the mission. Opening the link acknowledges nothing (mail scanners open links); the button POSTs.',
      tags: ['alerts'],
      querystring: tokenQuery,
      response: { 200: z.string().describe('text/html'), ...problems(400, 403, 404) },
    },
    serializerCompiler: asIs,
    handler: async (request, reply) => {
      const check = verifyAckLink(request.query.token, deps.ackSecret, deps.now());
      if (!check.ok)
        throw new TrucelineError(
          'FORBIDDEN',
          `acknowledgement link refused: ${check.reason.replace('_', ' ')}`,
        );
      const record = await load(check.alertId);
      reply.type('text/html; charset=utf-8');
      const action = `?token=${encodeURIComponent(request.query.token)}`;
      return ackPage(
        `Alert ${record.alert.id}`,
        `<p>${escapeXml(record.alert.summary)}</p><p>State: ${escapeXml(record.alert.state)}. Acknowledging as ${escapeXml(check.recipient)}.</p><form method="post" action="${escapeXml(action)}"><button type="submit">Acknowledge</button></form>`,
      );
    },
  });

  r.post('/api/v1/alerts/ack', {
    schema: {
      summary: 'Acknowledge an alert by its signed link (no login)',
      tags: ['alerts'],
      querystring: tokenQuery,
      response: { 200: ackSchema, ...problems(400, 403, 404, 409) },
    },
    serializerCompiler: plainJson,
    handler: async (request) => {
      const check = verifyAckLink(request.query.token, deps.ackSecret, deps.now());
      if (!check.ok)
        throw new TrucelineError(
          'FORBIDDEN',
          `acknowledgement link refused: ${check.reason.replace('_', ' ')}`,
        );
      const done = await acknowledgeStoredAlert(
        deps.store,
        check.alertId,
        check.recipient,
        deps.now(),
        `link:${check.recipient}`,
        'link',
      );
      return { alert: alertOut(done.record), recorded: done.recorded };
    },
  });

  r.get('/api/v1/alerts/:id', {
    schema: {
      summary: 'One alert with its deliveries and history',
      tags: ['alerts'],
      params: idParams,
      response: { 200: detailSchema, ...problems(401, 403, 404) },
    },
    serializerCompiler: plainJson,
    handler: async (request) => {
      const record = await load(request.params.id);
      const events = (await listAlertEvents(deps.store, record.alert.id)).map(
        ({ ledgerIndex, type, at, actor }) => ({ ledgerIndex, type, at, actor }),
      );
      return {
        alert: alertOut(record),
        deliveries: await listDeliveries(deps.store, record.alert.id),
        events,
      };
    },
  });

  r.get('/api/v1/alerts/:id/cap', {
    schema: {
      summary: 'The alert as a CAP 1.2 message (OASIS Common Alerting Protocol)',
      tags: ['alerts'],
      params: idParams,
      response: { 200: z.string().describe('application/cap+xml'), ...problems(401, 403, 404) },
    },
    serializerCompiler: asIs,
    handler: async (request, reply) => {
      const record = await load(request.params.id);
      reply.type('application/cap+xml; charset=utf-8');
      return alertCap(record, deps.agreement, {
        sender: deps.sender ?? `alerts@${request.hostname}`,
        publicUrl: origin(request),
      });
    },
  });

  r.post('/api/v1/alerts/:id/ack', {
    schema: {
      summary: 'Acknowledge an alert as a recipient (stops its escalation)',
      description:
        "The caller's role decides the recipient it acknowledges for (chief: chief_monitor, guarantor: guarantors, liaison: party_liaisons); 403 when the alert does not name it, 409 for an alert already escalated.",
      tags: ['alerts'],
      params: idParams,
      response: { 200: ackSchema, ...problems(401, 403, 404, 409) },
    },
    serializerCompiler: plainJson,
    handler: async (request) => {
      const p = request.principal;
      if (p.kind !== 'user')
        throw new TrucelineError(
          'UNAUTHENTICATED',
          'log in or send an API token (Authorization: Bearer ...)',
        );
      const record = await load(request.params.id);
      const recipient = recipientForRole(record, p.role);
      const done = await acknowledgeStoredAlert(
        deps.store,
        record.alert.id,
        recipient,
        deps.now(),
        actorOf(p),
        'api',
      );
      return { alert: alertOut(done.record), recorded: done.recorded };
    },
  });

  r.get('/api/v1/consultations/:id', {
    schema: {
      summary: 'A guarantor consultation with its evidence and clock',
      tags: ['alerts'],
      params: idParams,
      response: { 200: consultationSchema, ...problems(401, 403, 404) },
    },
    serializerCompiler: plainJson,
    handler: async (request) => {
      const found = await getConsultation(deps.store, request.params.id);
      if (!found) throw new TrucelineError('NOT_FOUND', `no consultation '${request.params.id}'`);
      return found;
    },
  });
}
