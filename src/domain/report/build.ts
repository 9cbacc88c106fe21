/**
 * Builds the report model (types.ts) from plain inputs: the incidents of the period and of the
 * 30 days before it, restriction reports, the workflows' findings, the agreement and a gazetteer.
 * Pure: the caller (src/app/reports) gathers the inputs from the store.
 *
 * What counts as a ceasefire violation: an incident that names one of the five report
 * categories (categories.ts), whose verification has not concluded `not_verified` (the mission
 * found it did not happen as reported), counted with its fused count (never a sum across sources)
 * in the period that holds the START of its window: [from, to), so consecutive reports count each
 * incident once.
 */
import type { Agreement } from '../agreement/index.js';
import { CLAIMED_AT, type ProvisionMatch } from '../assessment/index.js';
import type { Incident } from '../fusion/index.js';
import { areaContaining } from '../geo/index.js';
import type { Observation } from '../observation/types.js';
import type { IncidentWorkflow } from '../workflow/index.js';
import type { LonLat, MultiPolygonCoords, PolygonCoords } from '../units.js';
import { addTo, violationCategory, zeroBreakdown } from './categories.js';
import { addDays, dailyBounds } from './period.js';
import { nearestSettlement, placeRef, regionId, type Gazetteer } from './place.js';
import { findingsBlock, restrictionsBlock, within } from './sections.js';
import {
  REPORT_MODEL_VERSION,
  type CountRow,
  type DisengagementRow,
  type MapPoint,
  type NotableIncident,
  type PlaceRef,
  type ReportModel,
  type ReportPeriod,
  type TrendDay,
  type ViolationBreakdown,
  type ViolationCategory,
  type WithdrawalBreach,
} from './types.js';

/** An incident as the report reads it: the fused snapshot, what assessment found, its status. */
export interface ReportIncident {
  readonly incident: Incident;
  /** Attributed party id, or 'undetermined'. */
  readonly party: string;
  readonly provisions: readonly ProvisionMatch[];
  readonly status: string;
}

export interface ReportInputs {
  readonly missionId: string;
  readonly agreement: Agreement;
  readonly gazetteer: Gazetteer;
  readonly period: ReportPeriod;
  /** When the model is built (ISO UTC). */
  readonly generatedAt: string;
  /**
   * Incidents whose window starts anywhere from the earlier of the previous period's start and
   * the trend's first day, to the period's end. Others are ignored.
   */
  readonly incidents: readonly ReportIncident[];
  /** Restriction reports (`event: "restriction"`) of the period and the previous one. */
  readonly restrictions: readonly Observation[];
  /** Workflows of incidents that may have findings issued or replied to in the period. */
  readonly workflows: readonly IncidentWorkflow[];
}

export interface ReportOptions {
  /** Assessment confidence a withdrawal or disengagement match needs to be reported (default 0.5). */
  readonly minConfidence?: number;
  /** Most notable incidents listed (default 20). */
  readonly maxNotable?: number;
}

/** Weapons whose every use is notable, whatever the count. */
const HEAVY = new Set([
  'mortar',
  'artillery',
  'tank',
  'anti_tank',
  'mlrs',
  'missile',
  'aircraft',
  'helicopter',
]);
/** An incident this large is notable with any weapon. */
const NOTABLE_COUNT = 10;
const TREND_DAYS = 30;
const OUTSIDE = 'outside';

interface Counted {
  readonly r: ReportIncident;
  readonly startMs: number;
  readonly category: ViolationCategory | null;
  readonly sector: string;
  readonly region: string;
}

function sum(rows: readonly Counted[]): ViolationBreakdown {
  let b = zeroBreakdown();
  for (const c of rows) if (c.category) b = addTo(b, c.category, c.r.incident.count);
  return b;
}

