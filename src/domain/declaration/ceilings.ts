/**
 * Declared totals against the agreement's ceilings (troops, and each equipment category).
 */
import { EQUIPMENT_CATEGORIES, type Agreement } from '../agreement/index.js';
import {
  formatCount,
  formatPercent,
  holdingLabel,
  type FindingCandidate,
  type Holding,
} from './candidate.js';
import { declarationTotals, type Declaration } from './schema.js';

/**
 * One `ceiling_exceeded` candidate per total above its ceiling; none when the agreement sets no
 * ceiling for the party. Excess is given in units and as a share of the ceiling:
 * "declared 812,400 troops; ceiling 800,000; excess 12,400 (1.6%)". A total equal to the ceiling
 * is within it.
 */
export function checkCeilings(
  declaration: Declaration,
  agreement: Pick<Agreement, 'ceilings'>,
): FindingCandidate[] {
  const totals = declarationTotals(declaration);
  const party = declaration.party;
  const limits: [Holding, number | undefined][] = [
    ['troops', agreement.ceilings.troops[party]],
    ...EQUIPMENT_CATEGORIES.map((c): [Holding, number | undefined] => [
      c,
      agreement.ceilings.equipment[c]?.[party],
    ]),
  ];
  const out: FindingCandidate[] = [];
  for (const [holding, ceiling] of limits) {
    const declared = totals[holding];
    if (ceiling === undefined || declared <= ceiling) continue;
    const excess = declared - ceiling;
    const excessPct = ceiling === 0 ? null : (excess / ceiling) * 100;
    out.push({
      kind: 'ceiling_exceeded',
      party,
      subject: holding,
      figures: { declared, ceiling, excess, excessPct, asOf: declaration.asOf },
      text: `declared ${formatCount(declared)} ${holdingLabel(holding)}; ceiling ${formatCount(ceiling)}; excess ${formatCount(excess)}${excessPct === null ? '' : ` (${formatPercent(excessPct)})`}`,
      units: [],
      observations: [],
    });
  }
  return out;
}
