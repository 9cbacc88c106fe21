/**
 * Assessment of one incident as fusion left it: where its fire came from (estimateOrigin), which
 * side that is (attributeSide, 'undetermined' below the threshold) and which provisions it
 * touches (matchProvisions, placed by the origin when there is one). The domain does the work;
 * this module only chains it and drops the origin's polygon from what is kept.
 */
import type { Agreement } from '../../domain/agreement/index.js';
import {
  attributeSide,
  DEFAULT_ATTRIBUTION_THRESHOLD,
  estimateOrigin,
  matchProvisions,
  UNDETERMINED,
  type OriginOptions,
  type SamplingOptions,
} from '../../domain/assessment/index.js';
import { isBearingOnly, type Incident } from '../../domain/fusion/index.js';
import type { Observation } from '../../domain/observation/types.js';
import type { IncidentAssessment } from '../../store/port.js';

export interface AssessOptions {
  /** Share of the origin region one party must hold to be named; default 0.95. */
  readonly attributionThreshold?: number;
  readonly origin?: OriginOptions;
  readonly sampling?: SamplingOptions;
}

/** The reason given when no report speaks to the origin. */
export const NO_ORIGIN_REASON = 'no report places the firing position (impacts alone give no origin)';
/** The reason given when the origin rests on bearings that do not cross. */
export const BEARING_ONLY_REASON = 'the origin rests on bearings alone that do not cross: a direction, not a place';

/**
 * Sampling for territory shares: a 24 × 24 grid refined until 300 points fall inside (the
 * domain's default, 40 × 40 and 400, costs ~7 ms an incident on long wedges; shares are read
 * against a 0.95 threshold, which 300 points resolve to a third of a point).
 */
export const ASSESS_SAMPLING: SamplingOptions = { grid: 24, minPoints: 300 };

/**
 * Assesses `incident` from its member observations (`members` may hold others; they are ignored).
 * Throws only when the domain does (bad geometry), which the caller treats as an engine error.
 */
export function assessIncident(
  incident: Incident,
  members: readonly Observation[],
  agreement: Agreement,
  options: AssessOptions = {},
): IncidentAssessment {
  const sampling = options.sampling ?? ASSESS_SAMPLING;
  const origin = estimateOrigin(incident, members, options.origin);
  const attribution = !origin
    ? { party: UNDETERMINED, confidence: 0, shares: {}, reason: NO_ORIGIN_REASON }
    : restsOnLoneBearings(origin.observationIds, origin.method, members)
      ? { party: UNDETERMINED, confidence: 0, shares: {}, reason: BEARING_ONLY_REASON }
      : attributeSide(origin, agreement, {
          ...sampling,
          threshold: options.attributionThreshold ?? DEFAULT_ATTRIBUTION_THRESHOLD,
        });
  const provisions = matchProvisions(incident, agreement, { ...sampling, origin });
  if (!origin) return { origin: null, attribution, provisions };
  const { region: _region, ...summary } = origin;
  return { origin: summary, attribution, provisions };
}

/**
 * Whether an origin is only bearing-only detections with no fix. A lone bearing's region is a
 * wedge to the sensor's whole reach (40 km); its share on each side of the line says how much of
 * that wedge lies there, not where the gun is, which the data do not say. A sensor 8 km behind
 * the line hearing its own side's gun 3 km away draws a wedge 80 % on the other side. So such an
 * origin is shown but not attributed (measured: most misattributions on the demo scenario were
 * of this kind, BENCHMARKS.md "Fusion quality").
 */
export function restsOnLoneBearings(basis: readonly string[], method: string, members: readonly Observation[]): boolean {
  if (method === 'triangulation') return false;
  const byId = new Map(members.map((o) => [o.id, o]));
  return basis.length > 0 && basis.every((id) => {
    const o = byId.get(id);
    return o !== undefined && isBearingOnly(o);
  });
}
