/**
 * How well incidents are placed and counted, per truth group (one end of one true event):
 * - localisation error: geodesic distance from the incident's location to the true place of that
 *   end (the firing position for reports of the origin, the point of impact for impacts), split by
 *   how many distinct mission sources (monitor patrols, sensors) reported that end; party and
 *   open-source reports are allegations, not sightings, and never place an incident the mission
 *   has placed (fusion/engine.ts), so they are not counted as sources;
 * - count error: |fused count − true count| / true count, beside the same for the naive sum of
 *   every member's count (what double counting would give).
 */
import { inverse } from '../../domain/geo/index.js';
import { isMissionSource } from '../../domain/fusion/index.js';
import type { Observation } from '../../domain/observation/types.js';
import type { EvalIncident } from './incidents.js';
import type { TruthGroup } from './truth.js';

export interface Spread {
  readonly n: number;
  /** Metres (or a ratio for counts); null when n = 0. */
  readonly median: number | null;
  readonly p90: number | null;
}

/** Localisation buckets by mission sources: 0 (party or open source only), 1, 2, 3 or more; and 2 or more. */
export const SOURCE_BUCKETS = ['0', '1', '2', '3+', '2+'] as const;
export type SourceBucket = (typeof SOURCE_BUCKETS)[number];

export interface PlacementScores {
  readonly localisationM: Readonly<Record<SourceBucket, Spread>>;
  /** Relative count error of the fused count, and of the naive sum across sources. */
  readonly countError: { readonly fused: Spread; readonly naiveSum: Spread };
  /** Truth groups reported at least once, and those that ended in an incident. */
  readonly groups: number;
  readonly groupsFound: number;
}

/** The q-quantile (0..1) of sorted values by the nearest-rank method; null for none. */
export function quantile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[rank - 1]!;
}

export function spread(values: readonly number[]): Spread {
  const s = [...values].sort((a, b) => a - b);
  return { n: s.length, median: quantile(s, 0.5), p90: quantile(s, 0.9) };
}

/** Distinct mission sources (kind and id) among the group's reports. */
export function missionSources(group: TruthGroup, observations: ReadonlyMap<string, Observation>): number {
  const seen = new Set<string>();
  for (const id of group.observationIds) {
    const o = observations.get(id);
    if (o && isMissionSource(o.source.kind)) seen.add(`${o.source.kind}:${o.source.id}`);
  }
  return seen.size;
}

export function bucketOf(sources: number): Exclude<SourceBucket, '2+'> {
  return sources >= 3 ? '3+' : (String(sources) as '0' | '1' | '2');
}

export function placementScores(
  found: ReadonlyMap<TruthGroup, EvalIncident>,
  groups: Iterable<TruthGroup>,
  observations: ReadonlyMap<string, Observation>,
): PlacementScores {
  const errors: Record<SourceBucket, number[]> = { '0': [], '1': [], '2': [], '3+': [], '2+': [] };
  const fused: number[] = [];
  const naive: number[] = [];
  let total = 0;
  for (const g of groups) {
    total++;
    const inc = found.get(g);
    if (!inc) continue;
    const sources = missionSources(g, observations);
    const d = inverse(inc.location, g.place).distanceM;
    errors[bucketOf(sources)].push(d);
    if (sources >= 2) errors['2+'].push(d);
    const truthCount = g.event.count;
    if (truthCount > 0) {
      fused.push(Math.abs(inc.count - truthCount) / truthCount);
      const sum = inc.observationIds.reduce((acc, id) => acc + (observations.get(id)?.count ?? 0), 0);
      naive.push(Math.abs(sum - truthCount) / truthCount);
    }
  }
  return {
    localisationM: Object.fromEntries(SOURCE_BUCKETS.map((b) => [b, spread(errors[b])])) as Record<SourceBucket, Spread>,
    countError: { fused: spread(fused), naiveSum: spread(naive) },
    groups: total,
    groupsFound: found.size,
  };
}
