/**
 * De-confliction over HTTP (src/app/notices):
 * - POST /api/v1/notices: a party's liaison announces an activity of its own party (rotation,
 *   exercise, demining, infrastructure repair; area polygon; time window); the mission stamps
 *   `filedAt` and says when the notice is late under the agreement's notification duties.
 *   POST /api/v1/notices/:id/withdraw by the same party's liaison.
 * - GET /api/v1/notices[?from&to] and /:id: who sees a notice is the domain's rule
 *   (noticeVisibleTo: the mission and the filing party always, the other party and the
 *   guarantors from `parties`, everyone at `public`); a hidden notice answers 404 like a missing one.
 * - Windows of silence: POST /api/v1/silences proposes one (a liaison, counting as its party's
 *   consent, or a chief); POST /api/v1/silences/:id/agree | decline by the other party's liaison;
 *   /withdraw by the proposer or a chief. GET lists them; GET /:id adds the fire incidents that
 *   breach an agreed window. Read by mission staff, the liaisons and the guarantors.
 * Incidents carry the notice verdict at read time: see `incidentNoticeVerdicts`.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  announceNotice,
  decideSilenceWindow,
  incidentsMatchedTo,
  noticeVerdicts,
  proposeSilenceWindow,
  storedSilenceBreaches,
  withdrawNotice,
  type NoticeVerdict,
} from '../../app/notices/index.js';
import { positionSchema, type Agreement } from '../../domain/agreement/index.js';
import { TrucelineError } from '../../domain/errors.js';
import { noticeVisibleTo, windowSchema, type Viewer } from '../../domain/notice/index.js';
import type { Actor } from '../../domain/workflow/index.js';
import type { Store, StoredIncident } from '../../store/port.js';
import { observationVisibility } from '../authz.js';
import type { Principal } from '../principal.js';
import { problems } from '../schemas.js';
import { plainJson } from './observations.js';

const idParams = z.object({ id: z.string().min(1).max(160) });
const reasonBody = z.object({ reason: z.string().max(2000) });

const storedNoticeSchema = z
  .object({
    notice: z.unknown(),
    status: z.enum(['announced', 'withdrawn']),
    announcedBy: z.string(),
    late: z.unknown().nullable(),
    withdrawn: z.unknown().nullable(),
    ledgerIndex: z.number().int(),
    updatedLedgerIndex: z.number().int(),
  })
  .meta({
    id: 'StoredNotice',
    description:
      'A de-confliction notice as stored: the notice (with the filedAt the mission stamped), its status, and `late` when a notification duty wanted it earlier',
  });

const noticeBodySchema = z
  .object({
    id: z.string(),
    party: z.string(),
    kind: z.string(),
    purpose: z.string(),
    area: z.unknown(),
    window: z.unknown(),
  })
  .passthrough()
  .meta({
    id: 'NoticeInput',
    description:
      'A notice: {id, party, kind (rotation | exercise | demining | infrastructure_repair), purpose, area (polygon of [lon, lat] rings), window {from, to}, visibility? (mission | parties | public), troops?, equipment?}; `filedAt` is set by the mission',
  });

const silenceSchema = z
  .object({
    silence: z.unknown(),
    ledgerIndex: z.number().int(),
    updatedLedgerIndex: z.number().int(),
    events: z.array(z.object({ ledgerIndex: z.number().int(), event: z.unknown() })).readonly(),
    breaches: z.array(z.unknown()).readonly().optional(),
  })
  .meta({
    id: 'SilenceWindow',
    description:
      'A window of silence, its history, and (one window) the fire incidents that breach it once agreed',
  });

const silenceStepSchema = z.object({ ledgerIndex: z.number().int(), event: z.unknown() }).meta({
  id: 'SilenceStep',
  description: 'The event a step on a window of silence recorded, with the window as it now stands',
});

const proposalSchema = z.strictObject({
  id: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/)
    .max(160),
  site: positionSchema,
  radiusKm: z.number().positive().max(100),
  window: windowSchema,
  purpose: z.string().trim().min(1).max(2000),
  noticeId: z.string().max(160).optional(),
  reason: z.string().max(2000),
});

function viewerOf(p: Principal): Viewer {
  if (p.kind !== 'user') return { role: 'public' };
  return { role: p.role, ...(p.party ? { party: p.party } : {}) };
}

function actorOfUser(p: Principal): Actor {
  if (p.kind !== 'user')
    throw new TrucelineError(
      'UNAUTHENTICATED',
      'log in or send an API token (Authorization: Bearer ...)',
    );
  return { id: p.name, role: p.role, ...(p.party ? { party: p.party } : {}) };
}

/**
 * The notice verdict of each incident for this caller, computed from the notices stored now
 * (GET /api/v1/incidents and /:id show it as `properties.notices`).
 */
export function incidentNoticeVerdicts(
  store: Store,
  agreement: Agreement,
  p: Principal,
  incidents: readonly StoredIncident[],
): Promise<Map<string, NoticeVerdict>> {
  return noticeVerdicts(store, agreement, viewerOf(p), incidents);
}

