/**
 * Counting observations per cell of a regular longitude/latitude grid, for the dashboard's low
 * zooms (GET /api/v1/observations/grid, src/server/routes/observations-grid.ts). The counts come
 * from an in-memory column copy of the observations' filter fields (point, time window, kinds,
 * compartment), loaded once from Store.observationColumns and then followed by row id as the
 * ledger grows (observation rows are only ever added), so a count over a million rows is one pass
 * over typed arrays. A store without the column read is counted from pages of the list query.
 */
import { observationPoint } from '../domain/observation/place.js';
import { observedWindow } from '../domain/observation/types.js';
import type { ObservationColumnsRow, ObservationQuery, Store } from '../store/port.js';

/** At most this many cells in one answer (256 × 256). */
export const MAX_GRID_CELLS = 65_536;
/** Without `cell`, the box is cut into about this many columns (a power-of-two cell size). */
const DEFAULT_COLUMNS = 64;

export type GridQuery = Pick<
  ObservationQuery,
  'from' | 'to' | 'events' | 'weapons' | 'sourceKinds'
> & {
  readonly bbox: readonly [number, number, number, number];
  readonly cell: number;
  readonly visibleTo: NonNullable<ObservationQuery['visibleTo']>;
};

export interface GridCell {
  /** Column and row of the cell in the global grid: west edge = -180 + gx × cell. */
  readonly gx: number;
  readonly gy: number;
  readonly count: number;
  /** Mean point of the observations counted, where the map draws the cell's symbol. */
  readonly lon: number;
  readonly lat: number;
  readonly events: Record<string, number>;
}

/** The default cell: the power of two (in degrees) that cuts the box's width into at most 64 columns. */
export function defaultCell(bbox: readonly [number, number, number, number]): number {
  const width = Math.max(bbox[2] - bbox[0], 1e-9);
  return Math.min(32, Math.max(1 / 4096, 2 ** Math.ceil(Math.log2(width / DEFAULT_COLUMNS))));
}

/** Column/row span of the box on the global grid of `cell` degrees. */
export function gridSpan(bbox: readonly [number, number, number, number], cell: number) {
  const gx0 = Math.floor((bbox[0] + 180) / cell);
  const gy0 = Math.floor((bbox[1] + 90) / cell);
  const nx = Math.floor((bbox[2] + 180) / cell) - gx0 + 1;
  const ny = Math.floor((bbox[3] + 90) / cell) - gy0 + 1;
  return { gx0, gy0, nx, ny };
}

/** A string → small integer dictionary (kinds, parties), code 0 meaning "none". */
class Codes {
  readonly names: string[] = [''];
  private readonly byName = new Map<string, number>();
  code(name: string | null): number {
    if (name === null) return 0;
    let c = this.byName.get(name);
    if (c === undefined) {
      c = this.names.length;
      this.names.push(name);
      this.byName.set(name, c);
    }
    return c;
  }
  find(name: string): number | undefined {
    return this.byName.get(name);
  }
}

const VISIBILITY = { public: 0, mission: 1, 'party-confidential': 2 } as const;
const CHUNK = 20_000;

/**
 * The observations' filter columns in typed arrays, grown as rows arrive. `sync` brings it to
 * the store's current rows; `grid` counts in one pass.
 */
export class ObservationColumns {
  private n = 0;
  private lastRid = 0;
  private syncedAt = -1;
  private syncing: Promise<void> | null = null;
  private lon = new Float64Array(0);
  private lat = new Float64Array(0);
  private tFrom = new Float64Array(0);
  private tTo = new Float64Array(0);
  private event = new Uint16Array(0);
  private weapon = new Uint16Array(0);
  private source = new Uint16Array(0);
  private visibility = new Uint8Array(0);
  private party = new Uint16Array(0);
  private readonly events = new Codes();
  private readonly weapons = new Codes();
  private readonly sources = new Codes();
  private readonly parties = new Codes();

  constructor(
    private readonly read: (
      afterRid: number,
      limit: number,
    ) => Promise<readonly ObservationColumnsRow[]>,
  ) {}

  get size(): number {
    return this.n;
  }

  /**
   * Loads the rows added since the last sync. `version` is the ledger size the caller read:
   * every row it may answer about is committed, so loading until the store has no more rows
   * covers it. Big loads yield to the event loop between chunks.
   */
  async sync(version: number): Promise<void> {
    while (this.syncedAt < version) {
      if (!this.syncing) {
        this.syncing = this.loadNew(version).finally(() => (this.syncing = null));
      }
      await this.syncing;
    }
  }

