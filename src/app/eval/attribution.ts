/**
 * How incidents were attributed, against the party that truly fired (the truth event most of the
 * incident's reports came from; a fabricated allegation fired nothing, so naming anyone is wrong):
 * - coverage: attributed incidents among those whose event has a firing party;
 * - accuracy: right party among attributed; misattribution: wrong party named, among attributed;
 * - calibration: among attributions stated at ≥ 0.9, the mean stated confidence against the share
 *   right (gap in points: stated − observed);
 * - where the engine said 'undetermined', why: no report placed the origin, only party or
 *   open-source reports did, only bearings that do not cross did (a direction, not a place), or the
 *   origin region straddles territories (below the threshold), or one report alone decided the side
 *   (without it the rest put the origin across the line: leave-one-out).
 */
import { ratio } from './grouping.js';
import { majorityEvent, type EvalIncident } from './incidents.js';
import type { TruthIndex } from './truth.js';

export const UNDETERMINED = 'undetermined';
/** Calibration looks at attributions stated at or above this confidence. */
export const CALIBRATION_FROM = 0.9;

export interface AttributionScores {
  readonly incidents: number;
  /** Incidents whose event has a firing party (could be attributed in principle). */
  readonly attributable: number;
  readonly attributed: number;
  readonly correct: number;
  readonly wrong: number;
  readonly coverage: number;
  readonly accuracy: number;
  readonly misattributionRate: number;
  readonly calibration: {
    readonly n: number;
    readonly meanStated: number | null;
    readonly shareCorrect: number | null;
    /** meanStated − shareCorrect, as a fraction (0.05 = 5 points); null when n = 0. */
    readonly gap: number | null;
  };
  /** Undetermined incidents by why. */
  readonly undetermined: { readonly noOrigin: number; readonly notMissionSourced: number; readonly loneBearing: number; readonly belowThreshold: number; readonly leaveOneOut: number };
  /** The wrongly attributed, for a reader to look at. */
  readonly wrongIds: readonly string[];
}

export function attributionScores(incidents: readonly EvalIncident[], truth: TruthIndex): AttributionScores {
  let attributable = 0;
  let attributed = 0;
  let correct = 0;
  const wrongIds: string[] = [];
  const undetermined = { noOrigin: 0, notMissionSourced: 0, loneBearing: 0, belowThreshold: 0, leaveOneOut: 0 };
  let calN = 0;
  let calStated = 0;
  let calRight = 0;
  for (const inc of incidents) {
    const event = majorityEvent(inc, truth);
    if (!event) continue;
    const firer = event.genuine ? (event.origin?.party ?? null) : null;
    if (firer) attributable++;
    if (inc.party === UNDETERMINED) {
      if (inc.origin === 'none') undetermined.noOrigin++;
      else if (inc.origin === 'not-mission') undetermined.notMissionSourced++;
      else if (inc.origin === 'bearing-only') undetermined.loneBearing++;
      else if (inc.restsOnOneReport) undetermined.leaveOneOut++;
      else undetermined.belowThreshold++;
      continue;
    }
    attributed++;
    const right = inc.party === firer;
    if (right) correct++;
    else wrongIds.push(inc.id);
    if (inc.confidence >= CALIBRATION_FROM) {
      calN++;
      calStated += inc.confidence;
      if (right) calRight++;
    }
  }
  const meanStated = calN > 0 ? calStated / calN : null;
  const shareCorrect = calN > 0 ? calRight / calN : null;
  return {
    incidents: incidents.length,
    attributable,
    attributed,
    correct,
    wrong: attributed - correct,
    coverage: ratio(attributed, attributable),
    accuracy: ratio(correct, attributed),
    misattributionRate: attributed > 0 ? (attributed - correct) / attributed : 0,
    calibration: { n: calN, meanStated, shareCorrect, gap: meanStated !== null && shareCorrect !== null ? meanStated - shareCorrect : null },
    undetermined,
    wrongIds,
  };
}
