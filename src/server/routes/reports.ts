/**
 * Daily and weekly reports over HTTP (src/app/reports):
 *
 *   GET  /api/v1/reports                    published reports, newest first (public)
 *   GET  /api/v1/reports/:date?kind=&lang=&format=json|html|pdf
 *        the published report (public, with its ledger index, checkpoint and inclusion proof);
 *        a day not yet published is built as a draft for mission staff only, and answers 404 to
 *        anyone else exactly as a day with no report would
 *   POST /api/v1/reports/:date/publish      the chief monitor approves and publishes it
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { resolveDataDir, type Mission } from '../../app/mission.js';
import {
  buildReport,
  listPublishedReports,
  missionGazetteer,
  publishReport,
  readPublishedReport,
  renderReport,
  REPORT_FORMATS,
  type PublishingMission,
} from '../../app/reports/index.js';
import { TrucelineError } from '../../domain/errors.js';
import { REPORT_KINDS, REPORT_LANGS } from '../../domain/report/index.js';
import { observationVisibility } from '../authz.js';
import type { Principal } from '../principal.js';
import { problems } from '../schemas.js';
import { plainJson } from './observations.js';

const TAGS = ['reports'];
const dateParams = z.object({
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
    .meta({ description: 'local date the reporting period closes on' }),
});
const closing = {
  closesAt: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM')
    .optional()
    .meta({ description: 'local closing time (default 19:30)' }),
  timeZone: z
    .string()
    .min(1)
    .max(64)
    .optional()
    .meta({ description: 'IANA time zone of the closing time (default Europe/Kyiv)' }),
};
const reportQuery = z.strictObject({
  kind: z.enum(REPORT_KINDS).default('daily'),
  lang: z.enum(REPORT_LANGS).default('en'),
  format: z.enum(REPORT_FORMATS).default('json'),
  ...closing,
});
const publishBody = z.strictObject({ kind: z.enum(REPORT_KINDS).default('daily'), ...closing });

const listSchema = z
  .object({
    reports: z.array(
      z.object({
        kind: z.enum(REPORT_KINDS),
        date: z.string(),
        from: z.string(),
        to: z.string(),
        modelSha256: z.string(),
        approvedBy: z.string(),
        approvedAt: z.string(),
        ledgerIndex: z.number().int(),
      }),
    ),
  })
  .meta({
    id: 'PublishedReports',
    description:
      'Published daily and weekly reports, newest date first; fetch one with GET /api/v1/reports/{date}?kind=',
  });

const reportBody = z.unknown().meta({
  id: 'Report',
  description: 'The report: its model as JSON (ReportModel), or the HTML or PDF rendering of it',
});

const REPORT_DESCRIPTION =
  'The report model as JSON (src/domain/report/types.ts: pure data, language-neutral), or rendered as HTML or PDF in `lang`. A published report carries `publication`: ledger index, tree size, root, the signed checkpoint and the inclusion proof, so a copy can be checked with `truceline report verify`.';

export interface ReportRouteDeps {
  readonly mission: Pick<Mission, 'store' | 'agreement' | 'origin' | 'signingKey' | 'publicKey'>;
  /**
   * The data directory as configured (resolved as `truceline serve` resolves it), for the
   * mission's own gazetteer (`<dataDir>/gazetteer.json`); without one, the demo's is used.
   */
  readonly dataDir?: string;
  readonly now: () => number;
}

export function registerReportRoutes(app: FastifyInstance, deps: ReportRouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const m: PublishingMission = {
    store: deps.mission.store,
    agreement: deps.mission.agreement,
    origin: deps.mission.origin,
    signingKey: deps.mission.signingKey,
    publicKey: deps.mission.publicKey,
    gazetteer: missionGazetteer(resolveDataDir(deps.dataDir)),
  };
  const isStaff = (p: Principal) => observationVisibility(p).mission;

  r.get('/api/v1/reports', {
    schema: {
      summary: 'Published daily and weekly reports',
      tags: TAGS,
      response: { 200: listSchema },
    },
    serializerCompiler: plainJson,
    handler: async () => ({ reports: await listPublishedReports(m) }),
  });

  r.get('/api/v1/reports/:date', {
    schema: {
      summary: 'A daily or weekly report, as JSON, HTML or PDF',
      description: `${REPORT_DESCRIPTION} A report not yet published is a draft built from the store now, for mission staff only (404 for others).`,
      tags: TAGS,
      params: dateParams,
      querystring: reportQuery,
      produces: ['application/json', 'text/html', 'application/pdf'],
      response: { 200: reportBody, ...problems(400, 404, 503) },
    },
    serializerCompiler: plainJson,
    handler: async (request, reply) => {
      const { date } = request.params;
      const q = request.query;
      let model = await readPublishedReport(m, q.kind, date);
      if (!model) {
        if (!isStaff(request.principal))
          throw new TrucelineError('NOT_FOUND', `no published ${q.kind} report of ${date}`);
        const request_ = {
          kind: q.kind,
          date,
          ...(q.closesAt ? { closesAt: q.closesAt } : {}),
          ...(q.timeZone ? { timeZone: q.timeZone } : {}),
        };
        model = await buildReport(m, request_, deps.now());
      }
      const { body, mediaType } = await renderReport(model, q.lang, q.format);
      return reply
        .type(mediaType)
        .header('cache-control', model.publication ? 'public, max-age=300' : 'no-store')
        .header('content-language', q.lang)
        .send(Buffer.from(body));
    },
  });

  r.post('/api/v1/reports/:date/publish', {
    schema: {
      summary: 'Approve and publish a report (chief monitor)',
      description: `Builds the report of the period from the store now, keeps it, and records a \`report.published\` ledger event with its SHA-256. Answers the published model as JSON. 403 for anyone but the chief monitor; 409 when that report is already published.`,
      tags: TAGS,
      params: dateParams,
      body: publishBody,
      produces: ['application/json'],
      response: { 201: reportBody, ...problems(400, 401, 403, 409) },
    },
    serializerCompiler: plainJson,
    handler: async (request, reply) => {
      const p = request.principal;
      if (p.kind !== 'user')
        throw new TrucelineError(
          'UNAUTHENTICATED',
          'log in or send an API token (Authorization: Bearer ...)',
        );
      const b = request.body;
      const req = {
        kind: b.kind,
        date: request.params.date,
        ...(b.closesAt ? { closesAt: b.closesAt } : {}),
        ...(b.timeZone ? { timeZone: b.timeZone } : {}),
      };
      const model = await publishReport(m, req, { name: p.name, role: p.role }, deps.now());
      const { body, mediaType } = await renderReport(model, 'en', 'json');
      return reply.code(201).type(mediaType).send(Buffer.from(body));
    },
  });
}
