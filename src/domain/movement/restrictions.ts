/**
 * Freedom of movement: restrictions on the monitors (denied passage, escort demanded, mined
 * areas, jammed or fired-upon drones) are observations with `event: "restriction"` and
 * `restriction: {kind, party?}`, counted per party and per kind over a period, as the OSCE SMM's
 * daily reports count them.
 */
import { observedWindow, type Observation } from '../observation/types.js';
import { parseInstant } from '../observation/time.js';
import { TrucelineError } from '../errors.js';

export const RESTRICTION_KINDS = [
  'denied_passage',
  'escort_required',
  'area_mined',
  'uav_jammed',
  'uav_shot_at',
  'other',
] as const;
export type RestrictionKind = (typeof RESTRICTION_KINDS)[number];

/** Counts for restrictions nobody was named for. */
export const UNATTRIBUTED = 'unattributed';

/** A restriction's kind; a kind outside the vocabulary counts as `other`. Null for a non-restriction. */
export function restrictionKind(
  o: Pick<Observation, 'event' | 'restriction'>,
): RestrictionKind | null {
  if (o.event !== 'restriction') return null;
  const kind = o.restriction?.kind;
  return (RESTRICTION_KINDS as readonly string[]).includes(kind ?? '')
    ? (kind as RestrictionKind)
    : 'other';
}

export type KindCounts = { readonly [K in RestrictionKind]: number };

export interface RestrictionCounts {
  readonly from: string;
  readonly to: string;
  readonly total: number;
  readonly byKind: KindCounts;
  /** Per party id named in `restriction.party`, and `unattributed`; only parties with a restriction appear. */
  readonly byParty: Readonly<
    Record<string, { readonly total: number; readonly byKind: KindCounts }>
  >;
}

const zero = (): Record<RestrictionKind, number> => ({
  denied_passage: 0,
  escort_required: 0,
  area_mined: 0,
  uav_jammed: 0,
  uav_shot_at: 0,
  other: 0,
});

function ms(text: string, path: string): number {
  const parsed = parseInstant(text);
  if (!parsed.ok)
    throw new TrucelineError('VALIDATION', `invalid period: ${path}: ${parsed.reason}`, [
      { path, reason: parsed.reason },
    ]);
  return parsed.instant.epochMs;
}

/**
 * Counts the restrictions that began in [from, to): half-open, so consecutive days count each
 * restriction once. Each observation is one restriction whatever its `count`; an id seen twice
 * is counted once. Observations of other events are ignored.
 *
 * @throws TrucelineError VALIDATION when from or to is not an instant, or to is not after from.
 */
export function countRestrictions(
  observations: readonly Observation[],
  period: { readonly from: string; readonly to: string },
): RestrictionCounts {
  const fromMs = ms(period.from, 'from');
  const toMs = ms(period.to, 'to');
  if (toMs <= fromMs)
    throw new TrucelineError(
      'VALIDATION',
      `invalid period: to: ${period.to} is not after from ${period.from}`,
      [{ path: 'to', reason: `is not after from ${period.from}` }],
    );

  const byKind = zero();
  const byParty: Record<string, { total: number; byKind: Record<RestrictionKind, number> }> = {};
  const seen = new Set<string>();
  let total = 0;
  for (const o of observations) {
    const kind = restrictionKind(o);
    if (kind === null || seen.has(o.id)) continue;
    const start = ms(observedWindow(o).from, `observations[${o.id}].observedAt`);
    if (start < fromMs || start >= toMs) continue;
    seen.add(o.id);
    const party = o.restriction?.party ?? UNATTRIBUTED;
    const entry = (byParty[party] ??= { total: 0, byKind: zero() });
    entry.total += 1;
    entry.byKind[kind] += 1;
    byKind[kind] += 1;
    total += 1;
  }
  return { from: period.from, to: period.to, total, byKind, byParty };
}