export function registerNoticeRoutes(
  app: FastifyInstance,
  deps: { store: Store; agreement: Agreement; now: () => number },
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { store, agreement } = deps;

  r.post('/api/v1/notices', {
    schema: {
      summary: 'Announce an activity of your party (a de-confliction notice)',
      description:
        'Only a liaison of the announcing party. 409 when the id is taken. The answer says when the notice is later than a notification duty requires (`late`).',
      tags: ['notices'],
      body: noticeBodySchema,
      response: { 201: storedNoticeSchema, ...problems(400, 401, 403, 409) },
    },
    serializerCompiler: plainJson,
    handler: async (request, reply) =>
      reply
        .code(201)
        .send(
          await announceNotice(
            store,
            agreement,
            request.body,
            actorOfUser(request.principal),
            deps.now(),
          ),
        ),
  });

  r.post('/api/v1/notices/:id/withdraw', {
    schema: {
      summary: 'Withdraw a notice of your party before its window ends',
      tags: ['notices'],
      params: idParams,
      body: reasonBody,
      response: { 200: storedNoticeSchema, ...problems(400, 401, 403, 404, 409) },
    },
    serializerCompiler: plainJson,
    handler: async (request) => {
      const known = (await store.getNotice?.(request.params.id)) ?? null;
      if (!known || !noticeVisibleTo(known.notice, viewerOf(request.principal), agreement))
        throw new TrucelineError('NOT_FOUND', `no notice '${request.params.id}'`);
      return withdrawNotice(
        store,
        agreement,
        request.params.id,
        request.body.reason,
        actorOfUser(request.principal),
        deps.now(),
      );
    },
  });

  r.get('/api/v1/notices', {
    schema: {
      summary: 'The notices you may see, optionally those whose window overlaps [from, to]',
      tags: ['notices'],
      querystring: z.strictObject({
        from: z.iso.datetime({ offset: true }).optional(),
        to: z.iso.datetime({ offset: true }).optional(),
      }),
      response: {
        200: z.object({ notices: z.array(storedNoticeSchema) }),
        ...problems(400, 401, 403),
      },
    },
    serializerCompiler: plainJson,
    handler: async (request) => {
      const all = (await store.listNotices?.({ ...request.query })) ?? [];
      const viewer = viewerOf(request.principal);
      return { notices: all.filter((n) => noticeVisibleTo(n.notice, viewer, agreement)) };
    },
  });

  r.get('/api/v1/notices/:id', {
    schema: {
      summary: 'One notice, with the incidents its area and window hold',
      description:
        "`incidents`: each incident the caller may see inside the area during the window, with this notice's verdict on it (excused or not, and why).",
      tags: ['notices'],
      params: idParams,
      response: {
        200: storedNoticeSchema.extend({
          incidents: z.array(
            z.object({
              incidentId: z.string(),
              verdict: z.enum(['excused', 'not_excused']),
              reason: z.string(),
            }),
          ),
        }),
        ...problems(401, 403, 404),
      },
    },
    serializerCompiler: plainJson,
    handler: async (request) => {
      const known = (await store.getNotice?.(request.params.id)) ?? null;
      if (!known || !noticeVisibleTo(known.notice, viewerOf(request.principal), agreement))
        throw new TrucelineError('NOT_FOUND', `no notice '${request.params.id}'`);
      return {
        ...known,
        incidents: await incidentsMatchedTo(
          store,
          agreement,
          known.notice,
          observationVisibility(request.principal),
        ),
      };
    },
  });

  r.post('/api/v1/silences', {
    schema: {
      summary: 'Propose a window of silence for a repair',
      description:
        "A liaison's proposal counts as its party's consent; the window is agreed once every party's liaison has agreed.",
      tags: ['notices'],
      body: proposalSchema,
      response: { 201: silenceStepSchema, ...problems(400, 401, 403, 409) },
    },
    serializerCompiler: plainJson,
    handler: async (request, reply) => {
      const { reason, noticeId, ...proposal } = request.body;
      const step = await proposeSilenceWindow(
        store,
        agreement,
        {
          ...proposal,
          site: [proposal.site[0], proposal.site[1]],
          ...(noticeId ? { noticeId } : {}),
        },
        reason,
        actorOfUser(request.principal),
        deps.now(),
      );
      return reply.code(201).send(step);
    },
  });

  for (const [verb, type] of [
    ['agree', 'consent'],
    ['decline', 'decline'],
    ['withdraw', 'withdraw'],
  ] as const) {
    r.post(`/api/v1/silences/:id/${verb}`, {
      schema: {
        summary:
          verb === 'withdraw'
            ? 'Withdraw a window of silence you proposed, before it starts'
            : `${verb === 'agree' ? 'Agree to' : 'Decline'} a window of silence the other party proposed`,
        description:
          '403 for a caller who does not speak for a party to it (or did not propose it), 409 when its state or the time does not allow the step.',
        tags: ['notices'],
        params: idParams,
        body: reasonBody,
        response: { 200: silenceStepSchema, ...problems(400, 401, 403, 404, 409) },
      },
      serializerCompiler: plainJson,
      handler: async (request) =>
        decideSilenceWindow(
          store,
          request.params.id,
          { type, reason: request.body.reason },
          actorOfUser(request.principal),
          deps.now(),
        ),
    });
  }

  r.get('/api/v1/silences', {
    schema: {
      summary: 'Windows of silence',
      tags: ['notices'],
      response: { 200: z.object({ silences: z.array(silenceSchema) }), ...problems(401, 403) },
    },
    serializerCompiler: plainJson,
    handler: async () => ({ silences: (await store.listSilences?.()) ?? [] }),
  });

  r.get('/api/v1/silences/:id', {
    schema: {
      summary: 'One window of silence, with the fire incidents that breach it once agreed',
      tags: ['notices'],
      params: idParams,
      response: { 200: silenceSchema, ...problems(401, 403, 404) },
    },
    serializerCompiler: plainJson,
    handler: async (request) => {
      const known = (await store.getSilence?.(request.params.id)) ?? null;
      if (!known)
        throw new TrucelineError('NOT_FOUND', `no window of silence '${request.params.id}'`);
      return { ...known, breaches: await storedSilenceBreaches(store, known.silence) };
    },
  });
}
