/**
 * Store.queryIncidents and Store.getIncident for PostgreSQL: the incidents area's rows
 * (src/store/postgres/areas/incidents.ts), with the same filters, order, cursor and answers as the
 * SQLite adapter's (src/store/sqlite/incidents-reader.ts). Every value reaches PostgreSQL as a
 * parameter; only fixed fragments are concatenated.
 */
import type { IncidentQuery, Page, StoredIncident } from '../port.js';
import type { Queryable } from './connection.js';

interface IncidentRow {
  rid: number;
  snapshot: string;
  status: string;
  visibility: StoredIncident['visibility'];
  party: string | null;
  updated_ledger_idx: number;
}

const INCIDENT_COLUMNS = 'i.rid, i.snapshot, i.status, i.visibility, i.party, i.updated_ledger_idx';

/**
 * SELECT for one page of `q` in rid order, one row more than `q.limit` so the caller knows whether
 * a next page exists.
 *
 * - bbox / from / to: the `&&` match the area's GiST indexes (place box and window range
 *   together, or the window range alone); the exact comparisons on the columns then decide, as
 *   SQLite's R*Tree query and its millisecond checks do. A missing bound is an open range. SQLite
 *   joins its R*Tree with the whole world as the box when only a time is given, which every
 *   incident meets (its centre is a valid longitude and latitude), so no box is asked for here.
 * - statuses, parties, weapons, events: any of the listed values; an empty list does not filter.
 * - provision: a provision id or a provision kind the incident was matched to.
 * - visibleTo without mission rights: public incidents, plus a party's own confidential ones.
 */
export function incidentPageSql(q: IncidentQuery): { text: string; values: unknown[] } {
  const where: string[] = [];
  const values: unknown[] = [];
  const param = (v: unknown) => {
    values.push(v);
    return `$${values.length}`;
  };
  if (q.bbox) {
    const [west, south, east, north] = q.bbox.map((v) => `${param(v)}::float8`) as [string, string, string, string];
    where.push(
      `box(point(i.min_lon, i.min_lat), point(i.max_lon, i.max_lat)) && box(point(${west}, ${south}), point(${east}, ${north}))`,
      `i.max_lon >= ${west} AND i.min_lon <= ${east} AND i.max_lat >= ${south} AND i.min_lat <= ${north}`,
    );
  }
  if (q.from || q.to) {
    const from = q.from ? `${param(instantMs(q.from, 'from'))}::bigint` : 'NULL::bigint';
    const to = q.to ? `${param(instantMs(q.to, 'to'))}::bigint` : 'NULL::bigint';
    where.push(`int8range(i.t_from, i.t_to, '[]') && int8range(${from}, ${to}, '[]')`);
    if (q.from) where.push(`i.t_to >= ${from}`);
    if (q.to) where.push(`i.t_from <= ${to}`);
  }
  const anyOf = (expression: string, list: readonly string[] | undefined) => {
    if (list && list.length > 0) where.push(`${expression} = ANY(${param([...list])}::text[])`);
  };
  anyOf('i.status', q.statuses);
  anyOf('i.attributed_party', q.parties);
  anyOf("(i.snapshot::jsonb #>> '{incident,weapon}')", q.weapons);
  if (q.events && q.events.length > 0) {
    where.push(
      `EXISTS (SELECT 1 FROM jsonb_array_elements(i.snapshot::jsonb #> '{incident,events}') e WHERE e #>> '{}' = ANY(${param([...q.events])}::text[]))`,
    );
  }
  if (q.provision) {
    const p = param(q.provision);
    where.push(`EXISTS (SELECT 1 FROM incident_provisions p WHERE p.incident_id = i.id AND (p.provision_id = ${p} OR p.kind = ${p}))`);
  }
  if (q.visibleTo && !q.visibleTo.mission) {
    if (q.visibleTo.party) where.push(`(i.visibility = 'public' OR (i.visibility = 'party-confidential' AND i.party = ${param(q.visibleTo.party)}))`);
    else where.push("i.visibility = 'public'");
  }
  if (q.cursor) where.push(`i.rid > ${param(decodeIncidentCursor(q.cursor))}::bigint`);
  const text = `SELECT ${INCIDENT_COLUMNS} FROM incidents i
    ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY i.rid LIMIT ${param(q.limit + 1)}::bigint`;
  return { text, values };
}

export async function queryIncidents(db: Queryable, q: IncidentQuery): Promise<Page<StoredIncident>> {
  const { rows } = await db.query<IncidentRow>(incidentPageSql(q));
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(toStoredIncident),
    nextCursor: rows.length > q.limit && last ? Buffer.from(`i:${last.rid}`).toString('base64url') : null,
  };
}

/** An incident by its id or by an id merged into it (an alias), or null. */
export async function readIncident(db: Queryable, idOrAlias: string): Promise<StoredIncident | null> {
  // A live id wins over an alias of the same text (a split can reclaim an absorbed id).
  const { rows } = await db.query<IncidentRow>({
    name: 'truceline_incidents_read',
    text: `SELECT ${INCIDENT_COLUMNS} FROM incidents i WHERE i.id = $1
      UNION ALL
      SELECT ${INCIDENT_COLUMNS} FROM incident_aliases a JOIN incidents i ON i.id = a.incident_id
        WHERE a.alias = $1 AND NOT EXISTS (SELECT 1 FROM incidents l WHERE l.id = $1)`,
    values: [idOrAlias],
  });
  return rows[0] ? toStoredIncident(rows[0]) : null;
}

function toStoredIncident(row: IncidentRow): StoredIncident {
  const { incident, assessment } = JSON.parse(row.snapshot) as Pick<StoredIncident, 'incident' | 'assessment'>;
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

function instantMs(text: string, what: string): number {
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new Error(`${what} '${text}' is not an ISO 8601 instant`);
  return ms;
}
