/**
 * The whole evaluation of a store's incidents against the simulator's ground truth (issue 5,
 * item 5), and the targets of item 6. Pure: the caller reads the store and the truth file.
 */
import type { Observation } from '../../domain/observation/types.js';
import type { TruthEvent } from '../../sim/index.js';
import { attributionScores, type AttributionScores } from './attribution.js';
import { pairwiseGrouping, type PairScores } from './grouping.js';
import { incidentByGroup, type EvalIncident } from './incidents.js';
import { placementScores, type PlacementScores } from './placement.js';
import { formatProvisionCalibration, provisionScores, type ProvisionScores } from './provisions.js';
import { indexTruth } from './truth.js';

export interface EvalInput {
  readonly truths: Iterable<TruthEvent>;
  /** The stored observations, by id (those the truth names are scored). */
  readonly observations: ReadonlyMap<string, Observation>;
  readonly incidents: readonly EvalIncident[];
  /** Provision claims count from this confidence; default 0.5. */
  readonly claimAt?: number;
}

export interface EvalReport {
  readonly observations: number;
  readonly truthEvents: number;
  readonly incidents: number;
  readonly grouping: PairScores;
  /**
   * A reference, not a target: the grouping with each report of undetermined direction held to
   * the end it heard (pairwiseGrouping's strictEnds).
   */
  readonly groupingHeldToEnd: PairScores;
  readonly placement: PlacementScores;
  readonly attribution: AttributionScores;
  readonly provisions: ProvisionScores;
}

export function evaluate(input: EvalInput): EvalReport {
  const truth = indexTruth(input.truths, input.observations);
  let scored = 0;
  for (const id of input.observations.keys()) if (truth.eventOf(id)) scored++;
  const clusters = input.incidents.map((i) => i.observationIds);
  return {
    observations: scored,
    truthEvents: truth.events.size,
    incidents: input.incidents.length,
    grouping: pairwiseGrouping(clusters, truth),
    groupingHeldToEnd: pairwiseGrouping(clusters, truth, { strictEnds: true }),
    placement: placementScores(incidentByGroup(input.incidents, truth), truth.groups.values(), input.observations),
    attribution: attributionScores(input.incidents, truth),
    provisions: provisionScores(input.incidents, truth, input.claimAt),
  };
}

export interface TargetCheck {
  readonly name: string;
  readonly target: string;
  readonly value: number | null;
  readonly met: boolean;
}

/** Issue 5 item 6: the targets on the demo scenario at default noise. */
export function checkTargets(r: EvalReport): TargetCheck[] {
  const loc = r.placement.localisationM['2+'].median;
  const gap = r.attribution.calibration.gap;
  return [
    { name: 'grouping F1', target: '≥ 0.95', value: r.grouping.f1, met: r.grouping.f1 >= 0.95 },
    { name: 'median localisation error, ≥ 2 sources (m)', target: '≤ 300', value: loc, met: loc !== null && loc <= 300 },
    { name: 'misattribution (of attributed)', target: '< 0.005', value: r.attribution.misattributionRate, met: r.attribution.misattributionRate < 0.005 },
    { name: 'calibration gap at ≥ 0.9 (stated − observed)', target: '|gap| ≤ 0.05', value: gap, met: gap === null || Math.abs(gap) <= 0.05 },
    { name: 'provision recall', target: '≥ 0.98', value: r.provisions.recall, met: r.provisions.recall >= 0.98 },
    { name: 'provision precision', target: '≥ 0.95', value: r.provisions.precision, met: r.provisions.precision >= 0.95 },
  ];
}

const pct = (x: number | null, digits = 1) => (x === null ? '–' : `${(100 * x).toFixed(digits)} %`);
const m = (x: number | null) => (x === null ? '–' : `${Math.round(x)} m`);

/** The report as text, one fact a line, for `truceline eval`. */
export function formatEvalReport(r: EvalReport): string {
  const g = r.grouping;
  const p = r.placement;
  const a = r.attribution;
  const v = r.provisions;
  const lines = [
    `${r.observations} observations from ${r.truthEvents} true events; ${r.incidents} incidents; ${p.groupsFound} of ${p.groups} reported event ends found`,
    `grouping (pairs): precision ${g.precision.toFixed(3)}, recall ${g.recall.toFixed(3)}, F1 ${g.f1.toFixed(3)} (${g.correctPairs} of ${g.predictedPairs} pairs right; ${g.truePairs} true pairs)`,
    `  held to the end each report of undetermined direction heard (a reference): precision ${r.groupingHeldToEnd.precision.toFixed(3)}, recall ${r.groupingHeldToEnd.recall.toFixed(3)}, F1 ${r.groupingHeldToEnd.f1.toFixed(3)}`,
    `count error |fused − true| / true: median ${pct(p.countError.fused.median)}, p90 ${pct(p.countError.fused.p90)} (summing every report: median ${pct(p.countError.naiveSum.median)})`,
    'localisation error by mission sources (n, median, p90):',
    ...(['0', '1', '2', '3+', '2+'] as const).map((b) => {
      const s = p.localisationM[b];
      return `  ${b === '2+' ? '≥ 2' : b.padEnd(3)} ${String(s.n).padStart(6)}  ${m(s.median).padStart(9)}  ${m(s.p90).padStart(9)}`;
    }),
    `attribution: ${a.attributed} attributed of ${a.attributable} attributable (coverage ${pct(a.coverage)}), accuracy ${pct(a.accuracy, 2)}, misattribution ${pct(a.misattributionRate, 2)} (${a.wrong} wrong)`,
    `  calibration at ≥ 0.9: ${a.calibration.n} stated, mean ${pct(a.calibration.meanStated)}, right ${pct(a.calibration.shareCorrect)}, gap ${a.calibration.gap === null ? '–' : `${(100 * a.calibration.gap).toFixed(1)} points`}`,
    `  undetermined: ${a.undetermined.noOrigin} no origin evidence (impacts only), ${a.undetermined.notMissionSourced} origin from party/open sources only, ${a.undetermined.loneBearing} lone bearings (no range), ${a.undetermined.belowThreshold} origin straddling territories (below threshold, errors widened), ${a.undetermined.leaveOneOut} decided by one report alone (leave-one-out)`,
    `provisions (claimed at ≥ ${v.claimAt}): precision ${v.precision.toFixed(3)} (${v.claimedRight}/${v.claimed}), recall ${v.recall.toFixed(3)} (${v.found}/${v.violated})`,
    ...Object.entries(v.byKind).map(
      ([k, c]) => `  ${k.padEnd(20)} precision ${c.precision.toFixed(3)} (${c.claimedRight}/${c.claimed}), recall ${c.recall.toFixed(3)} (${c.found}/${c.violated})`,
    ),
    ...formatProvisionCalibration(v),
  ];
  return lines.join('\n') + '\n';
}
