/**
 * Provision matching against the provisions each true event broke (truth `provisionsViolated`).
 * An incident claims a provision when it matched it at confidence ≥ `claimAt` (default 0.5: a
 * party's allegation alone, weighted 0.3, claims nothing; see assessment/provisions.ts).
 * - precision: claims (incident, provision) broken by an event the incident is made of;
 * - recall: (event, provision) pairs of genuine events that were reported at all, claimed by an
 *   incident holding one of the event's reports;
 * - by provision kind (`withdrawal`, `security_zone`, ...), since each rests on different evidence;
 * - calibration: every match, claimed or shown, by its stated confidence in bins of 0.1, and the
 *   share of them right (as for precision), overall and by kind. A confidence says how often such
 *   a match is right: matches at 0.3-0.4 right nine times in ten are understated, whatever the
 *   claim line.
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

/** Matches whose stated confidence is in [from, to) (the last bin holds 1), and how many were right. */
export interface CalibrationBin {
  readonly from: number;
  readonly to: number;
  readonly matches: number;
  readonly right: number;
  /** right / matches; null without matches. */
  readonly shareRight: number | null;
  /** Mean stated confidence of the matches; null without matches. */
  readonly meanStated: number | null;
}

export interface ProvisionScores extends ProvisionCounts {
  readonly claimAt: number;
  readonly byKind: Readonly<Record<string, ProvisionCounts>>;
  /** By kind, and `all`: ten bins of 0.1 from 0 (see the module comment). */
  readonly calibration: Readonly<Record<string, readonly CalibrationBin[]>>;
}

const BINS = 10;

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
  const calibration = new Map<string, { n: number; right: number; stated: number }[]>();
  const binsOf = (kind: string) => {
    let b = calibration.get(kind);
    if (!b) calibration.set(kind, (b = Array.from({ length: BINS }, () => ({ n: 0, right: 0, stated: 0 }))));
    return b;
  };
  for (const inc of incidents) {
    const claims = inc.provisions.filter((p) => p.confidence >= claimAt).map((p) => p.provisionId);
    const events = new Map<string, readonly string[]>();
    for (const id of inc.observationIds) {
      const e = truth.eventOf(id);
      if (e) events.set(e.eventId, e.genuine ? e.provisionsViolated : []);
    }
    // Each provision once per incident, at its highest confidence.
    const best = new Map<string, number>();
    for (const p of inc.provisions) best.set(p.provisionId, Math.max(best.get(p.provisionId) ?? 0, p.confidence));
    for (const [p, c] of best) {
      const right = [...events.values()].some((v) => v.includes(p));
      const bin = Math.min(BINS - 1, Math.max(0, Math.floor(c * BINS)));
      for (const kind of ['all', kindOf(p)]) {
        const b = binsOf(kind)[bin]!;
        b.n++;
        b.stated += c;
        if (right) b.right++;
      }
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
  const calibrationOut: Record<string, CalibrationBin[]> = {};
  for (const kind of [...calibration.keys()].sort((a, b) => (a === 'all' ? -1 : b === 'all' ? 1 : a < b ? -1 : 1))) {
    calibrationOut[kind] = calibration.get(kind)!.map((b, i) => ({
      from: i / BINS,
      to: (i + 1) / BINS,
      matches: b.n,
      right: b.right,
      shareRight: b.n > 0 ? b.right / b.n : null,
      meanStated: b.n > 0 ? b.stated / b.n : null,
    }));
  }
  return { ...counts(total), claimAt, byKind, calibration: calibrationOut };
}

/**
 * The calibration as text, a line per kind: for each bin with matches, its lower bound and
 * right / matches (e.g. `0.3: 12/12` for matches stated at 0.3-0.4, all right).
 */
export function formatProvisionCalibration(s: ProvisionScores): string[] {
  return [
    '  calibration (bin from: right/matches):',
    ...Object.entries(s.calibration).map(
      ([kind, bins]) =>
        `    ${kind.padEnd(20)} ${bins
          .filter((b) => b.matches > 0)
          .map((b) => `${b.from.toFixed(1)}: ${b.right}/${b.matches}`)
          .join('  ')}`,
    ),
  ];
}
