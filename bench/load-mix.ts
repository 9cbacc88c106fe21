/**
 * The request mix of the load benchmark (bench/load.ts): what a live mission's clients send, in a
 * fixed proportion per cycle of ten requests.
 *
 *   intake  2 of 10  POST /api/v1/observations, a batch of reports (default INTAKE_BATCH, as a
 *                    field monitor's app sends a few at a time) of the last minutes from places
 *                    near the demo line of contact, fresh ids every time
 *   map     6 of 10  the dashboard's map: the grid over the theatre (zoom 5.6) and over a region
 *                    (zoom 7), observation lists over zoom 10 and zoom 12 views of the last 7 days,
 *                    incidents over a zoom 8 view and over the theatre
 *   reports 2 of 10  GET /api/v1/reports (the list) and the published daily report as JSON
 *
 * Places and views are drawn from a seeded generator, so two runs send the same kinds of
 * requests in the same order.
 */
import { DEMO_AGREEMENT_FILE, readAgreementFile } from '../src/app/mission.js';

export type RequestKind = 'intake' | 'map' | 'reports';

/** One slot of the cycle: its kind, a label for the breakdown, and how to make the request. */
export interface MixSlot {
  readonly kind: RequestKind;
  readonly label: string;
  make(): { method: 'GET' | 'POST'; path: string; body?: string };
}

/** Reports per intake batch, unless the options say otherwise. */
export const INTAKE_BATCH = 5;
type Lonlat = readonly [number, number];
type Bbox = readonly [number, number, number, number];

/** The box a `w × h` px MapLibre map (512 px tiles, Web Mercator) shows around `center` at `zoom`. */
export function mapBox(center: Lonlat, zoom: number, w = 1280, h = 800): Bbox {
  const world = 512 * 2 ** zoom;
  const x = ((center[0] + 180) / 360) * world;
  const y = ((1 - Math.log(Math.tan(Math.PI / 4 + (center[1] * Math.PI) / 360)) / Math.PI) / 2) * world;
  const lon = (px: number) => (px / world) * 360 - 180;
  const lat = (py: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * py) / world))) * 180) / Math.PI;
  return [lon(x - w / 2), lat(y + h / 2), lon(x + w / 2), lat(y - h / 2)];
}

const boxParam = (b: Bbox) => b.map((v) => v.toFixed(3)).join(',');
const THEATRE: Lonlat = [35.6, 48.2];

/** A linear congruential generator: deterministic, good enough to spread places and views. */
function seeded(seed: number): () => number {
  let x = seed >>> 0;
  return () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32;
}

/** A point within about ±`spreadDeg` of a vertex of the demo agreement's line of contact. */
function nearLine(line: readonly Lonlat[], rnd: () => number, spreadDeg: number): Lonlat {
  const v = line[Math.floor(rnd() * line.length)]!;
  return [v[0] + (rnd() - 0.5) * 2 * spreadDeg, v[1] + (rnd() - 0.5) * 2 * spreadDeg];
}

const EVENTS = [
  { event: 'explosion', weapon: 'undetermined', direction: 'impact' },
  { event: 'explosion', weapon: 'artillery', direction: 'outgoing' },
  { event: 'explosion', weapon: 'mortar', direction: 'impact' },
  { event: 'small_arms_burst', weapon: 'small_arms', direction: 'undetermined' },
  { event: 'projectile_in_flight', weapon: 'mlrs', direction: 'in_flight' },
] as const;

export interface MixOptions {
  /** Seed of the places and views (a client process per server uses its own). */
  readonly seed: number;
  /** Prefix of the observation ids, unique per client process and run. */
  readonly idPrefix: string;
  /** The date (YYYY-MM-DD) of the published daily report the report reads ask for. */
  readonly reportDate: string;
  /** Reports per intake batch (default INTAKE_BATCH). */
  readonly batch?: number;
  /** Wall clock in ms (times of new reports and of the map's 7-day window). */
  readonly now?: () => number;
}

