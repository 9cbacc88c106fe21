/**
 * Evidence custody over HTTP (src/app/evidence):
 *
 *   POST /api/v1/evidence?observationId=&incidentId=&filename=   the file as the raw body
 *   GET  /api/v1/evidence/:sha256                                its record, uploads and custody chain
 *   GET  /api/v1/evidence/:sha256/content                        the original bytes (records evidence.viewed)
 *   GET  /api/v1/evidence/:sha256/thumbnail                      a 320 px JPEG of a photo
 *   POST /api/v1/evidence/:sha256/transfer                       custody passes to someone (staff)
 *   GET  /api/v1/incidents/:id/evidence                          the files of an incident
 *   GET  /api/v1/incidents/:id/evidence-bundle                   the bundle, a tar stream (records evidence.exported; staff)
 *
 * The upload body is streamed to disk while hashed, whatever its Content-Type (the type is
 * detected from the bytes); the parser is scoped to that one route, so every other route keeps
 * the server's JSON body limit. Who may see what is src/app/evidence/access.ts: a liaison never
 * reaches the other party's files, and a hidden file answers 404 exactly like a missing one. The
 * public reaches no evidence: files show people and places whose publication is a decision of
 * its own, made by publishing a report, not by the evidence store.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { Readable } from 'node:stream';
import { z } from 'zod';
import {
  getEvidence,
  listIncidentEvidence,
  openThumbnail,
  transferEvidence,
  viewEvidence,
} from '../../app/evidence/custody.js';
import { exportIncidentBundle, type BundleMission } from '../../app/evidence/bundle.js';
import type { EvidenceActor } from '../../app/evidence/access.js';
import type { BlobStore } from '../../app/evidence/blob-store.js';
import { openBlobStore, sizeLimitsFromEnv } from '../../app/evidence/open-blob-store.js';
import { tarChunks } from '../../app/evidence/tar.js';
import { addEvidence } from '../../app/evidence/upload.js';
import { TrucelineError, validationError } from '../../domain/errors.js';
import {
  largestLimit,
  formatBytes,
  type SizeLimits,
  type StoredEvidence,
} from '../../domain/evidence/index.js';
import type { Principal } from '../principal.js';
import { problems } from '../schemas.js';
import { plainJson } from './observations.js';

export interface EvidenceRouteDeps {
  readonly mission: BundleMission;
  /** Default: openBlobStore(<mission data directory>) when the mission has one. */
  readonly blobs?: BlobStore | null;
  readonly limits?: SizeLimits;
  readonly now: () => number;
}

const shaParams = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hex digits'),
});
const incidentParams = z.object({ id: z.string().min(1).max(160) });

const evidenceSchema = z
  .object({
    sha256: z.string(),
    size: z.number().int(),
    mediaType: z.string(),
    kind: z.string(),
    thumbnailSha256: z.string().nullable(),
    custodian: z.string(),
    uploads: z.array(z.unknown()).readonly(),
    custody: z.array(z.unknown()).readonly(),
  })
  .meta({
    id: 'Evidence',
    description:
      'A file of evidence by its SHA-256: detected type, size, current custodian, every upload (attachment, uploader, EXIF summary and its comparison with the observation) and the custody chain with ledger indexes',
  });

const uploadedSchema = z
  .object({ evidence: evidenceSchema, ledgerIndex: z.number().int(), duplicate: z.boolean() })
  .meta({
    id: 'EvidenceUploaded',
    description:
      'The stored file; `duplicate` when the same bytes were already attached to the same records (nothing recorded)',
  });

const transferBody = z
  .object({
    to: z.string().min(1).max(200),
    reason: z.string().min(1).max(2000),
    from: z.string().min(1).max(200).optional(),
  })
  .meta({ id: 'EvidenceTransfer' });

function actorOf(p: Principal): EvidenceActor {
  if (p.kind !== 'user')
    throw new TrucelineError(
      'UNAUTHENTICATED',
      'log in or send an API token (Authorization: Bearer ...)',
    );
  return { name: p.name, role: p.role, party: p.party };
}

