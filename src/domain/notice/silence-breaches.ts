/**
 * Monitoring an agreed window of silence: any fire during the window near the repair site breaks
 * it, whoever fired and whether or not it crossed the line.
 */
import { inverse } from '../geo/index.js';
import { FIRE_EVENTS, windowsOverlap, type NoticeSubject } from './match.js';
import type { SilenceWindow } from './silence.js';

export interface SilenceBreach {
  readonly silenceId: string;
  readonly subjectId: string;
  /** From the site to the nearer of the event's location and its origin, km. */
  readonly distanceKm: number;
  readonly party: string | null;
  readonly text: string;
}

/**
 * The fire events (explosions, projectiles, muzzle flashes, small-arms fire) whose window
 * overlaps an agreed window of silence and whose location or origin lies within its radius of
 * the site. Empty for a window that is not agreed.
 */
export function silenceBreaches(
  silence: SilenceWindow,
  subjects: readonly NoticeSubject[],
): SilenceBreach[] {
  if (silence.status !== 'agreed') return [];
  const out: SilenceBreach[] = [];
  for (const s of subjects) {
    if (!FIRE_EVENTS.includes(s.event) || !windowsOverlap(s.window, silence.window)) continue;
    const points = s.origin ? [s.location, s.origin] : [s.location];
    const km = Math.min(...points.map((p) => inverse(silence.site, p).distanceM / 1000));
    if (km > silence.radiusKm) continue;
    const what = `${s.event.replace(/_/g, ' ')}${s.weapon === 'undetermined' ? '' : ` (${s.weapon})`}`;
    out.push({
      silenceId: silence.id,
      subjectId: s.id,
      distanceKm: Math.round(km * 100) / 100,
      party: s.party ?? null,
      text: `${what} ${km.toFixed(1)} km from the site of window of silence ${silence.id} during ${silence.window.from} – ${silence.window.to}`,
    });
  }
  return out;
}
