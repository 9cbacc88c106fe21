/**
 * Provision matching against the provisions each true event broke (truth `provisionsViolated`).
 * An incident claims a provision when it matched it at confidence ≥ `claimAt` (default 0.5: a
 * party's allegation alone, weighted 0.3, claims nothing; see assessment/provisions.ts).
 * - precision: claims (incident, provision) broken by an event the incident is made of;
 * - recall: (event, provision) pairs of genuine events that were reported at all, claimed by an
 *   incident holding one of the event's reports;
 * - by provision kind (`withdrawal`, `security_zone`, ...), since each rests on different evidence.
 */
import { CLAIMED_AT } from '../../domain/assessment/index.js';
import { f1, ratio } from './grouping.js';
import type { EvalIncident } from './incidents.js';
import type { TruthIndex } from './truth.js';

export const DEFAULT_CLAIM_AT = CLAIMED_AT;

export interface ProvisionCounts {
  readonly claimed: number;
  readonly claimedRight: number;
  readonly violated: number;
  readonly found: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

export interface ProvisionScores extends ProvisionCounts {
  readonly claimAt: number;
  readonly byKind: Readonly<Record<string, ProvisionCounts>>;
}

const kindOf = (provisionId: string): string => provisionId.split(':')[0]!;

function counts(c: { claimed: number; claimedRight: number; violated: number; found: number }): ProvisionCounts {
  const precision = ratio(c.claimedRight, c.claimed);
  const recall = ratio(c.found, c.violated);
  return { ...c, precision, recall, f1: f1(precision, recall) };
}

export function provisionScores(incidents: readonly EvalIncident[], truth: TruthIndex, claimAt = DEFAULT_CLAIM_AT): ProvisionScores {
  const tally = new Map<string, { claimed: number; claimedRight: number; violated: number; found: number }>();
  const at = (kind: string) => {
    let t = tally.get(kind);
    if (!t) tally.set(kind, (t = { claimed: 0, claimedRight: 0, violated: 0, found: 0 }));
    return t;
  };
  // Claims, and for each event the provisions some incident holding its reports claimed.
  const claimedFor = new Map<string, Set<string>>();
  for (const inc of incidents) {
    const claims = inc.provisions.filter((p) => p.confidence >= claimAt).map((p) => p.provisionId);
    const events = new Map<string, readonly string[]>();
    for (const id of inc.observationIds) {
      const e = truth.eventOf(id);
      if (e) events.set(e.eventId, e.genuine ? e.provisionsViolated : []);
    }
    for (const p of new Set(claims)) {
      const t = at(kindOf(p));
      t.claimed++;
      if ([...events.values()].some((v) => v.includes(p))) t.claimedRight++;
      for (const eventId of events.keys()) {
        let s = claimedFor.get(eventId);
        if (!s) claimedFor.set(eventId, (s = new Set()));
        s.add(p);
      }
    }
  }
  // Violations of events that were reported at all.
  const reported = new Set<string>();
  for (const g of truth.groups.values()) reported.add(g.event.eventId);
  for (const inc of incidents) for (const id of inc.observationIds) {
    const e = truth.eventOf(id);
    if (e) reported.add(e.eventId);
  }
  for (const eventId of reported) {
    const e = truth.events.get(eventId);
    if (!e || !e.genuine) continue;
    for (const p of new Set(e.provisionsViolated)) {
      const t = at(kindOf(p));
      t.violated++;
      if (claimedFor.get(eventId)?.has(p)) t.found++;
    }
  }
  const total = { claimed: 0, claimedRight: 0, violated: 0, found: 0 };
  const byKind: Record<string, ProvisionCounts> = {};
  for (const [kind, t] of [...tally].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    byKind[kind] = counts(t);
    total.claimed += t.claimed;
    total.claimedRight += t.claimedRight;
    total.violated += t.violated;
    total.found += t.found;
  }
  return { ...counts(total), claimAt, byKind };
}
