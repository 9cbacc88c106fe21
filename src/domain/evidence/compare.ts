/**
 * Does a file's own metadata agree with the observation it is attached to? A photo's EXIF time
 * and GPS position are compared with the observation's time window and place, and the result is
 * kept with the evidence: the time difference, the distance, and whether they are consistent,
 * with the reason. Neither proves anything alone (EXIF is easy to edit, and cameras' clocks
 * drift), which is why the comparison is recorded rather than enforced.
 */
import { inverse } from '../geo/index.js';
import { observedWindow, type Observation } from '../observation/types.js';
import type { LonLat } from '../units.js';
import type { ExifInstant } from './exif-time.js';

/** What was read from a file's metadata (null where the file says nothing). */
export interface ExifSummary {
  readonly takenAt: ExifInstant | null;
  /** WGS84 degrees. */
  readonly gps: { readonly lat: number; readonly lon: number } | null;
  readonly make: string | null;
  readonly model: string | null;
}

export interface ComparisonOptions {
  /** Seconds a capture time may lie outside the observed window; default 900 (15 min). */
  readonly timeToleranceS?: number;
  /** Metres a capture position may lie beyond the observation's stated uncertainty; default 1000. */
  readonly distanceToleranceM?: number;
}

export interface EvidenceComparison {
  readonly observationId: string;
  /** Seconds from the observed window to the capture time: 0 inside it, negative before, positive after; null without a time. */
  readonly timeDifferenceS: number | null;
  /** Metres from the observation's place (where the reporter stood, else the reported location) to the capture position; null without GPS. */
  readonly distanceM: number | null;
  /** The distance allowed: the place's own uncertainty plus the tolerance. */
  readonly allowedDistanceM: number | null;
  /** True when every available check agrees, false when one does not, null when the file has neither time nor place. */
  readonly consistent: boolean | null;
  readonly reasons: readonly string[];
}

/**
 * Compares `exif` with `observation`. The place compared is where the reporter stood
 * (`observer`), as a photo is taken from there; without an observer, the reported `location`.
 */
export function compareWithObservation(
  exif: ExifSummary,
  observation: Observation,
  opts: ComparisonOptions = {},
): EvidenceComparison {
  const timeTolS = opts.timeToleranceS ?? 900;
  const distTolM = opts.distanceToleranceM ?? 1000;
  const reasons: string[] = [];
  let consistent: boolean | null = null;
  const agree = (ok: boolean, reason: string) => {
    consistent = (consistent ?? true) && ok;
    reasons.push(reason);
  };

  let timeDifferenceS: number | null = null;
  if (exif.takenAt) {
    const w = observedWindow(observation);
    const t = Date.parse(exif.takenAt.at);
    const from = Date.parse(w.from);
    const to = Date.parse(w.to);
    timeDifferenceS = t < from ? (t - from) / 1000 : t > to ? (t - to) / 1000 : 0;
    const zone =
      exif.takenAt.zone === 'assumed-utc' ? ' (no time zone in the file; read as UTC)' : '';
    if (timeDifferenceS === 0)
      agree(
        true,
        `taken at ${exif.takenAt.at}, inside the observed window ${w.from} – ${w.to}${zone}`,
      );
    else {
      const ok = Math.abs(timeDifferenceS) <= timeTolS;
      const side = timeDifferenceS < 0 ? 'before' : 'after';
      agree(
        ok,
        `taken at ${exif.takenAt.at}, ${Math.round(Math.abs(timeDifferenceS))} s ${side} the observed window ${w.from} – ${w.to}${ok ? `, within the ${timeTolS} s tolerance` : `, beyond the ${timeTolS} s tolerance`}${zone}`,
      );
    }
  } else reasons.push('the file states no capture time');

  let distanceM: number | null = null;
  let allowedDistanceM: number | null = null;
  const place = placeOf(observation);
  if (exif.gps && place) {
    const at: LonLat = [exif.gps.lon, exif.gps.lat];
    distanceM = Math.round(inverse(at, place.point).distanceM * 10) / 10;
    allowedDistanceM = place.uncertaintyM + distTolM;
    const ok = distanceM <= allowedDistanceM;
    agree(
      ok,
      `taken ${distanceM} m from ${place.what}${ok ? `, within the ${allowedDistanceM} m allowed` : `, beyond the ${allowedDistanceM} m allowed`}`,
    );
  } else if (!exif.gps) reasons.push('the file states no GPS position');
  else reasons.push('the observation states no place to compare with');

  return {
    observationId: observation.id,
    timeDifferenceS,
    distanceM,
    allowedDistanceM,
    consistent,
    reasons,
  };
}

function placeOf(o: Observation): { point: LonLat; uncertaintyM: number; what: string } | null {
  if (o.observer)
    return {
      point: [o.observer.lon, o.observer.lat],
      uncertaintyM: o.observer.accuracyM ?? 0,
      what: 'where the reporter stood',
    };
  if (o.location)
    return {
      point: [o.location.lon, o.location.lat],
      uncertaintyM: o.location.radiusM,
      what: 'the reported location',
    };
  return null;
}
