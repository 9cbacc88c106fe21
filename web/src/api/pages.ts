/**
 * The API the dashboard's pages read and write besides the map's: reports, alerts, declarations,
 * notices and windows of silence, the verification queue, users, tokens and gateway keys. Shapes
 * as the routes in src/server/routes answer them, as far as the pages show them.
 */
import { call } from './client.js';
import type { IncidentFeature, IncidentPage } from './types.js';
import type {
  AdminUser,
  AlertView,
  ApiToken,
  DeliveryView,
  GatewayDevice,
  PublishedReport,
  StoredDeclaration,
  StoredNotice,
  StoredSilence,
} from './pages-model.js';

export * from './pages-model.js';

export function listReports(signal?: AbortSignal): Promise<PublishedReport[]> {
  return call<{ reports: PublishedReport[] }>('/api/v1/reports', { signal }).then((r) => r.reports);
}

export function listAlerts(signal?: AbortSignal): Promise<AlertView[]> {
  return call<{ alerts: AlertView[] }>('/api/v1/alerts', { signal }).then((r) => r.alerts);
}

export function alertDeliveries(id: string, signal?: AbortSignal): Promise<DeliveryView[]> {
  return call<{ deliveries: DeliveryView[] }>(`/api/v1/alerts/${encodeURIComponent(id)}`, {
    signal,
  }).then((r) => r.deliveries);
}

export function acknowledgeAlert(id: string): Promise<{ alert: AlertView; recorded: boolean }> {
  return call(`/api/v1/alerts/${encodeURIComponent(id)}/ack`, { method: 'POST' });
}

export function listDeclarations(signal?: AbortSignal): Promise<StoredDeclaration[]> {
  return call<{ declarations: StoredDeclaration[] }>('/api/v1/declarations', { signal }).then(
    (r) => r.declarations,
  );
}

export function listNotices(signal?: AbortSignal): Promise<StoredNotice[]> {
  return call<{ notices: StoredNotice[] }>('/api/v1/notices', { signal }).then((r) => r.notices);
}

export function listSilences(signal?: AbortSignal): Promise<StoredSilence[]> {
  return call<{ silences: StoredSilence[] }>('/api/v1/silences', { signal }).then(
    (r) => r.silences,
  );
}

/** Every incident in `statuses` the caller may see, following `next` links, up to `cap`. */
export async function loadQueue(
  statuses: readonly string[],
  signal?: AbortSignal,
  cap = 2000,
): Promise<IncidentFeature[]> {
  const out: IncidentFeature[] = [];
  const p = new URLSearchParams({ status: statuses.join(','), limit: '500' });
  let url: string | null = `/api/v1/incidents?${p.toString().replace(/%2C/g, ',')}`;
  while (url !== null && out.length < cap) {
    const page: IncidentPage = await call<IncidentPage>(url, { signal });
    out.push(...page.features);
    url = page.links.find((l) => l.rel === 'next')?.href ?? null;
  }
  return out;
}

export const listUsers = (signal?: AbortSignal) => call<AdminUser[]>('/api/v1/users', { signal });

export function createUser(body: {
  name: string;
  role: string;
  party: string | null;
}): Promise<{ user: AdminUser; password: string | null }> {
  return call('/api/v1/users', { method: 'POST', json: body });
}

export function disableUser(name: string): Promise<AdminUser> {
  return call(`/api/v1/users/${encodeURIComponent(name)}/disable`, { method: 'POST' });
}

export function resetPassword(name: string): Promise<{ user: AdminUser; password: string }> {
  return call(`/api/v1/users/${encodeURIComponent(name)}/password-reset`, { method: 'POST' });
}

export function createToken(body: {
  user: string;
  scopes: string[];
  label: string;
}): Promise<{ token: string; record: ApiToken }> {
  return call('/api/v1/tokens', { method: 'POST', json: body });
}

/** Every user's tokens, without their secrets (admins). */
export const listTokens = (signal?: AbortSignal) => call<ApiToken[]>('/api/v1/tokens', { signal });

export function revokeToken(id: string): Promise<ApiToken> {
  return call(`/api/v1/tokens/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

export const listDevices = (signal?: AbortSignal) =>
  call<GatewayDevice[]>('/api/v1/devices', { signal });

export function addDevice(body: { name: string; publicKey: string }): Promise<GatewayDevice> {
  return call('/api/v1/devices', { method: 'POST', json: body });
}

export function revokeDevice(id: string): Promise<GatewayDevice> {
  return call(`/api/v1/devices/${encodeURIComponent(id)}/revoke`, { method: 'POST' });
}