/** The mission's evidence store, when the mission object names its data directory. */
function defaultBlobs(mission: object): BlobStore | null {
  const dataDir = (mission as { dataDir?: unknown }).dataDir;
  return typeof dataDir === 'string' ? openBlobStore(dataDir) : null;
}

function download(reply: FastifyReply, mediaType: string, name: string): FastifyReply {
  return reply
    .type(mediaType)
    .header('content-disposition', `attachment; filename="${name}"`)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store');
}

const EXTENSIONS: Readonly<Record<string, string>> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/heic': 'heic',
  'video/mp4': 'mp4',
  'video/webm': 'webm',
  'video/quicktime': 'mov',
  'audio/mpeg': 'mp3',
  'audio/wav': 'wav',
  'audio/ogg': 'ogg',
  'audio/opus': 'opus',
  'audio/mp4': 'm4a',
  'application/pdf': 'pdf',
  'text/plain': 'txt',
  'application/json': 'json',
};

export async function registerEvidenceRoutes(
  app: FastifyInstance,
  deps: EvidenceRouteDeps,
): Promise<void> {
  const blobs = deps.blobs === undefined ? defaultBlobs(deps.mission) : deps.blobs;
  const limits = deps.limits ?? sizeLimitsFromEnv();
  const store = deps.mission.store;
  const needBlobs = (): BlobStore => {
    if (!blobs)
      throw new TrucelineError('UNAVAILABLE', 'this server has no evidence store configured');
    return blobs;
  };

  await app.register(async (scope) => {
    // The upload body is the file itself, streamed: no parser buffers it, whatever its type.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
    scope.withTypeProvider<ZodTypeProvider>().post('/api/v1/evidence', {
      schema: {
        summary:
          'Upload a file of evidence (photo, video, audio, document) attached to an observation and/or an incident',
        description: `The raw body is the file (any Content-Type; the type is detected from the bytes). Accepted: JPEG, PNG, WebP, HEIC photos; MP4, WebM, MOV video; MP3, WAV, Ogg, M4A audio; PDF and UTF-8 text or JSON documents. Default limits: ${Object.entries(
          limits,
        )
          .map(([k, v]) => `${k} ${formatBytes(v)}`)
          .join(', ')}. Kept once by SHA-256; records evidence.uploaded.`,
        tags: ['evidence'],
        querystring: z.object({
          observationId: z.string().min(1).max(160).optional(),
          incidentId: z.string().min(1).max(160).optional(),
          filename: z.string().max(255).optional(),
        }),
        consumes: ['application/octet-stream'],
        response: {
          200: uploadedSchema,
          201: uploadedSchema,
          ...problems(400, 401, 403, 404, 413, 503),
        },
      },
      serializerCompiler: plainJson,
      handler: async (request, reply) => {
        const actor = actorOf(request.principal);
        const body = request.body;
        if (!(body instanceof Readable))
          throw validationError(
            [{ path: 'body', reason: 'send the file itself as the request body' }],
            'evidence upload',
          );
        const declared = Number(request.headers['content-length'] ?? NaN);
        if (declared > largestLimit(limits)) {
          throw Object.assign(
            new Error(
              `the body of ${formatBytes(declared)} is larger than any evidence accepted (${formatBytes(largestLimit(limits))})`,
            ),
            { statusCode: 413 },
          );
        }
        const q = request.query;
        const out = await addEvidence(
          { store, blobs: needBlobs(), limits },
          {
            body,
            originalName: q.filename ?? null,
            observationId: q.observationId ?? null,
            incidentId: q.incidentId ?? null,
          },
          actor,
          deps.now(),
        );
        return reply.code(out.duplicate ? 200 : 201).send(out);
      },
    });
  });

  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/v1/evidence/:sha256', {
    schema: {
      summary: 'A file of evidence: its type, size, custodian, uploads and custody chain',
      tags: ['evidence'],
      params: shaParams,
      response: { 200: evidenceSchema, ...problems(400, 401, 403, 404) },
    },
    serializerCompiler: plainJson,
    handler: async (request) =>
      getEvidence(store, request.params.sha256, actorOf(request.principal)),
  });

  r.get('/api/v1/evidence/:sha256/content', {
    schema: {
      summary: 'The original bytes of a file of evidence (records evidence.viewed)',
      tags: ['evidence'],
      params: shaParams,
      produces: ['application/octet-stream'],
      response: problems(400, 401, 403, 404, 503),
    },
    handler: async (request, reply) => {
      // HEAD sends no bytes, so it records no view (the stream is closed unread).
      if (request.method === 'HEAD') {
        const e = await getEvidence(store, request.params.sha256, actorOf(request.principal));
        const body = await needBlobs().open(e.sha256);
        if (!body)
          throw new TrucelineError(
            'UNAVAILABLE',
            `evidence ${e.sha256} is not in the evidence store`,
          );
        return download(reply, e.mediaType, `${e.sha256}.${EXTENSIONS[e.mediaType] ?? 'bin'}`)
          .header('content-length', e.size)
          .send(body);
      }
      const opened = await viewEvidence(
        { store, blobs: needBlobs() },
        request.params.sha256,
        actorOf(request.principal),
        deps.now(),
      );
      const e: StoredEvidence = opened.evidence;
      return download(reply, e.mediaType, `${e.sha256}.${EXTENSIONS[e.mediaType] ?? 'bin'}`)
        .header('content-length', e.size)
        .header('x-truceline-ledger-index', opened.ledgerIndex)
        .send(opened.body);
    },
  });

  r.get('/api/v1/evidence/:sha256/thumbnail', {
    schema: {
      summary: "A photo's thumbnail: 320 px JPEG, upright, without metadata",
      tags: ['evidence'],
      params: shaParams,
      produces: ['image/jpeg'],
      response: problems(400, 401, 403, 404, 503),
    },
    handler: async (request, reply) => {
      const body = await openThumbnail(
        { store, blobs: needBlobs() },
        request.params.sha256,
        actorOf(request.principal),
      );
      return (reply as FastifyReply)
        .type('image/jpeg')
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, max-age=3600')
        .send(body);
    },
  });

  r.post('/api/v1/evidence/:sha256/transfer', {
    schema: {
      summary:
        "Record that custody of a file passed to someone (e.g. a guarantor's investigator), with the reason",
      tags: ['evidence'],
      params: shaParams,
      body: transferBody,
      response: {
        200: z.object({ evidence: evidenceSchema, ledgerIndex: z.number().int() }),
        ...problems(400, 401, 403, 404, 409),
      },
    },
    serializerCompiler: plainJson,
    handler: async (request) =>
      transferEvidence(
        store,
        request.params.sha256,
        request.body,
        actorOf(request.principal),
        deps.now(),
      ),
  });

  r.get('/api/v1/incidents/:id/evidence', {
    schema: {
      summary: 'The files of evidence attached to an incident or its observations',
      tags: ['evidence', 'incidents'],
      params: incidentParams,
      response: {
        200: z.object({ incidentId: z.string(), evidence: z.array(evidenceSchema).readonly() }),
        ...problems(400, 401, 403, 404),
      },
    },
    serializerCompiler: plainJson,
    handler: async (request) =>
      listIncidentEvidence(store, request.params.id, actorOf(request.principal)),
  });

  r.get('/api/v1/incidents/:id/evidence-bundle', {
    schema: {
      summary:
        "An incident's evidence bundle (tar): originals, manifest, custody chain, ledger entries with inclusion proofs, the signed checkpoint and the mission's verifier key; check it with `truceline verify --bundle` (records evidence.exported)",
      tags: ['evidence', 'incidents'],
      params: incidentParams,
      produces: ['application/x-tar'],
      response: problems(400, 401, 403, 404, 503),
    },
    handler: async (request, reply) => {
      const bundle = await exportIncidentBundle(
        { mission: deps.mission, blobs: needBlobs() },
        request.params.id,
        actorOf(request.principal),
        deps.now(),
      );
      return download(
        reply,
        'application/x-tar',
        `evidence-${bundle.manifest.incidentId.replace(/[^A-Za-z0-9._-]/g, '_')}-${bundle.exportIndex}.tar`,
      )
        .header('x-truceline-ledger-index', bundle.exportIndex)
        .send(Readable.from(tarChunks(bundle.members, bundle.mtimeS)));
    },
  });
}
