/**
 * Counting incidents per cell of a regular longitude/latitude grid, for the dashboard's low zooms
 * (GET /api/v1/incidents/grid, src/server/routes/incidents-grid.ts). The counts come from an
 * in-memory column copy of the incidents' filter fields, loaded from Store.incidentColumns and
 * then followed by the ledger index of each incident's last change: unlike observations,
 * incidents change (fusion upserts a new snapshot, the workflow moves the status, a merge makes
 * one incident an alias of another), so a changed incident overwrites its slot and an absorbed
 * one frees it. A store without the column read is counted from pages of the list query.
 *
 * An incident is counted in the cell of its location (the centre of its 90 % disc); the list's
 * `bbox` selects incidents whose disc meets the box, the grid those whose centre lies in it.
 */
import type { IncidentColumnsPage, IncidentColumnsRow, IncidentQuery, Store } from '../store/port.js';
import { gridSpan } from './observation-grid.js';

export type IncidentGridQuery = Pick<
  IncidentQuery,
  'from' | 'to' | 'statuses' | 'parties' | 'provision' | 'events' | 'weapons'
> & {
  readonly bbox: readonly [number, number, number, number];
  /** Cell size in degrees, both axes. */
  readonly cell: number;
  readonly visibleTo: NonNullable<IncidentQuery['visibleTo']>;
};

export interface IncidentGridCell {
  /** Column and row of the cell in the global grid: west edge = -180 + gx × cell. */
  readonly gx: number;
  readonly gy: number;
  readonly count: number;
  /** Mean location of the incidents counted, where the map draws the cell's symbol. */
  readonly lon: number;
  readonly lat: number;
  /** The counts by verification status. */
  readonly statuses: Record<string, number>;
}

/** A string → small integer dictionary (statuses, parties, kinds), code 0 meaning "none". */
class Codes {
  readonly names: string[] = [''];
  private readonly byName = new Map<string, number>();
  code(name: string | null | undefined): number {
    if (name === null || name === undefined) return 0;
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
  /** A membership mask of `wanted` over the codes, or null when `wanted` does not filter. */
  mask(wanted: readonly string[] | undefined): Uint8Array | null {
    if (!wanted || wanted.length === 0) return null;
    const m = new Uint8Array(this.names.length);
    for (const w of wanted) {
      const c = this.find(w);
      if (c !== undefined) m[c] = 1;
    }
    return m;
  }
}

const VISIBILITY = { public: 0, mission: 1, 'party-confidential': 2 } as const;
const NO_CODES = new Uint16Array(0);
const CHUNK = 20_000;

/**
 * The incidents' filter columns in typed arrays, one slot per live incident (a freed slot is
 * reused). `sync` brings it to the store's current incidents; `grid` counts in one pass.
 */
export class IncidentColumns {
  private n = 0;
  private live = 0;
  /** Ledger index of the last change loaded; the first entry of a ledger has index 0. */
  private through = -1;
  private syncedAt = -1;
  private syncing: Promise<void> | null = null;
  private readonly slotOf = new Map<string, number>();
  private readonly free: number[] = [];
  private alive = new Uint8Array(0);
  private lon = new Float64Array(0);
  private lat = new Float64Array(0);
  private tFrom = new Float64Array(0);
  private tTo = new Float64Array(0);
  private status = new Uint16Array(0);
  private visibility = new Uint8Array(0);
  private party = new Uint16Array(0);
  private attributed = new Uint16Array(0);
  private weapon = new Uint16Array(0);
  /** Per slot: the codes of its event kinds, and of its matched provisions' ids and kinds. */
  private readonly eventsOf: Uint16Array[] = [];
  private readonly provisionsOf: Uint16Array[] = [];
  private readonly statuses = new Codes();
  private readonly parties = new Codes();
  private readonly weapons = new Codes();
  private readonly eventKinds = new Codes();
  private readonly provisions = new Codes();

  constructor(
    private readonly read: (afterLedgerIndex: number, limit: number) => Promise<IncidentColumnsPage>,
  ) {}

  /** Live incidents held. */
  get size(): number {
    return this.live;
  }