/** One batch of `n` observation reports of the last minutes from places near the line. */
export function observationBatch(line: readonly Lonlat[], rnd: () => number, ids: () => string, n: number, nowMs: number): unknown[] {
  return Array.from({ length: n }, () => {
    const [lon, lat] = nearLine(line, rnd, 0.08);
    const to = nowMs - 60_000 - Math.floor(rnd() * 4 * 60_000);
    const e = EVENTS[Math.floor(rnd() * EVENTS.length)]!;
    const from = Math.floor(rnd() * 16) * 22.5;
    return {
      id: ids(),
      source: { kind: 'monitor', id: `patrol-${1 + Math.floor(rnd() * 12)}` },
      observedAt: { from: new Date(to - 5 * 60_000).toISOString(), to: new Date(to).toISOString() },
      observer: { lat: Number(lat.toFixed(5)), lon: Number(lon.toFixed(5)), accuracyM: 15 },
      ...e,
      count: 1 + Math.floor(rnd() * 12),
      bearing: { fromDeg: from, toDeg: from + 22.5 },
      distanceKm: { min: 2, max: 2 + Math.floor(rnd() * 6) },
    };
  });
}

/** The demo agreement's line of contact, [lon, lat] vertices. */
export function demoLine(): Lonlat[] {
  return readAgreementFile(DEMO_AGREEMENT_FILE).agreement.lineOfContact.map((p) => [p[0]!, p[1]!] as const);
}

/** The ten slots of one cycle, in the order a client connection sends them. */
export function mixCycle(opts: MixOptions): MixSlot[] {
  const line = demoLine();
  const rnd = seeded(opts.seed);
  const now = opts.now ?? Date.now;
  const batch = opts.batch ?? INTAKE_BATCH;
  let n = 0;
  const ids = () => `${opts.idPrefix}-${(n++).toString(36)}`;
  const week = () => {
    const t = now();
    return `from=${new Date(t - 7 * 86_400_000).toISOString()}&to=${new Date(t).toISOString()}`;
  };
  const intake: MixSlot = {
    kind: 'intake',
    label: `POST /api/v1/observations (${batch} per batch)`,
    make: () => ({ method: 'POST', path: '/api/v1/observations', body: JSON.stringify(observationBatch(line, rnd, ids, batch, now())) }),
  };
  const get = (kind: RequestKind, label: string, path: () => string): MixSlot => ({ kind, label, make: () => ({ method: 'GET', path: path() }) });
  const theatre = () => mapBox([THEATRE[0] + (rnd() - 0.5) * 4, THEATRE[1] + (rnd() - 0.5) * 2], 5.6);
  return [
    intake,
    get('map', 'grid, zoom 5.6', () => `/api/v1/observations/grid?bbox=${boxParam(theatre())}&cell=0.5`),
    get('map', 'grid, zoom 7', () => `/api/v1/observations/grid?bbox=${boxParam(mapBox(nearLine(line, rnd, 0.3), 7))}&cell=0.125`),
    get('map', 'observations, zoom 10, 7 days', () => `/api/v1/observations?bbox=${boxParam(mapBox(nearLine(line, rnd, 0.05), 10))}&${week()}&limit=5000`),
    get('reports', 'reports list', () => '/api/v1/reports'),
    intake,
    get('map', 'observations, zoom 12, 7 days', () => `/api/v1/observations?bbox=${boxParam(mapBox(nearLine(line, rnd, 0.05), 12))}&${week()}&limit=5000`),
    get('map', 'incidents, zoom 8, 7 days', () => `/api/v1/incidents?bbox=${boxParam(mapBox(nearLine(line, rnd, 0.2), 8))}&${week()}&limit=500`),
    get('map', 'incidents, theatre, 7 days', () => `/api/v1/incidents?bbox=${boxParam(theatre())}&${week()}&limit=500`),
    get('reports', 'published daily report (JSON)', () => `/api/v1/reports/${opts.reportDate}?kind=daily&format=json`),
  ];
}

/** The mix as one line, for the output. */
export function describeMix(batch = INTAKE_BATCH): string {
  const slots = mixCycle({ seed: 1, idPrefix: 'x', reportDate: '2026-01-01', batch });
  const share = (k: RequestKind) => `${(slots.filter((s) => s.kind === k).length / slots.length) * 100} %`;
  return `intake ${share('intake')} (batches of ${batch} reports), map ${share('map')}, reports ${share('reports')}`;
}
