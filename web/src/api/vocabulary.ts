/**
 * The exchange format's vocabularies (docs/ARCHITECTURE.md, "Exchange formats"), as the API
 * speaks them. Extended only by adding, never by renaming, so the web app may list them here.
 */
export const EVENT_KINDS = [
  'explosion',
  'projectile_in_flight',
  'muzzle_flash',
  'illumination_flare',
  'small_arms_burst',
  'small_arms_shot',
  'weapon_sighting',
  'troop_presence',
  'aircraft',
  'vessel',
  'restriction',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export const WEAPON_KINDS = [
  'undetermined',
  'small_arms',
  'heavy_machine_gun',
  'grenade_launcher',
  'mortar',
  'artillery',
  'tank',
  'anti_tank',
  'mlrs',
  'missile',
  'drone',
  'aircraft',
  'helicopter',
  'vessel',
] as const;
export type WeaponKind = (typeof WEAPON_KINDS)[number];

export const DIRECTIONS = ['impact', 'outgoing', 'in_flight', 'undetermined'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export const SOURCE_KINDS = ['monitor', 'sensor', 'party', 'osint'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export const ROLES = ['monitor', 'analyst', 'chief', 'liaison', 'guarantor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function isEventKind(s: string): s is EventKind {
  return (EVENT_KINDS as readonly string[]).includes(s);
}

export function isWeaponKind(s: string): s is WeaponKind {
  return (WEAPON_KINDS as readonly string[]).includes(s);
}
