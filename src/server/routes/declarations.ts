/**
 * Force declarations over HTTP (src/app/declarations):
 * POST /api/v1/declarations: a party's liaison submits its own party's declaration; it is checked
 * on arrival and answered with its finding candidates (201, or 200 for the same declaration again).
 * GET /api/v1/declarations[?party=] and GET /api/v1/declarations/:id: declarations are exchanged
 * among the parties (Vienna Document practice), so mission staff, both liaisons and guarantors
 * read them; the finding candidates only mission staff and the declaring party's liaison.
 * POST /api/v1/declarations/:id/check: an analyst or chief re-checks one against the
 * observations stored since.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  declarationView,
  recheckDeclaration,
  submitDeclaration,
  type DeclarationReader,
} from '../../app/declarations/index.js';
import type { Agreement } from '../../domain/agreement/index.js';
import { TrucelineError } from '../../domain/errors.js';
import type { Store } from '../../store/port.js';
import { actorOf, type Principal } from '../principal.js';
import { problems } from '../schemas.js';
import { plainJson } from './observations.js';

const idParams = z.object({ id: z.string().min(1).max(160) });

const candidateSchema = z
  .object({
    kind: z.string(),
    party: z.string(),
    subject: z.string(),
    figures: z.record(z.string(), z.union([z.number(), z.string(), z.null()])),
    text: z.string(),
    units: z.array(z.string()).readonly(),
    observations: z.array(z.string()).readonly(),
  })
  .meta({
    id: 'FindingCandidate',
    description:
      'A discrepancy a declaration check found, with the figures that show it (ceiling_exceeded, declared_change, undeclared_equipment, undeclared_unit, equipment_in_withdrawal_zone); an analyst may propose a finding from it',
  });

const storedDeclarationSchema = z
  .object({
    id: z.string(),
    declaration: z.unknown(),
    digest: z.string(),
    previousId: z.string().nullable(),
    submittedBy: z.string(),
    submittedAt: z.string(),
    candidates: z.array(candidateSchema).readonly().optional(),
    checkedAt: z.string(),
    ledgerIndex: z.number().int(),
    updatedLedgerIndex: z.number().int(),
  })
  .meta({
    id: 'StoredDeclaration',
    description:
      'A force declaration as stored; `candidates` only for mission staff and the declaring party',
  });

const declarationBodySchema = z
  .object({ party: z.string(), asOf: z.string(), units: z.array(z.unknown()) })
  .passthrough()
  .meta({
    id: 'Declaration',
    description:
      "A party's force declaration: {party, asOf (date), units: [{id, name, location [lon, lat], personnel, equipment {battle_tanks, armoured_combat_vehicles, artillery, combat_aircraft, attack_helicopters}}]}; every field is checked and each wrong one named",
  });

function reader(p: Principal): DeclarationReader {
  return p.kind === 'user' ? { role: p.role, party: p.party } : { role: 'anonymous', party: null };
}

export function registerDeclarationRoutes(
  app: FastifyInstance,
  deps: { store: Store; agreement: Agreement; now: () => number },
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/api/v1/declarations', {
    schema: {
      summary: "Submit your party's force declaration; it is checked on arrival",
      description:
        "Only a liaison of the declared party. Checked against the ceilings, the party's previous declaration (changes of 10% or more) and the stored observations; each discrepancy is a finding candidate with its figures. The same declaration again answers 200 and records nothing; other figures for the same party and date answer 409.",
      tags: ['declarations'],
      body: declarationBodySchema,
      response: {
        200: storedDeclarationSchema,
        201: storedDeclarationSchema,
        ...problems(400, 401, 403, 409),
      },
    },
    serializerCompiler: plainJson,
    handler: async (request, reply) => {
      const p = request.principal;
      if (p.kind !== 'user')
        throw new TrucelineError(
          'UNAUTHENTICATED',
          'log in or send an API token (Authorization: Bearer ...)',
        );
      const out = await submitDeclaration(
        deps.store,
        deps.agreement,
        request.body,
        { name: p.name, party: p.party },
        deps.now(),
      );
      return reply.code(out.duplicate ? 200 : 201).send(out.declaration);
    },
  });

  r.get('/api/v1/declarations', {
    schema: {
      summary: 'Force declarations, by party and date',
      tags: ['declarations'],
      querystring: z.strictObject({
        party: z
          .string()
          .regex(/^[A-Za-z0-9._-]+$/)
          .max(100)
          .optional(),
      }),
      response: {
        200: z.object({ declarations: z.array(storedDeclarationSchema) }),
        ...problems(400, 401, 403),
      },
    },
    serializerCompiler: plainJson,
    handler: async (request) => {
      const all =
        (await deps.store.listDeclarations?.({
          ...(request.query.party ? { party: request.query.party } : {}),
        })) ?? [];
      return { declarations: all.map((d) => declarationView(d, reader(request.principal))) };
    },
  });

  r.get('/api/v1/declarations/:id', {
    schema: {
      summary: 'One force declaration',
      tags: ['declarations'],
      params: idParams,
      response: { 200: storedDeclarationSchema, ...problems(401, 403, 404) },
    },
    serializerCompiler: plainJson,
    handler: async (request) => {
      const d = (await deps.store.getDeclaration?.(request.params.id)) ?? null;
      if (!d) throw new TrucelineError('NOT_FOUND', `no declaration '${request.params.id}'`);
      return declarationView(d, reader(request.principal));
    },
  });

  r.post('/api/v1/declarations/:id/check', {
    schema: {
      summary: 'Check a declaration again against the observations stored since',
      description: 'Records `declaration.checked` when the observation candidates changed.',
      tags: ['declarations'],
      params: idParams,
      body: z.object({}).passthrough().optional(),
      response: {
        200: z.object({ changed: z.boolean(), declaration: storedDeclarationSchema }),
        ...problems(401, 403, 404),
      },
    },
    serializerCompiler: plainJson,
    handler: async (request) => {
      const out = await recheckDeclaration(
        deps.store,
        deps.agreement,
        request.params.id,
        actorOf(request.principal),
        deps.now(),
      );
      return { changed: out.changed, declaration: out.declaration };
    },
  });
}
