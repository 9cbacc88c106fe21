import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Principal } from './principal.js';

/**
 * One JSON line per request (pino, through fastify's logger): `reqId`, `method`, `route` (the
 * pattern, e.g. `/api/v1/observations/:id`), `path` (without the query, which may carry a signed
 * link's token), `status`, `durationMs` and the caller (`principal: {kind, name, role}`).
 * Credentials never reach the log: no headers, no query strings, no bodies, and `redact` below
 * blanks the usual places should anything log them by mistake.
 */
export class RequestLog extends LogController {
  override incomingRequest(request: FastifyRequest): void {
    if (this.isLogDisabled(request)) return;
    request.log.debug({ method: request.method, path: pathOf(request) }, 'incoming request');
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (this.isLogDisabled(request)) return;
    const line = {
      method: request.method,
      route: request.routeOptions.url ?? null,
      path: pathOf(request),
      status: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime * 1000) / 1000,
      principal: principalSummary(request.principal),
    };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else reply.log.info(line, 'request completed');
  }
}

function pathOf(request: FastifyRequest): string {
  return (request.raw.url ?? '').split('?')[0]!.slice(0, 512);
}

/** Who called, by name and role only (never a token id, session id or credential). */
export function principalSummary(p: Principal | null | undefined): Record<string, string | null> {
  if (!p) return { kind: 'anonymous' };
  if (p.kind === 'user') return { kind: 'user', name: p.name, role: p.role, party: p.party, via: p.via };
  if (p.kind === 'device') return { kind: 'device', name: p.id };
  return { kind: p.kind };
}

/** pino paths blanked in every log line: credentials wherever a careless log call might put them. */
export const LOG_REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers.cookie',
  'res.headers["set-cookie"]',
  'password',
  'newPassword',
  'currentPassword',
  'token',
  '*.password',
  '*.newPassword',
  '*.currentPassword',
  '*.token',
];