  /**
   * Loads the changes since the last sync. `version` is the ledger size the caller read: every
   * change it may answer about is committed, so reading until the store reports no more covers
   * it. Big loads yield to the event loop between pages.
   */
  async sync(version: number): Promise<void> {
    while (this.syncedAt < version) {
      if (!this.syncing) {
        this.syncing = this.loadChanges(version).finally(() => (this.syncing = null));
      }
      await this.syncing;
    }
  }

  private async loadChanges(version: number): Promise<void> {
    for (;;) {
      const page = await this.read(this.through, CHUNK);
      for (const id of page.absorbed) this.remove(id);
      for (const row of page.changed) this.put(row);
      this.through = Math.max(this.through, page.through);
      if (!page.more) break;
      await new Promise((resolve) => setImmediate(resolve));
    }
    this.syncedAt = Math.max(this.syncedAt, version);
  }

  private remove(id: string): void {
    const i = this.slotOf.get(id);
    if (i === undefined) return;
    this.slotOf.delete(id);
    this.alive[i] = 0;
    this.eventsOf[i] = NO_CODES;
    this.provisionsOf[i] = NO_CODES;
    this.free.push(i);
    this.live--;
  }

  private put(row: IncidentColumnsRow): void {
    const [, id, lon, lat, tFrom, tTo, status, visibility, party, attributed, weapon, events, provisions] = row;
    let i = this.slotOf.get(id);
    if (i === undefined) {
      i = this.free.pop();
      if (i === undefined) {
        if (this.n === this.lon.length) this.grow(Math.max(1024, Math.ceil(this.n * 1.5)));
        i = this.n++;
      }
      this.slotOf.set(id, i);
      this.live++;
    }
    this.alive[i] = 1;
    this.lon[i] = lon;
    this.lat[i] = lat;
    this.tFrom[i] = tFrom;
    this.tTo[i] = tTo;
    this.status[i] = this.statuses.code(status);
    this.visibility[i] =
      VISIBILITY[visibility as keyof typeof VISIBILITY] ?? VISIBILITY['party-confidential'];
    this.party[i] = this.parties.code(party);
    this.attributed[i] = this.parties.code(attributed);
    this.weapon[i] = this.weapons.code(weapon);
    this.eventsOf[i] = Uint16Array.from(events, (e) => this.eventKinds.code(e));
    this.provisionsOf[i] = Uint16Array.from(provisions, (p) => this.provisions.code(p));
  }

  private grow(capacity: number): void {
    const copy = <T extends Float64Array | Uint16Array | Uint8Array>(a: T, make: (k: number) => T): T => {
      const b = make(capacity);
      b.set(a.subarray(0, this.n));
      return b;
    };
    this.alive = copy(this.alive, (k) => new Uint8Array(k));
    this.lon = copy(this.lon, (k) => new Float64Array(k));
    this.lat = copy(this.lat, (k) => new Float64Array(k));
    this.tFrom = copy(this.tFrom, (k) => new Float64Array(k));
    this.tTo = copy(this.tTo, (k) => new Float64Array(k));
    this.status = copy(this.status, (k) => new Uint16Array(k));
    this.visibility = copy(this.visibility, (k) => new Uint8Array(k));
    this.party = copy(this.party, (k) => new Uint16Array(k));
    this.attributed = copy(this.attributed, (k) => new Uint16Array(k));
    this.weapon = copy(this.weapon, (k) => new Uint16Array(k));
  }

