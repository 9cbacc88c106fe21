/**
 * Assessment of one incident as fusion left it: where its fire came from (estimateOrigin), which
 * side that is (attributeSide, 'undetermined' below the threshold) and which provisions it
 * touches (matchProvisions, placed by the origin when there is one). The domain does the work,
 * including refusing lone bearings and widening stated ranges for attribution; this module only
 * chains it and drops the origin's polygons and attribution-only flags from what is kept.
 */
import type { Agreement } from '../../domain/agreement/index.js';
import {
  attributeSide,
  BEARING_ONLY_REASON,
  DEFAULT_ATTRIBUTION_THRESHOLD,
  estimateOrigin,
  type ErrorScale,
  type LinePrior,
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
  /**
   * The mission's measure of how far reports understate their errors (domain ErrorScale): read
   * to widen each origin for attribution, and fed with each origin's consistency. The fuser
   * keeps one; without it the stated errors are taken as they are (and each origin's own excess).
   */
  readonly errorScale?: ErrorScale;
  /**
   * Where the mission has found fire of each class landing (domain LinePrior): read to place a
   * named weapon heard along a bearing only, and fed with each incident after it is matched. The
   * fuser keeps one; without it such a place is read as its region, every part as likely.
   */
  readonly linePrior?: LinePrior;
}

/** The reason given when no report speaks to the origin. */
export const NO_ORIGIN_REASON = 'no report places the firing position (impacts alone give no origin)';
/** The reason given when the origin rests on bearings that do not cross (the domain's). */
export { BEARING_ONLY_REASON };

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
  const scale = options.errorScale;
  const origin = estimateOrigin(incident, members, {
    ...options.origin,
    ...(scale ? { errorScale: scale.value } : {}),
  });
  scale?.record(incident.id, origin?.consistency ?? null);
  const attribution = !origin
    ? { party: UNDETERMINED, confidence: 0, shares: {}, reason: NO_ORIGIN_REASON }
    : attributeSide(origin, agreement, {
        ...sampling,
        threshold: options.attributionThreshold ?? DEFAULT_ATTRIBUTION_THRESHOLD,
      });
  const prior = options.linePrior;
  const provisions = matchProvisions(incident, agreement, {
    ...sampling,
    origin,
    members,
    ...(prior ? { linePrior: prior } : {}),
  });
  prior?.record(incident, agreement.lineOfContact);
  if (!origin) return { origin: null, attribution, provisions };
  // Kept: the estimate without its polygons and what only attribution reads.
  const {
    region: _region,
    attributionRegion: _widened,
    directionOnly: _direction,
    leaveOneOut: _loo,
    consistency: _consistency,
    errorExcess: _excess,
    sources: _sources,
    ...summary
  } = origin;
  return { origin: summary, attribution, provisions };
}

/**
 * Whether an origin is only bearing-only detections with no fix: a direction, not a place. The
 * rule itself now lives in the domain (estimateOrigin's `directionOnly`, which attributeSide
 * refuses to attribute, BEARING_ONLY_REASON); this predicate is kept for callers holding only
 * ids and members.
 */
export function restsOnLoneBearings(basis: readonly string[], method: string, members: readonly Observation[]): boolean {
  if (method === 'triangulation') return false;
  const byId = new Map(members.map((o) => [o.id, o]));
  return basis.length > 0 && basis.every((id) => {
    const o = byId.get(id);
    return o !== undefined && isBearingOnly(o);
  });
}
