import type { LedgerEvent } from '../../../app/events/event.js';
import { observationExtent, observationPoint } from '../../../domain/observation/place.js';
import type { Observation } from '../../../domain/observation/types.js';
import { observedWindow } from '../../../domain/observation/types.js';
import type { StateArea } from './area.js';

/** The R*Tree's time unit (see the migration). */
export const MINUTE_MS = 60_000;

/** Mission metadata (agreement, log origin, key) and observations. */
export const coreArea: StateArea = {
  name: 'core',
  migrations: [
    {
      area: 'core',
      version: 1,
      name: 'meta, observations, sealed events',
      sql: `
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        -- The observation itself is not copied here: it is in its ledger entry (or, sealed, in
        -- sealed_events), found by ledger_idx. The row holds what queries filter and sort by.
        CREATE TABLE observations (
          rid INTEGER PRIMARY KEY,
          id TEXT NOT NULL UNIQUE,
          digest TEXT NOT NULL,
          event TEXT NOT NULL,
          weapon TEXT NOT NULL,
          source_kind TEXT NOT NULL,
          source_id TEXT NOT NULL,
          party TEXT,
          visibility TEXT NOT NULL,
          t_from INTEGER NOT NULL,
          t_to INTEGER NOT NULL,
          lon REAL NOT NULL,
          lat REAL NOT NULL,
          received_at TEXT NOT NULL,
          ledger_idx INTEGER NOT NULL
        );
        -- Place and time: the R*Tree keeps 32-bit floats and rounds outward, so it is a
        -- conservative prefilter; time is in minutes since 1970, exact filters use t_from/t_to.
        CREATE VIRTUAL TABLE observations_rtree USING rtree(rid, min_lon, max_lon, min_lat, max_lat, min_t, max_t);
        CREATE TABLE sealed_events (idx INTEGER PRIMARY KEY, salt BLOB NOT NULL, content TEXT NOT NULL);
        CREATE TABLE documents (sha256 TEXT PRIMARY KEY, media_type TEXT NOT NULL, body BLOB NOT NULL);
      `,
    },
  ],
  tables: ['meta', 'observations_rtree', 'observations'],
  keys: { meta: 'key', observations_rtree: 'rid', observations: 'id' },
  appliers(db) {
    const insertObservation = db.prepare(
      `INSERT INTO observations (id, digest, event, weapon, source_kind, source_id, party, visibility,
         t_from, t_to, lon, lat, received_at, ledger_idx)
       VALUES (@id, @digest, @event, @weapon, @source_kind, @source_id, @party, @visibility,
         @t_from, @t_to, @lon, @lat, @received_at, @ledger_idx)`,
    );
    const insertRtree = db.prepare('INSERT INTO observations_rtree (rid, min_lon, max_lon, min_lat, max_lat, min_t, max_t) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const putMeta = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
    const getDocument = db.prepare('SELECT body FROM documents WHERE sha256 = ?').pluck();
    return {
      'observation.stored': (event: LedgerEvent, index: number) => {
        const { observation: o, digest, receivedAt } = event.data as { observation: Observation; digest: string; receivedAt: string };
        const w = observedWindow(o);
        const [lon, lat] = observationPoint(o);
        const info = insertObservation.run({
          id: o.id,
          digest,
          event: o.event,
          weapon: o.weapon,
          source_kind: o.source.kind,
          source_id: o.source.id,
          party: o.source.party ?? null,
          visibility: o.visibility ?? 'mission',
          t_from: Date.parse(w.from),
          t_to: Date.parse(w.to),
          lon,
          lat,
          received_at: receivedAt,
          ledger_idx: index,
        });
        const [west, south, east, north] = observationExtent(o);
        insertRtree.run(info.lastInsertRowid, west, east, south, north, Math.floor(Date.parse(w.from) / MINUTE_MS), Math.ceil(Date.parse(w.to) / MINUTE_MS));
      },
      'agreement.bound': (event: LedgerEvent, index: number) => {
        const { digest } = event.data as { digest: string };
        const body = getDocument.get(digest) as Buffer | undefined;
        if (!body) throw new Error(`ledger entry ${index} binds agreement ${digest}, but the document store does not hold it`);
        putMeta.run('agreement', body.toString('utf8'));
        putMeta.run('agreement_digest', digest);
      },
      'mission.created': (event: LedgerEvent) => {
        const d = event.data as { origin: string; publicKey: string };
        putMeta.run('origin', d.origin);
        putMeta.run('mission_public_key', d.publicKey);
      },
    };
  },
};
