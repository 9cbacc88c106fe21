/**
 * The field app's calls to the HTTP API: log in, who am I, file reports, upload photos. Same
 * origin, cookie session; state-changing calls echo the `tl_csrf` cookie in X-CSRF-Token.
 */
import type { ItemAnswer } from './queue.js';

export interface FieldUser {
  readonly name: string;
  readonly role: string;
}

/** The request reached no answer worth keeping (network, 5xx, 401): try again later. */
export class RetryableError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
  }
}

function csrfToken(): string | null {
  for (const part of document.cookie.split(';')) {
    const [k, v] = part.trim().split('=');
    if (k === 'tl_csrf' && v) return decodeURIComponent(v);
  }
  return null;
}

async function send(path: string, init: RequestInit): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('accept', 'application/json, application/problem+json');
  const csrf = csrfToken();
  if (init.method && init.method !== 'GET' && csrf) headers.set('x-csrf-token', csrf);
  try {
    return await fetch(path, { ...init, headers, credentials: 'same-origin', cache: 'no-store' });
  } catch (err) {
    throw new RetryableError(err instanceof Error ? err.message : String(err), null);
  }
}

async function problemDetail(res: Response): Promise<string> {
  try {
    const p = (await res.json()) as { detail?: string; title?: string };
    return p.detail ?? p.title ?? `HTTP ${res.status}`;
  } catch {
    return `HTTP ${res.status}`;
  }
}

export async function login(name: string, password: string): Promise<FieldUser> {
  const res = await send('/api/v1/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password }),
  });
  if (!res.ok) throw new Error(await problemDetail(res));
  return ((await res.json()) as { user: FieldUser }).user;
}

/** The signed-in user; null when not signed in; throws RetryableError when offline. */
export async function me(): Promise<FieldUser | null> {
  const res = await send('/api/v1/auth/me', { method: 'GET' });
  if (res.status === 401) return null;
  if (!res.ok) throw new RetryableError(await problemDetail(res), res.status);
  return ((await res.json()) as { user: FieldUser }).user;
}

/**
 * Files a batch. 200 gives one answer per item, in order. A whole-request refusal that resending
 * cannot cure (400, 403, 413, 415) is answered as `rejected` for every item with the server's
 * reason; anything else (offline, 401, 429, 5xx) is a RetryableError.
 */
export async function fileObservations(
  items: readonly Record<string, unknown>[],
): Promise<ItemAnswer[]> {
  const res = await send('/api/v1/observations', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(items),
  });
  if (res.ok) return ((await res.json()) as { results: ItemAnswer[] }).results;
  const detail = await problemDetail(res);
  if ([400, 403, 413, 415].includes(res.status))
    return items.map((o) => ({
      id: typeof o.id === 'string' ? o.id : null,
      status: 'rejected' as const,
      issues: [{ path: '(request)', reason: detail }],
    }));
  throw new RetryableError(detail, res.status);
}

/** Uploads one photo as evidence of a filed observation (POST /api/v1/evidence, raw body). */
export async function uploadPhoto(observationId: string, name: string, blob: Blob): Promise<void> {
  const q = new URLSearchParams({ observationId, filename: name });
  const res = await send(`/api/v1/evidence?${q.toString()}`, {
    method: 'POST',
    headers: { 'content-type': blob.type || 'application/octet-stream' },
    body: blob,
  });
  if (res.ok) return;
  const detail = await problemDetail(res);
  if ([400, 403, 404, 413, 415].includes(res.status)) throw new Error(detail);
  throw new RetryableError(detail, res.status);
}
