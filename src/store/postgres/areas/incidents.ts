import type { LedgerEvent } from '../../../app/events/event.js';
import { canonicalJson } from '../../../domain/canonical-json.js';
import type { IncidentEventData } from '../../port.js';
import type { PostgresStateArea } from './area.js';

/**
 * Incidents, the PostgreSQL twin of src/store/sqlite/areas/incidents.ts: the same event types
 * (`incident.opened|updated|merged|split`, each carrying the incident's whole snapshot) with the
 * same effects on `incidents`, `incident_aliases` and `incident_provisions`.
 *
 * Place and time indexes. SQLite keeps the 90 % disc's padded bounds in an R*Tree table; here
 * they are four columns of `incidents` (min_lon … max_lat), as the core area does for
 * observations, and two GiST indexes answer the map's filters:
 * - `incidents_place_time` on (`box(point(min_lon, min_lat), point(max_lon, max_lat))`,
 *   `int8range(t_from, t_to, '[]')`): a viewport, with or without a time window, in one descent,
 *   as SQLite's three-dimensional R*Tree does;
 * - `incidents_time` on the window range alone: a time window without a box (a GiST index is
 *   pruned mostly by its first column, so the multicolumn one does little for time alone).
 * GiST rather than btrees on lon, lat and time: a btree answers one range condition per scan,
 * while overlap of a box and of an interval needs both bounds in every dimension, which an
 * R-tree-like GiST prunes together. On 200,000 incidents over a year (one run on the development
 * machine, under load) a viewport and a day took 4 ms, a viewport alone 7 ms and six hours
 * without a box 20 ms, against 140-150 ms each with a sequential scan.
 * Without PostGIS, box and int8range are the built-in types with GiST operator classes. The
 * reader (incidents-reader.ts) then checks the columns exactly, since the geometric operators
 * compare with a 1e-6 tolerance.
 *
 * The bounds are rounded outward to single precision exactly as SQLite's R*Tree stores them
 * (rtreeValueDown/rtreeValueUp), so a box that touches an incident's edge selects the same
 * incidents on both adapters. The window needs no such copy: SQLite decides it on the exact
 * millisecond columns, which are here too.
 *
 * `rid` is SQLite's rowid: MAX(rid) + 1 at insert (writes are serialised by the ledger lock), kept
 * by an update, so the paging order and cursors are the SQLite adapter's, and a rowid freed by a
 * merge is taken again by the next new incident as SQLite does.
 */