  private async loadNew(version: number): Promise<void> {
    for (;;) {
      const rows = await this.read(this.lastRid, CHUNK);
      this.append(rows);
      if (rows.length < CHUNK) break;
      await new Promise((resolve) => setImmediate(resolve));
    }
    this.syncedAt = Math.max(this.syncedAt, version);
  }

  private append(rows: readonly ObservationColumnsRow[]): void {
    if (rows.length === 0) return;
    if (this.n + rows.length > this.lon.length)
      this.grow(Math.max(1024, (this.n + rows.length) * 1.5));
    for (const [rid, lon, lat, tFrom, tTo, event, weapon, source, visibility, party] of rows) {
      const i = this.n++;
      this.lon[i] = lon;
      this.lat[i] = lat;
      this.tFrom[i] = tFrom;
      this.tTo[i] = tTo;
      this.event[i] = this.events.code(event);
      this.weapon[i] = this.weapons.code(weapon);
      this.source[i] = this.sources.code(source);
      this.visibility[i] =
        VISIBILITY[visibility as keyof typeof VISIBILITY] ?? VISIBILITY['party-confidential'];
      this.party[i] = this.parties.code(party);
      this.lastRid = rid;
    }
  }

  private grow(capacity: number): void {
    const c = Math.ceil(capacity);
    const copy = <T extends Float64Array | Uint16Array | Uint8Array>(
      a: T,
      make: (n: number) => T,
    ): T => {
      const b = make(c);
      b.set(a.subarray(0, this.n));
      return b;
    };
    this.lon = copy(this.lon, (k) => new Float64Array(k));
    this.lat = copy(this.lat, (k) => new Float64Array(k));
    this.tFrom = copy(this.tFrom, (k) => new Float64Array(k));
    this.tTo = copy(this.tTo, (k) => new Float64Array(k));
    this.event = copy(this.event, (k) => new Uint16Array(k));
    this.weapon = copy(this.weapon, (k) => new Uint16Array(k));
    this.source = copy(this.source, (k) => new Uint16Array(k));
    this.visibility = copy(this.visibility, (k) => new Uint8Array(k));
    this.party = copy(this.party, (k) => new Uint16Array(k));
  }

  /** The cells of `q.bbox` holding at least one observation that matches `q`, row by row. */
  grid(q: GridQuery): GridCell[] {
    const { gx0, gy0, nx, ny } = gridSpan(q.bbox, q.cell);
    const [west, south, east, north] = q.bbox;
    const mask = (codes: Codes, wanted: readonly string[] | undefined): Uint8Array | null => {
      if (!wanted || wanted.length === 0) return null;
      const m = new Uint8Array(codes.names.length);
      for (const w of wanted) {
        const c = codes.find(w);
        if (c !== undefined) m[c] = 1;
      }
      return m;
    };
    const eventMask = mask(this.events, q.events);
    const weaponMask = mask(this.weapons, q.weapons);
    const sourceMask = mask(this.sources, q.sourceKinds);
    const from = q.from ? Date.parse(q.from) : -Infinity;
    const to = q.to ? Date.parse(q.to) : Infinity;
    // Compartment: the mission sees all; a party its own filings and the public ones; others public only.
    const mission = q.visibleTo.mission;
    const party = q.visibleTo.party === null ? -1 : (this.parties.find(q.visibleTo.party) ?? -1);
    const kinds = this.events.names.length;
    const count = new Uint32Array(nx * ny);
    const sumLon = new Float64Array(nx * ny);
    const sumLat = new Float64Array(nx * ny);
    const byEvent = new Uint32Array(nx * ny * kinds);
    const { lon, lat, tFrom, tTo, event, weapon, source, visibility } = this;
    const partyOf = this.party;
    const timed = from > -Infinity || to < Infinity;
    // Cell of a point: its offset from the grid origin of the box times 1/cell, rounded down
    // (and clamped, against rounding at the box's edges).
    const x0 = -180 + gx0 * q.cell;
    const y0 = -90 + gy0 * q.cell;
    const inv = 1 / q.cell;
    for (let i = 0; i < this.n; i++) {
      const x = lon[i]!;
      const y = lat[i]!;
      if (x < west || x > east || y < south || y > north) continue;
      if (timed && (tTo[i]! < from || tFrom[i]! > to)) continue;
      if (!mission && visibility[i] !== VISIBILITY.public && partyOf[i] !== party) continue;
      const e = event[i]!;
      if (eventMask && eventMask[e] !== 1) continue;
      if (weaponMask && weaponMask[weapon[i]!] !== 1) continue;
      if (sourceMask && sourceMask[source[i]!] !== 1) continue;
      const cx = Math.max(0, Math.min(nx - 1, Math.floor((x - x0) * inv)));
      const cy = Math.max(0, Math.min(ny - 1, Math.floor((y - y0) * inv)));
      const k = cy * nx + cx;
      count[k]!++;
      sumLon[k]! += x;
      sumLat[k]! += y;
      byEvent[k * kinds + e]!++;
    }
    const cells: GridCell[] = [];
    for (let k = 0; k < count.length; k++) {
      const c = count[k]!;
      if (c === 0) continue;
      const events: Record<string, number> = {};
      for (let e = 1; e < kinds; e++)
        if (byEvent[k * kinds + e]! > 0) events[this.events.names[e]!] = byEvent[k * kinds + e]!;
      cells.push({
        gx: gx0 + (k % nx),
        gy: gy0 + Math.floor(k / nx),
        count: c,
        lon: sumLon[k]! / c,
        lat: sumLat[k]! / c,
        events,
      });
    }
    return cells;
  }

