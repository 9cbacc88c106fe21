import type Database from 'better-sqlite3';
import type { ObservationColumnsRow } from '../port.js';

const statements = new WeakMap<Database.Database, Database.Statement>();

/**
 * Store.observationColumns for SQLite: the filter columns of the observations table only (no
 * ledger leaf, no JSON), as raw arrays, so loading a million rows into memory takes about a second.
 */
export function readObservationColumns(
  reader: Database.Database,
  afterRid: number,
  limit: number,
): ObservationColumnsRow[] {
  let stmt = statements.get(reader);
  if (!stmt) {
    stmt = reader
      .prepare(
        'SELECT rid, lon, lat, t_from, t_to, event, weapon, source_kind, visibility, party FROM observations WHERE rid > ? ORDER BY rid LIMIT ?',
      )
      .raw(true);
    statements.set(reader, stmt);
  }
  return stmt.all(afterRid, limit) as ObservationColumnsRow[];
}