export const incidentArea: PostgresStateArea = {
  name: 'incidents',
  migrations: [
    {
      area: 'incidents',
      version: 1,
      name: 'incidents, aliases, matched provisions, place-time index',
      sql: `
        CREATE TABLE incidents (
          rid BIGINT PRIMARY KEY,
          id TEXT NOT NULL UNIQUE,
          snapshot TEXT NOT NULL,
          lon DOUBLE PRECISION NOT NULL,
          lat DOUBLE PRECISION NOT NULL,
          radius90_m DOUBLE PRECISION NOT NULL,
          t_from BIGINT NOT NULL,
          t_to BIGINT NOT NULL,
          status TEXT NOT NULL DEFAULT 'reported',
          visibility TEXT NOT NULL,
          party TEXT,
          attributed_party TEXT NOT NULL,
          opened_ledger_idx BIGINT NOT NULL,
          updated_ledger_idx BIGINT NOT NULL,
          min_lon DOUBLE PRECISION NOT NULL,
          min_lat DOUBLE PRECISION NOT NULL,
          max_lon DOUBLE PRECISION NOT NULL,
          max_lat DOUBLE PRECISION NOT NULL
        );
        CREATE INDEX incidents_attributed ON incidents (attributed_party);
        CREATE INDEX incidents_status ON incidents (status);
        CREATE INDEX incidents_place_time ON incidents USING gist (
          box(point(min_lon, min_lat), point(max_lon, max_lat)),
          int8range(t_from, t_to, '[]')
        );
        CREATE INDEX incidents_time ON incidents USING gist (int8range(t_from, t_to, '[]'));
        CREATE TABLE incident_aliases (
          alias TEXT PRIMARY KEY,
          incident_id TEXT NOT NULL,
          ledger_idx BIGINT NOT NULL
        );
        CREATE INDEX incident_aliases_target ON incident_aliases (incident_id);
        CREATE TABLE incident_provisions (
          incident_id TEXT NOT NULL,
          provision_id TEXT NOT NULL,
          kind TEXT NOT NULL,
          confidence DOUBLE PRECISION NOT NULL,
          PRIMARY KEY (incident_id, provision_id)
        );
        CREATE INDEX incident_provisions_id ON incident_provisions (provision_id);
        CREATE INDEX incident_provisions_kind ON incident_provisions (kind);
      `,
    },
    {
      area: 'incidents',
      version: 2,
      name: 'incidents and aliases by the ledger index of their last change',
      // The map grid's column copy follows incidents by the ledger index of their last change
      // (incident-columns.ts): without these, each follow would scan every incident.
      sql: `
        CREATE INDEX incidents_updated ON incidents (updated_ledger_idx);
        CREATE INDEX incident_aliases_ledger ON incident_aliases (ledger_idx);
      `,
    },
  ],
  tables: ['incident_provisions', 'incident_aliases', 'incidents'],
  keys: {
    incident_provisions: "incident_id || ' ' || provision_id",
    incident_aliases: 'alias',
    incidents: 'id',
  },
  appliers(db) {
    const run = (name: string, text: string, values: unknown[]) => db.query({ name: `truceline_incidents_${name}`, text, values });
    // An alias keeps the ledger index of the event that first pointed it at its current target.
    const putAlias = (alias: string, target: string, index: number) =>
      run(
        'put_alias',
        `INSERT INTO incident_aliases (alias, incident_id, ledger_idx) VALUES ($1, $2, $3)
         ON CONFLICT (alias) DO UPDATE SET incident_id = excluded.incident_id, ledger_idx = excluded.ledger_idx
         WHERE incident_aliases.incident_id <> excluded.incident_id`,
        [alias, target, index],
      );
    const deleteProvisions = (id: string) => run('delete_provisions', 'DELETE FROM incident_provisions WHERE incident_id = $1', [id]);

    const upsert = async (e: LedgerEvent, index: number): Promise<void> => {
      const d = e.data as unknown as IncidentEventData;
      const inc = d.incident;
      if (!inc || typeof inc.id !== 'string') throw new Error(`${e.type} at ${index}: no incident snapshot`);
      const [west, south, east, north] = discBounds(inc.location, inc.radius90M);
      await run(
        'upsert',
        `INSERT INTO incidents (rid, id, snapshot, lon, lat, radius90_m, t_from, t_to, visibility, party,
           attributed_party, opened_ledger_idx, updated_ledger_idx, min_lon, min_lat, max_lon, max_lat)
         SELECT COALESCE(MAX(rid), 0) + 1, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, $12, $13, $14, $15 FROM incidents
         ON CONFLICT (id) DO UPDATE SET snapshot = excluded.snapshot, lon = excluded.lon,
           lat = excluded.lat, radius90_m = excluded.radius90_m, t_from = excluded.t_from,
           t_to = excluded.t_to, visibility = excluded.visibility, party = excluded.party,
           attributed_party = excluded.attributed_party,
           updated_ledger_idx = excluded.updated_ledger_idx, min_lon = excluded.min_lon,
           min_lat = excluded.min_lat, max_lon = excluded.max_lon, max_lat = excluded.max_lat`,
        [
          inc.id,
          // Canonical JSON: a replay reads the event back from its leaf with its keys sorted.
          canonicalJson({ incident: inc, assessment: d.assessment }),
          inc.location[0],
          inc.location[1],
          inc.radius90M,
          Date.parse(inc.window.from),
          Date.parse(inc.window.to),
          d.visibility,
          d.party ?? null,
          d.assessment.attribution.party,
          index,
          west,
          south,
          east,
          north,
        ],
      );
      await deleteProvisions(inc.id);
      const provisions = d.assessment.provisions;
      if (provisions.length > 0) {
        await run(
          'insert_provisions',
          `INSERT INTO incident_provisions (incident_id, provision_id, kind, confidence)
           SELECT $1, p, k, c FROM unnest($2::text[], $3::text[], $4::float8[]) AS t (p, k, c)`,
          [inc.id, provisions.map((m) => m.provisionId), provisions.map((m) => m.kind), provisions.map((m) => m.confidence)],
        );
      }
      // An id that was an alias and is live again (a split reclaims it) is no longer an alias.
      await run('delete_alias', 'DELETE FROM incident_aliases WHERE alias = $1', [inc.id]);
      for (const a of inc.aliases) await putAlias(a, inc.id, index);
    };

    return {
      'incident.opened': upsert,
      'incident.updated': upsert,
      'incident.split': upsert,
      'incident.merged': async (e, index) => {
        const d = e.data as unknown as IncidentEventData;
        if (typeof d.absorbedId !== 'string') throw new Error(`incident.merged at ${index}: no absorbedId`);
        await deleteProvisions(d.absorbedId);
        await run('delete_incident', 'DELETE FROM incidents WHERE id = $1', [d.absorbedId]);
        await run('retarget', 'UPDATE incident_aliases SET incident_id = $1, ledger_idx = $2 WHERE incident_id = $3', [d.incident.id, index, d.absorbedId]);
        await upsert(e, index);
        await putAlias(d.absorbedId, d.incident.id, index);
      },
    };
  },
};

/**
 * The 90 % disc's bounds [west, south, east, north] in degrees, padded by 1 % (a geodesic
 * circle's extreme longitude is off east), as SQLite's applier computes them, then rounded outward
 * to single precision as its R*Tree keeps them.
 */
export function discBounds([lon, lat]: readonly [number, number], radius90M: number): [number, number, number, number] {
  const dLat = (radius90M * 1.01) / 111_320;
  const dLon = dLat / Math.max(0.01, Math.cos((lat * Math.PI) / 180));
  return [float32Down(lon - dLon), float32Down(lat - dLat), float32Up(lon + dLon), float32Up(lat + dLat)];
}

// SQLite's rtree.c: RNDTOWARDS and RNDAWAY, one unit in the 23rd bit of a float's mantissa.
const RND_TOWARDS = 1 - 1 / 8388608;
const RND_AWAY = 1 + 1 / 8388608;

/** A single-precision value at or below `d` (rtreeValueDown). */
export function float32Down(d: number): number {
  const f = Math.fround(d);
  return f > d ? Math.fround(d * (d < 0 ? RND_AWAY : RND_TOWARDS)) : f;
}

/** A single-precision value at or above `d` (rtreeValueUp). */
export function float32Up(d: number): number {
  const f = Math.fround(d);
  return f < d ? Math.fround(d * (d < 0 ? RND_TOWARDS : RND_AWAY)) : f;
}
