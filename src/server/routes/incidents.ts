/**
 * Incidents over HTTP: GET /api/v1/incidents (a GeoJSON FeatureCollection, RFC 7946) and
 * GET /api/v1/incidents/:id (one Feature with the member observations the caller may see).
 *
 * Who sees what follows the observations' compartments (src/server/authz.ts): an incident is
 * public only when all its reports are, a party's when all its reports are that party's
 * confidential filings, else the mission's (src/app/fusion/visibility.ts); a hidden incident
 * answers 404 exactly like a missing one. Within an incident a caller sees only the members it
 * could read by id, so a liaison never sees the other party's confidential filings.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Agreement } from '../../domain/agreement/index.js';
import { TrucelineError } from '../../domain/errors.js';
import type { Store, StoredIncident } from '../../store/port.js';
import { canSeeObservation, observationVisibility } from '../authz.js';
import type { Principal } from '../principal.js';
import { observationQuerySchema, problems } from '../schemas.js';
import { plainJson, toFeature } from './observations.js';
import { incidentNoticeVerdicts } from './notices.js';

const csv = (what: string, pattern: RegExp) =>
  z
    .string()
    .max(500)
    .regex(pattern, { message: `must be comma-separated ${what}` })
    .transform((s) => s.split(','))
    .optional();

export const incidentQuerySchema = z.strictObject({
  bbox: observationQuerySchema.shape.bbox,
  from: observationQuerySchema.shape.from,
  to: observationQuerySchema.shape.to,
  status: csv('status tokens', /^[a-z_]+(,[a-z_]+)*$/),
  party: csv('party ids (or undetermined)', /^[A-Za-z0-9_-]+(,[A-Za-z0-9_-]+)*$/).meta({ description: 'attributed party ids; `undetermined` for the unattributed' }),
  side: z.enum(['left', 'right']).optional().meta({ description: 'attributed to a party on this side of the line of contact' }),
  provision: z
    .string()
    .max(100)
    .regex(/^[a-z_]+(:[A-Za-z0-9_-]+)?$/, { message: 'must be a provision id (withdrawal:wd-art) or kind (withdrawal)' })
    .optional(),
  event: observationQuerySchema.shape.event.meta({ description: 'incidents holding any of these event kinds (comma-separated)' }),
  weapon: observationQuerySchema.shape.weapon.meta({ description: 'incidents of any of these weapon classes (comma-separated)' }),
  cursor: observationQuerySchema.shape.cursor,
  limit: observationQuerySchema.shape.limit,
});

const incidentFeatureSchema = z
  .object({
    type: z.literal('Feature'),
    id: z.string(),
    geometry: z.object({ type: z.literal('Point'), coordinates: z.array(z.number()) }),
    properties: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'IncidentFeature', description: 'An incident as a GeoJSON Feature: a Point at its location; radius90M, window, counts, attribution, provisions, status and member ids as properties' });

const incidentCollectionSchema = z
  .object({
    type: z.literal('FeatureCollection'),
    features: z.array(incidentFeatureSchema),
    links: z.array(z.object({ rel: z.string(), href: z.string(), type: z.string().optional() })),
    numberReturned: z.number().int(),
  })
  .meta({ id: 'IncidentCollection', description: 'GeoJSON FeatureCollection (RFC 7946) of incidents, oldest first, with a `next` link while more pages remain' });

/** An incident as a GeoJSON Feature (RFC 7946 §3.2): its location as the Point. */
export function incidentFeature(s: StoredIncident) {
  const { region: _region, location, ...incident } = s.incident;
  return {
    type: 'Feature' as const,
    id: incident.id,
    geometry: { type: 'Point' as const, coordinates: [location[0], location[1]] },
    properties: {
      ...incident,
      status: s.status,
      visibility: s.visibility,
      attribution: s.assessment.attribution,
      origin: s.assessment.origin,
      provisions: s.assessment.provisions,
      updatedLedgerIndex: s.updatedLedgerIndex,
    } as Record<string, unknown>,
  };
}