function countRows(
  ids: readonly string[],
  key: (c: Counted) => string,
  current: readonly Counted[],
  previous: readonly Counted[],
): CountRow[] {
  const seen = new Set([...current, ...previous].map(key));
  const all = [...ids, ...[...seen].filter((id) => !ids.includes(id)).sort()];
  return all.map((id) => ({
    id,
    current: sum(current.filter((c) => key(c) === id)),
    previous: sum(previous.filter((c) => key(c) === id)),
  }));
}

function matches(
  r: ReportIncident,
  test: (m: ProvisionMatch) => boolean,
  minConfidence: number,
): ProvisionMatch[] {
  return r.provisions.filter((m) => test(m) && m.confidence >= minConfidence);
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;

function bbox(
  line: readonly LonLat[],
  points: readonly MapPoint[],
): [number, number, number, number] {
  const all = [...line, ...points.map((p) => p.location)];
  const lons = all.map((p) => p[0]);
  const lats = all.map((p) => p[1]);
  const m = 0.2;
  return [
    round3(Math.min(...lons) - m),
    round3(Math.min(...lats) - m),
    round3(Math.max(...lons) + m),
    round3(Math.max(...lats) + m),
  ];
}

/** The report model for `inputs.period`. Deterministic: the same inputs give the same model. */
export function buildReportModel(inputs: ReportInputs, options: ReportOptions = {}): ReportModel {
  const { agreement, gazetteer, period } = inputs;
  const minConfidence = options.minConfidence ?? CLAIMED_AT;
  const maxNotable = options.maxNotable ?? 20;
  const sectorAreas: Record<string, PolygonCoords | MultiPolygonCoords> = Object.fromEntries(
    agreement.sectors.map((s) => [s.id, s.polygon as PolygonCoords]),
  );

  // Each incident once (by id), excluding those the mission found did not happen as reported.
  const byId = new Map<string, ReportIncident>();
  for (const r of inputs.incidents) if (r.status !== 'not_verified') byId.set(r.incident.id, r);
  const counted: Counted[] = [...byId.values()]
    .map((r) => {
      const near = nearestSettlement(r.incident.location, gazetteer);
      return {
        r,
        startMs: Date.parse(r.incident.window.from),
        category: violationCategory(r.incident.events),
        sector: areaContaining(r.incident.location, sectorAreas) ?? OUTSIDE,
        region: near ? regionId(near.settlement) : OUTSIDE,
      };
    })
    .sort((a, b) => a.startMs - b.startMs || a.r.incident.id.localeCompare(b.r.incident.id));

  const inPeriod = (p: { from: string; to: string }) =>
    counted.filter((c) => within(c.startMs, p.from, p.to));
  const current = inPeriod(period);
  const previous = inPeriod(period.previous);
  const currentViolations = current.filter((c) => c.category !== null);
  const previousViolations = previous.filter((c) => c.category !== null);

  const places = new Map<string, PlaceRef | null>();
  const place = (r: ReportIncident): PlaceRef | null => {
    if (!places.has(r.incident.id))
      places.set(r.incident.id, placeRef(r.incident.location, gazetteer));
    return places.get(r.incident.id) ?? null;
  };

  const notable: NotableIncident[] = currentViolations
    .filter((c) => HEAVY.has(c.r.incident.weapon) || c.r.incident.count >= NOTABLE_COUNT)
    .sort(
      (a, b) =>
        Number(HEAVY.has(b.r.incident.weapon)) - Number(HEAVY.has(a.r.incident.weapon)) ||
        b.r.incident.count - a.r.incident.count ||
        a.startMs - b.startMs ||
        a.r.incident.id.localeCompare(b.r.incident.id),
    )
    .slice(0, maxNotable)
    .map((c) => ({
      incidentId: c.r.incident.id,
      kind: c.category!,
      events: [...c.r.incident.events],
      count: c.r.incident.count,
      side: c.r.party,
      weapon: c.r.incident.weapon,
      calibreMm: c.r.incident.calibreMm ?? null,
      direction: c.r.incident.direction,
      place: place(c.r),
      sectorId: c.sector === OUTSIDE ? null : c.sector,
      window: { from: c.r.incident.window.from, to: c.r.incident.window.to },
      status: c.r.status,
    }));

  const withdrawalBreaches: WithdrawalBreach[] = current.flatMap((c) =>
    matches(c.r, (m) => m.kind === 'withdrawal', minConfidence).map((m) => ({
      incidentId: c.r.incident.id,
      provisionId: m.provisionId,
      weaponClass: c.r.incident.weapon,
      calibreMm: c.r.incident.calibreMm ?? null,
      count: c.r.incident.count,
      distanceToLineKm: m.measured.value,
      limitKm: m.measured.limit ?? 0,
      side: c.r.party,
      place: place(c.r),
      status: c.r.status,
      confidence: m.confidence,
    })),
  );

  const inArea = (rows: readonly Counted[], id: string) =>
    rows.filter(
      (c) => matches(c.r, (m) => m.provisionId === `disengagement:${id}`, minConfidence).length > 0,
    );
  const disengagementAreas: DisengagementRow[] = agreement.disengagementAreas.map((a) => ({
    areaId: a.id,
    name: a.name,
    incidents: inArea(current, a.id).length,
    previousIncidents: inArea(previous, a.id).length,
    violations: sum(inArea(currentViolations, a.id)),
  }));

  const trend: TrendDay[] = [];
  for (let i = TREND_DAYS - 1; i >= 0; i--) {
    const date = addDays(period.date, -i);
    const { fromMs, toMs } = dailyBounds(date, period);
    trend.push({
      date,
      violations: sum(
        counted.filter((c) => c.category !== null && c.startMs >= fromMs && c.startMs < toMs),
      ),
    });
  }

  const points: MapPoint[] = current.map((c) => ({
    incidentId: c.r.incident.id,
    location: [round3(c.r.incident.location[0]), round3(c.r.incident.location[1])],
    kind: c.category ?? 'other',
    count: c.r.incident.count,
    status: c.r.status,
    weapon: c.r.incident.weapon,
  }));
  const line = agreement.lineOfContact as readonly LonLat[];

  const referenced = new Set([...places.values()].flatMap((p) => (p ? [p.settlementId] : [])));
  const settlements = gazetteer.settlements
    .filter((s) => referenced.has(s.id))
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((s) => ({
      id: s.id,
      lat: s.lat,
      lon: s.lon,
      region: regionId(s),
      names: { en: s.names.en, uk: s.names.uk, ru: s.names.ru },
    }));

  return {
    v: REPORT_MODEL_VERSION,
    missionId: inputs.missionId,
    agreement: { id: agreement.id, version: agreement.version, title: agreement.title },
    period,
    generatedAt: inputs.generatedAt,
    parties: agreement.parties.map((p) => ({ id: p.id, name: p.name })),
    sectors: agreement.sectors.map((s) => ({ id: s.id, name: s.name })),
    settlements,
    totals: { current: sum(currentViolations), previous: sum(previousViolations) },
    byRegion: countRows([], (c) => c.region, currentViolations, previousViolations),
    bySector: countRows(
      agreement.sectors.map((s) => s.id),
      (c) => c.sector,
      currentViolations,
      previousViolations,
    ),
    notable,
    withdrawalBreaches,
    disengagementAreas,
    movementRestrictions: restrictionsBlock(inputs.restrictions, period),
    civilianCasualties: { killed: 0, injured: 0, reason: 'not_recorded' },
    findings: findingsBlock(inputs.workflows, period),
    map: {
      bbox: bbox(line, points),
      lineOfContact: line.map((p) => [p[0], p[1]] as [number, number]),
      zones: agreement.disengagementAreas.map((a) => ({
        id: a.id,
        kind: 'disengagement' as const,
        ring: (a.polygon[0] ?? []).map((p) => [p[0], p[1]] as [number, number]),
      })),
      points,
    },
    trend,
    publication: null,
  };
}
