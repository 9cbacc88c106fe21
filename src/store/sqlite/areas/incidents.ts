import type { LedgerEvent } from '../../../app/events/event.js';
import { canonicalJson } from '../../../domain/canonical-json.js';
import type { IncidentEventData } from '../../port.js';
import type { StateArea } from './area.js';
import { MINUTE_MS } from './core.js';

/**
 * Incidents: what fusion made of the observations (src/app/fusion). Every row is written by the
 * appliers of `incident.opened`, `incident.updated`, `incident.merged` and `incident.split`;
 * each event carries the incident's whole snapshot (engine snapshot plus assessment), so an
 * applier upserts it and the order of earlier events does not matter for its row.
 *
 * - `incidents`: one row per live id; `snapshot` is the JSON {incident, assessment}; the other
 *   columns are what queries filter by. `status` starts 'reported' and is left alone by fusion
 *   (the verification workflow will move it).
 * - `incident_aliases`: ids merged into another incident, pointing at the id that absorbed them.
 * - `incident_provisions`: the provisions matched, for filtering by provision.
 * - `incidents_rtree`: the 90 % disc's bounds and the time window (minutes since 1970), as
 *   observations_rtree does for observations (core.ts).
 */
export const incidentArea: StateArea = {
  name: 'incidents',
  migrations: [
    {
      area: 'incidents',
      version: 1,
      name: 'incidents, aliases, matched provisions, place-time index',
      sql: `
        CREATE TABLE incidents (
          rid INTEGER PRIMARY KEY,
          id TEXT NOT NULL UNIQUE,
          snapshot TEXT NOT NULL,
          lon REAL NOT NULL,
          lat REAL NOT NULL,
          radius90_m REAL NOT NULL,
          t_from INTEGER NOT NULL,
          t_to INTEGER NOT NULL,
          status TEXT NOT NULL DEFAULT 'reported',
          visibility TEXT NOT NULL,
          party TEXT,
          attributed_party TEXT NOT NULL,
          opened_ledger_idx INTEGER NOT NULL,
          updated_ledger_idx INTEGER NOT NULL
        );
        CREATE INDEX incidents_attributed ON incidents (attributed_party);
        CREATE TABLE incident_aliases (
          alias TEXT PRIMARY KEY,
          incident_id TEXT NOT NULL,
          ledger_idx INTEGER NOT NULL
        );
        CREATE INDEX incident_aliases_target ON incident_aliases (incident_id);
        CREATE TABLE incident_provisions (
          incident_id TEXT NOT NULL,
          provision_id TEXT NOT NULL,
          kind TEXT NOT NULL,
          confidence REAL NOT NULL,
          PRIMARY KEY (incident_id, provision_id)
        );
        CREATE INDEX incident_provisions_id ON incident_provisions (provision_id);
        CREATE INDEX incident_provisions_kind ON incident_provisions (kind);
        CREATE VIRTUAL TABLE incidents_rtree USING rtree(rid, min_lon, max_lon, min_lat, max_lat, min_t, max_t);
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
  tables: ['incidents_rtree', 'incident_provisions', 'incident_aliases', 'incidents'],
  keys: {
    incidents_rtree: 'rid',
    incident_provisions: "incident_id || ' ' || provision_id",
    incident_aliases: 'alias',
    incidents: 'id',
  },
  appliers(db) {
    const s = {
      upsert: db.prepare(
        `INSERT INTO incidents (id, snapshot, lon, lat, radius90_m, t_from, t_to, visibility, party,
           attributed_party, opened_ledger_idx, updated_ledger_idx)
         VALUES (@id, @snapshot, @lon, @lat, @radius, @tFrom, @tTo, @visibility, @party,
           @attributed, @index, @index)
         ON CONFLICT (id) DO UPDATE SET snapshot = excluded.snapshot, lon = excluded.lon,
           lat = excluded.lat, radius90_m = excluded.radius90_m, t_from = excluded.t_from,
           t_to = excluded.t_to, visibility = excluded.visibility, party = excluded.party,
           attributed_party = excluded.attributed_party,
           updated_ledger_idx = excluded.updated_ledger_idx
         RETURNING rid`,
      ),
      ridOf: db.prepare('SELECT rid FROM incidents WHERE id = ?').pluck(),
      deleteIncident: db.prepare('DELETE FROM incidents WHERE id = ?'),
      deleteRtree: db.prepare('DELETE FROM incidents_rtree WHERE rid = ?'),
      insertRtree: db.prepare(
        'INSERT INTO incidents_rtree (rid, min_lon, max_lon, min_lat, max_lat, min_t, max_t) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      deleteProvisions: db.prepare('DELETE FROM incident_provisions WHERE incident_id = ?'),
      insertProvision: db.prepare(
        'INSERT INTO incident_provisions (incident_id, provision_id, kind, confidence) VALUES (?, ?, ?, ?)',
      ),
      // An alias keeps the ledger index of the event that first pointed it at its current target.
      putAlias: db.prepare(
        `INSERT INTO incident_aliases (alias, incident_id, ledger_idx) VALUES (?, ?, ?)
         ON CONFLICT (alias) DO UPDATE SET incident_id = excluded.incident_id, ledger_idx = excluded.ledger_idx
         WHERE incident_aliases.incident_id <> excluded.incident_id`,
      ),
      deleteAlias: db.prepare('DELETE FROM incident_aliases WHERE alias = ?'),
      retarget: db.prepare('UPDATE incident_aliases SET incident_id = ?, ledger_idx = ? WHERE incident_id = ?'),
    };

    const remove = (id: string): void => {
      const rid = s.ridOf.get(id) as number | undefined;
      if (rid === undefined) return;
      s.deleteRtree.run(rid);
      s.deleteProvisions.run(id);
      s.deleteIncident.run(id);
    };

    const upsert = (e: LedgerEvent, index: number): IncidentEventData => {
      const d = e.data as unknown as IncidentEventData;
      const inc = d.incident;
      if (!inc || typeof inc.id !== 'string') throw new Error(`${e.type} at ${index}: no incident snapshot`);
      const [lon, lat] = inc.location;
      const tFrom = Date.parse(inc.window.from);
      const tTo = Date.parse(inc.window.to);
      const { rid } = s.upsert.get({
        id: inc.id,
        // Canonical JSON: a replay reads the event back from its leaf with its keys sorted.
        snapshot: canonicalJson({ incident: inc, assessment: d.assessment }),
        lon,
        lat,
        radius: inc.radius90M,
        tFrom,
        tTo,
        visibility: d.visibility,
        party: d.party ?? null,
        attributed: d.assessment.attribution.party,
        index,
      }) as { rid: number };
      // The 90 % disc's bounds, padded by 1 % (a geodesic circle's extreme longitude is off east).
      const dLat = (inc.radius90M * 1.01) / 111_320;
      const dLon = dLat / Math.max(0.01, Math.cos((lat * Math.PI) / 180));
      s.deleteRtree.run(rid);
      s.insertRtree.run(rid, lon - dLon, lon + dLon, lat - dLat, lat + dLat, Math.floor(tFrom / MINUTE_MS), Math.ceil(tTo / MINUTE_MS));
      s.deleteProvisions.run(inc.id);
      for (const m of d.assessment.provisions) s.insertProvision.run(inc.id, m.provisionId, m.kind, m.confidence);
      // An id that was an alias and is live again (a split reclaims it) is no longer an alias.
      s.deleteAlias.run(inc.id);
      for (const a of inc.aliases) s.putAlias.run(a, inc.id, index);
      return d;
    };

    return {
      'incident.opened': (e, index) => void upsert(e, index),
      'incident.updated': (e, index) => void upsert(e, index),
      'incident.split': (e, index) => void upsert(e, index),
      'incident.merged': (e, index) => {
        const d = e.data as unknown as IncidentEventData;
        if (typeof d.absorbedId !== 'string') throw new Error(`incident.merged at ${index}: no absorbedId`);
        remove(d.absorbedId);
        s.retarget.run(d.incident.id, index, d.absorbedId);
        upsert(e, index);
        s.putAlias.run(d.absorbedId, d.incident.id, index);
      },
    };
  },
};