  /** The cells of `q.bbox` holding at least one incident that matches `q`, row by row. */
  grid(q: IncidentGridQuery): IncidentGridCell[] {
    const { gx0, gy0, nx, ny } = gridSpan(q.bbox, q.cell);
    const [west, south, east, north] = q.bbox;
    const statusMask = this.statuses.mask(q.statuses);
    const partyMask = this.parties.mask(q.parties);
    const weaponMask = this.weapons.mask(q.weapons);
    const eventMask = this.eventKinds.mask(q.events);
    // A provision id or kind nobody was matched to: code -1 matches nothing.
    const provision = q.provision === undefined ? null : (this.provisions.find(q.provision) ?? -1);
    const from = q.from ? Date.parse(q.from) : -Infinity;
    const to = q.to ? Date.parse(q.to) : Infinity;
    // Compartment: the mission sees all; a party the public incidents and its own confidential
    // ones; everyone else the public ones (as the list query, src/store/*/incidents-reader.ts).
    const mission = q.visibleTo.mission;
    const party = q.visibleTo.party === null ? -1 : (this.parties.find(q.visibleTo.party) ?? -1);
    const kinds = this.statuses.names.length;
    const count = new Uint32Array(nx * ny);
    const sumLon = new Float64Array(nx * ny);
    const sumLat = new Float64Array(nx * ny);
    const byStatus = new Uint32Array(nx * ny * kinds);
    const { alive, lon, lat, tFrom, tTo, status, visibility, attributed, weapon } = this;
    const partyOf = this.party;
    const x0 = -180 + gx0 * q.cell;
    const y0 = -90 + gy0 * q.cell;
    const inv = 1 / q.cell;
    for (let i = 0; i < this.n; i++) {
      if (alive[i] !== 1) continue;
      const x = lon[i]!;
      const y = lat[i]!;
      if (x < west || x > east || y < south || y > north) continue;
      if (tTo[i]! < from || tFrom[i]! > to) continue;
      if (!mission) {
        const v = visibility[i]!;
        if (v !== VISIBILITY.public && !(v === VISIBILITY['party-confidential'] && partyOf[i] === party)) continue;
      }
      if (statusMask && statusMask[status[i]!] !== 1) continue;
      if (partyMask && partyMask[attributed[i]!] !== 1) continue;
      if (weaponMask && weaponMask[weapon[i]!] !== 1) continue;
      if (eventMask && !this.eventsOf[i]!.some((e) => eventMask[e] === 1)) continue;
      if (provision !== null && !this.provisionsOf[i]!.includes(provision)) continue;
      const cx = Math.max(0, Math.min(nx - 1, Math.floor((x - x0) * inv)));
      const cy = Math.max(0, Math.min(ny - 1, Math.floor((y - y0) * inv)));
      const k = cy * nx + cx;
      count[k]!++;
      sumLon[k]! += x;
      sumLat[k]! += y;
      byStatus[k * kinds + status[i]!]!++;
    }
    const cells: IncidentGridCell[] = [];
    for (let k = 0; k < count.length; k++) {
      const c = count[k]!;
      if (c === 0) continue;
      const statuses: Record<string, number> = {};
      for (let s = 1; s < kinds; s++)
        if (byStatus[k * kinds + s]! > 0) statuses[this.statuses.names[s]!] = byStatus[k * kinds + s]!;
      cells.push({
        gx: gx0 + (k % nx),
        gy: gy0 + Math.floor(k / nx),
        count: c,
        lon: sumLon[k]! / c,
        lat: sumLat[k]! / c,
        statuses,
      });
    }
    return cells;
  }
}

const shared = new WeakMap<Store, IncidentColumns>();

/** The one column copy of a store's incidents; null when the store has no column read. */
export function incidentColumnsOf(store: Store): IncidentColumns | null {
  const read = store.incidentColumns?.bind(store);
  if (!read) return null;
  let c = shared.get(store);
  if (!c) {
    c = new IncidentColumns(read);
    shared.set(store, c);
  }
  return c;
}

/**
 * The grid for a store without Store.incidentColumns: the same counts from pages of the list
 * query with the caller's filters (slower, and held only for this answer).
 */
export async function incidentGridFromPages(store: Store, q: IncidentGridQuery): Promise<IncidentGridCell[]> {
  const rows: IncidentColumnsRow[] = [];
  if (store.queryIncidents) {
    let cursor: string | undefined;
    do {
      const page = await store.queryIncidents({
        bbox: q.bbox,
        from: q.from,
        to: q.to,
        statuses: q.statuses,
        parties: q.parties,
        provision: q.provision,
        events: q.events,
        weapons: q.weapons,
        visibleTo: q.visibleTo,
        cursor,
        limit: 5000,
      });
      for (const s of page.items) {
        const inc = s.incident;
        const matched = s.assessment.provisions.flatMap((m) => [m.provisionId, m.kind]);
        rows.push([
          rows.length + 1,
          inc.id,
          inc.location[0],
          inc.location[1],
          Date.parse(inc.window.from),
          Date.parse(inc.window.to),
          s.status,
          s.visibility,
          s.party,
          s.assessment.attribution.party,
          inc.weapon,
          inc.events,
          [...new Set(matched)],
        ]);
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }
  const columns = new IncidentColumns(async () => ({ changed: rows, absorbed: [], through: rows.length, more: false }));
  await columns.sync(0);
  return columns.grid(q);
}
