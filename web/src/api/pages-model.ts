/**
 * The shapes and pure helpers of the dashboard's pages (no I/O, so tests and tools can use them
 * without a browser); web/src/api/pages.ts makes the calls.
 */
import type { Position } from './types.js';

export const REPORT_LANGS = ['en', 'uk', 'ru'] as const;

export type ReportLang = (typeof REPORT_LANGS)[number];

/** GET /api/v1/reports: one published report. */
export interface PublishedReport {
  readonly kind: 'daily' | 'weekly';
  readonly date: string;
  readonly from: string;
  readonly to: string;
  readonly modelSha256: string;
  readonly approvedBy: string;
  readonly approvedAt: string;
  readonly ledgerIndex: number;
}

/** The served rendering of a published report (HTML to read in a frame, PDF to download). */
export function reportUrl(
  r: Pick<PublishedReport, 'kind' | 'date'>,
  lang: ReportLang,
  format: 'html' | 'pdf',
): string {
  const p = new URLSearchParams({ kind: r.kind, lang, format });
  return `/api/v1/reports/${encodeURIComponent(r.date)}?${p.toString()}`;
}

/** GET /api/v1/alerts: an escalation alert (level 1–3) or an early warning (level 0). */
export interface AlertView {
  readonly kind: 'escalation' | 'early_warning';
  readonly id: string;
  readonly level: number;
  readonly state: string;
  readonly summary: string;
  readonly sectorId: string | null;
  readonly raisedAt: string;
  readonly ackDeadline?: string;
  readonly recipients: readonly string[];
  readonly acknowledgedBy: string | null;
  readonly incidentIds?: readonly string[];
}

export interface DeliveryView {
  readonly channel: 'webhook' | 'email';
  readonly recipient: string;
  readonly target: string;
  readonly attempts: number;
  readonly status: 'retrying' | 'delivered' | 'parked';
  readonly lastError: string | null;
}

export const EQUIPMENT_CATEGORIES = [
  'battle_tanks',
  'armoured_combat_vehicles',
  'artillery',
  'combat_aircraft',
  'attack_helicopters',
] as const;

export type EquipmentCategory = (typeof EQUIPMENT_CATEGORIES)[number];

/** What a declaration is measured by: troops and each equipment category. */
export const DECLARED_MEASURES = ['troops', ...EQUIPMENT_CATEGORIES] as const;

export type DeclaredMeasure = (typeof DECLARED_MEASURES)[number];

export interface DeclaredUnit {
  readonly id: string;
  readonly name: string;
  readonly location: Position;
  readonly personnel: number;
  readonly equipment: Partial<Record<EquipmentCategory, number>>;
}

export interface FindingCandidate {
  readonly kind: string;
  readonly party: string;
  readonly subject: string;
  readonly text: string;
  readonly figures: Readonly<Record<string, number | string | null>>;
}

/** GET /api/v1/declarations: `candidates` only for mission staff and the declaring party. */
export interface StoredDeclaration {
  readonly id: string;
  readonly declaration: {
    readonly party: string;
    readonly asOf: string;
    readonly units: DeclaredUnit[];
  };
  readonly submittedBy: string;
  readonly submittedAt: string;
  readonly checkedAt: string;
  readonly ledgerIndex: number;
  readonly candidates?: readonly FindingCandidate[];
}

/** Troops and each equipment category a declaration adds up to. */
export function declarationTotals(d: StoredDeclaration): Record<DeclaredMeasure, number> {
  const totals = Object.fromEntries(DECLARED_MEASURES.map((m) => [m, 0])) as Record<
    DeclaredMeasure,
    number
  >;
  for (const u of d.declaration.units) {
    totals.troops += u.personnel;
    for (const c of EQUIPMENT_CATEGORIES) totals[c] += u.equipment[c] ?? 0;
  }
  return totals;
}

/** GET /api/v1/agreement's ceilings: troops per party, equipment per category then party. */
export interface Ceilings {
  readonly troops: Readonly<Record<string, number>>;
  readonly equipment: Partial<Record<EquipmentCategory, Readonly<Record<string, number>>>>;
}

export function ceilingOf(
  c: Ceilings | undefined,
  party: string,
  m: DeclaredMeasure,
): number | null {
  if (!c) return null;
  const v = m === 'troops' ? c.troops[party] : c.equipment[m]?.[party];
  return v ?? null;
}

/** GET /api/v1/notices: a de-confliction notice as stored. */
export interface StoredNotice {
  readonly notice: {
    readonly id: string;
    readonly party: string;
    readonly kind: string;
    readonly purpose: string;
    readonly area: Position[][];
    readonly window: { readonly from: string; readonly to: string };
    readonly filedAt: string;
    readonly visibility?: string;
  };
  readonly status: 'announced' | 'withdrawn';
  readonly late: unknown;
}

/** GET /api/v1/silences: a window of silence around a repair site. */
export interface StoredSilence {
  readonly silence: {
    readonly id: string;
    readonly site: Position;
    readonly radiusKm: number;
    readonly window: { readonly from: string; readonly to: string };
    readonly purpose: string;
    readonly status: string;
  };
}

/** Workflow statuses that wait on an analyst or the chief. */
export const QUEUE_STATUSES = ['reported', 'triaged', 'under_investigation'] as const;

/** GET /api/v1/users. */
export interface AdminUser {
  readonly name: string;
  readonly role: string;
  readonly party: string | null;
  readonly disabled: boolean;
  readonly mustChangePassword: boolean;
  readonly createdAt: string;
}

export interface ApiToken {
  readonly id: string;
  readonly user: string;
  readonly scopes: readonly string[];
  readonly label: string;
  readonly createdAt: string;
  readonly expiresAt: string | null;
  readonly revokedAt: string | null;
}

export interface GatewayDevice {
  readonly id: string;
  readonly name: string;
  readonly publicKey: string;
  readonly createdAt: string;
  readonly revokedAt: string | null;
}

export const ROLES = ['monitor', 'analyst', 'chief', 'liaison', 'guarantor', 'admin'] as const;

export const TOKEN_SCOPES = ['observations:read', 'observations:write', 'identity:admin'] as const;
