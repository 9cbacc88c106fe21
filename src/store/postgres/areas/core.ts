import type { LedgerEvent } from '../../../app/events/event.js';
import { canonicalJson } from '../../../domain/canonical-json.js';
import { observationExtent, observationPoint } from '../../../domain/observation/place.js';
import type { Observation } from '../../../domain/observation/types.js';
import { observedWindow } from '../../../domain/observation/types.js';
import type { PostgresStateArea } from './area.js';

/**
 * Mission metadata (agreement, log origin, key) and observations, as in the SQLite core area.
 *
 * Spatial index: no PostGIS. Each observation keeps its extent (observationExtent, degrees) in
 * four DOUBLE PRECISION columns, and a GiST index on the expression
 * `box(point(min_lon, min_lat), point(max_lon, max_lat))` answers bounding-box overlap (`&&`) the
 * way SQLite's R*Tree does. The query then checks the four columns exactly, since the geometric
 * operators compare with a 1e-6 tolerance.
 *
 * `rid` is SQLite's rowid, assigned as MAX(rid) + 1 by the applier: writes are serialised by the
 * ledger lock, so rids follow ledger order, a rolled-back write leaves no gap, and a rebuild or an
 * audit's replay numbers the rows exactly as the live path did.
 */
export const coreArea: PostgresStateArea = {
  name: 'core',
  migrations: [
    {
      area: 'core',
      version: 1,
      name: 'meta, observations, sealed events, documents',
      sql: `
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE observations (
          rid BIGINT PRIMARY KEY,
          id TEXT NOT NULL UNIQUE,
          digest TEXT NOT NULL,
          body TEXT NOT NULL,
          event TEXT NOT NULL,
          weapon TEXT NOT NULL,
          source_kind TEXT NOT NULL,
          source_id TEXT NOT NULL,
          party TEXT,
          visibility TEXT NOT NULL,
          t_from BIGINT NOT NULL,
          t_to BIGINT NOT NULL,
          lon DOUBLE PRECISION NOT NULL,
          lat DOUBLE PRECISION NOT NULL,
          min_lon DOUBLE PRECISION NOT NULL,
          min_lat DOUBLE PRECISION NOT NULL,
          max_lon DOUBLE PRECISION NOT NULL,
          max_lat DOUBLE PRECISION NOT NULL,
          received_at TEXT NOT NULL,
          ledger_idx BIGINT NOT NULL
        );
        CREATE INDEX observations_time ON observations (t_from, t_to);
        CREATE INDEX observations_extent ON observations USING gist (box(point(min_lon, min_lat), point(max_lon, max_lat)));
        CREATE TABLE sealed_events (idx BIGINT PRIMARY KEY, salt BYTEA NOT NULL, content TEXT NOT NULL);
        CREATE TABLE documents (sha256 TEXT PRIMARY KEY, media_type TEXT NOT NULL, body BYTEA NOT NULL);
      `,
    },
  ],
  tables: ['meta', 'observations'],
  keys: { meta: 'key', observations: 'id' },
  appliers(db) {
    const putMeta = (key: string, value: string) =>
      db.query({
        name: 'truceline_core_put_meta',
        text: 'INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
        values: [key, value],
      });
    return {
      'observation.stored': async (event: LedgerEvent, index: number) => {
        const { observation: o, digest, receivedAt } = event.data as { observation: Observation; digest: string; receivedAt: string };
        const w = observedWindow(o);
        const [lon, lat] = observationPoint(o);
        const [west, south, east, north] = observationExtent(o);
        await db.query({
          name: 'truceline_core_insert_observation',
          text: `INSERT INTO observations (rid, id, digest, body, event, weapon, source_kind, source_id, party, visibility,
              t_from, t_to, lon, lat, min_lon, min_lat, max_lon, max_lat, received_at, ledger_idx)
            SELECT COALESCE(MAX(rid), 0) + 1, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19
            FROM observations`,
          values: [
            o.id,
            digest,
            // Canonical, so the live path and a rebuild from the leaf write the same text.
            canonicalJson(o),
            o.event,
            o.weapon,
            o.source.kind,
            o.source.id,
            o.source.party ?? null,
            o.visibility ?? 'mission',
            Date.parse(w.from),
            Date.parse(w.to),
            lon,
            lat,
            west,
            south,
            east,
            north,
            receivedAt,
            index,
          ],
        });
      },
      'agreement.bound': async (event: LedgerEvent, index: number) => {
        const { digest } = event.data as { digest: string };
        const { rows } = await db.query<{ body: Buffer }>({ name: 'truceline_core_get_document', text: 'SELECT body FROM documents WHERE sha256 = $1', values: [digest] });
        const body = rows[0]?.body;
        if (!body) throw new Error(`ledger entry ${index} binds agreement ${digest}, but the document store does not hold it`);
        await putMeta('agreement', body.toString('utf8'));
        await putMeta('agreement_digest', digest);
      },
      'mission.created': async (event: LedgerEvent) => {
        const d = event.data as { origin: string; publicKey: string };
        await putMeta('origin', d.origin);
        await putMeta('mission_public_key', d.publicKey);
      },
    };
  },
};
