/**
 * A report model from the store: gathers the incidents, restriction reports and findings of the
 * period (and of the 30 days the trend covers) and hands them to the pure builder
 * (src/domain/report). Reports are public documents, so records only a party may see
 * (`party-confidential`) stay out of them.
 */
import type { Agreement } from '../../domain/agreement/index.js';
import type { Observation } from '../../domain/observation/types.js';
import {
  addDays,
  buildReportModel,
  reportPeriod,
  zonedInstant,
  type Gazetteer,
  type ReportIncident,
  type ReportKind,
  type ReportModel,
  type ReportOptions,
  type ReportPeriod,
} from '../../domain/report/index.js';
import type { IncidentWorkflow } from '../../domain/workflow/index.js';
import type { Store } from '../../store/port.js';
import { readWorkflow } from '../workflow/stored.js';

export interface ReportRequest {
  readonly kind: ReportKind;
  /** Local date the period closes on, YYYY-MM-DD. */
  readonly date: string;
  /** Local closing time `HH:MM` (default 19:30). */
  readonly closesAt?: string;
  /** IANA time zone (default Europe/Kyiv). */
  readonly timeZone?: string;
}

export interface ReportSource {
  readonly store: Store;
  readonly agreement: Agreement;
  /** The mission's log origin, which names it (`truceline.local/<agreement id>`). */
  readonly origin: string;
  readonly gazetteer: Gazetteer;
}

const PAGE = 1000;

/** Start of the span whose incidents the model needs: the trend's first day or the previous period. */
export function gatherFrom(period: ReportPeriod): string {
  const trendStart = zonedInstant(addDays(period.date, -30), period.closesAtLocal, period.timeZone);
  return new Date(Math.min(trendStart, Date.parse(period.previous.from))).toISOString();
}

/** Incidents (not party-confidential) whose window meets [from, to], oldest first. */
export async function incidentsBetween(
  store: Store,
  from: string,
  to: string,
): Promise<ReportIncident[]> {
  const out: ReportIncident[] = [];
  if (!store.queryIncidents) return out;
  let cursor: string | undefined;
  do {
    const page = await store.queryIncidents({
      from,
      to,
      limit: PAGE,
      ...(cursor ? { cursor } : {}),
    });
    for (const s of page.items) {
      if (s.visibility === 'party-confidential') continue;
      out.push({
        incident: s.incident,
        party: s.assessment.attribution.party,
        provisions: s.assessment.provisions,
        status: s.status,
      });
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}

async function restrictionsBetween(store: Store, from: string, to: string): Promise<Observation[]> {
  const out: Observation[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.queryObservations({
      events: ['restriction'],
      from,
      to,
      limit: PAGE,
      ...(cursor ? { cursor } : {}),
    });
    for (const s of page.items)
      if (s.observation.visibility !== 'party-confidential') out.push(s.observation);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}

/**
 * The workflows with findings among the gathered incidents: a finding issued or answered in the
 * period about an incident older than the gathered span (31 days and more) is not found.
 */
async function workflowsOf(
  store: Store,
  incidents: readonly ReportIncident[],
): Promise<IncidentWorkflow[]> {
  const out: IncidentWorkflow[] = [];
  for (const r of incidents) {
    const w = await readWorkflow(store, r.incident.id);
    if (w && w.state.findings.length > 0) out.push(w.state);
  }
  return out;
}

/** Builds the model of `request` from what the store holds now. */
export async function buildReport(
  source: ReportSource,
  request: ReportRequest,
  nowMs: number,
  options: ReportOptions = {},
): Promise<ReportModel> {
  const period = reportPeriod(request.kind, request.date, {
    ...(request.closesAt ? { closesAt: request.closesAt } : {}),
    ...(request.timeZone ? { timeZone: request.timeZone } : {}),
  });
  const from = gatherFrom(period);
  const incidents = await incidentsBetween(source.store, from, period.to);
  const restrictions = await restrictionsBetween(source.store, period.previous.from, period.to);
  const workflows = await workflowsOf(source.store, incidents);
  return buildReportModel(
    {
      missionId: source.origin,
      agreement: source.agreement,
      gazetteer: source.gazetteer,
      period,
      generatedAt: new Date(nowMs).toISOString(),
      incidents,
      restrictions,
      workflows,
    },
    options,
  );
}
