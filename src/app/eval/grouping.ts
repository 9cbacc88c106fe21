/**
 * Pairwise grouping scores (the clustering measure of Manning, Raghavan & Schütze, "Introduction
 * to Information Retrieval" §16.3): every pair of observations put in one incident is a
 * prediction; it is right when the truth puts them in one group. Precision = right pairs /
 * predicted pairs, recall = right pairs / true pairs, F1 their harmonic mean.
 *
 * Only observations the truth knows are scored. Two reports of one event but of different ends
 * are a wrong pair, unless one of them is neutral (seen in flight) or ambiguous (direction
 * undetermined: it could have heard either end); such a pair is not scored.
 *
 * With `strictEnds`, an ambiguous report is held to the end it heard (the truth's endsHeard): a
 * pair of it and a report of the other end of its event is wrong. This is a reference measure of
 * how often fusion puts such reports with the end they heard, not the scored rule.
 */
import type { TruthIndex } from './truth.js';

export interface PairScores {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly predictedPairs: number;
  readonly truePairs: number;
  readonly correctPairs: number;
}

export interface GroupingOptions {
  /** Count a pair of an ambiguous report and one of the other end of its event as wrong. */
  readonly strictEnds?: boolean;
}

const pairs = (n: number): number => (n * (n - 1)) / 2;

/** F1 of a precision and a recall; 0 when both are 0. */
export function f1(precision: number, recall: number): number {
  return precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
}

/** A ratio that is 1 when there is nothing to get wrong (0/0). */
export const ratio = (num: number, den: number): number => (den > 0 ? num / den : 1);

/**
 * Scores `clusters` (each incident's observation ids; every observation in at most one) against
 * the truth. Observations in no cluster are singletons, and so only lower recall.
 */
export function pairwiseGrouping(
  clusters: Iterable<readonly string[]>,
  truth: TruthIndex,
  options: GroupingOptions = {},
): PairScores {
  const strict = options.strictEnds === true;
  let predicted = 0;
  let correct = 0;
  for (const ids of clusters) {
    const known = ids.filter((id) => truth.eventOf(id));
    for (let i = 0; i < known.length; i++) {
      for (let j = i + 1; j < known.length; j++) {
        const a = known[i]!;
        const b = known[j]!;
        const ga = truth.groupOf(a);
        const gb = truth.groupOf(b);
        if (ga && ga === gb) {
          predicted++;
          correct++;
        } else if (truth.eventOf(a) !== truth.eventOf(b)) predicted++;
        else if (ga && gb && (strict || (!truth.ambiguous(a) && !truth.ambiguous(b)))) predicted++;
      }
    }
  }
  let truePairs = 0;
  for (const g of truth.groups.values()) truePairs += pairs(g.observationIds.length);
  const precision = ratio(correct, predicted);
  const recall = ratio(correct, truePairs);
  return { precision, recall, f1: f1(precision, recall), predictedPairs: predicted, truePairs, correctPairs: correct };
}
