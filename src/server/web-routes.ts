/**
 * The dashboard (web/, built by Vite into web/dist) and the one API route it needs that no
 * other module serves: the bound agreement.
 *
 *   GET /api/v1/agreement   the mission's agreement as bound (public information)
 *   GET /*                  files of web/dist; any other path outside /api, /log, /ogc is the
 *                           single-page app's index.html, so a shared link like /?c=…&z=… or a
 *                           client-side route opens the app
 *
 * Built assets under /assets/ carry a content hash in their names and are cached for a year;
 * index.html is revalidated on every load. Files the build pre-compressed (`.br`, `.gz` beside
 * the original) are sent compressed when the browser accepts it. Paths under /api, /log and /ogc
 * that no route serves still answer the API's problem+json 404, never HTML. When web/dist is missing
 * the route answers 404 saying how to build it, so the set of routes does not depend on whether
 * the dashboard was built (the authorisation and OpenAPI tests see the same routes either way).
 */
import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Agreement } from '../domain/agreement/index.js';
import { agreementSchema } from '../domain/agreement/schema.js';
import { TrucelineError } from '../domain/errors.js';

/** web/dist, from src/server and dist/server alike. */
export const DEFAULT_WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));

/** Method and URL of every route here, for the authorisation table (all public). */
export const WEB_ROUTES = [
  { method: 'GET', url: '/api/v1/agreement' },
  { method: 'GET', url: '/*' },
] as const;

/**
 * Machine-facing trees (the API, the ledger, OGC API – Features): a path under them that no
 * route serves is the API's 404, never the app. Written out rather than imported so this module
 * depends on no route module; add a prefix here when a new tree is mounted.
 */
const NOT_APP = ['/api', '/log', '/ogc'];
const IMMUTABLE = '/assets/';

export interface WebRoutesOptions {
  readonly agreement: Agreement;
  /** Where the built app is; default web/dist. */
  readonly distDir?: string;
}

export async function registerWebRoutes(
  app: FastifyInstance,
  opts: WebRoutesOptions,
): Promise<void> {
  const root = opts.distDir ?? DEFAULT_WEB_DIST;
  const built = existsSync(join(root, 'index.html'));
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/agreement', {
    schema: {
      summary:
        'The agreement the mission monitors: parties, line of contact, zones, ceilings, thresholds',
      description:
        'Public: the dashboard draws the line of contact and the zones from it. Positions are [longitude, latitude] (RFC 7946).',
      tags: ['agreement'],
      response: { 200: agreementSchema },
    },
    handler: async (_request, reply) => {
      reply.header('cache-control', 'no-cache');
      return opts.agreement;
    },
  });

  if (built) await app.register(fastifyStatic, { root, serve: false, preCompressed: true });

  r.get('/*', {
    schema: {
      summary:
        'The dashboard: files of the built web app; other paths outside /api and /log answer its index.html',
      tags: ['web'],
      response: { 200: z.string().describe('the file (HTML, JavaScript, CSS, GeoJSON, ...)') },
    },
    // A string or stream body is sent as is; the schema above documents, it does not serialise.
    serializerCompiler: () => (data: unknown) =>
      typeof data === 'string' ? data : JSON.stringify(data),
    handler: async (request, reply) => serveApp(request, reply, root, built),
  });
}

async function serveApp(
  request: FastifyRequest,
  reply: FastifyReply,
  root: string,
  built: boolean,
): Promise<FastifyReply> {
  const path = pathnameOf(request.url);
  if (path === null || NOT_APP.some((p) => path === p || path.startsWith(`${p}/`)))
    return notFound(reply);
  if (!built)
    throw new TrucelineError(
      'NOT_FOUND',
      'the dashboard is not built: run `npm run build:web` (vite build --config web/vite.config.ts), then restart',
    );

  const relative = path === '/' ? 'index.html' : path.slice(1);
  if (relative !== 'index.html' && (await isFileUnder(root, relative))) {
    const cache = path.startsWith(IMMUTABLE) ? { maxAge: '365d', immutable: true } : { maxAge: 0 };
    return reply.sendFile(relative, cache);
  }
  // A missing asset is a 404, not the app: a browser asking for /x.js must not get HTML.
  if (relative !== 'index.html' && extname(relative) !== '') return notFound(reply);
  reply.header('cache-control', 'no-cache');
  return reply.sendFile('index.html', { cacheControl: false });
}

/** The API's own 404 (problem+json), as if this route did not exist. */
function notFound(reply: FastifyReply): FastifyReply {
  reply.callNotFound();
  return reply;
}

/** The decoded path, or null when it is malformed or tries to leave the root. */
function pathnameOf(url: string): string | null {
  let path: string;
  try {
    path = decodeURIComponent(url.split('?')[0]!.split('#')[0]!);
  } catch {
    return null;
  }
  if (!path.startsWith('/') || path.includes('\0') || path.includes('\\')) return null;
  if (path.split('/').some((seg) => seg === '..' || seg === '.')) return null;
  return path;
}

async function isFileUnder(root: string, relative: string): Promise<boolean> {
  const file = join(root, relative);
  if (!file.startsWith(root.endsWith(sep) ? root : root + sep)) return false;
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}
