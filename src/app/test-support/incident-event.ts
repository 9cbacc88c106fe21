/** An `incident.<kind>` ledger event as fusion records it, for tests that feed stores by hand. */
import type { IncidentVisibility } from '../../store/port.js';
import type { LedgerEvent } from '../events/event.js';

export interface IncidentEventFields {
  readonly id: string;
  readonly location: readonly [number, number];
  /** When the event is recorded, epoch ms. */
  readonly atMs: number;
  /** The incident's window, epoch ms. */
  readonly fromMs: number;
  readonly toMs: number;
  readonly events?: readonly string[];
  readonly weapon?: string;
  readonly count?: number;
  readonly aliases?: readonly string[];
  readonly attribution?: { readonly party: string; readonly confidence: number };
  readonly provisions?: readonly { readonly provisionId: string; readonly kind: string; readonly confidence: number }[];
  readonly visibility?: IncidentVisibility;
  readonly party?: string | null;
}

export function incidentLedgerEvent(
  kind: 'opened' | 'updated' | 'merged' | 'split',
  f: IncidentEventFields,
  extra: Record<string, unknown> = {},
): LedgerEvent {
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    v: 1,
    type: `incident.${kind}`,
    at: iso(f.atMs),
    actor: 'system',
    data: {
      incident: {
        id: f.id,
        location: f.location,
        radius90M: 400,
        window: { from: iso(f.fromMs), to: iso(f.toMs) },
        events: f.events ?? ['explosion'],
        weapon: f.weapon ?? 'artillery',
        ...(f.count !== undefined ? { count: f.count } : {}),
        aliases: f.aliases ?? [],
        observationIds: [],
      },
      assessment: {
        origin: null,
        attribution: { ...(f.attribution ?? { party: 'undetermined', confidence: 0 }), shares: {}, reason: 'test' },
        provisions: f.provisions ?? [],
      },
      visibility: f.visibility ?? 'public',
      party: f.party ?? null,
      reason: 'test',
      observationIds: [],
      ...extra,
    },
  };
}
