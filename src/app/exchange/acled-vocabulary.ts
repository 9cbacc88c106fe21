/**
 * ACLED's event types and sub-event types, and how they meet our observation vocabularies
 * (docs/ARCHITECTURE.md "Exchange formats"). The tables are the documentation; README.md in this
 * folder explains the choices.
 *
 * ACLED codes an event where it happened and what kind of political violence it was; an
 * observation records what a reporter saw or heard. The two overlap on fire and explosions and
 * on troop movements; protests, riots, arrests and the like are outside what a ceasefire
 * mission observes, so they are not imported (they are counted as "excluded", not as errors).
 */
import type { Direction, EventKind, Observation, WeaponKind } from '../../domain/observation/types.js';

/** ACLED's six event types and their sub-event types (ACLED codebook). */
export const ACLED_EVENT_TYPES = {
  Battles: ['Armed clash', 'Government regains territory', 'Non-state actor overtakes territory'],
  'Explosions/Remote violence': ['Chemical weapon', 'Air/drone strike', 'Suicide bomb', 'Shelling/artillery/missile attack', 'Remote explosive/landmine/IED', 'Grenade'],
  'Violence against civilians': ['Sexual violence', 'Attack', 'Abduction/forced disappearance'],
  Protests: ['Peaceful protest', 'Protest with intervention', 'Excessive force against protesters'],
  Riots: ['Violent demonstration', 'Mob violence'],
  'Strategic developments': [
    'Agreement',
    'Arrests',
    'Change to group/activity',
    'Disrupted weapons use',
    'Headquarters or base established',
    'Looting/property destruction',
    'Non-violent transfer of territory',
    'Other',
  ],
} as const satisfies Record<string, readonly string[]>;

export type AcledEventType = keyof typeof ACLED_EVENT_TYPES;

/** Case, spacing and the protesters/protestors spelling do not matter when reading a file. */
function key(s: string): string {
  return s.trim().toLowerCase().replace(/\s+/g, ' ').replace('protestors', 'protesters');
}

const KNOWN = new Map<string, { type: AcledEventType; sub: string }>();
for (const [type, subs] of Object.entries(ACLED_EVENT_TYPES) as [AcledEventType, readonly string[]][]) {
  for (const sub of subs) KNOWN.set(`${key(type)}|${key(sub)}`, { type, sub });
}

export interface ObservedKind {
  readonly event: EventKind;
  readonly weapon: WeaponKind;
  readonly direction: Direction;
}

const EXPLOSION: ObservedKind = { event: 'explosion', weapon: 'undetermined', direction: 'impact' };
const CLASH: ObservedKind = { event: 'small_arms_burst', weapon: 'undetermined', direction: 'undetermined' };
const TROOPS: ObservedKind = { event: 'troop_presence', weapon: 'undetermined', direction: 'undetermined' };

/**
 * Import: ACLED (event type, sub-event type) → what an observation records. ACLED does not say
 * which weapon (its "Shelling/artillery/missile attack" lumps guns, rockets and missiles; "Air/
 * drone strike" lumps aircraft and drones), so the weapon is `undetermined`; the explosion is
 * where ACLED puts the event, so the direction is `impact`. Pairs not listed are excluded.
 */
export const ACLED_IMPORT: Readonly<Record<string, ObservedKind>> = {
  'Explosions/Remote violence|Shelling/artillery/missile attack': EXPLOSION,
  'Explosions/Remote violence|Air/drone strike': EXPLOSION,
  'Explosions/Remote violence|Remote explosive/landmine/IED': EXPLOSION,
  'Explosions/Remote violence|Grenade': EXPLOSION,
  'Explosions/Remote violence|Suicide bomb': EXPLOSION,
  'Explosions/Remote violence|Chemical weapon': EXPLOSION,
  'Battles|Armed clash': CLASH,
  'Battles|Government regains territory': TROOPS,
  'Battles|Non-state actor overtakes territory': TROOPS,
  'Strategic developments|Headquarters or base established': TROOPS,
  'Strategic developments|Non-violent transfer of territory': TROOPS,
};

export type AcledLookup =
  | { readonly kind: 'mapped'; readonly type: AcledEventType; readonly sub: string; readonly observed: ObservedKind }
  | { readonly kind: 'outside'; readonly type: AcledEventType; readonly sub: string }
  | { readonly kind: 'unknown' };

/** What an ACLED row's event type and sub-event type become. */
export function lookupAcled(eventType: string, subEventType: string): AcledLookup {
  const found = KNOWN.get(`${key(eventType)}|${key(subEventType)}`);
  if (!found) return { kind: 'unknown' };
  const observed = ACLED_IMPORT[`${found.type}|${found.sub}`];
  return observed ? { kind: 'mapped', ...found, observed } : { kind: 'outside', ...found };
}

const AIR: readonly WeaponKind[] = ['drone', 'aircraft', 'helicopter'];
const SMALL_ARMS: readonly WeaponKind[] = ['small_arms', 'heavy_machine_gun'];
const FIRE: readonly EventKind[] = ['explosion', 'projectile_in_flight', 'muzzle_flash'];

/**
 * Export: an observation → ACLED (event type, sub-event type).
 *
 * | observation                                        | ACLED                                                         |
 * | -------------------------------------------------- | ------------------------------------------------------------- |
 * | explosion, projectile_in_flight, muzzle_flash by   |                                                               |
 * |   drone, aircraft, helicopter                      | Explosions/Remote violence · Air/drone strike                 |
 * |   grenade_launcher                                 | Explosions/Remote violence · Grenade                          |
 * |   small_arms, heavy_machine_gun                    | Battles · Armed clash                                         |
 * |   any other weapon, or undetermined                | Explosions/Remote violence · Shelling/artillery/missile attack |
 * | small_arms_burst, small_arms_shot                  | Battles · Armed clash                                         |
 * | illumination_flare, weapon_sighting, troop_presence,| Strategic developments · Other                               |
 * |   aircraft, vessel, restriction                    |                                                               |
 */
export function acledKindOf(o: Pick<Observation, 'event' | 'weapon'>): { type: AcledEventType; sub: string } {
  if (FIRE.includes(o.event)) {
    if (AIR.includes(o.weapon)) return { type: 'Explosions/Remote violence', sub: 'Air/drone strike' };
    if (o.weapon === 'grenade_launcher') return { type: 'Explosions/Remote violence', sub: 'Grenade' };
    if (SMALL_ARMS.includes(o.weapon)) return { type: 'Battles', sub: 'Armed clash' };
    return { type: 'Explosions/Remote violence', sub: 'Shelling/artillery/missile attack' };
  }
  if (o.event === 'small_arms_burst' || o.event === 'small_arms_shot') return { type: 'Battles', sub: 'Armed clash' };
  return { type: 'Strategic developments', sub: 'Other' };
}
