import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { TrucelineError, type ErrorCode, type FieldIssue } from '../domain/errors.js';
import { classifyStoreError, RETRY_AFTER_S, STORE_PROBLEM } from './store-errors.js';

/**
 * RFC 9457 problem details: the one place where errors become HTTP answers. The core throws
 * TrucelineError with a code from a closed set; this module picks the status from the code.
 * Every answer has `type`, `title`, `status`, `detail`, `instance` (the request path and id) and,
 * where input was wrong, `errors: [{path, reason}]` naming each field.
 */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  errors?: FieldIssue[];
}

const BY_CODE: Record<ErrorCode, { status: number; title: string }> = {
  VALIDATION: { status: 400, title: 'The request is not valid' },
  ID_CONFLICT: { status: 409, title: 'Conflicts with what is stored' },
  NOT_FOUND: { status: 404, title: 'Not found' },
  ILLEGAL_TRANSITION: { status: 409, title: 'Not allowed in the current state' },
  FORBIDDEN: { status: 403, title: 'Forbidden' },
  UNAUTHENTICATED: { status: 401, title: 'Authentication required' },
  ROOT_MISMATCH: { status: 409, title: 'Log root mismatch' },
  BAD_SIGNATURE: { status: 401, title: 'Bad signature' },
  INCONSISTENT: { status: 409, title: 'Inconsistent' },
  RATE_LIMITED: { status: 429, title: 'Too many requests' },
  UNAVAILABLE: { status: 503, title: 'Temporarily unavailable' },
};

const TITLE_BY_STATUS: Record<number, string> = {
  400: 'Bad request',
  401: 'Authentication required',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  406: 'Not acceptable',
  413: 'Request body too large',
  415: 'Unsupported media type',
  429: 'Too many requests',
  500: 'Internal error',
  503: 'Temporarily unavailable',
};

/** `urn:truceline:problem:<slug>`; documented in the OpenAPI description. */
export function problemType(slug: string): string {
  return `urn:truceline:problem:${slug.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
}

/** `/a/0/b` (JSON Pointer) → `a[0].b`, the path style of FieldIssue. */
export function pointerToPath(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, seg) => (/^\d+$/.test(seg) ? `${acc}[${seg}]` : acc ? `${acc}.${seg}` : seg), '');
}

export function toProblem(err: unknown, request: FastifyRequest): Problem {
  const instance = `${request.url.split('?')[0]!.slice(0, 512)}#${request.id}`;
  if (err instanceof TrucelineError) {
    const { status, title } = BY_CODE[err.code];
    return { type: problemType(err.code), title, status, detail: err.message, instance, ...(err.issues.length ? { errors: [...err.issues] } : {}) };
  }
  const e = err as FastifyError & { validationContext?: string };
  if (hasZodFastifySchemaValidationErrors(e) || Array.isArray(e.validation)) {
    const where = e.validationContext ?? 'body';
    const prefix = where === 'body' ? '' : `${where === 'querystring' ? 'query' : where}.`;
    const errors = (e.validation ?? []).slice(0, 100).map((v) => {
      const path = pointerToPath(v.instancePath ?? '');
      return { path: prefix + path || prefix.slice(0, -1), reason: v.message ?? 'is not valid' };
    });
    const detail = `invalid ${where}: ${errors.map((i) => `${i.path || '(root)'}: ${i.reason}`).join('; ')}`.slice(0, 2000);
    return { type: problemType('validation'), title: BY_CODE.VALIDATION.title, status: 400, detail, instance, errors };
  }
  // The database unavailable, full or read-only: 503 naming the condition, never a 500 (store-errors.ts).
  const down = classifyStoreError(err);
  if (down) return { type: problemType(down.kind), title: STORE_PROBLEM[down.kind].title, status: 503, detail: STORE_PROBLEM[down.kind].detail, instance };
  const status = typeof e?.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 600 ? e.statusCode : 500;
  if (status >= 500) {
    return { type: problemType('internal'), title: TITLE_BY_STATUS[status] ?? 'Server error', status, detail: 'the server could not complete the request; it has been logged', instance };
  }
  const slug = e.code?.startsWith('FST_') ? e.code.slice(4) : String(status);
  return { type: problemType(slug), title: TITLE_BY_STATUS[status] ?? 'Client error', status, detail: String(e.message ?? '').slice(0, 500), instance };
}

export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  return reply.code(problem.status).type(PROBLEM_CONTENT_TYPE).send(problem);
}

/** Installs the error and not-found handlers; 5xx errors are logged with their stack. */
export function installProblemHandlers(app: FastifyInstance): void {
  app.setErrorHandler((err, request, reply) => {
    const problem = toProblem(err, request);
    const down = classifyStoreError(err);
    if (down) {
      // An outage is not a bug: one line with the code, no stack; the client is told when to come back.
      request.log.warn({ storeError: down.code, condition: down.kind }, 'store unavailable');
      reply.header('retry-after', String(down.retryAfterS));
    } else if (problem.status >= 500) request.log.error({ err }, 'request failed');
    if (problem.status === 503 && !reply.hasHeader('retry-after')) reply.header('retry-after', String(RETRY_AFTER_S.unavailable));
    if (problem.status === 401 && !reply.hasHeader('www-authenticate')) reply.header('www-authenticate', 'Bearer realm="truceline"');
    return sendProblem(reply, problem);
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, {
      type: problemType('not-found'),
      title: 'Not found',
      status: 404,
      detail: `no route ${request.method} ${request.url.split('?')[0]!.slice(0, 200)}`,
      instance: `${request.url.split('?')[0]!.slice(0, 512)}#${request.id}`,
    }),
  );
}

/**
 * Errors fastify raises before routing (a malformed URL, a path parameter over the length
 * limit): answered here too, so they are problem+json like everything else.
 */
export function frameworkErrorHandler(err: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  void sendProblem(reply, toProblem(err, request));
}

/**
 * Errors Node's HTTP parser raises before fastify sees a request (headers too large, a broken
 * request line, a timeout): a minimal problem+json written to the socket, then the socket closed.
 */
export function clientErrorHandler(err: NodeJS.ErrnoException, socket: import('node:net').Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, title] =
    err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? [408, 'Request timeout'] : err.code === 'HPE_HEADER_OVERFLOW' ? [431, 'Request header fields too large'] : [400, 'Bad request'];
  const body = JSON.stringify({ type: problemType(String(status)), title, status, detail: `the HTTP request could not be read (${err.code ?? 'parse error'})`, instance: '' });
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${title}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  }
  socket.destroy(err);
}
