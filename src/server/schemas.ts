import { z } from 'zod';
import { ROLES, SCOPES } from '../app/identity/roles.js';

/**
 * Zod schemas shared by routes. The same schemas validate requests and generate the OpenAPI 3.1
 * document (src/server/openapi.ts), so the documentation cannot drift from what is enforced.
 */
export const fieldIssueSchema = z.object({ path: z.string(), reason: z.string() });

/** RFC 9457 problem details, as every error is answered. */
export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string(),
    errors: z.array(fieldIssueSchema).optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details (application/problem+json)' });

/** The error answers a route documents, besides its success. */
export function problems(...statuses: number[]): Record<number, typeof problemSchema> {
  return Object.fromEntries(statuses.map((s) => [s, problemSchema]));
}

export const publicUserSchema = z
  .object({
    name: z.string(),
    role: z.enum(ROLES),
    party: z.string().nullable(),
    disabled: z.boolean(),
    mustChangePassword: z.boolean(),
    createdAt: z.string(),
  })
  .meta({ id: 'User' });

export const tokenSchema = z
  .object({
    id: z.string(),
    user: z.string(),
    scopes: z.array(z.enum(SCOPES)).readonly(),
    label: z.string(),
    createdAt: z.string(),
    expiresAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .meta({ id: 'ApiToken' });

export const deviceSchema = z
  .object({ id: z.string(), name: z.string(), publicKey: z.string(), createdAt: z.string(), revokedAt: z.string().nullable() })
  .meta({ id: 'Device' });

export const fileResultSchema = z
  .object({
    index: z.number().int(),
    id: z.string().nullable(),
    status: z.enum(['stored', 'duplicate', 'conflict', 'rejected', 'skipped']),
    issues: z.array(fieldIssueSchema).optional(),
    ledgerIndex: z.number().int().optional(),
  })
  .meta({ id: 'FileResult', description: 'What became of one item of an intake batch' });

export const intakeResponseSchema = z
  .object({
    summary: z.object({
      received: z.number().int(),
      stored: z.number().int(),
      duplicate: z.number().int(),
      conflict: z.number().int(),
      rejected: z.number().int(),
    }),
    results: z.array(fileResultSchema),
  })
  .meta({ id: 'IntakeResponse' });

/** Query strings arrive as text; limits keep a single query from asking for the world. */
const csvTokens = (what: string) =>
  z
    .string()
    .max(500)
    .regex(/^[a-z_]+(,[a-z_]+)*$/, { message: `must be comma-separated ${what} tokens` })
    .transform((s) => s.split(','))
    .optional();

const instant = z.string().max(40).refine((s) => Number.isFinite(Date.parse(s)), { message: 'must be an ISO 8601 instant' });

export const observationQuerySchema = z.strictObject({
  bbox: z
    .string()
    .max(200)
    .transform((s, ctx) => {
      const n = s.split(',').map(Number);
      const ok = n.length === 4 && n.every(Number.isFinite) && n[0]! >= -180 && n[2]! <= 180 && n[1]! >= -90 && n[3]! <= 90 && n[0]! <= n[2]! && n[1]! <= n[3]!;
      if (!ok) ctx.addIssue({ code: 'custom', message: 'must be west,south,east,north in degrees with west ≤ east and south ≤ north (RFC 7946 §5)' });
      return n as unknown as readonly [number, number, number, number];
    })
    .optional()
    .meta({ description: 'west,south,east,north (degrees)' }),
  from: instant.optional(),
  to: instant.optional(),
  event: csvTokens('event'),
  weapon: csvTokens('weapon'),
  source: csvTokens('source kind'),
  cursor: z.string().max(100).regex(/^[A-Za-z0-9_-]+$/, { message: 'must be a cursor from a previous page' }).optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(500),
});

export const featureSchema = z
  .object({
    type: z.literal('Feature'),
    id: z.string(),
    geometry: z.object({ type: z.literal('Point'), coordinates: z.array(z.number()) }),
    properties: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'ObservationFeature', description: 'An observation as a GeoJSON Feature: its representative point, and its fields as properties' });

export const featureCollectionSchema = z
  .object({
    type: z.literal('FeatureCollection'),
    features: z.array(featureSchema),
    links: z.array(z.object({ rel: z.string(), href: z.string(), type: z.string().optional() })),
    numberReturned: z.number().int(),
  })
  .meta({ id: 'ObservationCollection', description: 'GeoJSON FeatureCollection (RFC 7946) with a `next` link while more pages remain' });
