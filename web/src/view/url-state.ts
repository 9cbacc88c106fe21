/**
 * The view a link reproduces, kept in the page's query string:
 *
 *   ?c=<lon>,<lat>&z=<zoom>&from=<ISO instant>&to=<ISO instant>&event=<kind,…>&weapon=<kind,…>
 *
 * Absent or invalid parameters take the defaults (a hand-edited link still opens); unknown
 * kinds are dropped. An empty kind list means "all kinds". Pure: no window, no history.
 */
import {
  EVENT_KINDS,
  isEventKind,
  isWeaponKind,
  WEAPON_KINDS,
  type EventKind,
  type WeaponKind,
} from '../api/vocabulary.js';

export interface View {
  /** [lon, lat] in degrees. */
  readonly center: readonly [number, number];
  readonly zoom: number;
  /** The time window shown on the map, ISO instants; null = unbounded on that side. */
  readonly from: string | null;
  readonly to: string | null;
  /** Event kinds shown; empty = all. */
  readonly events: readonly EventKind[];
  /** Weapon classes shown; empty = all. */
  readonly weapons: readonly WeaponKind[];
}

/** Eastern Ukraine, where the demo agreement's line of contact runs. */
export const DEFAULT_VIEW: View = {
  center: [35.6, 48.2],
  zoom: 5.6,
  from: null,
  to: null,
  events: [],
  weapons: [],
};

export const MIN_ZOOM = 1;
export const MAX_ZOOM = 16;

export function parseView(search: string, defaults: View = DEFAULT_VIEW): View {
  const p = new URLSearchParams(search);
  return {
    center: parseCenter(p.get('c')) ?? defaults.center,
    zoom: parseZoom(p.get('z')) ?? defaults.zoom,
    from: parseInstant(p.get('from')) ?? defaults.from,
    to: parseInstant(p.get('to')) ?? defaults.to,
    events: parseKinds(p.get('event'), isEventKind, EVENT_KINDS.length) ?? defaults.events,
    weapons: parseKinds(p.get('weapon'), isWeaponKind, WEAPON_KINDS.length) ?? defaults.weapons,
  };
}

/** The query string (with `?`, or '' when everything is default) that `parseView` reads back as `v`. */
export function serialiseView(v: View): string {
  const p = new URLSearchParams();
  p.set('c', `${round(v.center[0], 4)},${round(v.center[1], 4)}`);
  p.set('z', String(round(v.zoom, 2)));
  if (v.from) p.set('from', v.from);
  if (v.to) p.set('to', v.to);
  if (v.events.length > 0) p.set('event', [...v.events].sort().join(','));
  if (v.weapons.length > 0) p.set('weapon', [...v.weapons].sort().join(','));
  // Commas are legal in a query and keep links readable.
  return `?${p.toString().replace(/%2C/g, ',')}`;
}

function round(v: number, places: number): number {
  const k = 10 ** places;
  return Math.round(v * k) / k;
}

function parseCenter(s: string | null): [number, number] | null {
  if (!s) return null;
  const parts = s.split(',');
  if (parts.length !== 2) return null;
  const [lon, lat] = parts.map(Number) as [number, number];
  if (
    !Number.isFinite(lon) ||
    !Number.isFinite(lat) ||
    lon < -180 ||
    lon > 180 ||
    lat < -85 ||
    lat > 85
  )
    return null;
  return [lon, lat];
}

function parseZoom(s: string | null): number | null {
  if (s === null || s.trim() === '') return null;
  const z = Number(s);
  return Number.isFinite(z) ? Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, z)) : null;
}

function parseInstant(s: string | null): string | null {
  if (!s || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(s))
    return null;
  const ms = Date.parse(s);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

function parseKinds<K extends string>(
  s: string | null,
  known: (x: string) => x is K,
  all: number,
): K[] | null {
  if (s === null) return null;
  const kinds = [
    ...new Set(
      s
        .split(',')
        .map((x) => x.trim())
        .filter(known),
    ),
  ];
  // Every kind listed is the same as none listed: "all".
  return kinds.length === all ? [] : kinds;
}
