/**
 * Store.queryIncidents and Store.getIncident for SQLite: the incidents area's rows
 * (src/store/sqlite/areas/incidents.ts), filtered through its R*Tree, provisions and the
 * snapshot's kinds, and returned as the snapshot the applier kept.
 */
import type Database from 'better-sqlite3';
import type { IncidentQuery, Page, StoredIncident } from '../port.js';
import { MINUTE_MS } from './areas/core.js';

export function queryIncidents(reader: Database.Database, q: IncidentQuery): Page<StoredIncident> {
  const where: string[] = [];
  const params: unknown[] = [];
  let from = 'incidents i';
  if (q.bbox || q.from || q.to) {
    from += ' JOIN incidents_rtree r ON r.rid = i.rid';
    const [west, south, east, north] = q.bbox ?? [-180, -90, 180, 90];
    where.push('r.max_lon >= ? AND r.min_lon <= ? AND r.max_lat >= ? AND r.min_lat <= ?');
    params.push(west, east, south, north);
    if (q.from) {
      where.push('r.max_t >= ? AND i.t_to >= ?');
      params.push(Math.floor(Date.parse(q.from) / MINUTE_MS), Date.parse(q.from));
    }
    if (q.to) {
      where.push('r.min_t <= ? AND i.t_from <= ?');
      params.push(Math.ceil(Date.parse(q.to) / MINUTE_MS), Date.parse(q.to));
    }
  }
  const inList = (column: string, values: readonly string[] | undefined) => {
    if (!values || values.length === 0) return;
    where.push(`${column} IN (${values.map(() => '?').join(', ')})`);
    params.push(...values);
  };
  inList('i.status', q.statuses);
  inList('i.attributed_party', q.parties);
  inList("json_extract(i.snapshot, '$.incident.weapon')", q.weapons);
  if (q.events && q.events.length > 0) {
    where.push(
      `EXISTS (SELECT 1 FROM json_each(i.snapshot, '$.incident.events') e WHERE e.value IN (${q.events.map(() => '?').join(', ')}))`,
    );
    params.push(...q.events);
  }
  if (q.provision) {
    where.push(
      'EXISTS (SELECT 1 FROM incident_provisions p WHERE p.incident_id = i.id AND (p.provision_id = ? OR p.kind = ?))',
    );
    params.push(q.provision, q.provision);
  }
  if (q.visibleTo && !q.visibleTo.mission) {
    if (q.visibleTo.party) {
      where.push(
        "(i.visibility = 'public' OR (i.visibility = 'party-confidential' AND i.party = ?))",
      );
      params.push(q.visibleTo.party);
    } else {
      where.push("i.visibility = 'public'");
    }
  }
  if (q.cursor) {
    where.push('i.rid > ?');
    params.push(decodeIncidentCursor(q.cursor));
  }
  const sql = `SELECT ${INCIDENT_COLUMNS} FROM ${from}
    ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY i.rid LIMIT ?`;
  params.push(q.limit + 1);
  const rows = reader.prepare(sql).all(...params) as IncidentRow[];
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(toStoredIncident),
    nextCursor:
      rows.length > q.limit && last ? Buffer.from(`i:${last.rid}`).toString('base64url') : null,
  };
}

/** An incident by its id or by an id merged into it (an alias), or null. */
export function readIncident(reader: Database.Database, idOrAlias: string): StoredIncident | null {
  const row = (reader
    .prepare(`SELECT ${INCIDENT_COLUMNS} FROM incidents i WHERE i.id = ?`)
    .get(idOrAlias) ??
    reader
      .prepare(
        `SELECT ${INCIDENT_COLUMNS} FROM incident_aliases a JOIN incidents i ON i.id = a.incident_id WHERE a.alias = ?`,
      )
      .get(idOrAlias)) as IncidentRow | undefined;
  return row ? toStoredIncident(row) : null;
}

interface IncidentRow {
  rid: number;
  snapshot: string;
  status: string;
  visibility: StoredIncident['visibility'];
  party: string | null;
  updated_ledger_idx: number;
}

const INCIDENT_COLUMNS = 'i.rid, i.snapshot, i.status, i.visibility, i.party, i.updated_ledger_idx';

function toStoredIncident(row: IncidentRow): StoredIncident {
  const { incident, assessment } = JSON.parse(row.snapshot) as Pick<
    StoredIncident,
    'incident' | 'assessment'
  >;
  return {
    incident,
    assessment,
    status: row.status,
    visibility: row.visibility,
    party: row.party,
    updatedLedgerIndex: row.updated_ledger_idx,
  };
}

function decodeIncidentCursor(cursor: string): number {
  const m = /^i:(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!m) throw new Error(`cursor '${cursor}' is not one this server issued`);
  return Number(m[1]);
}