  /**
   * Calls `visit` with the time window (ms) of every observation matching `q`, in row order: the
   * one pass the time histogram counts in. Same filters and compartments as `grid`.
   */
  eachWindow(q: ColumnFilter, visit: (from: number, to: number) => void): void {
    const [west, south, east, north] = q.bbox ?? [-180, -90, 180, 90];
    const mask = (codes: Codes, wanted: readonly string[] | undefined): Uint8Array | null => {
      if (!wanted || wanted.length === 0) return null;
      const m = new Uint8Array(codes.names.length);
      for (const w of wanted) {
        const c = codes.find(w);
        if (c !== undefined) m[c] = 1;
      }
      return m;
    };
    const eventMask = mask(this.events, q.events);
    const weaponMask = mask(this.weapons, q.weapons);
    const sourceMask = mask(this.sources, q.sourceKinds);
    const from = q.from ? Date.parse(q.from) : -Infinity;
    const to = q.to ? Date.parse(q.to) : Infinity;
    const mission = q.visibleTo.mission;
    const party = q.visibleTo.party === null ? -1 : (this.parties.find(q.visibleTo.party) ?? -1);
    const { lon, lat, tFrom, tTo, event, weapon, source, visibility } = this;
    const partyOf = this.party;
    for (let i = 0; i < this.n; i++) {
      const x = lon[i]!;
      const y = lat[i]!;
      if (x < west || x > east || y < south || y > north) continue;
      const a = tFrom[i]!;
      const b = tTo[i]!;
      if (b < from || a > to) continue;
      if (!mission && visibility[i] !== VISIBILITY.public && partyOf[i] !== party) continue;
      if (eventMask && eventMask[event[i]!] !== 1) continue;
      if (weaponMask && weaponMask[weapon[i]!] !== 1) continue;
      if (sourceMask && sourceMask[source[i]!] !== 1) continue;
      visit(a, b);
    }
  }
}

/**
 * Which observations a column scan counts: the grid's filters without the box's cells (`bbox`
 * optional: the whole world).
 */
export type ColumnFilter = Omit<GridQuery, 'bbox' | 'cell'> & {
  readonly bbox?: readonly [number, number, number, number];
};

const shared = new WeakMap<Store, ObservationColumns>();

/**
 * The one column copy of a store's observations, shared by the map grid and the time histogram
 * (src/app/time-histogram.ts), so the server holds the columns once; null when the store has no
 * column read.
 */
export function columnsOf(store: Store): ObservationColumns | null {
  const read = store.observationColumns?.bind(store);
  if (!read) return null;
  let c = shared.get(store);
  if (!c) {
    c = new ObservationColumns(read);
    shared.set(store, c);
  }
  return c;
}

/**
 * The grid for a store without Store.observationColumns: the same counts from pages of the list
 * query (slower; the PostgreSQL adapter until it has the column read).
 */
export async function gridFromPages(store: Store, q: GridQuery): Promise<GridCell[]> {
  const rows: ObservationColumnsRow[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.queryObservations({
      bbox: q.bbox,
      from: q.from,
      to: q.to,
      events: q.events,
      weapons: q.weapons,
      sourceKinds: q.sourceKinds,
      visibleTo: q.visibleTo,
      cursor,
      limit: 5000,
    });
    for (const s of page.items) {
      const o = s.observation;
      const [lon, lat] = observationPoint(o);
      const w = observedWindow(o);
      rows.push([
        rows.length + 1,
        lon,
        lat,
        Date.parse(w.from),
        Date.parse(w.to),
        o.event,
        o.weapon,
        o.source.kind,
        o.visibility ?? 'mission',
        o.source.party ?? null,
      ]);
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  const columns = new ObservationColumns(async (after, limit) => rows.slice(after, after + limit));
  await columns.sync(0);
  return columns.grid(q);
}
