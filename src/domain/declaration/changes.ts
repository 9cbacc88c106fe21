/**
 * A declaration against the same party's previous one: totals that moved by the threshold or
 * more are flagged with both figures.
 */
import { EQUIPMENT_CATEGORIES } from '../agreement/index.js';
import { TrucelineError } from '../errors.js';
import {
  formatCount,
  formatPercent,
  holdingLabel,
  type FindingCandidate,
  type Holding,
} from './candidate.js';
import { declarationTotals, type Declaration } from './schema.js';

export interface ChangeOptions {
  /** Smallest change flagged, percent of the previous figure; default 10 ("10% or more"). */
  readonly thresholdPct?: number;
}

/**
 * One `declared_change` candidate per total (troops, each equipment category) that changed by
 * `thresholdPct` or more of the previous figure, up or down; a category that goes from 0 to any
 * number is flagged as new. Compared exactly in integers, so 10.0% is flagged and 9.99% is not.
 *
 * @example previous 700,000 troops, now 616,000 → "troops fell from 700,000 (2025-01-01) to
 *   616,000 (2026-01-01): -84,000 (-12.0%)"
 * @throws TrucelineError VALIDATION when the declarations are of different parties or the
 *   previous one is not older.
 */
export function compareDeclarations(
  current: Declaration,
  previous: Declaration,
  options: ChangeOptions = {},
): FindingCandidate[] {
  const thresholdPct = options.thresholdPct ?? 10;
  if (previous.party !== current.party) {
    throw new TrucelineError(
      'VALIDATION',
      `cannot compare declarations of ${current.party} and ${previous.party}`,
      [
        {
          path: 'party',
          reason: `previous declaration is of ${previous.party}, not ${current.party}`,
        },
      ],
    );
  }
  if (previous.asOf >= current.asOf) {
    throw new TrucelineError(
      'VALIDATION',
      `previous declaration (${previous.asOf}) is not older than the current one (${current.asOf})`,
      [
        {
          path: 'asOf',
          reason: `${current.asOf} is not after the previous declaration's ${previous.asOf}`,
        },
      ],
    );
  }
  const now = declarationTotals(current);
  const before = declarationTotals(previous);
  const out: FindingCandidate[] = [];
  for (const holding of ['troops', ...EQUIPMENT_CATEGORIES] as Holding[]) {
    const declared = now[holding];
    const prior = before[holding];
    const change = declared - prior;
    if (change === 0 || Math.abs(change) * 100 < thresholdPct * prior) continue;
    const changePct = prior === 0 ? null : (change / prior) * 100;
    const verb = change > 0 ? 'rose' : 'fell';
    const delta = `${change > 0 ? '+' : '-'}${formatCount(Math.abs(change))}`;
    out.push({
      kind: 'declared_change',
      party: current.party,
      subject: holding,
      figures: {
        previous: prior,
        declared,
        change,
        changePct,
        previousAsOf: previous.asOf,
        asOf: current.asOf,
      },
      text:
        `${holdingLabel(holding)} ${verb} from ${formatCount(prior)} (${previous.asOf}) to ${formatCount(declared)} (${current.asOf}): ` +
        `${delta} (${changePct === null ? 'new' : formatPercent(changePct, true)})`,
      units: [],
      observations: [],
    });
  }
  return out;
}
