/**
 * The dashboard's only way to the server: same-origin fetches of the HTTP API. Sessions are the
 * server's cookies; state-changing calls echo the `tl_csrf` cookie in X-CSRF-Token.
 */
import type {
  Agreement,
  IncidentFeature,
  IncidentPage,
  ObservationFeature,
  ObservationPage,
  Problem,
  User,
} from './types.js';
import {
  incidentsUrl,
  observationsUrl,
  type IncidentQuery,
  type ObservationQuery,
} from './urls.js';

export { incidentsUrl, observationsUrl, type IncidentQuery, type ObservationQuery };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | null,
  ) {
    super(problem?.detail ?? `HTTP ${status}`);
  }
}

const CSRF_COOKIE = 'tl_csrf';

function csrfToken(): string | null {
  for (const part of document.cookie.split(';')) {
    const [k, v] = part.trim().split('=');
    if (k === CSRF_COOKIE && v) return decodeURIComponent(v);
  }
  return null;
}

/** True when the browser holds a session's CSRF cookie (so asking who we are is worth a request). */
export function mayHaveSession(): boolean {
  return csrfToken() !== null;
}

/** One API call (same origin, CSRF echoed on writes); a non-2xx answer throws ApiError. */
export async function call<T>(
  path: string,
  init: RequestInit & { json?: unknown } = {},
): Promise<T> {
  const headers = new Headers(init.headers);
  headers.set('accept', 'application/json, application/geo+json, application/problem+json');
  let body = init.body;
  if (init.json !== undefined) {
    headers.set('content-type', 'application/json');
    body = JSON.stringify(init.json);
  }
  const method = init.method ?? 'GET';
  const csrf = csrfToken();
  if (method !== 'GET' && csrf) headers.set('x-csrf-token', csrf);
  const res = await fetch(path, { ...init, method, headers, body, credentials: 'same-origin' });
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  const data: unknown = text ? JSON.parse(text) : null;
  if (!res.ok) throw new ApiError(res.status, (data as Problem | null) ?? null);
  return data as T;
}

export function getAgreement(signal?: AbortSignal): Promise<Agreement> {
  return call<Agreement>('/api/v1/agreement', { signal });
}

export interface ObservationLoad {
  readonly features: ObservationFeature[];
  /** More matched than `cap`: the map shows the first `cap`. */
  readonly truncated: boolean;
}

/** Every page of observations matching `q`, following `next` links, up to `cap` features. */
export async function loadObservations(
  q: ObservationQuery,
  opts: { cap?: number; signal?: AbortSignal } = {},
): Promise<ObservationLoad> {
  const cap = opts.cap ?? 20_000;
  const features: ObservationFeature[] = [];
  let url: string | null = observationsUrl(q, Math.min(5000, cap));
  while (url !== null && features.length < cap) {
    const page: ObservationPage = await call<ObservationPage>(url, { signal: opts.signal });
    features.push(...page.features);
    url = page.links.find((l) => l.rel === 'next')?.href ?? null;
  }
  return { features: features.slice(0, cap), truncated: url !== null || features.length > cap };
}

/** Every page of incidents matching `q`, following `next` links, up to `cap` features. */
export async function loadIncidents(
  q: IncidentQuery,
  opts: { cap?: number; signal?: AbortSignal } = {},
): Promise<{ features: IncidentFeature[]; truncated: boolean }> {
  const cap = opts.cap ?? 5000;
  const features: IncidentFeature[] = [];
  let url: string | null = incidentsUrl(q, Math.min(1000, cap));
  while (url !== null && features.length < cap) {
    const page: IncidentPage = await call<IncidentPage>(url, { signal: opts.signal });
    features.push(...page.features);
    url = page.links.find((l) => l.rel === 'next')?.href ?? null;
  }
  return { features: features.slice(0, cap), truncated: url !== null || features.length > cap };
}

/** One incident with the member observations the caller may read. */
export function getIncident(id: string, signal?: AbortSignal): Promise<IncidentFeature> {
  return call<IncidentFeature>(`/api/v1/incidents/${encodeURIComponent(id)}`, { signal });
}

export async function login(name: string, password: string): Promise<User> {
  const r = await call<{ user: User }>('/api/v1/auth/login', {
    method: 'POST',
    json: { name, password },
  });
  return r.user;
}

export async function me(): Promise<User | null> {
  try {
    return (await call<{ user: User }>('/api/v1/auth/me')).user;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  }
}

export async function logout(): Promise<void> {
  await call<void>('/api/v1/auth/logout', { method: 'POST' });
}

export async function changePassword(currentPassword: string, newPassword: string): Promise<User> {
  return (
    await call<{ user: User }>('/api/v1/auth/password', {
      method: 'POST',
      json: { currentPassword, newPassword },
    })
  ).user;
}