/** Whether the caller may see the incident (the store's visibility filter, applied to one record). */
export function canSeeIncident(p: Principal, s: StoredIncident): boolean {
  const v = observationVisibility(p);
  if (v.mission || s.visibility === 'public') return true;
  return s.visibility === 'party-confidential' && v.party !== null && s.party === v.party;
}

export function registerIncidentRoutes(app: FastifyInstance, deps: { store: Store; agreement: Agreement }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/v1/incidents', {
    schema: {
      summary: 'Incidents as GeoJSON, filtered by box, time window, status, attributed party or side, provision, event kind and weapon',
      tags: ['incidents'],
      querystring: incidentQuerySchema,
      response: { 200: incidentCollectionSchema, ...problems(400, 401, 403) },
    },
    serializerCompiler: plainJson,
    handler: async (request, reply) => {
      const q = request.query;
      const sideParties = q.side ? deps.agreement.parties.filter((p) => p.side === q.side).map((p) => p.id) : null;
      const parties = sideParties && q.party ? q.party.filter((p) => sideParties.includes(p)) : (sideParties ?? q.party);
      reply.type('application/geo+json');
      const links = [{ rel: 'self', href: request.url, type: 'application/geo+json' }];
      if (!deps.store.queryIncidents || (parties && parties.length === 0)) {
        return reply.send(JSON.stringify({ type: 'FeatureCollection', features: [], links, numberReturned: 0 }) as never);
      }
      let page;
      try {
        page = await deps.store.queryIncidents({
          bbox: q.bbox, from: q.from, to: q.to, statuses: q.status, parties: parties ?? undefined, provision: q.provision, events: q.event, weapons: q.weapon,
          cursor: q.cursor, limit: q.limit, visibleTo: observationVisibility(request.principal),
        });
      } catch (err) {
        if (q.cursor && err instanceof Error && /cursor/.test(err.message)) throw new TrucelineError('VALIDATION', err.message, [{ path: 'query.cursor', reason: 'not a cursor this server issued' }]);
        throw err;
      }
      if (page.nextCursor) {
        const u = new URL(request.url, 'http://x');
        u.searchParams.set('cursor', page.nextCursor);
        links.push({ rel: 'next', href: u.pathname + u.search, type: 'application/geo+json' });
      }
      // `notices`: the de-confliction verdict from the notices the caller may see, computed now (routes/notices.ts).
      const verdicts = await incidentNoticeVerdicts(deps.store, deps.agreement, request.principal, page.items);
      const features = page.items.map((i) => {
        const f = incidentFeature(i);
        return { ...f, properties: { ...f.properties, notices: verdicts.get(i.incident.id) } };
      });
      return reply.send(JSON.stringify({ type: 'FeatureCollection', features, links, numberReturned: page.items.length }) as never);
    },
  });

  r.get('/api/v1/incidents/:id', {
    schema: {
      summary: 'One incident as a GeoJSON Feature, with the member observations the caller may see',
      description: 'An id merged into another incident (an alias) answers with the incident that absorbed it. `properties.observations` holds the members the caller may read; `observationIds` lists them all only for callers who may see every member.',
      tags: ['incidents'],
      params: z.object({ id: z.string().min(1).max(160) }),
      response: { 200: incidentFeatureSchema, ...problems(401, 403, 404) },
    },
    serializerCompiler: plainJson,
    handler: async (request, reply) => {
      const s = (await deps.store.getIncident?.(request.params.id)) ?? null;
      // A record the caller may not see answers exactly like one that does not exist.
      if (!s || !canSeeIncident(request.principal, s)) throw new TrucelineError('NOT_FOUND', `no incident '${request.params.id}'`);
      const members = [];
      for (const id of s.incident.observationIds) {
        const o = await deps.store.getObservation(id);
        if (o && canSeeObservation(request.principal, o.observation)) members.push(toFeature(o));
      }
      const feature = incidentFeature(s);
      const visibleIds = members.map((m) => m.id);
      const notices = (await incidentNoticeVerdicts(deps.store, deps.agreement, request.principal, [s])).get(s.incident.id);
      feature.properties = { ...feature.properties, observationIds: visibleIds, observations: members, notices };
      reply.type('application/geo+json');
      return reply.send(JSON.stringify(feature) as never);
    },
  });
}
