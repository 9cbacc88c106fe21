/**
 * What evaluation needs of an incident (a StoredIncident reduced), and how incidents are tied to
 * the truth: an incident stands for the true event most of its members came from; a truth group
 * is found by the incident holding most of its reports.
 */
import type { LonLat } from '../../domain/units.js';
import { BEARING_ONLY_REASON } from '../fusion/assess.js';
import { LEAVE_ONE_OUT_REASON } from '../../domain/assessment/index.js';
import type { StoredIncident } from '../../store/port.js';
import type { TruthEvent } from '../../sim/index.js';
import type { TruthGroup, TruthIndex } from './truth.js';

export interface EvalIncident {
  readonly id: string;
  readonly observationIds: readonly string[];
  readonly location: LonLat;
  /** The incident's own 90 % radius, metres. */
  readonly radius90M: number;
  readonly count: number;
  /** A party id or 'undetermined'. */
  readonly party: string;
  readonly confidence: number;
  /**
   * What the origin rests on: nothing (impacts only), party or open-source reports only, mission
   * bearings that do not cross (not attributed, see assess.ts), or mission reports that place it.
   */
  readonly origin: 'none' | 'not-mission' | 'bearing-only' | 'mission';
  /** Not attributed because one report alone decided the side (leave-one-out). */
  readonly restsOnOneReport: boolean;
  readonly provisions: readonly { readonly provisionId: string; readonly confidence: number }[];
}

export function toEvalIncident(s: StoredIncident): EvalIncident {
  const o = s.assessment.origin;
  return {
    id: s.incident.id,
    observationIds: s.incident.observationIds,
    location: s.incident.location,
    radius90M: s.incident.radius90M,
    count: s.incident.count,
    party: s.assessment.attribution.party,
    confidence: s.assessment.attribution.confidence,
    origin: o === null ? 'none' : !o.missionSourced ? 'not-mission' : s.assessment.attribution.reason === BEARING_ONLY_REASON ? 'bearing-only' : 'mission',
    restsOnOneReport: s.assessment.attribution.reason.endsWith(LEAVE_ONE_OUT_REASON),
    provisions: s.assessment.provisions.map((p) => ({ provisionId: p.provisionId, confidence: p.confidence })),
  };
}

/** The true event most of the incident's members came from (the earliest named on a tie), or null. */
export function majorityEvent(incident: EvalIncident, truth: TruthIndex): TruthEvent | null {
  const tally = new Map<string, { event: TruthEvent; n: number }>();
  for (const id of incident.observationIds) {
    const e = truth.eventOf(id);
    if (!e) continue;
    const t = tally.get(e.eventId) ?? { event: e, n: 0 };
    t.n++;
    tally.set(e.eventId, t);
  }
  let best: { event: TruthEvent; n: number } | null = null;
  for (const t of tally.values()) if (!best || t.n > best.n) best = t;
  return best?.event ?? null;
}

/**
 * For each truth group, the incident holding most of its reports; on a tie, the one that states
 * itself the more precise (smaller 90 % radius), as a reader of the map would take it.
 */
export function incidentByGroup(incidents: readonly EvalIncident[], truth: TruthIndex): Map<TruthGroup, EvalIncident> {
  const incidentOf = new Map<string, EvalIncident>();
  for (const inc of incidents) for (const id of inc.observationIds) incidentOf.set(id, inc);
  const out = new Map<TruthGroup, EvalIncident>();
  for (const g of truth.groups.values()) {
    const tally = new Map<EvalIncident, number>();
    let best: EvalIncident | null = null;
    for (const id of g.observationIds) {
      const inc = incidentOf.get(id);
      if (!inc) continue;
      const n = (tally.get(inc) ?? 0) + 1;
      tally.set(inc, n);
      const b = best ? tally.get(best)! : 0;
      if (!best || n > b || (n === b && inc.radius90M < best.radius90M)) best = inc;
    }
    if (best) out.set(g, best);
  }
  return out;
}
