/**
 * The stored incidents as escalation and early warning read them: fusion's incident with its
 * reporting sector (the agreement sector holding its location), the verification status and
 * verified findings from its workflow, and the provisions the finding (else the assessment) says
 * were broken. Also where each finding was issued in the ledger, for a consultation's evidence.
 */
import type { Agreement } from '../../domain/agreement/index.js';
import { CLAIMED_AT } from '../../domain/assessment/index.js';
import type { EscalationIncident } from '../../domain/escalation/index.js';
import { areaContaining } from '../../domain/geo/index.js';
import type { PolygonCoords } from '../../domain/units.js';
import type { Store, StoredIncident } from '../../store/port.js';
import { readWorkflow } from '../workflow/stored.js';

const PAGE = 2000;

/** A function giving the agreement sector holding a point, or null. */
export function sectorLocator(
  agreement: Pick<Agreement, 'sectors'>,
): (lonLat: readonly [number, number]) => string | null {
  const areas: Record<string, PolygonCoords> = {};
  for (const s of agreement.sectors) areas[s.id] = s.polygon;
  return (p) => (agreement.sectors.length === 0 ? null : areaContaining([p[0], p[1]], areas));
}

/** Every stored incident whose window overlaps [fromMs, ∞), oldest first, page by page. */
export async function storedIncidentsSince(
  store: Store,
  fromMs: number,
): Promise<StoredIncident[]> {
  if (!store.queryIncidents) return [];
  const out: StoredIncident[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.queryIncidents({
      from: new Date(fromMs).toISOString(),
      limit: PAGE,
      ...(cursor ? { cursor } : {}),
    });
    out.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}

export interface EvidenceIndex {
  /** Ledger index of the event that issued each current finding. */
  readonly findingLedgerIndex: ReadonlyMap<string, { incidentId: string; ledgerIndex: number }>;
}

/** One incident as escalation reads it, and the current findings its workflow issued. */
export interface EscalationEntry {
  readonly incident: EscalationIncident;
  /** Each current verified finding's id, with the ledger entry that issued it. */
  readonly findings: readonly (readonly [string, { incidentId: string; ledgerIndex: number }])[];
}

/**
 * One stored incident as escalation reads it, in reporting sector `sectorId` (status from the
 * workflow, 'reported' without one): reads its workflow.
 */
export async function escalationEntry(
  store: Store,
  s: StoredIncident,
  sectorId: string | null,
): Promise<EscalationEntry> {
  const i = s.incident;
  const workflow = await readWorkflow(store, i.id);
  const findings = (workflow?.state.findings ?? []).filter((f) => !f.superseded);
  const issued: [string, { incidentId: string; ledgerIndex: number }][] = [];
  for (const { ledgerIndex, event } of workflow?.events ?? []) {
    if (
      (event.type === 'incident.assessment_confirmed' || event.type === 'incident.signed_off') &&
      event.finding
    )
      issued.push([event.finding.id, { incidentId: i.id, ledgerIndex }]);
  }
  // The provisions the assessment claims (a possible match is not a breach), and the findings'.
  const provisions = new Set<string>(
    s.assessment.provisions.filter((p) => p.confidence >= CLAIMED_AT).map((p) => p.provisionId),
  );
  for (const f of findings) for (const p of f.provisions) provisions.add(p);
  return {
    incident: {
      id: i.id,
      sectorId,
      window: i.window,
      weapon: i.weapon,
      ...(i.calibreMm !== undefined ? { calibreMm: i.calibreMm } : {}),
      events: i.events,
      count: i.count,
      status: workflow?.state.status ?? s.status,
      provisions: [...provisions].sort(),
      findingIds: findings.map((f) => f.id),
      location: i.location,
      radiusM: i.radius90M,
    },
    findings: issued,
  };
}

/**
 * The incidents as escalation reads them (status from the workflow, 'reported' without one),
 * and where each current verified finding was issued.
 */
export async function escalationIncidents(
  store: Store,
  agreement: Pick<Agreement, 'sectors'>,
  incidents: readonly StoredIncident[],
): Promise<{ incidents: EscalationIncident[] } & EvidenceIndex> {
  const sectorOf = sectorLocator(agreement);
  const findingLedgerIndex = new Map<string, { incidentId: string; ledgerIndex: number }>();
  const out: EscalationIncident[] = [];
  for (const s of incidents) {
    const entry = await escalationEntry(store, s, sectorOf(s.incident.location));
    for (const [id, at] of entry.findings) findingLedgerIndex.set(id, at);
    out.push(entry.incident);
  }
  return { incidents: out, findingLedgerIndex };
}
